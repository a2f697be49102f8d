"""Post-2019 reports, fixture by fixture, against the values their text prints.

Each ``tests/fixtures/post2019/<name>.txt`` has a ``<name>.json``:

- ``template``: the template the labels say (never the year, quirk 21);
- ``table``: cell id → value (``null`` for a blank or dash, a string for a ``Decimal``);
  with ``complete: true`` these are all the table values there are;
- ``units``: cell id → the unit recorded;
- ``unmapped``: the raw text of every unmapped number, in document order;
- ``findings``: code → exact count; ``no_findings``: codes that must not occur;
- ``derived``: id → value of a derived observation; ``not_derived``: ids that must not be.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxgk_parse import parse_report
from gxgk_parse.model import Report, Value

HERE = Path(__file__).parent / "fixtures" / "post2019"
CASES = sorted(p.stem for p in HERE.glob("*.json"))


def _load(name: str) -> tuple[str, dict[str, Any]]:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    expected: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text("utf-8"))
    return text, expected


def _value(raw: Any) -> Value:
    return Decimal(raw) if isinstance(raw, str) else raw


def _parse(name: str) -> tuple[str, dict[str, Any], Report]:
    text, expected = _load(name)
    return text, expected, parse_report(text)


def test_there_are_complete_reports_of_both_templates_in_several_layouts() -> None:
    layouts: dict[str, set[str]] = {"2019": set(), "2021": set()}
    for name in CASES:
        _, expected = _load(name)
        if expected.get("complete") and "layout" in expected:
            layouts[expected["template"]].add(expected["layout"])
    assert len(layouts["2019"]) >= 2 and len(layouts["2021"]) >= 2


@pytest.mark.parametrize("name", CASES)
def test_template(name: str) -> None:
    _, expected, report = _parse(name)
    assert report.template == expected["template"]


@pytest.mark.parametrize("name", CASES)
def test_table_values(name: str) -> None:
    _, expected, report = _parse(name)
    got = report.values(origin="table")
    want = {k: _value(v) for k, v in expected["table"].items()}
    wrong = {k: (v, got.get(k, "missing")) for k, v in want.items() if got.get(k, "missing") != v}
    assert wrong == {}
    if expected.get("complete"):
        assert set(got) == set(want), "no table value beyond the printed cells"
    for cell_id, value in want.items():
        if isinstance(value, Decimal):
            assert isinstance(got[cell_id], Decimal)


@pytest.mark.parametrize("name", CASES)
def test_units(name: str) -> None:
    _, expected, report = _parse(name)
    for cell_id, unit in expected.get("units", {}).items():
        assert report[cell_id].unit == unit


@pytest.mark.parametrize("name", CASES)
def test_unmapped(name: str) -> None:
    _, expected, report = _parse(name)
    assert [u.raw for u in report.unmapped] == expected.get("unmapped", [])


@pytest.mark.parametrize("name", CASES)
def test_findings(name: str) -> None:
    _, expected, report = _parse(name)
    for code, count in expected.get("findings", {}).items():
        assert len(report.findings_with(code)) == count, code
    for code in expected.get("no_findings", []):
        assert report.findings_with(code) == (), code


@pytest.mark.parametrize("name", CASES)
def test_derived(name: str) -> None:
    _, expected, report = _parse(name)
    derived = report.values(origin="derived")
    for indicator, value in expected.get("derived", {}).items():
        assert derived.get(indicator, "missing") == _value(value), indicator
    for indicator in expected.get("not_derived", []):
        assert indicator not in derived


@pytest.mark.parametrize("name", CASES)
def test_spans_point_at_the_printed_text(name: str) -> None:
    text, _, report = _parse(name)
    for obs in report.observations:
        assert text[obs.span[0] : obs.span[1]] == obs.raw
        assert text.count("\n", 0, obs.span[0]) + 1 == obs.line
    for cell in report.unmapped:
        assert text[cell.span[0] : cell.span[1]] == cell.raw


def test_broken_copy_names_the_broken_cells() -> None:
    _, expected, report = _parse("report2021_pipe_broken")
    mismatched = {i for f in report.findings_with("sum-mismatch") for i in f.indicators}
    assert set(expected["broken"]) <= mismatched
    assert all(f.severity == "error" for f in report.findings_with("sum-mismatch"))
    # The consistent original stays silent.
    _, _, original = _parse("report2021_pipe")
    assert original.findings_with("sum-mismatch") == ()
