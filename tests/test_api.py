"""The public contract of parse_report() and Report."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import pytest

import gxgk_parse
from gxgk_parse import ParseError, Report, parse_report

from .conftest import seed_text


def test_public_names() -> None:
    for name in gxgk_parse.__all__:
        assert hasattr(gxgk_parse, name), name
    assert gxgk_parse.__version__


def test_observations_are_a_tuple_in_document_order() -> None:
    report = parse_report(seed_text("000"))
    assert isinstance(report.observations, tuple)
    starts = [o.span[0] for o in report.observations]
    assert starts == sorted(starts)


def test_getitem_and_get() -> None:
    report = parse_report(seed_text("001"))
    assert report["review.total"].value == 1
    assert report.get("requests.new.total") is None
    with pytest.raises(KeyError, match=r"requests\.new\.total"):
        report["requests.new.total"]
    assert "review.total" in report
    assert len(report) == len(set(report))


def test_table_is_preferred_over_prose() -> None:
    report = parse_report(seed_text("000"))
    origins = {o.origin for o in report.observations_of("requests.received.by_mail")}
    assert report["requests.received.by_mail"].origin == "table"
    assert report["requests.received.by_mail"].value == 11
    assert "table" in origins


def test_strict_raises_with_position_and_every_error() -> None:
    text = seed_text("001")
    with pytest.raises(ParseError) as info:
        parse_report(text, strict=True)
    err = info.value
    assert err.code == "sum-mismatch"
    assert err.line == 97
    assert err.column is not None and err.column >= 1
    assert len(err.findings) == len(parse_report(text).errors) >= 1
    assert "line 97" in str(err)


def test_strict_passes_a_consistent_report() -> None:
    report = parse_report(seed_text("000"), strict=True)
    assert report.errors == ()


def test_parse_error_pickles() -> None:
    err = ParseError("boom", code="x", line=3, column=4, source="a.txt")
    back = pickle.loads(pickle.dumps(err))
    assert (back.code, back.line, back.column, back.source, str(back)) == (
        "x",
        3,
        4,
        "a.txt",
        str(err),
    )


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_to_dict_round_trips(key: str) -> None:
    report = parse_report(seed_text(key))
    data = report.to_dict()
    json.dumps(data, ensure_ascii=False)  # JSON-ready
    again = Report.from_dict(json.loads(report.to_json()))
    assert again == report
    assert again.to_dict() == data


def test_decimal_survives_json() -> None:
    report = parse_report(seed_text("001"))
    again = Report.from_dict(json.loads(report.to_json()))
    assert again["fees.total"].value == Decimal(0)
    assert isinstance(again["fees.total"].value, Decimal)
    assert isinstance(again["requests.received"].value, int)


def test_records_are_long_format() -> None:
    report = parse_report(seed_text("000"))
    records = report.to_records()
    assert len(records) == len(report.observations)
    first = records[0]
    for key in ("indicator", "value", "unit", "origin", "raw", "line", "start", "end", "year"):
        assert key in first


def test_versions_and_hash() -> None:
    report = parse_report(seed_text("000"))
    assert report.parser_version == gxgk_parse.__version__
    assert report.schema_version
    assert len(report.sha256) == 64
    assert parse_report(seed_text("000")).sha256 == report.sha256


def test_bytes_input_records_encoding() -> None:
    text = seed_text("000")
    report = parse_report(text.encode("gb18030"))
    assert report.encoding == "gb18030"
    assert report.values() == parse_report(text).values()


def test_template_can_be_forced() -> None:
    report = parse_report(seed_text("001"), template="pre2019")
    assert report.template == "pre2019"
    with pytest.raises(KeyError):
        parse_report(seed_text("001"), template="1999")


def test_nothing_found_is_a_report_with_a_finding() -> None:
    for text in ("", "   \n\n", "这不是一份年度报告。"):
        report = parse_report(text)
        assert report.observations == ()
        assert [f.code for f in report.findings] == ["no-statistics"]
        with pytest.raises(ParseError):
            parse_report(text, strict=True) if report.errors else (_ for _ in ()).throw(
                ParseError("no errors: strict mode passes", code="ok")
            )


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        parse_report(123)  # type: ignore[arg-type]


def test_repr_is_readable() -> None:
    text = repr(parse_report(seed_text("001")))
    assert text.startswith("<Report ")
    assert "pre2019" in text
