"""Bytes in: every encoding a report arrives in gives the same observations; bad bytes a
clear DecodeError with a code and the path, never a traceback from deep inside."""

from __future__ import annotations

import codecs
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from gxgk_parse import DecodeError, ParseError, Report, parse_file, parse_report
from gxgk_parse.decode import decode

from .conftest import SEEDS, seed_text

# name → (how to make the bytes from the text, the encoding the report must record)
ENCODINGS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
    "crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    "utf-16-bom": (lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
}


def _observed(report: Report) -> list[tuple[str, object, str, str]]:
    # Spans are offsets into the decoded text, which differs for CRLF: compare what was read.
    return [(o.indicator, o.value, o.raw.replace("\r", ""), o.origin) for o in report.observations]


@pytest.mark.parametrize("key", SEEDS)
@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_every_encoding_gives_the_same_observations(key: str, variant: str) -> None:
    text = seed_text(key)
    make, recorded = ENCODINGS[variant]
    expected = parse_report(text)
    report = parse_report(make(text), name=f"{key}.txt")
    assert report.encoding == recorded
    assert report.source == f"{key}.txt"
    assert _observed(report) == _observed(expected)
    assert report.template == expected.template
    assert report.metadata.year == expected.metadata.year


@pytest.mark.parametrize("variant", ["gb18030", "crlf", "utf-16-bom"])
def test_spans_point_into_the_decoded_text(variant: str) -> None:
    make, _ = ENCODINGS[variant]
    data = make(seed_text("001"))
    text = decode(data).text
    report = parse_report(data)
    assert report.observations
    for obs in report.observations:
        assert text[obs.span[0] : obs.span[1]] == obs.raw
        assert text.count("\n", 0, obs.span[0]) + 1 == obs.line


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
def test_parse_file_records_path_and_encoding(tmp_path: Path, variant: str) -> None:
    make, recorded = ENCODINGS[variant]
    path = tmp_path / "report.txt"
    path.write_bytes(make(seed_text("000")))
    report = parse_file(path)
    assert report.encoding == recorded
    assert report.source == str(path)
    assert report["requests.received.by_mail"].value == 11


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(seed_text("000").encode("gbk"))
    assert parse_file(path, encoding="gbk").encoding == "gbk"
    with pytest.raises(DecodeError) as info:
        parse_file(path, encoding="utf-8")
    assert info.value.code == "undecodable"
    assert info.value.source == str(path)


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty-input"),
    "whitespace": (b" \r\n\t\n", "empty-input"),
    "bom-only": (codecs.BOM_UTF8, "empty-input"),
    "utf16-bom-only": (codecs.BOM_UTF16_LE, "empty-input"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary-input"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>stream\n\x00\x01\x02\x03", "binary-input"),
    "zip-docx": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "binary-input"),
    # UTF-16 without its byte-order mark cannot be told from binary data: its NUL bytes.
    "utf16-no-bom": ("统计表 2016年".encode("utf-16-le"), "binary-input"),
    "utf16-bom-binary": (codecs.BOM_UTF16_LE + b"\x01\x00\x02\x00\x03\x00" * 20, "binary-input"),
    "not-gb18030": (b"\xe4\xbd\xa0 abc \x81\x20 def", "undecodable"),
    "truncated": ("统计".encode("gb18030") + b"\x81", "undecodable"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_bytes_give_a_clear_decode_error(tmp_path: Path, name: str) -> None:
    data, code = BAD_FILES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    with pytest.raises(DecodeError) as info:
        parse_file(path)
    err = info.value
    assert isinstance(err, ParseError)
    assert err.code == code
    assert err.source == str(path)
    assert str(path) in str(err)
    # Raised here, not re-raised from a codec: no UnicodeDecodeError chained to it.
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_bytes_fail_in_lenient_mode_too(name: str) -> None:
    data, code = BAD_FILES[name]
    with pytest.raises(DecodeError) as info:
        parse_report(data, name="x")
    assert info.value.code == code


def test_unknown_forced_encoding() -> None:
    with pytest.raises(DecodeError) as info:
        parse_report(b"abc", encoding="no-such-codec")
    assert info.value.code == "unknown-encoding"


def test_decode_error_pickles() -> None:
    # Worker processes send errors back to the parent by pickling them.
    err = DecodeError("the input is empty", code="empty-input", source="a/b.txt")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is DecodeError
    assert (back.code, back.source, str(back)) == (err.code, err.source, str(err))


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        parse_file(tmp_path / "nope.txt")


def test_gbk_and_gb2312_text_decodes_as_gb18030() -> None:
    text = "政府信息公开情况统计表"
    for codec in ("gb2312", "gbk", "gb18030"):
        assert decode(text.encode(codec)).text == text
        assert decode(text.encode(codec)).encoding == "gb18030"


def test_a_web_page_declared_charset_is_used_when_not_utf8() -> None:
    # A Big5 page of a traditional-character mirror (quirk 20) also decodes as GB18030,
    # into nonsense; its own <meta charset> says better.
    page = '<html><head><meta charset="big5"></head><body><p>政府資訊公開年度報告</p></body></html>'
    decoded = decode(page.encode("big5"))
    assert decoded.encoding == "big5"
    assert decoded.text == page
    http_equiv = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">统计表'
    ).encode("gb2312")
    assert decode(http_equiv).encoding == "gb18030"


def test_utf8_wins_over_a_wrong_declaration() -> None:
    page = '<html><meta charset="gb2312"><p>统计表</p></html>'
    assert decode(page.encode("utf-8")).encoding == "utf-8"


def test_bom_is_not_part_of_the_text() -> None:
    data = codecs.BOM_UTF8 + seed_text("001").encode("utf-8")
    report = parse_report(data)
    assert not decode(data).text.startswith("\ufeff")
    assert report["proactive.total"].value == 8359
