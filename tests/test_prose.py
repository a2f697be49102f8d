"""Tests of :mod:`gxgk_parse.prose`: seeds, fixture cases, traps and properties."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxgk_parse.model import Observation
from gxgk_parse.normalize import NormalizedText, normalize
from gxgk_parse.prose import NUMBER_RULES, PHRASE_RULES, extract_prose

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
SEED_KEYS = [p.name[:3] for p in SEEDS]


# -- helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    indicator: str
    value: Decimal
    raw: str | None


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expect: tuple[Expect, ...]


def load_cases(name: str) -> list[Case]:
    """Read a case-list file (format described at the top of positive.txt)."""
    content = (FIXTURES / "prose" / name).read_text(encoding="utf-8")
    cases = []
    for block in re.split(r"^=== ", content, flags=re.MULTILINE)[1:]:
        title, _, body = block.partition("\n")
        text, _, expect_part = body.partition("--- expect\n")
        expects = []
        for line in expect_part.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.fullmatch(r"(\S+)\s*=\s*(\S+)(?:\s*@\s*(.+))?", line)
            assert m, f"bad expect line in {name}/{title}: {line!r}"
            expects.append(Expect(m[1], Decimal(m[2]), m[3]))
        cases.append(Case(title.strip(), text.rstrip("\n"), tuple(expects)))
    return cases


def seed(key: str) -> NormalizedText:
    path = next(p for p in SEEDS if p.name.startswith(key))
    return normalize(path.read_text(encoding="utf-8"))


def expected(key: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (FIXTURES / "expected" / f"{key}.json").read_text(encoding="utf-8")
    )
    return data


def run(
    text: str, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[NormalizedText, list[Observation]]:
    nt = normalize(text)
    observations, _ = extract_prose(nt, exclude=exclude)
    return nt, observations


def assert_well_formed(nt: NormalizedText, observations: Sequence[Observation]) -> None:
    for obs in observations:
        start, end = obs.span
        assert nt.original[start:end] == obs.raw
        assert obs.origin == "prose"
        assert obs.match is not None and obs.match.method in ("pattern", "phrase")
        assert 0 < obs.match.score <= 1
        assert obs.kind == ("zero" if obs.value == 0 else "number")
        assert obs.line == nt.original.count("\n", 0, start) + 1
        if obs.unit in ("万元", "元"):
            assert isinstance(obs.value, Decimal)
        else:
            assert isinstance(obs.value, int)


def table_spans(nt: NormalizedText) -> list[tuple[int, int]]:
    """Stand-in for table detection: from the statistics-table title to the end."""
    m = re.search(r"政府信息公开情况统计表(?!。)", nt.text)
    return [(m.start(), len(nt.text))] if m else []


# -- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_every_expected_prose_value_is_found(key: str) -> None:
    nt = seed(key)
    observations, _ = extract_prose(nt)
    want = expected(key)["prose"]
    assert isinstance(want, dict)
    for indicator, value in want.items():
        values = [o.value for o in observations if o.indicator == indicator]
        assert value in values, f"{key}: {indicator} = {value} not found (got {values})"


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_no_wrong_and_no_extra_prose_value(key: str) -> None:
    nt = seed(key)
    observations, findings = extract_prose(nt)
    want = expected(key)["prose"]
    assert isinstance(want, dict)
    for obs in observations:
        assert obs.indicator in want, (
            f"{key}: unexpected {obs.indicator} = {obs.value} ({obs.raw!r})"
        )
        assert obs.value == want[obs.indicator], f"{key}: {obs.indicator} = {obs.value}"
    assert findings == []


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_observations_are_well_formed(key: str) -> None:
    nt = seed(key)
    observations, _ = extract_prose(nt)
    assert_well_formed(nt, observations)
    assert [o.span for o in observations] == sorted(o.span for o in observations)


@pytest.mark.parametrize("key", SEED_KEYS)
def test_seed_table_exclusion_changes_nothing_in_prose(key: str) -> None:
    nt = seed(key)
    full, _ = extract_prose(nt)
    excluded, _ = extract_prose(nt, exclude=table_spans(nt))
    assert excluded == full


def test_exclude_covers_everything() -> None:
    nt = seed("004")
    observations, _ = extract_prose(nt, exclude=[(0, len(nt.text))])
    assert observations == []


def test_exclude_is_respected_for_a_sentence() -> None:
    text = "共收到政府信息公开申请26件。全年主动公开政府信息100条。"
    nt, observations = run(text)
    assert {o.indicator for o in observations} == {"requests.received", "proactive.total"}
    first_sentence = (0, text.index("。") + 1)
    observations, _ = extract_prose(nt, exclude=[first_sentence])
    assert [o.indicator for o in observations] == ["proactive.total"]


def test_seed_000_prose_disagrees_with_table_but_is_kept() -> None:
    nt = seed("000")
    observations, _ = extract_prose(nt)
    by_mail = [o for o in observations if o.indicator == "requests.received.by_mail"]
    assert [(o.value, o.raw, o.unit) for o in by_mail] == [(13, "13", "件")]
    assert nt.line_of(nt.text.index("信函申请13件")) == by_mail[0].line


def test_seed_zero_phrases_have_phrase_spans() -> None:
    nt = seed("002")
    observations, _ = extract_prose(nt)
    zeros = {o.indicator: o for o in observations if o.match and o.match.method == "phrase"}
    assert zeros["fees.total"].raw == "均未收费"
    assert zeros["fees.total"].value == Decimal(0)
    assert zeros["fees.total"].unit == "万元"
    assert zeros["review.total"].raw == "未收到涉及政府信息公开的行政复议"
    assert zeros["litigation.total"].raw == "未发生涉及政府信息公开的行政诉讼"
    assert all(o.kind == "zero" for o in zeros.values())


# -- fixture cases -------------------------------------------------------------------------


def _assert_case(case: Case) -> None:
    nt, observations = run(case.text)
    assert_well_formed(nt, observations)
    got = sorted((o.indicator, Decimal(o.value or 0)) for o in observations)
    want = sorted((e.indicator, e.value) for e in case.expect)
    assert got == want, case.name
    for e in case.expect:
        if e.raw is not None:
            raws = [
                o.raw for o in observations if o.indicator == e.indicator and o.value == e.value
            ]
            assert e.raw in raws, f"{case.name}: {e.indicator} raw {raws}"


@pytest.mark.parametrize("case", load_cases("positive.txt"), ids=lambda c: c.name)
def test_positive_case(case: Case) -> None:
    _assert_case(case)


@pytest.mark.parametrize("case", load_cases("negative.txt"), ids=lambda c: c.name)
def test_negative_case_yields_nothing(case: Case) -> None:
    assert case.expect == ()
    _, observations = run(case.text)
    assert observations == [], [(o.indicator, o.raw) for o in observations]


@pytest.mark.xfail(strict=True, reason="known limitation, see known_failures.txt")
@pytest.mark.parametrize("case", load_cases("known_failures.txt"), ids=lambda c: c.name)
def test_known_failure(case: Case) -> None:
    _assert_case(case)


def test_fixture_files_are_not_empty() -> None:
    assert len(load_cases("positive.txt")) >= 20
    assert len(load_cases("negative.txt")) >= 25
    assert load_cases("known_failures.txt")


# -- behaviour -----------------------------------------------------------------------------


def test_conflicting_prose_values_are_reported() -> None:
    text = "共收到政府信息公开申请26件。\n另据统计，共收到政府信息公开申请28件。"
    nt = normalize(text)
    observations, findings = extract_prose(nt)
    assert [o.value for o in observations] == [26, 28]
    assert [f.code for f in findings] == ["prose-conflict"]
    assert findings[0].indicators == ("requests.received",)
    assert findings[0].severity == "warning"


def test_same_value_twice_is_not_a_conflict() -> None:
    _, findings = extract_prose(
        normalize("共收到政府信息公开申请26件。共收到政府信息公开申请26件。")
    )
    assert findings == []


def test_crlf_and_invisible_characters_map_back() -> None:
    text = "\ufeff一、概述\r\n共收到政府信\u200b息公开申请\u200d26件。\r\n"
    _, observations = run(text)
    assert len(observations) == 1
    obs = observations[0]
    assert (obs.indicator, obs.value, obs.raw, obs.line) == ("requests.received", 26, "26", 2)
    assert text[obs.span[0] : obs.span[1]] == "26"


def test_rules_are_data() -> None:
    assert all(r.pattern.groupindex.keys() >= {"label", "n", "unit"} for r in NUMBER_RULES)
    assert all(0 < r.confidence <= 1 for r in NUMBER_RULES)
    assert all(0 < r.confidence <= 1 for r in PHRASE_RULES)
    assert len({r.name for r in NUMBER_RULES}) == len(NUMBER_RULES)


def test_long_adversarial_input_finishes() -> None:
    # Label fragments with no number, repeated: every quantifier is bounded, so this is
    # linear; a catastrophic pattern would not finish.
    chunk = "收到政府信息公开申请数量共计为的" * 3 + "行政复议、行政诉讼、" * 5 + "未发生无" * 10
    text = (chunk + "\n") * 300
    _, observations = run(text)
    assert observations == []


# -- properties ----------------------------------------------------------------------------

_TEMPLATES = (
    ("共收到政府信息公开申请{n}件", "requests.received"),
    ("全年主动公开政府信息{n}条", "proactive.total"),
    ("因政府信息公开申请行政复议{n}件", "review.total"),
    ("本年新收政府信息公开申请{n}件", "requests.new.total"),
    ("全年共受理各类政府信息公开申请{n}件", "requests.received"),
)
_FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")
_CHROME = (
    "当前位置：首页 > 政府信息公开 > 年度报告",
    "索 引 号 014341690/2018-00003 分  类",
    "发布机构 某某区政府办 公开日期 2018-02-24",
    "打印本页 关闭窗口",
    "主办：某某区人民政府办公室 苏ICP备05012345号 政府网站标识码：3208000012",
    "[image: 信息公开图]",
    "[bookmark: _GoBack]",
)
_PROSE = (
    *(c.text for c in load_cases("negative.txt")),
    "一、概述",
    "2018年，我区坚持以公开为常态、不公开为例外，扎实推进政务公开工作。",
    "如对本报告有疑问，请与区政府办公室联系（电话：0517-87222589）。",
    "进一步规范政府信息公开申请办理流程，确保依法按时答复。",
)


def _number_text(n: int, style: str) -> str:
    if style == "grouped":
        return f"{n:,}"
    if style == "full":
        return str(n).translate(_FULL_WIDTH)
    return str(n)


@settings(max_examples=200, deadline=None)
@given(
    template=st.sampled_from(_TEMPLATES),
    n=st.integers(min_value=0, max_value=10**7),
    style=st.sampled_from(["plain", "full", "grouped"]),
    before=st.lists(st.sampled_from(_PROSE + _CHROME), max_size=4),
    after=st.lists(st.sampled_from(_PROSE + _CHROME), max_size=4),
    newline=st.sampled_from(["\n", "\r\n", "\n\n", "\u2028"]),
    lead=st.sampled_from(["", "2018年，", "　　", "本年度，"]),
    end=st.sampled_from(["。", "；", "。其余情况见附表。", ""]),
)
def test_property_one_sentence_in_noise(
    template: tuple[str, str],
    n: int,
    style: str,
    before: list[str],
    after: list[str],
    newline: str,
    lead: str,
    end: str,
) -> None:
    pattern, indicator = template
    number = _number_text(n, style)
    sentence = lead + pattern.format(n=number) + end
    text = newline.join([*before, sentence, *after])
    _, observations = run(text)
    assert len(observations) == 1, [(o.indicator, o.raw) for o in observations]
    obs = observations[0]
    assert obs.indicator == indicator
    assert obs.value == n
    assert obs.raw == number
    assert text[obs.span[0] : obs.span[1]] == obs.raw
    assert obs.origin == "prose"


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=10**6),
    hedge=st.sampled_from(
        [
            "约{n}件",
            "近{n}件",
            "超过{n}件",
            "{n}余件",
            "{n}多件",
            "{n}件左右",
            "{n}件以上",
            "{n}人次",
        ]
    ),
    where=st.sampled_from(
        ["共收到政府信息公开申请", "全年受理政府信息公开申请", "因政府信息公开申请行政复议"]
    ),
)
def test_property_approximate_numbers_yield_nothing(n: int, hedge: str, where: str) -> None:
    _, observations = run(where + hedge.format(n=n) + "。")
    assert observations == []
