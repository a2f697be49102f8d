"""Long-format records and the pandas DataFrame built from them."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from gxgk_parse import Report, parse_report, to_frame
from gxgk_parse.batch import RECORD_FIELDS, error_record, parse_path_to_records, record_to_json

from .conftest import SEEDS, seed_path, seed_text

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [parse_report(seed_text(key), name=seed_path(key).name) for key in SEEDS]


def test_to_records_is_long_format(reports: list[Report]) -> None:
    for key, report in zip(SEEDS, reports, strict=True):
        text = seed_text(key)
        records = report.to_records()
        assert len(records) == len(report.observations)
        for rec, obs in zip(records, report.observations, strict=True):
            assert list(rec) == list(RECORD_FIELDS)
            assert (rec["indicator"], rec["value"], rec["origin"]) == (
                obs.indicator,
                obs.value,
                obs.origin,
            )
            assert text[rec["start"] : rec["end"]] == rec["raw"]
            assert rec["source"] == seed_path(key).name
            assert rec["year"] == report.metadata.year
            assert rec["template"] == report.template


def test_frame_columns_and_dtypes(reports: list[Report]) -> None:
    frame = to_frame(reports)
    assert len(frame) == sum(len(r.observations) for r in reports)
    columns = list(RECORD_FIELDS)
    columns.insert(columns.index("value") + 1, "value_float")
    assert list(frame.columns) == columns
    assert frame["value"].dtype == object
    assert frame["value_float"].dtype == "float64"
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["line"].dtype) == "Int64"
    # Values stay exact: int for counts, Decimal for money, None for blanks (never 0).
    kinds = {type(v) for v in frame["value"]}
    assert kinds <= {int, Decimal, type(None)}
    assert int in kinds and Decimal in kinds
    for exact, approx in zip(frame["value"], frame["value_float"], strict=True):
        if exact is None:
            assert approx != approx  # NaN
        else:
            assert approx == float(exact)


def test_frame_of_one_report(reports: list[Report]) -> None:
    frame = to_frame(reports[1])
    table = frame[frame.origin == "table"].set_index("indicator")["value"]
    assert table["proactive.total"] == 8359
    assert table["litigation.total"] == 9
    assert frame["value_float"].sum() == pytest.approx(
        sum(float(o.value) for o in reports[1].observations if o.value is not None)
    )


def test_frame_from_cli_records_equals_frame_from_reports(tmp_path: Path) -> None:
    # Records read back from JSON Lines (Decimals as strings) give the same frame.
    path = tmp_path / seed_path("000").name
    path.write_bytes(seed_path("000").read_bytes())
    lines = [record_to_json(r) for r in parse_path_to_records(path)]
    from_json = to_frame(json.loads(line) for line in lines)
    direct = to_frame(parse_report(seed_text("000"), name=str(path)))
    pd.testing.assert_frame_equal(from_json, direct)


def test_error_records_are_rows(reports: list[Report]) -> None:
    frame = to_frame([reports[0], error_record("bad.txt", "binary-input", "binary")])
    assert list(frame.columns)[-2:] == ["error", "message"]
    last = frame.iloc[-1]
    assert (last["source"], last["error"]) == ("bad.txt", "binary-input")
    assert pd.isna(last["value_float"]) and pd.isna(last["year"])
    assert frame["error"].notna().sum() == 1


def test_empty_input_gives_an_empty_frame() -> None:
    frame = to_frame([])
    assert len(frame) == 0
    assert "value_float" in frame.columns


def test_missing_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, reports: list[Report]
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "gxgk_parse\[pandas\]"'):
        to_frame(reports)
