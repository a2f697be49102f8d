"""The two seed tables, value by value, against the careful reader's expected files."""

from __future__ import annotations

import pytest

from gxgk_parse import parse_report

from .conftest import expected, seed_text

TABLE_SEEDS = ("000", "001")


@pytest.mark.parametrize("key", TABLE_SEEDS)
def test_every_table_value(key: str) -> None:
    exp = expected(key)
    report = parse_report(seed_text(key))
    assert report.template == exp["template"]
    table = report.values(origin="table")
    assert len(exp["table"]) == 58
    wrong = {k: (v, table.get(k)) for k, v in exp["table"].items() if table.get(k) != v}
    assert wrong == {}
    assert set(table) == set(exp["table"]), "no table value beyond the expected ones"


@pytest.mark.parametrize("key", TABLE_SEEDS)
def test_units_as_printed(key: str) -> None:
    exp = expected(key)
    report = parse_report(seed_text(key))
    for indicator, unit in exp["units"].items():
        assert report.observations_of(indicator)[0].unit == unit
    # Every table value carries a unit (the printed one or the template's).
    assert all(o.unit for o in report.observations if o.origin == "table")


@pytest.mark.parametrize("key", TABLE_SEEDS)
def test_layout_detected(key: str) -> None:
    report = parse_report(seed_text(key))
    assert [t.layout for t in report.tables] == [expected(key)["table_layout"]]


@pytest.mark.parametrize("key", ("000", "001", "002", "003", "004"))
def test_spans_point_at_the_printed_text(key: str) -> None:
    text = seed_text(key)
    report = parse_report(text)
    for obs in report.observations:
        assert text[obs.span[0] : obs.span[1]] == obs.raw
        assert text.count("\n", 0, obs.span[0]) + 1 == obs.line
    for cell in report.unmapped:
        assert text[cell.span[0] : cell.span[1]] == cell.raw
    for table in report.tables:
        for row in table.rows:
            for c in row.cells:
                assert text[c.span[0] : c.span[1]].translate(_HALF) == c.text.translate(_HALF)


_HALF = str.maketrans("（）：，", "():,")


def test_seed_001_litigation_sum_mismatch() -> None:
    report = parse_report(seed_text("001"))
    mismatches = report.findings_with("sum-mismatch")
    assert [f.indicators[0] for f in mismatches] == ["litigation.total"]
    finding = mismatches[0]
    assert finding.severity == "error"
    assert finding.rule is not None
    assert (finding.rule.lhs, finding.rule.rhs, finding.rule.difference) == (9, 6, 3)
    assert finding.line == 97


def test_seed_000_deduplicated_total_is_not_an_error() -> None:
    report = parse_report(seed_text("000"))
    assert report.errors == ()
    assert not report.findings_with("sum-mismatch")
    assert not report.findings_with("bound-violation")
    # 5533 is below the channel sum 6297 by design (de-duplicated total).
    assert report["proactive.total"].value == 5533


def test_same_label_under_two_parents() -> None:
    # Quirk 17: （二）被依法纠错数 under both 四、行政复议数量 and 五、行政诉讼数量.
    report = parse_report(seed_text("000"))
    assert report["review.corrected"].value == 0
    assert report["litigation.corrected"].value == 1
    assert report["review.other"].value == 0
    assert report["litigation.other"].value == 7


def test_wrapped_label_is_one_row() -> None:
    report = parse_report(seed_text("000"))
    obs = report["proactive.total"]
    assert obs.match is not None
    assert "不同渠道" in obs.match.label
    assert obs.line == 84


def test_typos_and_variants_match() -> None:
    report = parse_report(seed_text("000"))
    assert report["training.courses"].value == 6  # 举办各类新训班数
    assert report["capacity.budget"].value == 0  # …建设维护互等方面…
    assert report["requests.answered.not_this_agency"].value == 8  # truncated label
    one = parse_report(seed_text("001"))
    assert one["requests.answered.other_channel"].value == 0  # 告知通过转其他途径办理数


def test_money_is_decimal() -> None:
    from decimal import Decimal

    report = parse_report(seed_text("001"))
    assert isinstance(report["fees.total"].value, Decimal)
    assert isinstance(report["capacity.budget"].value, Decimal)
    assert isinstance(report["requests.received"].value, int)
