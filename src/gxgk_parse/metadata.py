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
from collections.abc import Iterator, Sequence

import attrs
import regex

from .model import Finding, Metadata
from .normalize import NormalizedText
from .suspicious import find_suspicious_and_spans

__all__ = ["extract_metadata"]

# -- patterns --------------------------------------------------------------------------------

# Word artefacts that may precede a title on its line.
_ARTEFACT = r"(?:\[(?:image|bookmark):[^\]\n]{0,200}\][ \t]*)"
# Word wraps a long title inside its kind (`…政府信息公开` / `工作年度报告`).
_BREAK = r"[ \t]*(?:\n[ \t]*)?"
_TITLE_KIND = (
    rf"(?:政府|政务)?{_BREAK}信息公开{_BREAK}(?:工作)?{_BREAK}"
    r"(?:年度报告|年报报告|年度工作报告|年报|工作报告|报告)"
)
# A title is a line of its own: `who` + year + kind, nothing else (the CMS `标  题` line and
# the body sentence that starts with the title are rejected below or by the anchors).
# Tried only where :func:`_title_starts` says a title can begin: keep ``信息公开`` on the
# first or second line of every match if this changes.
_TITLE = regex.compile(
    rf"^[ \t]*{_ARTEFACT}*(?P<who>[^\n\d,。;:|!?()]{{0,40}}?)[ \t]*"
    rf"(?P<year>(?:19|20)\d{{2}})[ \t]*年(?:度)?[ \t]*(?P<kind>{_TITLE_KIND})[ \t]*$",
    regex.MULTILINE,
)
# Labels of web chrome that can sit on a title-looking line.
_CHROME_LABEL = regex.compile(r"^(?:标题|名称|信息名称|文件名称|当前位置|首页|索引号|主题分类)")
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
_PERIOD = regex.compile(
    r"统计(?:期限|时限|时间|区间|周期|范围|期间)[^\d\n。]{0,8}?"
    + _DATE_PART.format(p="a")
    + r"[ \t\n]{0,3}(?:起)?[ \t\n]{0,3},?[ \t\n]{0,3}(?:至|到|-|—|~)[ \t\n]{0,3}"
    + _DATE_PART.format(p="b")
)
# Tried only where :func:`_cms_date_starts` finds a label: keep every label ending in
# ``日期`` or ``时间`` if this changes.
_CMS_DATE = regex.compile(
    r"(?P<label>公开日期|发布日期|发布时间|生成日期|发文日期|成文日期)[ \t]*[:|]?[ \t]*"
    r"(?P<date>(?P<y>(?:19|20)\d{2})[ \t]*[-/.年][ \t]*(?P<m>\d{1,2})[ \t]*[-/.月][ \t]*"
    r"(?P<d>\d{1,2})(?:[ \t]*日)?)"
)
# Which CMS date stands for publication, best first.
_CMS_DATE_RANK = ("公开日期", "发布日期", "发布时间", "生成日期", "发文日期", "成文日期")
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
# `2016年度政府信息公开情况统计表`, `（2016年度）`: the year of an attached table.
_TABLE_YEAR = regex.compile(
    r"(?P<y>(?:19|20)\d{2})年度?政府信息公开情况统计表|^[ \t]*\((?P<y2>(?:19|20)\d{2})年度\)[ \t]*$",
    regex.MULTILINE,
)
# `结合根河市2016年度政府信息公开工作`: a place named right before a year in the body.
_BODY_YEAR = regex.compile(r"(?:19|20)\d{2}年度?(?:政府|政务)?信息公开")
# The opening paragraph names the place; later mentions add nothing but cost.
_BODY_YEAR_LIMIT = 20


# -- small values ----------------------------------------------------------------------------


@attrs.frozen
class _Found:
    """A value read from the normalised text, with its normalised span."""

    value: str
    start: int
    end: int


@attrs.frozen
class _Dated:
    """A date read from the normalised text, with the span of its printed form."""

    day: _dt.date
    at: _Found


@attrs.frozen
class _Period:
    start: _Dated
    end: _Dated


class _Avoid:
    """Normalised spans that a field must not be read from (tables, injected text)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = sorted((int(s), int(e)) for s, e in spans if e > s)

    def hits(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._spans)


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _month_day(md: str, prefer: tuple[int, int]) -> tuple[int, int] | None:
    """Month and day from ``1月1``, or from digits whose 月 was lost (``11``, ``1231``).

    Three digits are ambiguous (``111``); the reading equal to *prefer* (1-1 for a start,
    12-31 for an end) wins, otherwise the only valid reading.
    """
    md = regex.sub(r"\s", "", md)
    if "月" in md:
        m, d = md.split("月")
        return int(m), int(d)
    readings = [
        (int(md[:i]), int(md[i:])) for i in range(1, len(md)) if len(md) - i <= 2 and i <= 2
    ]
    valid = [(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= 31]
    if prefer in valid:
        return prefer
    return valid[0] if len(valid) == 1 else None


def _occurrences(text: str, word: str) -> list[int]:
    """Every offset where *word* occurs (overlaps included), ascending."""
    out: list[int] = []
    find = text.find
    q = find(word)
    while q != -1:
        out.append(q)
        q = find(word, q + 1)
    return out


def _matches_at(
    pattern: regex.Pattern[str], text: str, starts: Sequence[int]
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


def _title_starts(text: str) -> list[int]:
    """Line starts where a title can begin.

    A title's kind holds ``信息公开`` on the title's first line or, wrapped after
    ``政府`` (``_BREAK``), on the next one; so a title starts on the line of an occurrence
    or on the line above it. Each line feed is looked for back to the previous occurrence
    or line start only, so that many occurrences on one long line stay linear (and the
    line feeds are those of *text*: a web page's line table counts the page's own).
    """
    out: list[int] = []
    last_q = 0  # the previous occurrence: no need to look further back than it
    line_start = -1  # start of the previous occurrence's line
    for q in _occurrences(text, "信息公开"):
        feed = text.rfind("\n", last_q if line_start >= 0 else 0, q)
        last_q = q
        if feed == -1 and line_start >= 0:
            continue  # on the previous occurrence's line
        start = feed + 1
        if start > 0:
            lo = max(line_start, 0)
            above = text.rfind("\n", lo, start - 1)
            above = above + 1 if above != -1 else lo
            if not out or above > out[-1]:
                out.append(above)
        if not out or start > out[-1]:
            out.append(start)
        line_start = start
    return out


def _cms_date_starts(text: str) -> list[int]:
    """Where a ``_CMS_DATE`` label can start: two characters before ``日期`` or ``时间``.

    Every label (公开日期, 发布日期, 发布时间, 生成日期, 发文日期, 成文日期) ends in one
    of the two words.
    """
    found = {q - 2 for q in _occurrences(text, "日期")}
    found.update(q - 2 for q in _occurrences(text, "时间"))
    return sorted(q for q in found if q >= 0)


# -- fields ----------------------------------------------------------------------------------


@attrs.frozen
class _Title:
    text: str
    start: int
    end: int
    who: _Found | None
    year: _Found


def _title(nt: NormalizedText, avoid: _Avoid) -> _Title | None:
    """The first line that reads as a report title (chrome and table lines excluded).

    A title given only in the CMS block (``标  题 洪泽区2017年…``) is the last resort, with
    its label removed.
    """
    text = nt.text
    labelled: _Title | None = None
    for m in _matches_at(_TITLE, text, _title_starts(text)):
        if avoid.hits(m.start("year"), m.end("kind")):
            continue
        who_raw = m.group("who")
        who = regex.sub(r"\s", "", who_raw)
        label = _CHROME_LABEL.match(who)
        if label is not None:
            if labelled is None and label.group() in _TITLE_LABELS:
                # Skip the label's characters (spaced out or not) to find the name's start.
                name = _head(_Found(who, m.start("who"), m.end("who")), len(label.group()), text)
                labelled = _make_title(
                    text, m, _Found(who[len(label.group()) :], name.end, m.end("who"))
                )
            continue
        start = m.start("who") + (len(who_raw) - len(who_raw.lstrip()))
        found_who = _Found(who, start, m.end("who")) if who else _who_above(text, m.start())
        return _make_title(text, m, found_who)
    return labelled


def _make_title(text: str, m: regex.Match[str], who: _Found | None) -> _Title:
    if who is not None and who.value:
        # Leading spaces between the label and the name are not part of the name.
        while who.start < who.end and text[who.start].isspace():
            who = _Found(who.value, who.start + 1, who.end)
    else:
        who = None
    start = who.start if who is not None else m.start("year")
    title = (who.value if who else "") + regex.sub(r"\s", "", text[m.start("year") : m.end("kind")])
    year = _Found(m.group("year"), m.start("year"), m.end("year"))
    return _Title(title, start, m.end("kind"), who, year)


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
            who = regex.sub(r"\s", "", m.group("who"))
            if _CHROME_LABEL.match(who):
                return None
            return _Found(who, start + m.start("who"), start + m.end("who"))
        end = start - 1
    return None


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
    for m in _PERIOD.finditer(nt.text):
        if avoid.hits(*m.span()):
            continue
        ya, yb = m.group("ay"), m.group("by")
        if not (ya or yb):
            continue
        md_a = _month_day(m.group("amd"), (1, 1))
        md_b = _month_day(m.group("bmd"), (12, 31))
        if md_a is None or md_b is None:
            continue
        # A lost year on one side is the other side's (`从2019年1月1日到12月31日止`).
        start = _date(int(ya or yb), *md_a)
        end = _date(int(yb or ya), *md_b)
        if start is None or end is None or end < start:
            continue
        return _Period(
            _Dated(start, _Found(m["a"], *m.span("a"))), _Dated(end, _Found(m["b"], *m.span("b")))
        )
    return None


def _published(nt: NormalizedText, avoid: _Avoid) -> _Dated | None:
    """The CMS publication date, else the signature date at the end of the text."""
    best: tuple[int, _Dated] | None = None
    for m in _matches_at(_CMS_DATE, nt.text, _cms_date_starts(nt.text)):
        day = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            continue
        rank = _CMS_DATE_RANK.index(m["label"])
        if best is None or rank < best[0]:
            best = (rank, _Dated(day, _Found(m["date"], *m.span("date"))))
    if best is not None:
        return best[1]
    last: _Dated | None = None
    for m in _SIGNATURE_DATE.finditer(nt.text, max(0, len(nt.text) - _SIGNATURE_TAIL)):
        day = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None and not avoid.hits(*m.span()):
            last = _Dated(day, _Found(m["date"], *m.span("date")))
    return last


def _first(pattern: regex.Pattern[str], text: str, avoid: _Avoid | None = None) -> _Found | None:
    for m in pattern.finditer(text):
        if avoid is None or not avoid.hits(*m.span("v")):
            return _Found(m.group("v"), m.start("v"), m.end("v"))
    return None


def _filled_date(text: str) -> _Dated | None:
    for m in _FILLED_DATE.finditer(text):
        day = _date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None:
            return _Dated(day, _Found(m["date"], *m.span("date")))
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
            if regex.fullmatch(r"\p{Han}+", name) and _region_prefix(name) == name:
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
    if title is not None:
        return int(title.year.value), title.year
    if period is not None:
        at = period.start.at
        year = str(period.start.day.year)
        offset = at.value.find(year)
        found = _Found(year, at.start + offset, at.start + offset + 4) if offset >= 0 else at
        return period.start.day.year, found
    m = _TABLE_YEAR.search(text)
    if m is not None:
        group = "y" if m.group("y") else "y2"
        return int(m.group(group)), _Found(m.group(group), *m.span(group))
    return None


def _who(
    text: str,
    title: _Title | None,
    offices: Sequence[_Found | None],
    injected: _Avoid,
    body_avoid: _Avoid,
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
    return _region_from_body(text, body_avoid), None


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
    injected = _Avoid(spam)
    tables = _Avoid(exclude)

    title = _title(nt, tables)
    filled_by = _first(_FILLED_BY, text, injected)
    publisher = _first(_PUBLISHER, text)
    if publisher is not None and _CMS_LABELS.match(publisher.value):
        publisher = None
    body_avoid = _Avoid([*exclude, *spam])
    region, agency = _who(text, title, (filled_by, publisher), injected, body_avoid)
    period = _period(nt, tables)
    year = _year(text, title, period)
    if year is not None and period is not None:
        conflict = _period_conflict(nt, year[0], period)
        if conflict is not None:
            findings.append(conflict)
    published = _published(nt, tables)
    index_number = _first(_INDEX_NUMBER, text) or _first(_INDEX_NUMBER_LOOSE, text)
    filled_date = _filled_date(text)

    where: dict[str, _Found | None] = {
        "title": _Found(title.text, title.start, title.end) if title else None,
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
