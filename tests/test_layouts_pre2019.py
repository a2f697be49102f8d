"""Fixture files, one case each: the pre-2019 table in the layouts and damage of quirks.md.

- ``fixtures/tables/NAME.txt`` + ``NAME.json``: positive cases, values asserted.
- ``fixtures/negative/*.txt``: text that looks like a statistics table and must yield no
  observation (its numbers, if in a table region, go to ``unmapped``).
- ``fixtures/known_failures/``: cases we do not handle yet, kept visible as strict xfails.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxgk_parse import parse_report

from .conftest import FIXTURES

TABLES = sorted((FIXTURES / "tables").glob("*.txt"))
NEGATIVE = sorted((FIXTURES / "negative").glob("*.txt"))
KNOWN_FAILURES = sorted((FIXTURES / "known_failures").glob("*.txt"))


def _expected_value(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def _check_case(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    report = parse_report(text)
    assert report.template == spec["template"]
    table = {o.indicator: o for o in report.observations if o.origin == "table"}
    for indicator, value in spec["values"].items():
        assert indicator in table, f"{indicator} not found"
        assert table[indicator].value == _expected_value(value), indicator
    assert set(table) == set(spec["values"]), "no table value beyond the expected ones"
    for indicator, kind in spec.get("kinds", {}).items():
        assert table[indicator].kind == kind
    for obs in report.observations:
        assert text[obs.span[0] : obs.span[1]] == obs.raw
    codes = Counter(f.code for f in report.findings if f.code != "no-statistics")
    assert codes == Counter(spec["findings"])
    assert len(report.unmapped) == spec["unmapped"]


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_table_fixture(path: Path) -> None:
    _check_case(path)


@pytest.mark.parametrize("path", NEGATIVE, ids=[p.stem for p in NEGATIVE])
def test_negative_fixture_yields_no_table_value(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = parse_report(text)
    assert [o for o in report.observations if o.origin == "table"] == []
    assert report.errors == ()
    for cell in report.unmapped:
        assert text[cell.span[0] : cell.span[1]] == cell.raw


@pytest.mark.parametrize("path", KNOWN_FAILURES, ids=[p.stem for p in KNOWN_FAILURES])
@pytest.mark.xfail(strict=True, reason="known failure, see the case's json 'reason'")
def test_known_failure(path: Path) -> None:
    _check_case(path)


def test_title_right_above_a_pipe_table_stays_out_of_it() -> None:
    text = "\n".join(
        [
            "某市2016年政府信息公开工作年度报告",
            "| 统计指标 | 单位 | 统计数 |",
            "| (一)收到申请数 | 件 | 3 |",
            "| 1.当面申请数 | 件 | 3 |",
        ]
    )
    report = parse_report(text)
    assert report.metadata.title == "某市2016年政府信息公开工作年度报告"
    assert report.metadata.year == 2016
    assert report.tables[0].rows[0].cells[0].text == "统计指标"
    assert report["requests.received"].value == 3
