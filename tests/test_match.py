"""Label matching: numbering, spacing, width, traditional characters, context."""

from __future__ import annotations

import pytest

from gxgk_parse import get_schema
from gxgk_parse.match import choose, label_key, matcher_for


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("（一）收到申请数", "收到申请数"),
        ("(一)收到申请数", "收到申请数"),
        ("1.当面申请数", "当面申请数"),
        ("1、当面申请数", "当面申请数"),
        ("其中：涉及国家秘密", "涉及国家秘密"),
        ("三、(一)予以公开", "予以公开"),
        ("统 计 指 标", "统计指标"),
        ("规范性檔案", "规范性文件"),
        ("處理決定數量", "处理决定数量"),
        ("第二十条第(一)项", "第二十条第一项"),
        ("危及“三安全一稳定”", "危及三安全一稳定"),
    ],
)
def test_label_key(label: str, key: str) -> None:
    assert label_key(label) == key


PRE = ("value", "header")


@pytest.mark.parametrize(
    ("label", "indicator", "method"),
    [
        ("（一）收到申请数", "requests.received", "exact"),
        ("1.网络申请数", "requests.received.online", "exact"),
        ("网上申请数", "requests.received.online", "alias"),
        ("（二）举办各类新训班数", "training.courses", "alias"),
        ("8.告知通过转其他途径办理数", "requests.answered.other_channel", "alias"),
        (
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计一条）",
            "proactive.total",
            "alias",
        ),
        ("(三)从事政府信息公开工作的人员数", "capacity.staff", "fuzzy"),
    ],
)
def test_match(label: str, indicator: str, method: str) -> None:
    found = matcher_for("pre2019", PRE).match(label)
    assert [c.indicator for c in found] == [indicator]
    assert found[0].method == method


def test_unrelated_label_matches_nothing() -> None:
    matcher = matcher_for("pre2019", PRE)
    assert matcher.match("其他主动公开文件") == []
    assert matcher.match("行政检查") == []
    assert matcher.match("联系电话") == []


def test_same_label_under_two_parents_is_chosen_by_context() -> None:
    schema = get_schema("pre2019")
    found = matcher_for("pre2019", PRE).match("（二）被依法纠错数")
    assert {c.indicator for c in found} == {"review.corrected", "litigation.corrected"}
    after_review = choose(found, ["review.total", "review.upheld"], schema)
    after_litigation = choose(found, ["review.total", "litigation.total"], schema)
    assert after_review.indicator == "review.corrected"
    assert after_litigation.indicator == "litigation.corrected"
