"""The post-2019 reader, behaviour by behaviour: context, columns, derived values, detection."""

from __future__ import annotations

from decimal import Decimal

from gxgk_parse import parse_report
from gxgk_parse.extract import detect_template
from gxgk_parse.extract_matrix import label_segments
from gxgk_parse.match import matcher_for
from gxgk_parse.model import Cell
from gxgk_parse.normalize import normalize
from gxgk_parse.segment import find_tables

T3_HEAD = (
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |\n"
    "| 自然人 | 法人或其他组织 | 总计 |\n"
    "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
)


def _cells(*texts: str) -> list[Cell]:
    return [Cell(text=t, span=(0, len(t)), line=1) for t in texts]


# -- label segments -------------------------------------------------------------------------


def test_segments_join_wrapped_and_spaced_out_labels() -> None:
    matcher = matcher_for("2019", ("header", "row", "row_group", "column", "column_group"))
    segs = label_segments(
        matcher, _cells("（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）")
    )
    assert [s.candidates[0].indicator for s in segs] == ["requests.result.partial"]
    segs = label_segments(matcher, _cells("商", "业", "企", "业", "科 研 机 构"))
    assert [s.candidates[0].indicator for s in segs] == ["t3.col.commercial", "t3.col.research"]
    segs = label_segments(matcher, _cells("自然人 法人或其他组织 总计"))
    assert [s.text for s in segs] == ["自然人", "法人或其他组织", "总计"]


def test_a_merged_cell_repeated_is_one_segment() -> None:
    matcher = matcher_for("2021", ("header", "row", "row_group", "column"))
    segs = label_segments(matcher, _cells("（七）总计", "（七）总计"))
    assert len(segs) == 1 and len(segs[0].cells) == 2


# -- columns --------------------------------------------------------------------------------


def test_a_complete_header_in_another_order_gives_the_order() -> None:
    text = (
        "| 第二十条第（一）项 |\n"
        "| 信息内容 | 对外公开总数量 | 本年新制作数量 | 本年新公开数量 |\n"
        "| 规章 | 30 | 1 | 2 |\n| 规范性文件 | 40 | 3 | 4 |\n"
        "| 第二十条第（九）项 |\n| 信息内容 | 采购项目数量 | 采购总金额 |\n| 政府集中采购 | 5 | 6 |\n"
    )
    values = parse_report(text).values(origin="table")
    assert values["proactive.rules.public_total"] == 30
    assert values["proactive.rules.made"] == 1
    assert values["proactive.normative.published"] == 4


def test_values_wrapped_onto_the_next_line_complete_their_row() -> None:
    text = (
        "| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 1 |\n| 2 | 3 |\n| 行政规范性文件 | 4 | 5 |\n| 6 |\n"
    )
    report = parse_report(text)
    assert report.template == "2021"
    values = report.values(origin="table")
    assert values["proactive.rules.repealed"] == 2
    assert values["proactive.rules.in_force"] == 3
    # One number alone does not complete a row that lost a cell: it may be a page number.
    assert "proactive.normative.issued" not in values
    assert [u.raw for u in report.unmapped] == ["4", "5", "6"]
    assert len(report.findings_with("sparse-row")) == 1


def test_a_row_with_too_many_values_is_not_guessed() -> None:
    text = (
        "| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 1 | 2 | 3 | 4 |\n| 行政规范性文件 | 4 | 5 | 6 |\n"
    )
    report = parse_report(text)
    assert "proactive.rules.issued" not in report
    assert [u.raw for u in report.unmapped] == ["1", "2", "3", "4"]
    assert len(report.findings_with("wide-row")) == 1


# -- rows -----------------------------------------------------------------------------------


def test_a_fuzzy_row_label_is_read_and_reported() -> None:
    text = T3_HEAD + (
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| 1.本机关不掌握相关政府信 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    report = parse_report(text)
    assert report.values(origin="table")["requests.result.unable.not_held.total"] == 1
    assert len(report.findings_with("label-fuzzy")) == 1


def test_a_group_row_with_values_of_its_own_is_unmapped() -> None:
    text = T3_HEAD + (
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    report = parse_report(text, template="2021")
    assert "requests.result.other.total" not in report.values(origin="table")
    assert len(report.findings_with("unknown-row")) == 1
    assert [u.raw for u in report.unmapped] == ["1", "0", "0", "0", "0", "0", "1"]


def test_a_short_label_of_another_table_is_not_taken() -> None:
    # "其他" is a row of table 三 in 2021; under a block of table 二 it is a local row.
    text = (
        "| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 1 | 2 | 3 |\n| 行政规范性文件 | 4 | 5 | 6 |\n| 其他 | 7 | 8 | 9 |\n"
    )
    report = parse_report(text)
    assert not any(k.startswith("requests.") for k in report.values(origin="table"))
    assert len(report.findings_with("unknown-row")) == 1


# -- derived values -------------------------------------------------------------------------


def test_derived_values_are_kept_apart_and_not_made_from_blanks() -> None:
    text = T3_HEAD + (
        "| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 1 | 0 | 5 |\n"
        "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
        "| 2.没有现成信息需要另行制作 | 1 | | 0 | 0 | 0 | 0 | 1 |\n"
        "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    report = parse_report(text)
    derived = {o.indicator: o for o in report.observations if o.origin == "derived"}
    assert derived["requests.result.unable.natural_person"].value == 3
    assert derived["requests.result.unable.total"].value == 3
    assert "requests.result.unable.commercial" not in derived  # a blank operand
    assert derived["requests.new.legal_person"].value == 2
    assert "requests.result.unable.needs_creation.legal_person" not in derived
    obs = derived["requests.result.unable.natural_person"]
    assert obs.raw == "" and obs.span[0] == obs.span[1]
    assert obs.match is not None and obs.match.method == "derived"
    assert text[obs.span[0] : obs.span[0] + 1] == "2"  # at the first operand's cell
    # A printed value is never replaced by a derived one.
    assert report["requests.new.total"].origin == "table"


def test_litigation_total_is_derived_from_both_kinds_of_suit() -> None:
    text = (
        "| 行政复议 | 行政诉讼 |\n"
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果"
        " | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
        "| 1 | 0 | 0 | 1 | 2 | 2 | 0 | 0 | 0 | 2 | 0 | 1 | 0 | 0 | 1 |\n"
    )
    report = parse_report(text)
    assert report["litigation.total"].value == 3
    assert report["litigation.total"].origin == "derived"
    assert report["review.pending"].match is not None
    assert report["review.pending"].match.method == "position"


# -- validation -----------------------------------------------------------------------------


def test_soft_rule_of_table_two() -> None:
    text = (
        "| 第二十条第（一）项 |\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
        "| 规章 | 1 | 9 | 3 |\n| 规范性文件 | 4 | 5 | 60 |\n"
        "| 第二十条第（九）项 |\n| 信息内容 | 采购项目数量 | 采购总金额 |\n| 政府集中采购 | 5 | 6 |\n"
    )
    report = parse_report(text)
    found = report.findings_with("bound-violation")
    assert [f.indicators for f in found] == [
        ("proactive.rules.published", "proactive.rules.public_total")
    ]
    assert found[0].severity == "info"


# -- template detection ---------------------------------------------------------------------


def _detect(text: str) -> str | None:
    return detect_template(find_tables(normalize(text)))


def test_detection_from_the_other_processing_group() -> None:
    rows_2019 = T3_HEAD + (
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    assert _detect(rows_2019) == "2019"
    rows_2021 = T3_HEAD + (
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| （六）其他处理 | 1.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        " | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    assert _detect(rows_2021) == "2021"


def test_detection_from_the_number_of_values_of_shared_rows() -> None:
    # Only rows both formats print: three values say 2019, one says 2021.
    three = "| 行政许可 | 3 | +1 | 20 |\n| 行政处罚 | 2 | 0 | 7 |\n| 行政强制 | 1 | 0 | 0 |\n"
    one = "| 行政许可 | 20 |\n| 行政处罚 | 7 |\n| 行政强制 | 0 |\n"
    assert _detect(three) == "2019"
    assert _detect(one) == "2021"


def test_detection_is_not_fooled_by_the_year() -> None:
    text = (
        "2021年度政府信息公开工作年度报告\n"
        "| 第二十条第（一）项 |\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
        "| 规章 | 1 | 2 | 3 |\n| 规范性文件 | 4 | 5 | 60 |\n"
    )
    assert parse_report(text).template == "2019"


def test_money_from_a_header_unit_is_decimal() -> None:
    text = (
        "| 第二十条第（八）项 |\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 12 |\n"
        "| 第二十条第（五）项 |\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 20 |\n"
    )
    report = parse_report(text)
    assert report["proactive.fees.amount"].value == Decimal(12)
    assert report["proactive.fees.amount"].unit == "万元"


def test_empty_cells_of_a_merged_label_are_padding() -> None:
    # A pipe export of the HTML grid: label cells merged over three columns come out as
    # one label and empty cells; a blank value stays in its column.
    text = (
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 |\n"
        "| | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n"
        "| 一、本年新收政府信息公开申请数量 | | | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
        "| 三、本年度办理结果 | （一）予以公开 | | | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        "| | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    report = parse_report(text)
    values = report.values(origin="table")
    assert values["requests.new.natural_person"] == 5
    assert values["requests.new.total"] == 5
    assert values["requests.result.granted.natural_person"] is None
    assert values["requests.result.granted.commercial"] == 0
    assert values["requests.result.refused.state_secret.total"] == 1
    assert report.unmapped == ()
