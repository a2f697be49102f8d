"""What a report is: its title, whose it is, which year, and when it was published.

The facts come from a few places, each read with its own small pattern:

* the title line ``{机关/地区}{YYYY}年政府信息公开工作年度报告`` — possibly spaced out and split
  over two lines (``吴 忠 市 利 通 区`` / ``2015年…``), possibly preceded by Word artefacts;
* the boilerplate ``统计期限自…起至…止``, also with characters lost in export
  (``统计时限为201711日至1231日``);
* the web CMS block above the title (``索 引 号``, ``发布机构``, ``公开日期``);
* the pre-2019 table's ``填报单位`` and ``填报日期`` lines;
* the signature date at the end.

Web chrome (breadcrumbs, the CMS block labels, footers) and conversion artefacts never become
the title or the region: the title must be a line of its own that reads as a title, and text
flagged by :mod:`gxgk_parse.suspicious` (spam injected in place of the agency name) is never
used for the region or the agency.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from .model import Finding, Metadata
from .normalize import NormalizedText
from .suspicious import find_suspicious_and_spans

__all__ = ["extract_metadata"]

# -- patterns --------------------------------------------------------------------------------

_SPACE = regex.compile(r"\s")
_HAN_WORD = regex.compile(r"\p{Han}+")

# Word artefacts that may precede a title on its line.
_ARTEFACT = r"(?:\[(?:image|bookmark):[^\]\n]{0,200}\][ \t]*)"
# Word wraps a long title inside its kind (`…政府信息公开` / `工作年度报告`).
_BREAK = r"[ \t]*(?:\n[ \t]*)?"
_KIND_TAIL = (
    rf"信息公开{_BREAK}(?:工作)?{_BREAK}(?:年度报告|年报报告|年度工作报告|年报|工作报告|报告)"
)
_TITLE_KIND = rf"(?:政府|政务)?{_BREAK}{_KIND_TAIL}"
# A title is a line of its own: `who` + year + kind, nothing else (the CMS `标  题` line and
# the body sentence that starts with the title are rejected below or by the anchors).
# Tried only where :func:`_title_starts` says a title can begin: keep ``信息公开`` on the
# first or second line of every match if this changes.
_TITLE = regex.compile(
    rf"^[ \t]*{_ARTEFACT}*(?P<who>[^\n\d,。;:|!?()]{{0,40}}?)[ \t]*"
    rf"(?P<year>(?:19|20)\d{{2}})[ \t]*年(?:度)?[ \t]*(?P<kind>{_TITLE_KIND})[ \t]*$",
    regex.MULTILINE,
)
# How a title ends, from its ``信息公开`` (see :func:`_title_starts`). ``re``: it needs
# nothing of ``regex``, and finds the literal faster.
_TITLE_TAIL = re.compile(rf"{_KIND_TAIL}[ \t]*$", re.MULTILINE)
# Labels of web chrome that can sit on a title-looking line.
_CHROME_LABELS = ("标题", "名称", "信息名称", "文件名称", "当前位置", "首页", "索引号", "主题分类")
_TITLE_LABELS = frozenset({"标题", "名称", "信息名称", "文件名称"})
_HAN_LINE = regex.compile(r"[ \t]*(?P<who>\p{Han}(?:[ \t]*\p{Han}){1,19})[ \t]*")

# Administrative divisions, one level per repetition: 吴忠市 / 利通区.
_DIVISION = regex.compile(
    r"\p{Han}{1,8}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|旗|区|镇|乡|街道)"
)
# Parts that end like a division but are ordinary words (住房和城乡建设局, 风景区管理处).
_NOT_DIVISION = regex.compile(
    r"[和及与、的]|(?:城乡|社区|景区|辖区|小区|牧区|林区|矿区|库区|片区|园区|校区)$"
)
# What a government (not a department) is called after its region.
_GOVERNMENT = regex.compile(r"(?:人民)?政府")
# Suffixes of the office that fills the form for its government.
_GOV_OFFICE = regex.compile(r"(?:人民)?政府(?:办公室|办公厅|办)?")

_DATE_PART = (
    r"(?P<{p}>(?:(?P<{p}y>(?:19|20)\d{{2}})[ \t\n]{{0,3}}年?[ \t\n]{{0,3}})?"
    r"(?P<{p}md>\d{{1,2}}[ \t\n]{{0,3}}月[ \t\n]{{0,3}}\d{{1,2}}|\d{{2,4}})[ \t\n]{{0,3}}日)"
)
# `统计期限自2016年1月1日起至2016年12月31日止`, `统计时限为201711日至1231日`; line breaks inside
# a date are tolerated (Word export).
_PERIOD_WORDS = ("期限", "时限", "时间", "区间", "周期", "范围", "期间")
_PERIOD_LABELS = frozenset("统计" + word for word in _PERIOD_WORDS)
if any(len(word) != 2 for word in _PERIOD_WORDS):  # pragma: no cover - see _period_label_at
    raise AssertionError("a period label word that _period_label_at cannot find")
_PERIOD = regex.compile(
    rf"统计(?:{'|'.join(_PERIOD_WORDS)})[^\d\n。]{{0,8}}?"
    + _DATE_PART.format(p="a")
    + r"[ \t\n]{0,3}(?:起)?[ \t\n]{0,3},?[ \t\n]{0,3}(?:至|到|-|—|~)[ \t\n]{0,3}"
    + _DATE_PART.format(p="b")
)
# Which CMS date stands for publication, best first.
_CMS_DATE_RANK = ("公开日期", "发布日期", "发布时间", "生成日期", "发文日期", "成文日期")
_CMS_DATE_LABELS = frozenset(_CMS_DATE_RANK)
if any(len(label) != 4 or label[-1] not in "期间" for label in _CMS_DATE_RANK):  # pragma: no cover
    raise AssertionError("a CMS date label that _cms_date_starts cannot find")
# Tried only where :func:`_cms_date_starts` finds a label: keep every label four characters
# long and ending in ``期`` or ``间`` if this changes.
_CMS_DATE = regex.compile(
    rf"(?P<label>{'|'.join(_CMS_DATE_RANK)})[ \t]*[:|]?[ \t]*"
    r"(?P<date>(?P<y>(?:19|20)\d{2})[ \t]*[-/.年][ \t]*(?P<m>\d{1,2})[ \t]*[-/.月][ \t]*"
    r"(?P<d>\d{1,2})(?:[ \t]*日)?)"
)
# The CMS field, not the word in a sentence (`新闻发布机构。`): a separator must follow. The
# value stops at the next field label when the block lost its spaces.
_NEXT_FIELD = r"公开日期|发布日期|发布时间|发文日期|成文日期|生成日期|文号|有效性|分类|标题|索引号"
_PUBLISHER = regex.compile(
    r"(?<![^\s|])发布机构(?:[ \t]*[:|][ \t]*|[ \t]+)"
    rf"(?P<v>\p{{Han}}(?:(?!{_NEXT_FIELD})[\p{{Han}}()]){{1,39}})"
)
_CMS_LABELS = regex.compile(
    r"^(?:公开日期|发布日期|发文日期|成文日期|主题分类|分类|文号|有效性|标题|索引号)"
)
_INDEX_LABEL = r"索[ \t]*引[ \t]*号[ \t]*[:|]?[ \t]*"
# The usual shapes (014341690/2018-00003, 11341702486344515H/202110-00013, 0142768-8/2022-00185,
# lanshanquczj/2020-0000077), then any code-like token after the label (XM02100-0101-2019-00001).
_INDEX_NUMBER = regex.compile(rf"{_INDEX_LABEL}(?P<v>[0-9A-Za-z-]+/\d{{4,6}}-\d{{3,8}})(?![\w/-])")
# Where the label is: every index number follows one.
_INDEX_LABEL_AT = regex.compile(_INDEX_LABEL)
_INDEX_NUMBER_LOOSE = regex.compile(
    rf"{_INDEX_LABEL}(?P<v>(?=[0-9A-Za-z/-]*\d)[0-9A-Za-z][0-9A-Za-z/-]{{5,40}})(?![\w/-])"
)
_FILLED_BY = regex.compile(r"填报单位[ \t]*(?:\((?:盖章|公章)\))?[ \t]*:[ \t]*(?P<v>[^\s|:]{2,40})")
_FULL_DATE = (
    r"(?P<date>(?P<y>(?:19|20)\d{2})[ \t]*年[ \t]*(?P<m>\d{1,2})[ \t]*月[ \t]*"
    r"(?P<d>\d{1,2})[ \t]*日)"
)
_FILLED_DATE = regex.compile(rf"填报日期[ \t]*:?[ \t]*{_FULL_DATE}")
# The signature date: a line holding only a date, near the end.
_SIGNATURE_DATE = regex.compile(rf"^[ \t]*{_FULL_DATE}[ \t]*$", regex.MULTILINE)
_SIGNATURE_TAIL = 2000
# Occurrences of an anchor checked one by one before a search in C takes over (see
# :func:`_find`).
_ANCHOR_BUDGET = 32
# `2016年度政府信息公开情况统计表`, `（2016年度）`: the year of an attached table.
_TABLE_YEAR = regex.compile(
    r"(?P<y>(?:19|20)\d{2})年度?政府信息公开情况统计表|^[ \t]*\((?P<y2>(?:19|20)\d{2})年度\)[ \t]*$",
    regex.MULTILINE,
)
# `结合根河市2016年度政府信息公开工作`: a place named right before a year in the body.
_BODY_YEAR = regex.compile(r"(?:19|20)\d{2}年度?(?:政府|政务)?信息公开")
# The opening paragraph names the place; later mentions add nothing but cost.
_BODY_YEAR_LIMIT = 20

# Group numbers of the names read in bulk (see :func:`_found`).
_TITLE_WHO, _TITLE_YEAR, _TITLE_KIND = (_TITLE.groupindex[g] for g in ("who", "year", "kind"))
_PERIOD_A, _PERIOD_B, _PERIOD_AY, _PERIOD_BY, _PERIOD_AMD, _PERIOD_BMD = (
    _PERIOD.groupindex[g] for g in ("a", "b", "ay", "by", "amd", "bmd")
)
_CMS_DATE_DATE = _CMS_DATE.groupindex["date"]
_SIGNATURE_DATE_DATE = _SIGNATURE_DATE.groupindex["date"]
_FILLED_DATE_DATE = _FILLED_DATE.groupindex["date"]
_CMS_DATE_YMD, _SIGNATURE_DATE_YMD, _FILLED_DATE_YMD = (
    (p.groupindex["y"], p.groupindex["m"], p.groupindex["d"])
    for p in (_CMS_DATE, _SIGNATURE_DATE, _FILLED_DATE)
)


# -- small values ----------------------------------------------------------------------------


# Named tuples, not attrs classes: a dozen are made per report, and a tuple is made in a
# fraction of the time.


class _Found(NamedTuple):
    """A value read from the normalised text, with its normalised span."""

    value: str
    start: int
    end: int


class _Dated(NamedTuple):
    """A date read from the normalised text, with the span of its printed form."""

    day: _dt.date
    at: _Found


class _Period(NamedTuple):
    start: _Dated
    end: _Dated


class _Avoid:
    """Normalised spans that a field must not be read from (tables, injected text)."""

    def __init__(self, spans: Sequence[tuple[int, int]], *, ints: bool = False) -> None:
        # *ints*: the spans are tuples of ints already (the suspicious spans), with no
        # conversion to pay for each.
        if ints:
            pairs = [span for span in spans if span[1] > span[0]]
        else:
            pairs = [(int(s), int(e)) for s, e in spans if e > s]
        pairs.sort()
        self._spans = pairs

    def hits(self, start: int, end: int) -> bool:
        # A plain loop, not any(): the spans are few, and a generator costs more to set up.
        for s, e in self._spans:  # noqa: SIM110
            if s < end and start < e:
                return True
        return False


def _found(m: regex.Match[str], group: int) -> _Found:
    """Group *group* of *m* as a found value (by number, from ``regs``: every name costs a
    lookup)."""
    start, end = m.regs[group]
    return _Found(m.string[start:end], start, end)


def _day(m: regex.Match[str], ymd: tuple[int, int, int]) -> _dt.date | None:
    """The date of the year, month and day groups *ymd* of *m* (numbers, see :func:`_found`)."""
    regs, text = m.regs, m.string
    y, mo, d = (_number(text[regs[g][0] : regs[g][1]]) for g in ymd)
    return _date(y, mo, d)


def _unspaced(value: str) -> str:
    """*value* without its white space (``\\s``)."""
    # Every white space but the ASCII space is unprintable: two C scans tell that there is
    # nothing to remove, which is the usual case, faster than a substitution.
    if value.isprintable() and " " not in value:
        return value
    squeezed: str = _SPACE.sub("", value)
    return squeezed


def _number(digits: str) -> int | None:
    """``int(digits)``, or None for the digits of a script newer than this Python's Unicode
    database: ``regex`` reads them as ``\\d``, ``int`` refuses them."""
    try:
        return int(digits)
    except ValueError:
        return None


def _date(y: int | None, m: int | None, d: int | None) -> _dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


# Pure functions of short strings (a date's digits, a name), met again and again across
# reports: memoised, within a bound.
_MEMO_SIZE = 1024


@lru_cache(maxsize=_MEMO_SIZE)
def _month_day(md: str, prefer: tuple[int, int]) -> tuple[int, int] | None:
    """Month and day from ``1月1``, or from digits whose 月 was lost (``11``, ``1231``).

    Three digits are ambiguous (``111``); the reading equal to *prefer* (1-1 for a start,
    12-31 for an end) wins, otherwise the only valid reading.
    """
    md = _unspaced(md)
    if "月" in md:
        month, day = (_number(part) for part in md.split("月"))
        return (month, day) if month is not None and day is not None else None
    valid: list[tuple[int, int]] = []
    for i in range(1, len(md)):
        if len(md) - i <= 2 and i <= 2:
            month, day = _number(md[:i]), _number(md[i:])
            if month is not None and day is not None and 1 <= month <= 12 and 1 <= day <= 31:
                valid.append((month, day))
    if prefer in valid:
        return prefer
    return valid[0] if len(valid) == 1 else None


def _find(text: str, word: str, anchor: int) -> int:
    """``text.find(word)``, looked for from the word's character at *anchor*, the rarest.

    ``str.find`` of one character runs at memchr speed, where a search for a whole word
    compares at every offset. Past a budget of anchors (a text of one repeated character),
    the rest of the text is searched for the whole word.
    """
    find = text.find
    ch = word[anchor]
    budget = _ANCHOR_BUDGET
    p = find(ch, anchor)
    while p != -1:
        if budget == 0:
            return find(word, p - anchor)
        budget -= 1
        if text.startswith(word, p - anchor):
            return p - anchor
        p = find(ch, p + 1)
    return -1


def _matches_at(
    pattern: regex.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[regex.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, when every match starts in *starts*.

    A scan of the whole text tries the pattern at every offset; when a literal that every
    match holds at a known distance from its start is found first (one ``str.find`` pass,
    C-speed), the pattern need only be tried there. *starts* is ascending; each is tried
    with ``match`` (which, like the scan, sees the text before it for ``^`` and
    lookbehinds), resuming after each match as ``finditer`` does.
    """
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def _title_starts(text: str) -> Iterator[int]:
    """Line starts where a title can begin.

    A title's kind holds ``信息公开`` on the title's first line or, wrapped after
    ``政府`` (``_BREAK``, the only line feed a title can have before it), at the start of
    the next one; so a title starts on the line of an occurrence, or on the line above it
    when only spaces precede the occurrence on its line. Only the occurrences that end a
    title (``_TITLE_TAIL``, the rest of the kind to the end of its line) count: the body's
    many ``政府信息公开工作`` do not. Each line feed is looked for back to the previous
    occurrence or line start only, so that many occurrences on one long line stay linear
    (and the line feeds are those of *text*: a web page's line table counts the page's
    own). Lazily, in ascending order: the title is the first match, mostly on the first
    lines.
    """
    last = -1  # the last start given
    last_q = 0  # the previous occurrence: no need to look further back than it
    line_start = -1  # start of the previous occurrence's line
    for m in _TITLE_TAIL.finditer(text):
        q = m.start()
        feed = text.rfind("\n", last_q if line_start >= 0 else 0, q)
        last_q = q
        if feed == -1 and line_start >= 0:
            continue  # on the previous occurrence's line
        start = feed + 1
        if start > 0 and not text[start:q].strip(" \t"):
            lo = max(line_start, 0)
            above = text.rfind("\n", lo, start - 1)
            above = above + 1 if above != -1 else lo
            if above > last:
                yield above
                last = above
        if start > last:
            yield start
            last = start
        line_start = start


def _cms_date_starts(text: str) -> list[int]:
    """Where a ``_CMS_DATE`` label starts.

    Every label (公开日期, 发布日期, 发布时间, 生成日期, 发文日期, 成文日期) has four
    characters and ends in ``期`` or ``间``: the label is read before each occurrence of
    the two (most are 定期, 期间, 办理时间…). Past a budget of occurrences (a text of one
    repeated character), each label is searched for in C instead.
    """
    found: list[int] = []
    find = text.find
    budget = _ANCHOR_BUDGET
    for last in "期间":
        p = find(last, 3)
        while p != -1:
            if budget == 0:
                return _labels_found(text)
            budget -= 1
            if text[p - 3 : p + 1] in _CMS_DATE_LABELS:
                found.append(p - 3)
            p = find(last, p + 1)
    found.sort()
    return found


def _labels_found(text: str) -> list[int]:
    """Where a ``_CMS_DATE`` label starts, each label searched for on its own, in C."""
    found: list[int] = []
    for label in _CMS_DATE_RANK:
        q = text.find(label)
        while q != -1:
            found.append(q)
            q = text.find(label, q + 1)
    found.sort()
    return found


# -- fields ----------------------------------------------------------------------------------


class _Title(NamedTuple):
    text: str
    start: int
    end: int
    who: _Found | None
    year: _Found


def _chrome_label(name: str) -> str | None:
    """The web chrome label *name* starts with, if any (no label is a prefix of another)."""
    if not name.startswith(_CHROME_LABELS):
        return None
    return next(label for label in _CHROME_LABELS if name.startswith(label))


def _title(nt: NormalizedText, avoid: _Avoid) -> _Title | None:
    """The first line that reads as a report title (chrome and table lines excluded).

    A title given only in the CMS block (``标  题 洪泽区2017年…``) is the last resort, with
    its label removed.
    """
    text = nt.text
    labelled: tuple[regex.Match[str], str] | None = None  # made into a title if needed
    for m in _matches_at(_TITLE, text, _title_starts(text)):
        regs = m.regs
        if avoid.hits(regs[_TITLE_YEAR][0], regs[_TITLE_KIND][1]):
            continue
        who_start, who_end = regs[_TITLE_WHO]
        who_raw = text[who_start:who_end]
        who = _unspaced(who_raw)
        label = _chrome_label(who)
        if label is not None:
            if labelled is None and label in _TITLE_LABELS:
                labelled = (m, label)
            continue
        start = who_start + (len(who_raw) - len(who_raw.lstrip()))
        found_who = _Found(who, start, who_end) if who else _who_above(text, regs[0][0])
        return _make_title(text, m, found_who)
    return _labelled_title(text, *labelled) if labelled is not None else None


def _labelled_title(text: str, m: regex.Match[str], label: str) -> _Title:
    """The title of a CMS line (``标  题 洪泽区2017年…``), its label removed."""
    who_start, who_end = m.regs[_TITLE_WHO]
    who = _unspaced(text[who_start:who_end])
    # Skip the label's characters (spaced out or not) to find the name's start.
    name = _head(_Found(who, who_start, who_end), len(label), text)
    return _make_title(text, m, _Found(who[len(label) :], name.end, who_end))


def _make_title(text: str, m: regex.Match[str], who: _Found | None) -> _Title:
    if who is not None and who.value:
        # Leading spaces between the label and the name are not part of the name.
        start = who.start
        while start < who.end and text[start].isspace():
            start += 1
        if start != who.start:
            who = _Found(who.value, start, who.end)
    else:
        who = None
    regs = m.regs
    year_start, year_end = regs[_TITLE_YEAR]
    kind_end = regs[_TITLE_KIND][1]
    title = (who.value if who else "") + _unspaced(text[year_start:kind_end])
    year = _Found(text[year_start:year_end], year_start, year_end)
    return _Title(title, who.start if who else year_start, kind_end, who, year)


def _who_above(text: str, line_start: int) -> _Found | None:
    """A spaced-out name on the line above a title that lacks one (``吴 忠 市 利 通 区``)."""
    end = line_start - 1
    for _ in range(2):  # skip at most one blank line
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            m = _HAN_LINE.fullmatch(line)
            if m is None:
                return None
            who_start, who_end = m.regs[1]  # the only group
            who = _unspaced(line[who_start:who_end])
            if _chrome_label(who) is not None:
                return None
            return _Found(who, start + who_start, start + who_end)
        end = start - 1
    return None


@lru_cache(maxsize=_MEMO_SIZE)
def _region_prefix(name: str) -> str:
    """The administrative divisions at the start of *name* (``吴忠市利通区…`` → ``吴忠市利通区``)."""
    pos = 0
    while True:
        m = _DIVISION.match(name, pos)
        if m is None or _NOT_DIVISION.search(m.group()):
            return name[:pos]
        pos = m.end()


def _head(found: _Found, n: int, text: str) -> _Found:
    """The first *n* characters of a value whose spaces were removed, with their span.

    A spaced-out name (``吴 忠 市 利 通 区``) is mapped by walking its characters in the text.
    """
    head = found.value[:n]
    if text.startswith(head, found.start, found.end):  # printed without spaces, as walked
        return _Found(head, found.start, found.start + len(head))
    pos = found.start
    for ch in found.value[:n]:
        pos = text.find(ch, pos, found.end)
        if pos < 0:
            return _Found(found.value[:n], found.start, found.end)
        pos += 1
    return _Found(found.value[:n], found.start, pos)


def _region_and_agency(who: _Found, text: str) -> tuple[_Found | None, _Found | None]:
    """Split a reporter name into its region and, for a department, the agency."""
    prefix = _region_prefix(who.value)
    rest = who.value[len(prefix) :]
    region = _head(who, len(prefix), text) if prefix else None
    if rest and not _GOVERNMENT.fullmatch(rest):
        return region, who
    return region, None


def _period(nt: NormalizedText, avoid: _Avoid) -> _Period | None:
    """The statistics period of the boilerplate, with lost characters restored."""
    text = nt.text
    at = _period_label_at(text)
    # ``search`` from each match's end, as ``finditer`` goes on (the matches are never
    # empty), without the iterator: the first match is mostly the one.
    m = _PERIOD.search(text, at) if at >= 0 else None
    while m is not None:
        period = _period_of(m, avoid)
        if period is not None:
            return period
        m = _PERIOD.search(text, m.end())
    return None


def _period_label_at(text: str) -> int:
    """Where the first label of a period (统计期限, 统计时限…) starts, or -1.

    Every period starts with one: looked for from its 统 at memchr speed (a report has a
    dozen 统计), the period's scan need not cover the text before it, nor run without it.
    Past a budget of 统, the scan starts at the next one.
    """
    find = text.find
    budget = _ANCHOR_BUDGET
    p = find("统")
    while p != -1:
        if budget == 0:
            return p
        budget -= 1
        if text[p : p + 4] in _PERIOD_LABELS:
            return p
        p = find("统", p + 1)
    return -1


def _period_of(m: regex.Match[str], avoid: _Avoid) -> _Period | None:
    regs = m.regs
    if avoid.hits(*regs[0]):
        return None
    text = m.string
    # Groups sliced by their ``regs``: an unmatched year is ``(-1, -1)``, an empty slice,
    # as falsy as the None of ``group``.
    (ya0, ya1), (yb0, yb1) = regs[_PERIOD_AY], regs[_PERIOD_BY]
    ya, yb = text[ya0:ya1], text[yb0:yb1]
    if not (ya or yb):
        return None
    (a0, a1), (b0, b1) = regs[_PERIOD_AMD], regs[_PERIOD_BMD]
    md_a = _month_day(text[a0:a1], (1, 1))
    md_b = _month_day(text[b0:b1], (12, 31))
    if md_a is None or md_b is None:
        return None
    # A lost year on one side is the other side's (`从2019年1月1日到12月31日止`).
    start = _date(_number(ya or yb), *md_a)
    end = _date(_number(yb or ya), *md_b)
    if start is None or end is None or end < start:
        return None
    return _Period(_Dated(start, _found(m, _PERIOD_A)), _Dated(end, _found(m, _PERIOD_B)))


def _published(nt: NormalizedText, avoid: _Avoid) -> _Dated | None:
    """The CMS publication date, else the signature date at the end of the text."""
    best: tuple[int, _Dated] | None = None
    text = nt.text
    for m in _matches_at(_CMS_DATE, text, _cms_date_starts(text)):
        day = _day(m, _CMS_DATE_YMD)
        if day is None:
            continue
        start = m.start()
        rank = _CMS_DATE_RANK.index(text[start : start + 4])  # the label, 4 characters
        if best is None or rank < best[0]:
            best = (rank, _Dated(day, _found(m, _CMS_DATE_DATE)))
    if best is not None:
        return best[1]
    return _signature_date(nt.text, avoid)


def _signature_date(text: str, avoid: _Avoid) -> _Dated | None:
    """The last line of the text's tail that holds only a valid date.

    The lines ``_SIGNATURE_DATE.finditer`` would match from the tail's start, tried from
    the last: such a line ends in ``日``, so only the lines holding one are tried, each
    once (from its last ``日``), and the first that qualifies is the answer.
    """
    lo = max(0, len(text) - _SIGNATURE_TAIL)
    q = text.rfind("日", lo)
    while q != -1:
        feed = text.rfind("\n", max(lo - 1, 0), q)
        if feed == -1 and lo > 0:
            return None  # the line starts before the tail: no match can start on it
        start = feed + 1
        m = _SIGNATURE_DATE.match(text, start)
        if m is not None:
            day = _day(m, _SIGNATURE_DATE_YMD)
            if day is not None and not avoid.hits(*m.span()):
                return _Dated(day, _found(m, _SIGNATURE_DATE_DATE))
        q = text.rfind("日", lo, start)
    return None


def _first(
    pattern: regex.Pattern[str], text: str, avoid: _Avoid | None = None, pos: int = 0
) -> _Found | None:
    """The first ``v`` of *pattern* not in *avoid*; *pos*: no match starts before it."""
    group = pattern.groupindex["v"]
    m = pattern.search(text, pos)  # and on from each match's end, as finditer goes
    while m is not None:
        v = _found(m, group)
        if avoid is None or not avoid.hits(v.start, v.end):
            return v
        m = pattern.search(text, m.end())
    return None


def _filled_date(text: str, pos: int) -> _Dated | None:
    for m in _FILLED_DATE.finditer(text, pos):
        day = _day(m, _FILLED_DATE_YMD)
        if day is not None:
            return _Dated(day, _found(m, _FILLED_DATE_DATE))
    return None


def _region_from_office(found: _Found | None) -> _Found | None:
    """The region of a government office name (``根河市人民政府办公室`` → ``根河市``)."""
    if found is None:
        return None
    prefix = _region_prefix(found.value)
    rest = found.value[len(prefix) :]
    if prefix and (not rest or _GOV_OFFICE.fullmatch(rest)):
        return _Found(prefix, found.start, found.start + len(prefix))
    return None


def _region_from_body(text: str, avoid: _Avoid) -> _Found | None:
    """Last resort: the place most often named, among those named right before a year.

    ``结合根河市2016年度政府信息公开工作`` offers 根河市, 河市, 合根河市…; the name the text
    repeats most (and the longer one on a tie) is the place.
    """
    candidates: dict[str, int] = {}
    for count, m in enumerate(_BODY_YEAR.finditer(text)):
        if count == _BODY_YEAR_LIMIT:
            break
        before_start = max(0, m.start() - 10)
        if avoid.hits(before_start, m.start()):
            continue
        before = text[before_start : m.start()]
        for i in range(len(before) - 1):
            name = before[i:]
            if _HAN_WORD.fullmatch(name) and _region_prefix(name) == name:
                candidates.setdefault(name, m.start() - len(name))
    if not candidates:
        return None
    best = max(candidates, key=lambda n: (text.count(n), len(n)))
    if text.count(best) < 2:
        return None
    start = candidates[best]
    return _Found(best, start, start + len(best))


def _year(text: str, title: _Title | None, period: _Period | None) -> tuple[int, _Found] | None:
    """The statistics year: the title's, else the period's, else the attached table's."""
    title_year = _number(title.year.value) if title is not None else None
    if title is not None and title_year is not None:
        return title_year, title.year
    if period is not None:
        at = period.start.at
        year = str(period.start.day.year)
        offset = at.value.find(year)
        found = _Found(year, at.start + offset, at.start + offset + 4) if offset >= 0 else at
        return period.start.day.year, found
    m = _TABLE_YEAR.search(text)
    if m is not None:
        group = "y" if m.group("y") else "y2"
        table_year = _number(m.group(group))
        if table_year is not None:
            return table_year, _Found(m.group(group), *m.span(group))
    return None


def _who(
    text: str,
    title: _Title | None,
    offices: Sequence[_Found | None],
    injected: _Avoid,
    exclude: Sequence[tuple[int, int]],
    spam: Sequence[tuple[int, int]],
) -> tuple[_Found | None, _Found | None]:
    """Region and agency: from the title, else from an office name, else from the body."""
    if (
        title is not None
        and title.who is not None
        and not injected.hits(title.who.start, title.who.end)
    ):
        region, agency = _region_and_agency(title.who, text)
        if region is not None or agency is not None:
            return region, agency
    for office in offices:
        region = _region_from_office(office)
        if region is not None:
            return region, None
    return _region_from_body(text, _Avoid([*exclude, *spam])), None


def _period_conflict(nt: NormalizedText, year: int, period: _Period) -> Finding | None:
    if period.start.day.year == year:
        return None
    at = period.start.at
    return Finding(
        code="metadata-conflict",
        severity="info",
        message=(
            f"the title says {year} but the statistics period starts {period.start.day.isoformat()}"
        ),
        span=nt.span_to_original(at.start, at.end),
        line=nt.line_of(at.start),
    )


# -- public ----------------------------------------------------------------------------------


def extract_metadata(
    nt: NormalizedText, *, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[Metadata, list[Finding]]:
    """Read the report's header facts: title, region/agency, year, period, publication.

    Args:
        nt: the normalised report text.
        exclude: normalised-text spans of detected statistics tables; the title, region,
            period and publication date are never read inside them (the ``填报单位`` and
            ``填报日期`` lines belong to the table and are read anyway).

    Returns:
        The metadata (``spans`` maps each field found to its span in the original text) and
        findings: a ``suspicious-text`` warning per injected phrase (see
        :func:`gxgk_parse.suspicious.find_suspicious`), and a ``metadata-conflict`` note when
        the title year and the statistics period disagree.
    """
    text = nt.text
    # One scan gives both the findings and the spans to avoid (it was run twice).
    findings, spam = find_suspicious_and_spans(nt)
    injected = _Avoid(spam, ints=True)
    tables = _Avoid(exclude)

    title = _title(nt, tables)
    # Every match of a label's pattern starts with the label (填报单位, 填报日期, 发布机构,
    # 索引号): its first occurrence, found from a rare character at memchr speed, is where
    # the scan starts; most reports hold none, and a table's footer is at its end.
    filled_by_at = _find(text, "填报单位", 0)
    filled_by = _first(_FILLED_BY, text, injected, filled_by_at) if filled_by_at >= 0 else None
    publisher_at = _find(text, "发布机构", 3)
    publisher = _first(_PUBLISHER, text, pos=publisher_at) if publisher_at >= 0 else None
    if publisher is not None and _CMS_LABELS.match(publisher.value):
        publisher = None
    region, agency = _who(text, title, (filled_by, publisher), injected, exclude, spam)
    period = _period(nt, tables)
    year = _year(text, title, period)
    if year is not None and period is not None:
        conflict = _period_conflict(nt, year[0], period)
        if conflict is not None:
            findings.append(conflict)
    published = _published(nt, tables)
    index_number = None
    index_at = text.find("索")
    label = _INDEX_LABEL_AT.search(text, index_at) if index_at >= 0 else None
    if label is not None:
        at = label.start()
        index_number = _first(_INDEX_NUMBER, text, pos=at) or _first(
            _INDEX_NUMBER_LOOSE, text, pos=at
        )
    filled_date_at = _find(text, "填报日期", 0)
    filled_date = _filled_date(text, filled_date_at) if filled_date_at >= 0 else None

    # Each field found, with its normalised span (a title carries its own).
    where: dict[str, _Found | _Title | None] = {
        "title": title,
        "region": region,
        "agency": agency,
        "year": year[1] if year else None,
        "period_start": period.start.at if period else None,
        "period_end": period.end.at if period else None,
        "publisher": publisher,
        "published": published.at if published else None,
        "index_number": index_number,
        "filled_by": filled_by,
        "filled_date": filled_date.at if filled_date else None,
    }
    if nt.offsets_preserved:  # the usual case: the map is the identity, no call per field
        spans = {k: (f.start, max(f.start, f.end)) for k, f in where.items() if f is not None}
    else:
        spans = {k: nt.span_to_original(f.start, f.end) for k, f in where.items() if f is not None}
    metadata = Metadata(
        title=title.text if title else None,
        region=region.value if region else None,
        agency=agency.value if agency else None,
        year=year[0] if year else None,
        period_start=period.start.day if period else None,
        period_end=period.end.day if period else None,
        publisher=publisher.value if publisher else None,
        published=published.day if published else None,
        index_number=index_number.value if index_number else None,
        filled_by=filled_by.value if filled_by else None,
        filled_date=filled_date.day if filled_date else None,
        spans=spans,
    )
    return metadata, findings
