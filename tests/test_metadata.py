"""Tests of :mod:`gxgk_parse.metadata` and :mod:`gxgk_parse.suspicious`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxgk_parse.metadata import extract_metadata
from gxgk_parse.model import METADATA_FIELDS, Metadata
from gxgk_parse.normalize import NormalizedText, normalize
from gxgk_parse.suspicious import PATTERNS, find_suspicious, suspicious_spans

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SEED_KEYS = [p.name[:3] for p in SEEDS]
_FIELDS = METADATA_FIELDS


def seed(key: str) -> NormalizedText:
    path = next(p for p in SEEDS if p.name.startswith(key))
    return normalize(path.read_text(encoding="utf-8"))


def expected_metadata(key: str) -> dict[str, object]:
    data = json.loads((FIXTURES / "expected" / f"{key}.json").read_text(encoding="utf-8"))
    meta: dict[str, object] = data["metadata"]
    return meta


def meta_of(text: str) -> Metadata:
    metadata, _ = extract_metadata(normalize(text))
    return metadata


def assert_spans(nt: NormalizedText, metadata: Metadata) -> None:
    """Every field has a span, and the printed text there is the value (spaces aside)."""
    for name in _FIELDS:
        value = getattr(metadata, name)
        if value is None:
            assert name not in metadata.spans
            continue
        start, end = metadata.spans[name]
        raw = nt.original[start:end]
        assert raw and raw == raw.strip(), (name, raw)
        flat = re.sub(r"\s", "", normalize(raw).text)
        if isinstance(value, str):
            assert flat == value, (name, raw)
        elif isinstance(value, int):
            assert flat == str(value), (name, raw)
        else:
            assert str(value.year) in flat or flat.startswith(str(value.month)), (name, raw)


# -- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_metadata_matches_expected(key: str) -> None:
    metadata, _ = extract_metadata(seed(key))
    want = expected_metadata(key)
    assert want, key
    for field, value in want.items():
        if field == "period":
            assert isinstance(value, list)
            got = [d.isoformat() for d in metadata.period] if metadata.period else None
            assert got == value, key
        elif field in ("published", "filled_date"):
            got_date = getattr(metadata, field)
            assert got_date is not None and got_date.isoformat() == value, (key, field)
        else:
            assert getattr(metadata, field) == value, (key, field)


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_metadata_spans_point_at_the_values(key: str) -> None:
    nt = seed(key)
    metadata, _ = extract_metadata(nt)
    assert_spans(nt, metadata)


def test_seed_titles_and_agencies() -> None:
    titles = {key: extract_metadata(seed(key))[0].title for key in SEED_KEYS}
    assert titles == {
        "000": "宝坻区2016年政府信息公开工作年度报告",
        "001": None,  # the report starts with the boilerplate
        "002": "吴忠市利通区2015年政府信息公开工作年度报告",
        "003": "洪泽区2017年政府信息公开工作年报报告",
        "004": "保定市2018年政府信息公开工作年度报告",
    }
    assert all(extract_metadata(seed(key))[0].agency is None for key in SEED_KEYS)


def test_seed_002_title_is_spaced_out_over_two_lines() -> None:
    nt = seed("002")
    metadata, _ = extract_metadata(nt)
    start, end = metadata.spans["title"]
    assert nt.original[start:end] == "吴 忠 市 利 通 区\n2015年政府信息公开工作年度报告"
    start, end = metadata.spans["region"]
    assert nt.original[start:end] == "吴 忠 市 利 通 区"


def test_seed_003_period_with_lost_characters_and_cms_block() -> None:
    nt = seed("003")
    metadata, findings = extract_metadata(nt)
    assert metadata.period == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    start, end = metadata.spans["period_start"]
    assert nt.original[start:end] == "201711日"
    # The title comes from its own line, not from the CMS `标  题` field.
    assert metadata.spans["title"][0] > nt.original.index("标  题")
    assert findings == []


def test_seed_001_spam_is_reported_and_avoided() -> None:
    nt = seed("001")
    metadata, findings = extract_metadata(nt)
    spam = [f for f in findings if f.code == "suspicious-text"]
    assert len(spam) == 1
    finding = spam[0]
    assert finding.severity == "warning"
    assert finding.span is not None
    assert nt.original[finding.span[0] : finding.span[1]] == "365体育投注"
    assert finding.line == 1
    assert "24 times" in finding.message
    assert nt.original.count("365体育投注") == 24
    assert metadata.region == "根河市"
    assert "体育" not in (metadata.region or "") + (metadata.agency or "")


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_seeds_without_spam_have_no_suspicious_findings(key: str) -> None:
    assert find_suspicious(seed(key)) == []


def test_table_exclusion_keeps_table_footer_fields() -> None:
    nt = seed("001")
    start = nt.text.index("2016年度政府信息公开情况统计表")
    metadata, _ = extract_metadata(nt, exclude=[(start, len(nt.text))])
    assert metadata.filled_by == "根河市人民政府办公室"
    assert metadata.filled_date == dt.date(2016, 12, 31)
    assert metadata.region == "根河市"


# -- titles, regions, agencies ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "region", "agency"),
    [
        (
            "某某县2014年政府信息公开工作年度报告\n正文。",
            "某某县2014年政府信息公开工作年度报告",
            "某某县",
            None,
        ),
        (
            "[image: 图]\n[bookmark: _GoBack]某某县2014年度政府信息公开年度报告\n",
            "某某县2014年度政府信息公开年度报告",
            "某某县",
            None,
        ),
        (
            "某某市人民政府2017年政府信息公开工作年度报告\n",
            "某某市人民政府2017年政府信息公开工作年度报告",
            "某某市",
            None,
        ),
        (
            "某某市市场监督管理局2016年政府信息公开工作年度报告\n",
            "某某市市场监督管理局2016年政府信息公开工作年度报告",
            "某某市",
            "某某市市场监督管理局",
        ),
        (
            "某某市住房和城乡建设局2017年政府信息公开工作年度报告\n",
            "某某市住房和城乡建设局2017年政府信息公开工作年度报告",
            "某某市",
            "某某市住房和城乡建设局",
        ),
        (
            "国家某某局2018年政府信息公开工作年度报告\n",
            "国家某某局2018年政府信息公开工作年度报告",
            None,
            "国家某某局",
        ),
        (
            "某某市政府研究室2019年政府信息公开\n工作年度报告\n",
            "某某市政府研究室2019年政府信息公开工作年度报告",
            "某某市",
            "某某市政府研究室",
        ),
        (
            "某 某 省 某 某 市\n\n2016年政府信息公开工作年度报告\n",
            "某某省某某市2016年政府信息公开工作年度报告",
            "某某省某某市",
            None,
        ),
    ],
)
def test_titles(text: str, title: str, region: str | None, agency: str | None) -> None:
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert (metadata.title, metadata.region, metadata.agency) == (title, region, agency)
    assert metadata.year == int(re.search(r"\d{4}", title).group())  # type: ignore[union-attr]
    assert_spans(nt, metadata)


@pytest.mark.parametrize(
    "text",
    [
        "当前位置：首页 > 信息公开 > 某某区2016年政府信息公开工作年度报告\n",
        "现公布某某区2016年政府信息公开工作年度报告。本报告由区政府办公室编制。\n",
        "主办：某某区人民政府办公室 ICP备05012345号\n打印本页 关闭窗口\n",
        "[image: 某某区2016年政府信息公开工作年度报告]\n",
    ],
)
def test_chrome_and_sentences_are_not_titles(text: str) -> None:
    metadata = meta_of(text)
    assert metadata.title is None
    assert metadata.region is None


def test_cms_title_field_is_the_last_resort() -> None:
    text = "索 引 号 000014349/2018-00222 分  类\n标  题 某某区2017年政府信息公开工作年度报告\n文  号\n正文。"
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert metadata.title == "某某区2017年政府信息公开工作年度报告"
    assert metadata.region == "某某区"
    assert metadata.index_number == "000014349/2018-00222"
    assert_spans(nt, metadata)


def test_spam_in_the_title_is_not_a_region() -> None:
    text = "某某365体育投注2016年政府信息公开工作年度报告\n填报单位（盖章）：某某市人民政府办公室\n"
    nt = normalize(text)
    metadata, findings = extract_metadata(nt)
    assert metadata.region == "某某市"
    assert [f.code for f in findings] == ["suspicious-text"]


def test_region_from_the_body_when_nothing_else_names_it() -> None:
    text = (
        "本年度报告结合某某县2016年度政府信息公开工作开展情况编制而成。\n"
        "某某县紧紧围绕中心工作推进政务公开。\n"
        "并附某某县2016年政府信息公开情况统计表。\n"
    )
    metadata = meta_of(text)
    assert metadata.region == "某某县"
    assert metadata.title is None


def test_excluded_title_is_not_used() -> None:
    text = "某某县2014年政府信息公开工作年度报告\n正文。"
    nt = normalize(text)
    metadata, _ = extract_metadata(nt, exclude=[(0, 10)])
    assert metadata.title is None


# -- period, year ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "本报告中所列数据的统计期限自2016年1月1日起至2016年12月31日止。",
            "2016-01-01",
            "2016-12-31",
        ),
        (
            "本报告中所列数据的统计期限自2018年1月1日起,至2018年12月31日止。",
            "2018-01-01",
            "2018-12-31",
        ),
        ("本年度报告中所列数据统计期限从2019年1月1日到12月31日止。", "2019-01-01", "2019-12-31"),
        ("本报告所列数据的统计期限为2024年1月1日至2024年12月31日。", "2024-01-01", "2024-12-31"),
        ("本报告中所列数据的统计时限自2012年1月1日至2012年12月31日。", "2012-01-01", "2012-12-31"),
        ("本报告数据统计时限为201711日至1231日。", "2017-01-01", "2017-12-31"),
        ("本报告数据统计期限为201711日至20171231日。", "2017-01-01", "2017-12-31"),
        ("统计期限自2018年1月1日起至2018年12月\n31\n日止。", "2018-01-01", "2018-12-31"),
        ("统计期限自２０２０年１月１日起至２０２０年１２月３１日止。", "2020-01-01", "2020-12-31"),
    ],
)
def test_periods(text: str, start: str, end: str) -> None:
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert metadata.period == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert metadata.year == int(start[:4])
    assert_spans(nt, metadata)


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自 年 1月 1日起至 止。",
        "统计期限自2016年13月1日起至2016年12月31日止。",
        "统计期限自2016年12月31日起至2016年1月1日止。",
    ],
)
def test_bad_periods_are_ignored(text: str) -> None:
    assert meta_of(text).period is None


def test_title_year_wins_and_a_disagreeing_period_is_noted() -> None:
    text = "某某县2015年政府信息公开工作年度报告\n统计期限自2014年1月1日起至2014年12月31日止。\n"
    metadata, findings = extract_metadata(normalize(text))
    assert metadata.year == 2015
    assert [f.code for f in findings] == ["metadata-conflict"]


def test_year_from_the_attached_table() -> None:
    assert meta_of("附件\n政府信息公开情况统计表\n（2016年度）\n填报单位（盖章）：\n").year == 2016


# -- web metadata, signature, table footer ----------------------------------------------------


def test_cms_block_with_pipes() -> None:
    text = (
        "索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 |\n"
        "发布机构 | 市政府办 | 发文日期 | 2018-02-28 |\n"
        "文 号 | 有 效 性 |\n"
    )
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert metadata.index_number == "014416330/2018-04736"
    assert metadata.publisher == "市政府办"
    assert metadata.published == dt.date(2018, 2, 28)
    assert_spans(nt, metadata)


@pytest.mark.parametrize(
    "number",
    [
        "11341702486344515H/202110-00013",
        "0142768-8/2022-00185",
        "lanshanquczj/2020-0000077",
        "XM02100-0101-2019-00001",
    ],
)
def test_index_number_shapes(number: str) -> None:
    assert meta_of(f"索引号：{number}\n").index_number == number


def test_publication_date_prefers_the_cms_label_order() -> None:
    text = "成文日期：2018-01-20 公开日期：2018-02-24\n"
    assert meta_of(text).published == dt.date(2018, 2, 24)


def test_publisher_is_a_field_not_a_word_in_a_sentence() -> None:
    assert meta_of("明确市政府及市直部门的新闻发布机构。对新闻发言人进行登记。").publisher is None
    assert meta_of("发布机构：某某区政府办\n").publisher == "某某区政府办"
    assert meta_of("发布机构：某某区政府办公开日期：2018-02-24\n").publisher == "某某区政府办"
    assert meta_of("发布机构 | 公开日期 | 2018-02-24 |\n").publisher is None


def test_signature_date_is_the_publication_date() -> None:
    text = "正文。\n\n                某某区人民政府办公室\n                 2018年2月24日\n打印本页 关闭窗口\n"
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert metadata.published == dt.date(2018, 2, 24)
    start, end = metadata.spans["published"]
    assert nt.original[start:end] == "2018年2月24日"


def test_table_footer_fields() -> None:
    text = (
        "填报单位（盖章）：某某县人民政府办公室\n"
        "单位负责人：某某 审核人：某某 填报人：某某\n"
        "联系电话：5230666 填报日期：2016年12月31日\n"
    )
    nt = normalize(text)
    metadata, _ = extract_metadata(nt)
    assert metadata.filled_by == "某某县人民政府办公室"
    assert metadata.filled_date == dt.date(2016, 12, 31)
    assert metadata.region == "某某县"
    assert metadata.published is None
    assert_spans(nt, metadata)


def test_empty_table_footer_is_not_a_value() -> None:
    assert meta_of("填报单位（盖章）：\n\n统计指标\n").filled_by is None


def test_nothing_to_find() -> None:
    metadata, findings = extract_metadata(normalize(""))
    assert metadata == Metadata()
    assert findings == []


# -- suspicious text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("根河365体育投注信息公开相关规定", "365体育投注"),
        ("某某博彩官网政务公开", "博彩官网"),
        ("在线av不断更新人民政府", "在线av不断更新"),
        ("ibet888政府信息公开", "ibet888"),
        ("政府信息公开工作年度報(bào)告", "(bào)"),
        ("本年度????主动公开", "????"),
        ("某某威廉希尔体育政务公开", "威廉希尔体育"),
    ],
)
def test_suspicious_phrases(text: str, phrase: str) -> None:
    nt = normalize(text)
    findings = find_suspicious(nt)
    assert len(findings) == 1
    span = findings[0].span
    assert span is not None and nt.original[span[0] : span[1]] == phrase
    assert "1 time;" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "体育彩票公益金使用情况按规定公开。",
        "（a）申请人身份证明；（b）申请内容。",
        "以真人真事为题材开展普法宣传。",
        "依法打击网络赌博等违法犯罪活动，投注站管理规范。",
        "2016年度政府信息公开情况统计表",
    ],
)
def test_ordinary_report_text_is_not_suspicious(text: str) -> None:
    assert find_suspicious(normalize(text)) == []


def test_one_finding_per_distinct_phrase_with_counts() -> None:
    text = "365体育投注办公室。365体育投注门户网站。博彩官网。"
    nt = normalize(text)
    findings = find_suspicious(nt)
    assert [f.message.split("'")[1] for f in findings] == ["365体育投注", "博彩官网"]
    assert "2 times" in findings[0].message
    assert suspicious_spans(nt) == [(0, 7), (11, 18), (23, 27)]


def test_patterns_are_data() -> None:
    assert all(p.name and p.description for p in PATTERNS)


# -- properties ----------------------------------------------------------------------------

_REGIONS = ("宝坻区", "根河市", "吴忠市利通区", "洪泽区", "保定市", "某某县", "某某省某某市某某区")
_CHROME = (
    "当前位置：首页 > 政府信息公开 > 年度报告",
    "打印本页 关闭窗口",
    "[bookmark: _GoBack]",
    "主办：某某区人民政府办公室 ICP备05012345号",
)
_PERIODS = (
    "本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
    "本年度报告中所列数据统计期限从{y}年1月1日到12月31日止。",
    "本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。",
    "本报告数据统计时限为{y}11日至1231日。",
)


@settings(max_examples=150, deadline=None)
@given(
    region=st.sampled_from(_REGIONS),
    year=st.integers(min_value=2008, max_value=2030),
    spaced=st.booleans(),
    split=st.booleans(),
    chrome=st.lists(st.sampled_from(_CHROME), max_size=3),
    period=st.sampled_from(_PERIODS),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_property_title_region_year_period(
    region: str,
    year: int,
    spaced: bool,
    split: bool,
    chrome: list[str],
    period: str,
    newline: str,
) -> None:
    who = " ".join(region) if spaced else region
    rest = f"{year}年政府信息公开工作年度报告"
    title_lines = [who, rest] if split else [who + rest]
    body = ["　　" + period.format(y=year), "一、总体情况"]
    text = newline.join([*chrome, *title_lines, "", *body])
    nt = normalize(text)
    metadata, findings = extract_metadata(nt)
    assert metadata.title == region + rest
    assert metadata.region == region
    assert metadata.agency is None
    assert metadata.year == year
    assert metadata.period == (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert findings == []
    assert_spans(nt, metadata)


def test_spam_search_stays_local_in_a_long_file_of_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A year of reports in one file holds hundreds of trigger words (体育, 投注): the spam
    # patterns are still looked for around them, not by a dozen scans of the whole file, so
    # that the time per report does not grow with the file — and find what the scans find.
    from gxgk_parse import samples, suspicious

    text = "\n\n".join([samples.read_text("001"), samples.read_text("000")] * 16)
    nt = normalize(text)
    found = suspicious._triggers_found(nt.text)
    assert sum(len(s) for s in found.values() if s) > 256
    assert all(s is not None for s in found.values())
    local = suspicious_spans(nt)
    monkeypatch.setattr(suspicious, "_CHARS_PER_HIT", len(text))  # the old fixed budget
    assert all(s is None for s in suspicious._triggers_found(nt.text).values())
    assert suspicious_spans(nt) == local
    assert len(local) == 16 * len(suspicious_spans(normalize(samples.read_text("001"))))
