"""Each seed end to end: table, prose, metadata and findings against its expected file."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from gxgk_parse import parse_report

from .conftest import SEEDS, expected, seed_text


@pytest.mark.parametrize("key", SEEDS)
def test_prose_values(key: str) -> None:
    exp = expected(key)
    report = parse_report(seed_text(key))
    prose = report.values(origin="prose")
    assert {k: prose.get(k) for k in exp["prose"]} == exp["prose"]
    # Precision over recall: no prose value beyond those a careful reader takes.
    assert set(prose) <= set(exp["prose"])


@pytest.mark.parametrize("key", SEEDS)
def test_metadata(key: str) -> None:
    exp = expected(key)["metadata"]
    meta = parse_report(seed_text(key)).metadata
    for field, value in exp.items():
        if field == "period":
            assert meta.period == tuple(dt.date.fromisoformat(v) for v in value)
        elif isinstance(getattr(meta, field), dt.date):
            assert getattr(meta, field).isoformat() == value
        else:
            assert getattr(meta, field) == value, field


@pytest.mark.parametrize("key", SEEDS)
def test_findings(key: str) -> None:
    exp = expected(key)
    report = parse_report(seed_text(key))
    wanted = Counter(line.split(" ", 1)[0] for line in exp["findings"])
    # Info findings (rules not assessable on a partial table) are not in the expected files.
    got = Counter(f.code for f in report.findings if f.severity != "info")
    assert got == wanted


def test_seed_000_prose_table_mismatch() -> None:
    report = parse_report(seed_text("000"))
    (finding,) = report.findings_with("prose-table-mismatch")
    assert finding.indicators == ("requests.received.by_mail",)
    assert "13" in finding.message and "11" in finding.message
    values = {o.origin: o.value for o in report.observations_of("requests.received.by_mail")}
    assert values == {"table": 11, "prose": 13}


def test_seed_001_spam_is_flagged_and_not_the_region() -> None:
    text = seed_text("001")
    report = parse_report(text)
    (finding,) = report.findings_with("suspicious-text")
    assert finding.span is not None
    assert "365体育投注" in text[finding.span[0] : finding.span[1]]
    assert report.metadata.region == "根河市"
    assert "365" not in (report.metadata.agency or "")
