"""The tokenizers and the segmentation, shape by shape (quirks 1-8 of quirks.md)."""

from __future__ import annotations

from collections.abc import Sequence

from gxgk_parse.model import Row
from gxgk_parse.normalize import normalize
from gxgk_parse.segment import find_tables
from gxgk_parse.tokenize.labels import is_anchor_label, is_table_label
from gxgk_parse.tokenize.lines import Line, split_lines
from gxgk_parse.tokenize.pipe import tokenize_pipe
from gxgk_parse.tokenize.spaced import find_spaced_regions, tokenize_spaced
from gxgk_parse.tokenize.tabbed import split_at_labels, tokenize_tabbed, tokenize_vertical


def _lines(text: str) -> list[Line]:
    return split_lines(normalize(text))


def _cells(rows: Sequence[Row]) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in rows]


def _spans_hold(text: str, rows: Sequence[Row]) -> None:
    nt = normalize(text)
    for row in rows:
        for cell in row.cells:
            assert nt.text[cell.span[0] : cell.span[1]] == cell.text


# -- quirk 1: tabbed ------------------------------------------------------------------------


def test_tabbed_wrapped_parenthetical_joins_its_row() -> None:
    text = (
        "\t    （二）部分公开\n\n        （区分处理的，只计这一情形，不计其他情形）\n\t5\n\t0\n\n"
        "\t    （三）不予公开\n\t1.属于国家秘密\n\t0\n"
    )
    rows = tokenize_tabbed(_lines(text))
    assert _cells(rows) == [
        ["(二)部分公开", "(区分处理的,只计这一情形,不计其他情形)", "5", "0"],
        ["(三)不予公开", "1.属于国家秘密", "0"],
    ]
    _spans_hold(text, rows)


def test_tabbed_tab_alone_is_an_empty_cell() -> None:
    rows = tokenize_tabbed(_lines("\t规章\n\t1\n\t\n\t3\n"))
    assert _cells(rows) == [["规章", "1", "", "3"]]


# -- quirk 2: tabs lost ---------------------------------------------------------------------


def test_vertical_space_line_is_an_empty_cell_and_blank_line_ends_a_row() -> None:
    text = "规章\n0\n \n2\n\n行政规范性文件\n  3\n1\n25   \n"
    rows = tokenize_vertical(_lines(text))
    assert _cells(rows) == [["规章", "0", "", "2"], ["行政规范性文件", "3", "1", "25"]]
    _spans_hold(text, rows)


def test_vertical_header_and_values_in_one_group_are_one_row() -> None:
    rows = tokenize_vertical(_lines("结果维持\n结果纠正\n总计\n1\n0\n1\n"))
    assert _cells(rows) == [["结果维持", "结果纠正", "总计", "1", "0", "1"]]


def test_a_label_after_values_starts_a_row() -> None:
    rows = tokenize_vertical(_lines("行政处罚\n64\n行政强制\n/\n"))
    assert _cells(rows) == [["行政处罚", "64"], ["行政强制", "/"]]


# -- quirk 3: pipe rows ---------------------------------------------------------------------


def test_pipe_rows_keep_blank_cells_before_the_closing_bar() -> None:
    text = "| 规章 | 1 |  | 3 |\n| 规范性文件 | 2 | 2 | 40 | |||\n行政许可 | 5 | +2 | 9\n"
    rows = tokenize_pipe(_lines(text))
    assert _cells(rows) == [
        ["规章", "1", "", "3"],
        ["规范性文件", "2", "2", "40", "", "", ""],
        ["行政许可", "5", "+2", "9"],
    ]
    _spans_hold(text, rows)


def test_pipe_line_of_bare_bars_is_no_row() -> None:
    assert tokenize_pipe(_lines("| 规章 | 1 | 2 | 3 |\n| | | | |\n||||\n| 行政许可 | 4 |\n")) != []
    assert _cells(tokenize_pipe(_lines("| | | |\n|||\n| 规章 | 1 |\n"))) == [["规章", "1"]]


# -- quirk 4: one cell per line, each followed by a bar ------------------------------------


def test_pipe_cells_rows_closed_by_bars() -> None:
    text = "规章 |\n0 |\n1 |\n|||\n行政规范性文件 |\n2 |\n3 |\n||\n"
    rows = tokenize_pipe(_lines(text))
    assert _cells(rows) == [["规章", "0", "1"], ["行政规范性文件", "2", "3"]]
    _spans_hold(text, rows)


# -- quirk 5: the bar on its own line -------------------------------------------------------


def test_bars_between_cells() -> None:
    text = "行政处罚\n|\n12\n|\n+1\n\n行政强制\n|\n0\n|\n减3\n"
    rows = tokenize_pipe(_lines(text))
    assert _cells(rows) == [["行政处罚", "12", "+1"], ["行政强制", "0", "减3"]]


def test_bars_between_region_keeps_its_first_and_last_cell() -> None:
    text = "正文一段。\n\n行政处罚\n|\n12\n|\n1\n\n行政强制\n|\n0\n|\n3\n\n正文又一段。\n"
    tables = find_tables(normalize(text))
    assert len(tables) == 1
    cells = [c.text for r in tables[0].rows for c in r.cells]
    assert cells[0] == "行政处罚" and cells[-1] == "3"


# -- quirk 6 and 7: a group label on its first sub-row; dropped cells -----------------------


def test_group_label_shares_its_first_sub_row() -> None:
    rows = tokenize_pipe(
        _lines("| 三、本年度办理结果 | （一）予以公开 | 2 | 0 | 2 |\n| 规章 | 1 |\n")
    )
    assert _cells(rows)[0] == ["三、本年度办理结果", "(一)予以公开", "2", "0", "2"]


def test_sparse_row_is_kept_as_printed() -> None:
    rows = tokenize_pipe(_lines("| 1.信访举报投诉类申请 | 7 | 1 | 8 |\n| 2.重复申请 | 0 |\n"))
    assert _cells(rows)[0] == ["1.信访举报投诉类申请", "7", "1", "8"]


def test_split_at_labels() -> None:
    rows = tokenize_vertical(_lines("规章\n1\n2\n行政许可\n3\n"))
    assert [len(r.cells) for r in rows] == [3, 2]
    assert split_at_labels(()) == []


# -- quirk 8: values separated by spaces ----------------------------------------------------


def test_spaced_row_label_and_values() -> None:
    text = "（一） 予 以 公 开 2 0 — 0 +1 减3 976.81万元\n"
    rows = tokenize_spaced(_lines(text))
    assert _cells(rows) == [["(一) 予 以 公 开", "2", "0", "—", "0", "+1", "减3", "976.81万元"]]
    _spans_hold(text, rows)


def test_spaced_header_line_stays_one_cell() -> None:
    rows = tokenize_spaced(_lines("自然人 法人或其他组织 总计\n"))
    assert _cells(rows) == [["自然人 法人或其他组织 总计"]]


def test_spaced_pre2019_row_with_unit() -> None:
    rows = tokenize_spaced(_lines("1.当面申请数 件 2\n"))
    assert _cells(rows) == [["1.当面申请数", "件", "2"]]


def test_spaced_region_takes_one_value_rows_and_header_lines() -> None:
    text = (
        "正文一段，说明情况。\n\n"
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 0 0 2\n行政规范性文件 3 1 25\n第二十条第（五）项\n信息内容 本年处理决定数量\n"
        "行政许可 1088\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 64\n"
        "行政强制 0\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n"
        "行政事业性收费 1.5\n\n下一段正文。\n"
    )
    lines = _lines(text)
    regions = find_spaced_regions(lines, [False] * len(lines))
    assert len(regions) == 1
    first, last = regions[0]
    assert lines[first].text.startswith("第二十条")
    assert lines[last].text == "行政事业性收费 1.5"


def test_spaced_single_value_line_under_its_headers_is_a_table() -> None:
    text = (
        "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
        + "结果维持 结果纠正 其他结果 尚未审结 总计 " * 2
        + "\n"
        + " ".join(["0"] * 15)
        + "\n"
    )
    tables = find_tables(normalize(text))
    assert [t.layout for t in tables] == ["spaced"]
    assert [c.text for c in tables[0].rows[-1].cells] == ["0"] * 15


def test_prose_with_numbers_is_no_spaced_table() -> None:
    text = "本年度共收到申请 12 件，办结 12 件。\n电话 0471 1234567\n"
    assert find_tables(normalize(text)) == []


# -- labels and anchors -----------------------------------------------------------------------


def test_table_labels_come_from_the_schema() -> None:
    assert is_table_label("第二十条第（五）项")
    assert is_table_label("信息内容 本年处理决定数量")
    assert is_table_label("規範性檔案")
    assert not is_table_label("我局认真贯彻落实条例")


def test_anchor_labels_open_a_vertical_table() -> None:
    assert is_anchor_label("行政复议")
    assert is_anchor_label("申请人情况")
    assert not is_anchor_label("其他")  # too short: a word of prose too
    assert not is_anchor_label("二、主动公开政府信息情况")  # a prose heading


def test_vertical_table_four_after_prose_is_found() -> None:
    text = (
        "本年度未发生行政复议、行政诉讼。\n\n行政复议\n行政诉讼\n\n结果维持\n结果纠正\n"
        "其他结果\n尚未审结\n总计\n\n"
        + "\n".join(["0"] * 15)
        + "\n\n五、存在的主要问题。下一步工作安排如下所述。\n"
    )
    tables = find_tables(normalize(text))
    assert [t.layout for t in tables] == ["vertical"]


def test_a_digit_run_too_long_for_a_count_is_text() -> None:
    from gxgk_parse.numbers import read_cell

    assert read_cell("1" * 5000).kind == "text"
    assert read_cell("1" * 12).value == 111_111_111_111
