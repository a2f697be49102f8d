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
from collections.abc import Iterable, Sequence
from itertools import islice
from operator import itemgetter

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
        pattern: the compiled pattern (``regex``, or ``re`` when that means the same),
            applied to the normalised text.
        description: what the pattern stands for, in words.
        triggers: lower-case literals of which every match contains at least one; when
            none occurs in the (lower-cased) text the pattern is not run. Empty: always run.
        width: the most characters a match can span, when that is bounded: the pattern is
            then tried only around the occurrences of its triggers (Han words or single
            letters, see :func:`_check_trigger`). None: the pattern scans the whole text.
        scan_chars: for a pattern whose scan of the whole text skips ahead (to a literal
            that every match holds), the characters it scans for the cost of one search
            around an occurrence: once the occurrences are that dense, the text is
            scanned instead. None: around the occurrences, however many.
    """

    name: str
    pattern: re.Pattern[str] | regex.Pattern[str]
    description: str
    triggers: tuple[str, ...] = ()
    width: int | None = None
    scan_chars: int | None = None


# Han characters, ASCII letters whose only case variants are ASCII (not i, k or s: İ, ı,
# the Kelvin sign and ſ fold to them), and grouping: ``re`` reads such a pattern as
# ``regex`` does, and a search costs it half as much.
_PLAIN = regex.compile(r"(?:\p{Han}|[abcdefghjlmnopqrtuvwxyz]|\(\?:|[()|?])+")


def _compile(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """*pattern*, case-insensitive, compiled with ``re`` when it is plain."""
    if _PLAIN.fullmatch(pattern):
        return re.compile(pattern, re.IGNORECASE)
    return regex.compile(pattern, regex.IGNORECASE)


def _p(
    name: str,
    pattern: str,
    description: str,
    triggers: tuple[str, ...] = (),
    width: int | None = None,
    scan_chars: int | None = None,
) -> SuspiciousPattern:
    compiled = _compile(pattern)
    return SuspiciousPattern(name, compiled, description, triggers, width, scan_chars)


#: The patterns, most specific first. Digits glued in front (``365体育投注``) belong to the
#: phrase, so that one injected brand is reported once with its full text. The triggers are
#: the literals every match contains (lower case); see :func:`_candidates`. A width is the
#: longest match of its pattern (``\d{0,4}`` counts 4, ``app`` 3); see :func:`_match_spans`.
PATTERNS: tuple[SuspiciousPattern, ...] = (
    _p(
        "gambling",
        r"\d{0,4}(?:体育|足球|真人|网上|线上)投注(?:网|平台|官网|网站|app)?",
        "gambling advert",
        ("投注",),
        11,
        3000,  # a scan skips ahead to 投注: it costs a search per 3000 characters
    ),
    _p(
        "gambling",
        r"\d{0,4}(?:博彩|娱乐城|百家乐|时时彩|六合彩|老虎机|(?:网上|线上|在线)赌场)(?:网|平台|官网|网站|app)?",
        "gambling advert",
        ("彩", "娱乐", "百家乐", "老虎机", "赌场"),
        11,
    ),
    # A scan skips ahead to 真人: it costs a search per 800 characters.
    _p("gambling", r"真人(?:视讯|娱乐|荷官|棋牌|游戏)", "gambling advert", ("真人",), 4, 800),
    _p(
        "gambling",
        r"(?:葡京|威尼斯人|金沙|银河|永利|太阳城|皇冠)(?:娱乐|赌场|官网|平台|体育)",
        "gambling advert",
        ("葡京", "威尼斯人", "金沙", "银河", "永利", "太阳城", "皇冠"),
        6,
    ),
    # Betting brands that mirror sites glue in place of the agency name.
    _p(
        "gambling",
        r"威廉希尔(?:体育|娱乐|官网|平台)?|华体会(?:体育)?|金宝博|博天堂",
        "gambling brand",
        ("威廉希尔", "华体会", "金宝", "天堂"),
        6,
    ),
    _p(
        "gambling",
        r"(?:立博|必发|亚博|开云|乐鱼|星空|米乐|欧宝|天博|爱游戏|九游|半岛|凯发|雷火)"
        r"(?:体育|娱乐|电竞|棋牌)(?:官网|官方网站|平台|app)?",
        "gambling brand",
        ("体育", "娱乐", "电竞", "棋牌"),
        9,
    ),
    _p(
        "gambling",
        r"(?:体育|娱乐)(?:官网|官方网站|平台)(?:app)?(?:登录|入口|注册|下载)",
        "gambling advert",
        ("体育", "娱乐"),
        11,
    ),
    _p(
        "gambling",
        r"[0-9a-z]{2,12}彩票|彩票(?:app|平台|官网|注册|开户|网址)",
        "lottery advert",
        ("彩",),
        14,
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
    _p(
        "pinyin",
        rf"(?<=\p{{Han}})\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)",
        "pinyin glued into the text",
        tuple(_TONED),
        8,
    ),
)


# The character of a Han trigger that the scanner stops at, when not its first one. The
# scanner skips ahead to the characters that can start a hit and tries every trigger at
# each: a trigger is looked for from its rarest character in report prose (体育 from 育, not
# from the 体 of 具体), the characters before it checked behind. A speed hint only.
_ANCHORS = {
    "投注": "注",
    "百家乐": "乐",
    "老虎机": "虎",
    "威尼斯人": "尼",
    "金沙": "沙",
    "皇冠": "冠",
    "威廉希尔": "希",
    "金宝": "宝",
    "天堂": "堂",
    "体育": "育",
    "电竞": "竞",
    "无码": "码",
}


def _is_caseless(trigger: str) -> bool:
    return trigger == trigger.lower() == trigger.upper()


def _check_trigger(trigger: str, pat: SuspiciousPattern) -> None:
    """A trigger's occurrences in ``text.lower()`` must be what the scanner finds in the
    text (see :func:`_trigger_index`); a mistake in the table above, caught on import."""
    if trigger != trigger.lower():
        raise AssertionError(f"suspicious trigger {trigger!r} is not lower case")
    if _is_caseless(trigger):
        return
    if len(trigger) == 1:
        ok = len(trigger.upper()) == 1 and trigger.upper().lower() == trigger
    else:
        # An ``i`` at the end could be the lowered İ (``i`` + combining dot).
        ok = trigger.isascii() and not trigger.endswith("i") and pat.width is None
    if not ok:  # pragma: no cover - a table mistake
        raise AssertionError(f"suspicious trigger {trigger!r} cannot be indexed")


def _check_overlaps(patterns: tuple[SuspiciousPattern, ...], triggers: Iterable[str]) -> None:
    """No trigger can overlap another one in a text, nor itself when a pattern is looked
    for around it: ``finditer`` reports non-overlapping hits, and each occurrence must be
    one (a mistake in the table above, caught on import)."""
    near = {t for pat in patterns if pat.width is not None for t in pat.triggers}
    for a in triggers:
        for b in triggers:
            overlap = any(a[q:].startswith(b) or b.startswith(a[q:]) for q in range(1, len(a)))
            overlap = overlap or (a != b and a.startswith(b))
            if overlap and (a != b or a in near):  # pragma: no cover - a table mistake
                raise AssertionError(f"suspicious trigger {b!r} can overlap {a!r}")


def _trigger_index(
    patterns: tuple[SuspiciousPattern, ...],
) -> tuple[re.Pattern[str], dict[str, tuple[str, int]], dict[str, frozenset[int]]]:
    """One scanner for every trigger, the trigger of each hit, and which patterns each
    trigger lets run.

    The scanner is a plain alternation for the standard library's ``re`` (which skips
    ahead to the characters that can start one; ``regex`` tries every alternative of every
    pattern at every position), run on the text itself: a cased trigger is spelt in any
    mix of cases, which is what its occurrence in ``text.lower()`` is (besides ASCII
    letters, only İ lowers to ASCII, to ``i`` and a combining dot, and no trigger ends in
    ``i``; a toned vowel is one of its two cases); a caseless one (Han, punctuation) is
    itself, from its anchor (``_ANCHORS``). A hit is the trigger from its anchor on, in
    some case: ``hit.lower()`` names it and the anchor's offset, unless the trigger
    starts with it.
    """
    owners: dict[str, set[int]] = {}
    for i, pat in enumerate(patterns):
        for trigger in pat.triggers:
            _check_trigger(trigger, pat)
            owners.setdefault(trigger, set()).add(i)
    _check_overlaps(patterns, owners)
    alternatives: list[str] = []
    hits: dict[str, tuple[str, int]] = {}
    for trigger in owners:
        if not _is_caseless(trigger):
            rest = "".join(
                re.escape(c) if _is_caseless(c) else f"[{c}{c.upper()}]" for c in trigger[1:]
            )
            first = trigger[0]
            alternatives.extend(re.escape(f) + rest for f in dict.fromkeys(first + first.upper()))
            continue
        k = trigger.index(_ANCHORS.get(trigger, trigger[0]))
        behind = f"(?<={re.escape(trigger[: k + 1])})" if k else ""
        alternatives.append(re.escape(trigger[k]) + behind + re.escape(trigger[k + 1 :]))
        hit = trigger[k:]
        if hit in hits or (hit != trigger and hit in owners):  # pragma: no cover
            raise AssertionError(f"suspicious trigger {trigger!r} has an ambiguous anchor")
        hits[hit] = (trigger, k)
    # Every alternative starts with a literal character and there are no groups: ``re``
    # then skips ahead to the characters that can start one (a class or a group first
    # makes it try every alternative at every position). No two triggers overlap, so at
    # most one alternative matches anywhere, whatever their order.
    scanner = re.compile("|".join(alternatives))
    return scanner, hits, {t: frozenset(o) for t, o in owners.items()}


_TRIGGERS, _HIT_TRIGGER, _TRIGGER_OWNERS = _trigger_index(PATTERNS)
# Hits listed one by one before the patterns fall back to scanning the whole text: at least
# this many, and one per this many characters of text. A hit costs a Python step and a
# window search; the scans it saves cost a dozen passes of ``regex`` over the text. A fixed
# budget made a long document (a year of reports in one file) scan whole as soon as it
# held a few hundred ordinary 体育 and 娱乐, so that the time per report grew with the
# length of the file.
_HIT_BUDGET = 256
_CHARS_PER_HIT = 64


def _shared_triggers(
    patterns: tuple[SuspiciousPattern, ...],
) -> dict[str, tuple[re.Pattern[str] | regex.Pattern[str], int]]:
    """For each trigger that several patterns are looked for around: all of them as one
    pattern, and their widest width.

    Around most occurrences none of them matches (体育 of 体育彩票, 娱乐 of 娱乐场所); one
    search of the alternation tells so, where each pattern would search on its own.
    """
    owners: dict[str, list[SuspiciousPattern]] = {}
    for pat in patterns:
        if pat.width is not None:
            for trigger in pat.triggers:
                owners.setdefault(trigger, []).append(pat)
    shared: dict[str, tuple[re.Pattern[str] | regex.Pattern[str], int]] = {}
    for trigger, pats in owners.items():
        if len(pats) > 1:
            either = "|".join(f"(?:{pat.pattern.pattern})" for pat in pats)
            width = max(pat.width or 0 for pat in pats)
            shared[trigger] = (_compile(either), width)
    return shared


_SHARED = _shared_triggers(PATTERNS)


# The triggers some pattern is looked for around (see :func:`_match_spans`).
_NEAR = frozenset(t for pat in PATTERNS if pat.width is not None for t in pat.triggers)


def _triggers_found(text: str) -> dict[str, list[int] | None]:
    """Every trigger that occurs in ``text.lower()``, with every offset where it occurs in
    the text when some pattern is looked for around it (no trigger hides another one there,
    checked on import); None otherwise, and for every trigger when the text holds too many
    to list."""
    by_hit: dict[str, list[int]] = {}
    scan = _TRIGGERS.finditer(text)
    for m in islice(scan, max(_HIT_BUDGET, len(text) // _CHARS_PER_HIT)):
        hit = m.group()
        starts = by_hit.get(hit)
        if starts is None:
            by_hit[hit] = [m.start()]
        else:
            starts.append(m.start())
    more = next(scan, None)
    if more is not None:
        # A text full of triggers (a spam page, a hostile input): the patterns scan it
        # whole, and the rest of the triggers are collected in C.
        every = dict.fromkeys([*by_hit, *_TRIGGERS.findall(text, more.start())])
        return dict.fromkeys(_hit_trigger(hit)[0] for hit in every)
    found: dict[str, list[int] | None] = {}
    for hit, starts in by_hit.items():
        trigger, k = _hit_trigger(hit)
        if trigger not in _NEAR:
            found[trigger] = None
        else:
            found[trigger] = [q - k for q in starts] if k else starts
    return found


def _hit_trigger(hit: str) -> tuple[str, int]:
    """The trigger of a scanner hit, and the offset of the hit in it."""
    return _HIT_TRIGGER.get(hit) or (hit.lower(), 0)


# The patterns that run whatever the text holds, and for each trigger those of its patterns
# that scan the whole text (no width): the trigger's presence is enough for them.
_ALWAYS = frozenset(i for i, pat in enumerate(PATTERNS) if not pat.triggers)
_SCANNING_OWNERS = {
    t: frozenset(i for i in owners if PATTERNS[i].width is None)
    for t, owners in _TRIGGER_OWNERS.items()
}


def _run(found: dict[str, list[int] | None]) -> set[int]:
    """The patterns the triggers found let run: a trigger left with no occurrence to look
    around (see :func:`_live`) lets only those that scan the whole text run."""
    run = set(_ALWAYS)
    for trigger, starts in found.items():
        run |= _TRIGGER_OWNERS[trigger] if starts is None or starts else _SCANNING_OWNERS[trigger]
    return run


def _candidates(text: str) -> set[int]:
    """Indices of the patterns that can match *text* (those without triggers always can)."""
    return _run(_triggers_found(text))


def _match_spans(
    pat: SuspiciousPattern, text: str, found: dict[str, list[int] | None]
) -> list[tuple[int, int]]:
    """The spans ``pat.pattern.finditer(text)`` gives, looked for near the triggers when
    the pattern has a width and its triggers' occurrences are listed (and not so dense
    that a scan costs less, see ``scan_chars``).

    Every match holds an occurrence *q* of a trigger and spans at most *width* characters,
    so it starts in ``[q + len(trigger) - width, q]``. Each such window of starts is
    searched with the text cut *width* past its end: no match from a start in the window
    reaches the cut, so a pattern without anchors or negative lookarounds matches there as
    in the whole text (its lookbehinds see the text before the window, as a scan's do); a
    match found past the window is left to the next window.
    """
    width = pat.width
    starts = [found.get(trigger, ()) for trigger in pat.triggers]
    if width is None or any(s is None for s in starts) or _dense(pat, starts, len(text)):
        return [m.span() for m in pat.pattern.finditer(text)]
    windows = [
        (q + len(trigger) - width, q)
        for trigger, occurrences in zip(pat.triggers, starts, strict=True)
        for q in occurrences or ()
    ]
    windows.sort()
    search = pat.pattern.search
    spans: list[tuple[int, int]] = []
    pos = 0
    for lo, hi in windows:
        pos = max(pos, lo)
        while pos <= hi:
            m = search(text, pos, hi + width)
            if m is None:
                break
            s, e = m.span()
            if s > hi:
                break
            spans.append((s, e))
            pos = max(e, s + 1)  # a match holds a trigger: never empty
    return spans


def _dense(pat: SuspiciousPattern, starts: Sequence[Sequence[int] | None], length: int) -> bool:
    """Whether the occurrences are so many that a scan of the text costs less."""
    if pat.scan_chars is None:
        return False
    return sum(len(s or ()) for s in starts) * pat.scan_chars > length


def _live(text: str, found: dict[str, list[int] | None]) -> dict[str, list[int] | None]:
    """*found*, less the occurrences of shared triggers around which none of the patterns
    that share them matches (see :func:`_shared_triggers`).

    A match of one of them that holds an occurrence starts in the widest window around it,
    and there the alternation matches too (a match of an alternative at a start is a match
    of the alternation there): an occurrence the alternation finds nothing around is in no
    match, and its windows need no search of their own.
    """
    if not _SHARED.keys() & found.keys():
        return found
    live = dict(found)
    for trigger, starts in found.items():
        if trigger not in _SHARED or starts is None:
            continue
        either, width = _SHARED[trigger]
        shift = len(trigger) - width
        kept = []
        for q in starts:
            m = either.search(text, max(q + shift, 0), q + width)
            if m is not None and m.start() <= q:
                kept.append(q)
        live[trigger] = kept
    return live


_START = itemgetter(1)  # of a hit


def _scan(nt: NormalizedText) -> list[tuple[SuspiciousPattern, int, int]]:
    """Every hit in document order, without overlaps (an earlier pattern wins)."""
    text = nt.text
    found = _triggers_found(text)
    if not found and not _ALWAYS:  # the usual case: no trigger, nothing to run
        return []
    found = _live(text, found)
    run = _run(found)
    hits: list[tuple[SuspiciousPattern, int, int]] = []
    # Spans taken by earlier patterns, sorted and disjoint. A pattern's own matches come in
    # order and do not overlap, so one sweep per pattern checks them against it: linear in
    # the number of hits, where testing each hit against every earlier one was quadratic
    # (a page of "????" lines has one hit per line).
    taken: list[tuple[int, int]] = []
    for i in sorted(run):
        pat = PATTERNS[i]
        accepted: list[tuple[int, int]] = []
        j, n = 0, len(taken)
        for s, e in _match_spans(pat, text, found):
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
    hits.sort(key=_START)
    return hits


def suspicious_spans(nt: NormalizedText) -> list[tuple[int, int]]:
    """Normalised-text spans of every suspicious hit, sorted (for callers that avoid them)."""
    return [(s, e) for _, s, e in _scan(nt)]


def find_suspicious_and_spans(
    nt: NormalizedText,
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """:func:`find_suspicious` and :func:`suspicious_spans` from one scan of the text."""
    hits = _scan(nt)
    if not hits:  # the usual case
        return [], []
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
    text = nt.text
    for pat, s, e in hits:
        key = text[s:e].lower()
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
