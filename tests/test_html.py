"""Saved web pages: <table> elements read on the browser's grid, the rest as text.

The fixtures under ``fixtures/html`` were written for these tests: ``pre2019_001.html`` is seed
001's report rebuilt as a web page (Word-style markup, ``width:38px`` styles, ``&nbsp;``,
rowspan section labels, a colspan header, breadcrumb, metadata table and footer);
``y2019.html`` and ``y2021.html`` are pages in the two post-2019 formats, with the cells
they hold listed in ``*.expected.json``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxgk_parse import Report, Table, parse_file, parse_report
from gxgk_parse.html import html_to_document, looks_like_html, visible_text
from gxgk_parse.numbers import read_cell

from .checks import check_report
from .conftest import FIXTURES, expected, seed_text

HTML = FIXTURES / "html"
_TAG = re.compile(r"<[^>]*>")


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


def _grid(page: str) -> list[list[str]]:
    _, tables = html_to_document(page)
    assert len(tables) == 1
    return [[c.text for c in row.cells] for row in tables[0].rows]


def _shown(raw: str) -> str:
    """What a browser shows for a piece of markup."""
    return " ".join(unescape(_TAG.sub("", raw)).split())


# -- detection and visible text ---------------------------------------------------------------


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <!-- saved -->\n<html lang='zh'>")
    assert looks_like_html("<table><tr><td>1</td></tr></table>")
    assert not looks_like_html(seed_text("000"))
    assert not looks_like_html("表中<td>一词出现一次")


def test_visible_text_keeps_the_length_and_the_line_breaks() -> None:
    page = _page("<p>甲&nbsp;乙</p>\n<script>var x = '<td>9</td>';</script><td>3</td>")
    text = visible_text(page)
    assert len(text) == len(page)
    assert text.count("\n") >= page.count("\n")
    assert "var" not in text
    assert "甲 " in text


# -- the grid ------------------------------------------------------------------------------------


def test_rowspan_label_is_repeated_with_the_same_span() -> None:
    page = _page(
        "<table><tr><td rowspan='2'>三、依申请公开情况</td><td>(一)收到申请数</td><td>26</td></tr>"
        "<tr><td>1.当面申请数</td><td>2</td></tr></table>"
    )
    _, (table,) = html_to_document(page)
    first, second = table.rows
    assert first.cells[0] == second.cells[0]
    assert [c.text for c in second.cells] == ["三、依申请公开情况", "1.当面申请数", "2"]


def test_colspan_label_repeats_but_a_number_is_kept_once() -> None:
    # A value spanning columns was printed once: repeating it would invent values in the
    # columns it covers and count it twice in every sum.
    page = _page(
        "<table><tr><td colspan='3'>第二十条第（五）项</td><td>x</td></tr>"
        "<tr><td>行政许可</td><td colspan='3'>1,356</td></tr></table>"
    )
    assert _grid(page) == [
        ["第二十条第(五)项", "第二十条第(五)项", "第二十条第(五)项", "x"],
        ["行政许可", "1,356", "", ""],
    ]


def test_a_number_spanning_rows_is_kept_once() -> None:
    page = _page(
        "<table><tr><td>甲</td><td rowspan='2'>7</td><td>1</td></tr>"
        "<tr><td>乙</td><td>2</td></tr></table>"
    )
    assert _grid(page) == [["甲", "7", "1"], ["乙", "", "2"]]


def test_empty_and_nbsp_cells_keep_their_column() -> None:
    page = _page(
        "<table><tr><td>自然人</td><td>&nbsp;</td><td></td><td> <span> </span> </td><td>5</td></tr>"
        "</table>"
    )
    assert _grid(page) == [["自然人", "", "", "", "5"]]
    _, (table,) = html_to_document(page)
    for cell in table.rows[0].cells[1:4]:
        assert cell.span[0] == cell.span[1]


def test_attributes_scripts_and_styles_are_never_values() -> None:
    page = _page(
        "<style>td { width: 38px }</style><script>var w = 38; document.write('<td>99</td>')</script>"
        "<table width='600' style='width:38px'><tr>"
        "<td style='width:38px' height='20'>规章</td>"
        "<td width='38'><p class='MsoNormal' style='margin-left:3.5pt'><span style='font-size:10.5pt'>4</span></p></td>"
        "</tr></table>"
    )
    assert _grid(page) == [["规章", "4"]]


def test_inline_markup_joins_and_block_markup_separates() -> None:
    page = _page(
        "<table><tr><td>统<span>计</span>指<font>标</font></td><td>本年新<br>制作数量</td>"
        "<td>1<b>2</b></td><td>&#65297;&#65298;</td></tr></table>"
    )
    assert _grid(page) == [["统计指标", "本年新 制作数量", "12", "12"]]


def test_short_rows_are_padded_and_empty_trailing_columns_dropped() -> None:
    page = _page(
        "<table><tr><td>甲</td><td>1</td><td>2</td><td></td></tr>"
        "<tr><td>乙</td></tr><tr><td></td><td></td></tr></table>"
    )
    assert _grid(page) == [["甲", "1", "2"], ["乙", "", ""]]


def test_omitted_end_tags() -> None:
    page = _page("<table><tr><td>甲<td>1<tr><th>乙<td>2</table><p>后</p>")
    assert _grid(page) == [["甲", "1"], ["乙", "2"]]


def test_innermost_tables_only_and_tables_without_numbers_skipped() -> None:
    page = _page(
        "<table class='layout'><tr><td>"
        "<table><tr><td>索引号</td><td>11A/2020-01</td></tr><tr><td>发布机构</td><td>办公室</td></tr></table>"
        "<table><tr><td>规章</td><td>3</td></tr></table>"
        "</td></tr></table>"
    )
    _, tables = html_to_document(page)
    assert [[[c.text for c in r.cells] for r in t.rows] for t in tables] == [[["规章", "3"]]]


def test_tables_in_noscript_or_template_are_not_read() -> None:
    page = _page("<noscript><table><tr><td>甲</td><td>1</td></tr></table></noscript><p>x</p>")
    assert html_to_document(page)[1] == ()


def test_spans_are_offsets_into_the_page_even_with_crlf() -> None:
    page = _page(
        "\r\n<table>\r\n<tr>\r\n<td>\r\n 规章 \r\n</td>\r\n<td><b> 12 </b></td>\r\n</tr>\r\n</table>\r\n"
    )
    nt, (table,) = html_to_document(page)
    assert nt.original == page
    label, value = table.rows[0].cells
    # The spans of html_to_document are into the normalised text; mapped back, into the page.
    start, end = nt.span_to_original(*value.span)
    assert page[start:end] == "12"
    start, end = nt.span_to_original(*label.span)
    assert page[start:end] == "规章"
    start, end = nt.span_to_original(*table.span)
    assert page[start:end].startswith("<table>") and page[start:end].endswith("</table>")
    # Lines are the page's own lines (block tags do not add any).
    assert label.line == page[: page.index("规章")].count("\n") + 1
    assert table.rows[0].line == label.line


def test_cell_spans_cover_the_trimmed_content() -> None:
    page = _page(
        "<table><tr><td>\n  <span style='x'> 收到申请数 </span>\n</td><td>7</td></tr></table>"
    )
    nt, (table,) = html_to_document(page)
    label = table.rows[0].cells[0]
    start, end = nt.span_to_original(*label.span)
    assert page[start:end] == "收到申请数"


# -- the pre-2019 page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pre2019() -> Report:
    return parse_file(HTML / "pre2019_001.html")


def test_pre2019_page_gives_the_text_versions_58_values(pre2019: Report) -> None:
    text_version = parse_report(seed_text("001"))
    table = pre2019.values(origin="table")
    assert len(table) == 58
    assert table == text_version.values(origin="table")
    assert table == expected("001")["table"]
    assert pre2019.template == "pre2019"
    assert [t.layout for t in pre2019.tables] == ["html"]


def test_pre2019_page_units_and_metadata(pre2019: Report) -> None:
    text_version = parse_report(seed_text("001"))
    for obs in text_version.observations:
        if obs.origin == "table":
            assert pre2019.observations_of(obs.indicator)[0].unit == obs.unit
    assert pre2019.metadata.year == text_version.metadata.year == 2016
    assert pre2019.metadata.region == text_version.metadata.region
    assert pre2019.encoding == "utf-8"


def test_pre2019_page_finds_what_the_text_finds(pre2019: Report) -> None:
    # The litigation total that does not add up (quirk 32) is found in the page too.
    assert [f.indicators[0] for f in pre2019.findings_with("sum-mismatch")] == ["litigation.total"]
    assert pre2019.unmapped == ()


def test_pre2019_page_spans_point_at_the_markup(pre2019: Report) -> None:
    page = (HTML / "pre2019_001.html").read_text("utf-8")
    for obs in pre2019.observations:
        assert page[obs.span[0] : obs.span[1]] == obs.raw
        assert page.count("\n", 0, obs.span[0]) + 1 == obs.line
        if obs.origin == "table":
            shown = _shown(obs.raw)
            assert "px" not in obs.raw and "width" not in obs.raw
            assert read_cell(shown).value == obs.value or shown == ""


# -- the post-2019 pages -----------------------------------------------------------------------


def _expected_cells(name: str) -> tuple[str, dict[str, str | None]]:
    data: dict[str, Any] = json.loads((HTML / f"{name}.expected.json").read_text("utf-8"))
    return data["template"], data["cells"]


def _numeric_cells(tables: tuple[Table, ...]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                if read_cell(cell.text).is_numeric:
                    out[cell.span] = cell.text
    return out


@pytest.mark.parametrize("name", ["y2019", "y2021"])
def test_post2019_every_number_is_kept(name: str) -> None:
    """Conservation: each number written in the page's tables is an observation or unmapped."""
    template, cells = _expected_cells(name)
    page = (HTML / f"{name}.html").read_text("utf-8")
    nt, tables = html_to_document(page)
    numbers = _numeric_cells(tables)
    # The reader neither lost nor invented a number: one per value written.
    assert len(numbers) == sum(v is not None for v in cells.values())
    report = parse_report(page)
    assert report.template == template
    kept = {o.span for o in report.observations if o.origin == "table"}
    kept |= {u.span for u in report.unmapped}
    missing = {
        text: nt.span_to_original(*span)
        for span, text in numbers.items()
        if nt.span_to_original(*span) not in kept
    }
    assert missing == {}


@pytest.mark.parametrize("name", ["y2019", "y2021"])
def test_post2019_no_value_from_markup(name: str) -> None:
    page = (HTML / f"{name}.html").read_text("utf-8")
    report = parse_report(page)
    for obs in report.observations:
        assert page[obs.span[0] : obs.span[1]] == obs.raw
        assert "px" not in obs.raw and "width" not in obs.raw and "pt" not in obs.raw


@pytest.mark.skipif(
    importlib.util.find_spec("gxgk_parse.extract_matrix") is None,
    reason="gxgk_parse.extract_matrix (the post-2019 table reader) is not in the tree yet",
)
@pytest.mark.parametrize("name", ["y2019", "y2021"])
def test_post2019_values_equal_the_cells_written(name: str) -> None:
    _, cells = _expected_cells(name)
    report = parse_report((HTML / f"{name}.html").read_text("utf-8"))
    table = {o.indicator: o for o in report.observations if o.origin == "table"}
    wrong: dict[str, tuple[str | None, object]] = {}
    for cell_id, written in cells.items():
        obs = table.get(cell_id)
        if written is None:
            if obs is not None and obs.value is not None:
                wrong[cell_id] = (written, obs.value)
            continue
        if obs is None or obs.value is None or Decimal(str(obs.value)) != Decimal(written):
            wrong[cell_id] = (written, None if obs is None else obs.value)
    assert wrong == {}


def test_html_bytes_in_gb18030(tmp_path: Path) -> None:
    page = (
        (HTML / "pre2019_001.html").read_text("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    report = parse_file(path)
    assert report.encoding == "gb18030"
    assert report.values(origin="table") == expected("001")["table"]


# -- any markup at all ---------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan='2'>",
        "<td rowspan='3'>", "<td colspan=0>", "<td rowspan='x'>", "<tbody>", "</tbody>",
        "<p>", "</p>", "<br>", "<span style='width:38px'>", "</span>", "&nbsp;", "&amp;",
        "&#12;", "<!-- c -->", "<script>1</script>", "<style>td{}</style>", "<noscript>",
        "</noscript>", "\r\n", "\n", " ", "12", "3.5", "—", "规章", "（一）收到申请数", "<",
        ">", "&", "<td", "<b>", "</b>", "\u3000", "\u200b",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_any_markup_gives_consistent_tables(body: str) -> None:
    page = "<html><body>" + body
    nt, tables = html_to_document(page)
    assert nt.original == page
    assert len(nt.text) <= len(page)
    for table in tables:
        start, end = nt.span_to_original(*table.span)
        assert 0 <= start <= end <= len(page)
        widths = {len(row.cells) for row in table.rows}
        assert len(widths) == 1  # every row has one cell per column
        for row in table.rows:
            assert any(c.text for c in row.cells)
            for cell in row.cells:
                assert 0 <= cell.span[0] <= cell.span[1] <= len(nt.text)
                assert bool(cell.text) == (cell.span[0] < cell.span[1])
                assert cell.text == cell.text.strip()
                assert "  " not in cell.text


def test_text_table_in_a_page_whose_lines_are_not_the_pages() -> None:
    # Block tags make lines of the visible text that the page, written on one line, does not
    # have: the line map of the report (the page's lines) is not that of the visible text,
    # and the tokenizers must take their offsets from the visible text's own lines.
    rows = "".join(
        f"<p>{label} | 条 | {value} |</p>"
        for label, value in [
            ("一、主动公开情况", "—"),
            ("（一）主动公开政府信息数", "30"),
            ("其中：主动公开规范性文件数", "2"),
            ("制发规范性文件总数", "2"),
            ("（二）通过不同渠道和方式公开政府信息的情况", "—"),
            ("1.政府公报公开政府信息数", "4"),
        ]
    )
    page = f"<html><body><h1>2016年政府信息公开工作年度报告</h1>{rows}</body></html>"
    report = parse_report(page)
    check_report(page, report)
    assert report["proactive.total"].value == 30
    assert report["proactive.total"].raw == "30"
