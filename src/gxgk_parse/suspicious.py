"""Spotting text injected into hijacked report pages (gambling and adult spam, mirror junk).

Mirror sites and hijacked government pages replace the agency or place name with an advert
(``根河365体育投注``, ``365体育投注办公室``), glue pinyin into the text (``報(bào)告``) or lose
characters to ``????``. Such text must never become a region, an agency or a title, and the
reader should be told. Detection is a short list of phrases that have no business in a
government report; each pattern is written so that ordinary report wording (体育彩票公益金,
真人真事, enumerations like ``(a)``) does not trigger it.
"""

from __future__ import annotations

import re

import attrs
import regex

from .model import Finding
from .normalize import NormalizedText

__all__ = [
    "SuspiciousPattern",
    "find_suspicious",
    "find_suspicious_and_spans",
    "suspicious_spans",
]

# Tone-marked pinyin vowels: a parenthesised syllable with one of these right after a Han
# character is a pronunciation gloss glued in by a mirror, not an enumeration marker.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


@attrs.frozen
class SuspiciousPattern:
    """One kind of injected text.

    Attributes:
        name: short identifier used in the finding message.
        pattern: the compiled pattern, applied to the normalised text.
        description: what the pattern stands for, in words.
        triggers: lower-case literals of which every match contains at least one; when
            none occurs in the (lower-cased) text the pattern is not run. Empty: always run.
    """

    name: str
    pattern: regex.Pattern[str]
    description: str
    triggers: tuple[str, ...] = ()


def _p(
    name: str, pattern: str, description: str, triggers: tuple[str, ...] = ()
) -> SuspiciousPattern:
    return SuspiciousPattern(name, regex.compile(pattern, regex.IGNORECASE), description, triggers)


#: The patterns, most specific first. Digits glued in front (``365体育投注``) belong to the
#: phrase, so that one injected brand is reported once with its full text. The triggers are
#: the literals every match contains (lower case); see :func:`_candidates`.
PATTERNS: tuple[SuspiciousPattern, ...] = (
    _p(
        "gambling",
        r"\d{0,4}(?:体育|足球|真人|网上|线上)投注(?:网|平台|官网|网站|app)?",
        "gambling advert",
        ("投注",),
    ),
    _p(
        "gambling",
        r"\d{0,4}(?:博彩|娱乐城|百家乐|时时彩|六合彩|老虎机|(?:网上|线上|在线)赌场)(?:网|平台|官网|网站|app)?",
        "gambling advert",
        ("彩", "娱乐", "百家乐", "老虎机", "赌场"),
    ),
    _p("gambling", r"真人(?:视讯|娱乐|荷官|棋牌|游戏)", "gambling advert", ("真人",)),
    _p(
        "gambling",
        r"(?:葡京|威尼斯人|金沙|银河|永利|太阳城|皇冠)(?:娱乐|赌场|官网|平台|体育)",
        "gambling advert",
        ("葡京", "威尼斯人", "金沙", "银河", "永利", "太阳城", "皇冠"),
    ),
    # Betting brands that mirror sites glue in place of the agency name.
    _p(
        "gambling",
        r"威廉希尔(?:体育|娱乐|官网|平台)?|华体会(?:体育)?|金宝博|博天堂",
        "gambling brand",
        ("威廉希尔", "华体会", "金宝", "天堂"),
    ),
    _p(
        "gambling",
        r"(?:立博|必发|亚博|开云|乐鱼|星空|米乐|欧宝|天博|爱游戏|九游|半岛|凯发|雷火)"
        r"(?:体育|娱乐|电竞|棋牌)(?:官网|官方网站|平台|app)?",
        "gambling brand",
        ("体育", "娱乐", "电竞", "棋牌"),
    ),
    _p(
        "gambling",
        r"(?:体育|娱乐)(?:官网|官方网站|平台)(?:app)?(?:登录|入口|注册|下载)",
        "gambling advert",
        ("体育", "娱乐"),
    ),
    _p(
        "gambling",
        r"[0-9a-z]{2,12}彩票|彩票(?:app|平台|官网|注册|开户|网址)",
        "lottery advert",
        ("彩",),
    ),
    _p(
        "gambling",
        r"(?<![a-z])(?:ibet|bet365|188bet|dafabet|vwin|bwin)[a-z0-9]{0,12}",
        "gambling brand",
        ("bet", "win"),
    ),
    _p(
        "adult",
        r"在线av(?:不断更新)?|av(?:女优|在线|不断更新)|成人(?:视频|电影|网站|影院)|色情(?:视频|电影|网站)|无码(?:视频|电影)",
        "adult advert",
        ("av", "成人", "色情", "无码"),
    ),
    _p("mojibake", r"\?{3,}", "characters lost to question marks", ("???",)),
    # Cheap already (the toned vowel is a rare character class): always run.
    _p(
        "pinyin",
        rf"(?<=\p{{Han}})\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)",
        "pinyin glued into the text",
    ),
)


def _trigger_index(
    patterns: tuple[SuspiciousPattern, ...],
) -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """One scanner for every trigger, and which patterns each trigger lets run.

    The scanner is a plain alternation of literals for the standard library's ``re``, which
    skips ahead to the characters that can start one (a tenth of a pass of ``\\d+``),
    where ``regex`` tries every alternative of every pattern at every position.
    """
    owners: dict[str, set[int]] = {}
    for i, pat in enumerate(patterns):
        for trigger in pat.triggers:
            owners.setdefault(trigger, set()).add(i)
    # ``findall`` reports non-overlapping occurrences: a trigger B that starts inside an
    # occurrence of A (or is a prefix of A) is not reported there. That is harmless only
    # when every pattern B lets run, A lets run too; anything else is a mistake in the
    # table above, caught on import.
    for a, a_owners in owners.items():
        for b, b_owners in owners.items():
            hidden = any(a[q:].startswith(b) or b.startswith(a[q:]) for q in range(1, len(a)))
            hidden = hidden or (a != b and a.startswith(b))
            if hidden and not b_owners <= a_owners:  # pragma: no cover - a table mistake
                raise AssertionError(f"suspicious trigger {b!r} can hide inside {a!r}")
    longest_first = sorted(owners, key=lambda t: (-len(t), t))
    scanner = re.compile("|".join(re.escape(t) for t in longest_first))
    return scanner, {t: frozenset(o) for t, o in owners.items()}


_TRIGGERS, _TRIGGER_OWNERS = _trigger_index(PATTERNS)


def _candidates(text: str) -> set[int]:
    """Indices of the patterns that can match *text* (those without triggers always can)."""
    run = {i for i, pat in enumerate(PATTERNS) if not pat.triggers}
    # Patterns are case-insensitive; their triggers are lower case and their letters (a, b,
    # e, i, n, t, v, w) have no case variants beyond ASCII under simple case folding.
    for trigger in set(_TRIGGERS.findall(text.lower())):
        run |= _TRIGGER_OWNERS[trigger]
    return run


def _scan(nt: NormalizedText) -> list[tuple[SuspiciousPattern, int, int]]:
    """Every hit in document order, without overlaps (an earlier pattern wins)."""
    text = nt.text
    run = _candidates(text)
    hits: list[tuple[SuspiciousPattern, int, int]] = []
    # Spans taken by earlier patterns, sorted and disjoint. A pattern's own matches come in
    # order and do not overlap, so one sweep per pattern checks them against it: linear in
    # the number of hits, where testing each hit against every earlier one was quadratic
    # (a page of "????" lines has one hit per line).
    taken: list[tuple[int, int]] = []
    for i, pat in enumerate(PATTERNS):
        if i not in run:
            continue
        accepted: list[tuple[int, int]] = []
        j, n = 0, len(taken)
        for m in pat.pattern.finditer(text):
            s, e = m.span()
            if e <= s:
                continue
            while j < n and taken[j][1] <= s:
                j += 1
            if j < n and taken[j][0] < e:
                continue
            accepted.append((s, e))
            hits.append((pat, s, e))
        if accepted:
            taken = sorted(taken + accepted)  # two sorted runs: a linear merge
    hits.sort(key=lambda h: h[1])
    return hits


def suspicious_spans(nt: NormalizedText) -> list[tuple[int, int]]:
    """Normalised-text spans of every suspicious hit, sorted (for callers that avoid them)."""
    return [(s, e) for _, s, e in _scan(nt)]


def find_suspicious_and_spans(
    nt: NormalizedText,
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """:func:`find_suspicious` and :func:`suspicious_spans` from one scan of the text."""
    hits = _scan(nt)
    return _findings(nt, hits), [(s, e) for _, s, e in hits]


def find_suspicious(nt: NormalizedText) -> list[Finding]:
    """Report text that looks injected into the page (spam, mirror junk).

    One finding per distinct phrase, placed at its first occurrence, with the number of
    occurrences in the message.

    Args:
        nt: the normalised report text.

    Returns:
        ``suspicious-text`` warnings, in order of first occurrence.
    """
    return _findings(nt, _scan(nt))


def _findings(nt: NormalizedText, hits: list[tuple[SuspiciousPattern, int, int]]) -> list[Finding]:
    first: dict[str, tuple[SuspiciousPattern, int, int]] = {}
    counts: dict[str, int] = {}
    for pat, s, e in hits:
        phrase = nt.text[s:e]
        key = phrase.lower()
        if key not in first:
            first[key] = (pat, s, e)
        counts[key] = counts.get(key, 0) + 1
    findings: list[Finding] = []
    for key, (pat, s, e) in first.items():
        span = nt.span_to_original(s, e)
        phrase = nt.original[span[0] : span[1]]
        n = counts[key]
        findings.append(
            Finding(
                code="suspicious-text",
                severity="warning",
                message=(
                    f"suspicious text {phrase!r} ({pat.description}) occurs {n} "
                    f"time{'s' if n != 1 else ''}; it looks injected into the page, "
                    "possibly in place of the agency or place name"
                ),
                span=span,
                line=nt.line_of(s),
            )
        )
    return findings
