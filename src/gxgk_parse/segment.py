"""Segmentation: where the statistics tables are, and which layout each one uses.

Regions are found from the shape of lines alone (bars, leading tabs, short cell-like lines
under a table header), in order of how unambiguous the signal is: pipe, then tab-led, then
one-cell-per-line without markers, then space-separated values. A region that holds no
numeric cell is not a table.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress
from operator import not_

import regex

from .model import Row, Table
from .normalize import NormalizedText
from .numbers import read_cell
from .tokenize.labels import is_anchor_label, is_table_label
from .tokenize.lines import Line, Lines, as_lines, split_lines
from .tokenize.pipe import tokenize_pipe
from .tokenize.spaced import MAX_VALUE_LINE, may_end_value, spaced_regions, spaced_rows
from .tokenize.tabbed import tokenize_tabbed, vertical_rows

__all__ = ["find_tables", "is_cellish"]

# Lines that open a table printed one cell per line without markers (quirk 2).
_ANCHOR = regex.compile(
    r"^\s*(?:统\s*计\s*指\s*标|信\s*息\s*内\s*容|申\s*请\s*人\s*情\s*况"
    r"|(?:\d{4}\s*年度?)?\s*政府信息公开情况统计表|第二十条第\s*\(\s*一\s*\)\s*项)"
)
# What a line ``_ANCHOR`` matches opens with, after its spaces (or after a year, the title).
_TITLE = "政府信息公开情况统计表"
_ANCHOR_OPENINGS = ("统", "信", "申", "第二十条第", _TITLE)
_DIGIT = regex.compile(r"\d")

_MAX_CELL = 120
# The longest line that may be a table label opening a region (the longest label is ~40).
_MAX_ANCHOR = 60
# A line this short is a cell whatever it says.
_SHORT_CELL = 12


def is_cellish(text: str) -> bool:
    """Short enough and sentence-free enough to be a table cell rather than prose."""
    t = text.strip()
    if len(t) > _MAX_CELL:
        return False
    return "。" not in t or len(t) <= _SHORT_CELL


def _cellish(text: str) -> bool:
    # :func:`is_cellish`, without stripping a line that is short and has no full stop.
    return (len(text) <= _MAX_CELL and "。" not in text) or is_cellish(text)


def _regions(
    texts: Sequence[str],
    taken: list[bool],
    marked: list[bool],
    *,
    cellish: bool,
    min_members: int,
    max_gap: int,
) -> list[tuple[int, int]]:
    """Runs of member lines, bridged over blank lines and up to *max_gap* cell-like lines.

    The members are the *marked* lines, those of them that are cell-like if *cellish* is set.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    while True:
        try:
            start = marked.index(True, i)
        except ValueError:
            return out
        i = start + 1
        if taken[start] or (cellish and not _cellish(texts[start])):
            continue
        first = last = start
        count = 1
        gap = 0
        for j in range(start + 1, n):
            if taken[j]:
                break
            text = texts[j]
            if marked[j] and (
                not cellish or (len(text) <= _MAX_CELL and "。" not in text) or is_cellish(text)
            ):
                last, gap = j, 0
                count += 1
            elif not text.strip() or (_cellish(text) and is_table_label(text)):
                # A header line of the table itself (a block header of table 二, a header
                # cell of its own) is not a gap.
                pass
            elif _cellish(text) and gap < max_gap:
                gap += 1
            else:
                break
        # The cells right before the first member and right after the last one still belong
        # to their rows (the label before the first bar and the value after the last one,
        # quirk 5); a blank line ends the table.
        # Only a bare bar opens a row with the cell above it (quirk 5); a title right above a
        # table whose rows carry their own bars stays out of the table.
        if texts[first].strip() == "|" and first > 0:
            prev = first - 1
            if not taken[prev] and texts[prev].strip() and _cellish(texts[prev]):
                first = prev
        for _ in range(max_gap):
            nxt = last + 1
            if nxt >= n or taken[nxt] or not texts[nxt].strip() or not _cellish(texts[nxt]):
                break
            last = nxt
        if count >= min_members:
            out.append((first, last))
            _take(taken, first, last)
        i = last + 1


def _take(taken: list[bool], first: int, last: int) -> None:
    taken[first : last + 1] = [True] * (last + 1 - first)


# An anchor is a line that opens a table printed one cell per line without markers: the
# pre-2019 table's title or header, or (asked of the schema) a row or column label of the
# post-2019 tables, such as 行政复议 over table 四. Labels are short lines, and short lines
# recur (headings, the labels themselves): they are memoised.
@lru_cache(maxsize=4096)
def _is_short_anchor(text: str) -> bool:
    """Whether a line of at most ``_MAX_ANCHOR`` characters is an anchor."""
    return _ANCHOR.match(text) is not None or is_anchor_label(text)


def _is_long_anchor(text: str) -> bool:
    """Whether a line longer than ``_MAX_ANCHOR`` characters is an anchor."""
    # ``_ANCHOR`` matches only a line that opens with one of its words, or with a year and
    # holds the title (``str.lstrip`` strips every space its \s does, and no character it
    # needs): most lines of prose are ruled out without running it.
    t = text.lstrip()
    if not t.startswith(_ANCHOR_OPENINGS) and not (_is_digit(t[:1]) and _TITLE in t):
        return False
    return _ANCHOR.match(text) is not None


@lru_cache(maxsize=1024)
def _is_digit(char: str) -> bool:
    return _DIGIT.fullmatch(char) is not None


def _anchored_regions(
    texts: Sequence[str], taken: list[bool], anchors: Iterable[int]
) -> list[tuple[int, int]]:
    """The regions opened by the *anchors* (the indices of anchor lines, in order)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    for start in anchors:
        if start < i or taken[start]:
            continue
        first = last = start
        for j in range(start + 1, n):
            if taken[j]:
                break
            text = texts[j]
            if text.strip():
                if not _cellish(text):
                    break
                last = j
        out.append((first, last))
        _take(taken, first, last)
        i = last + 1
    return out


def _has_number(rows: Sequence[Row]) -> bool:
    for row in rows:
        for cell in row.cells:
            text = cell.text
            if text and read_cell(text).is_numeric:
                return True
    return False


def _excluded(view: Lines, exclude: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each line overlaps a span of *exclude* (its line feed included)."""
    starts = view.starts
    taken = [False] * len(starts)
    if not starts:
        return taken
    # Line i reaches to one before where line i + 1 starts (the last line: one past its
    # end): it overlaps [a, b) when a < that start and starts[i] < b.
    past_end = starts[-1] + len(view.texts[-1]) + 1
    for a, b in exclude:
        if a >= past_end:
            continue
        first = max(bisect_right(starts, a) - 1, 0)
        end = bisect_left(starts, b)
        if first < end:
            taken[first:end] = [True] * (end - first)
    return taken


def _layout_regions(view: Lines, taken: list[bool]) -> list[tuple[int, int, str]]:
    texts = view.texts
    source = view.source
    found: list[tuple[int, int, str]] = []
    # Each layout is looked for only where its mark is: a whole-text test first, then the
    # lines that carry it, so that prose is not walked line by line for every layout.
    if "|" in source:
        bars = ["|" in text for text in texts]
        for a, b in _regions(texts, taken, bars, cellish=False, min_members=3, max_gap=2):
            found.append((a, b, "pipe"))
    if "\t" in source:
        tabs = [text[:1] == "\t" for text in texts]
        for a, b in _regions(texts, taken, tabs, cellish=True, min_members=3, max_gap=2):
            found.append((a, b, "tabbed"))
    # The lines left that may open a region of the other two layouts: lines of values are
    # told first by their last character, which rules out most lines of prose.
    values: list[int] = []
    anchors: list[int] = []
    for i in compress(range(len(texts)), map(not_, taken)):
        text = texts[i]
        if not text:
            continue
        if len(text) <= _MAX_ANCHOR:  # (<= MAX_VALUE_LINE)
            if may_end_value(text.rstrip()[-1:]):
                values.append(i)
            if _is_short_anchor(text):
                anchors.append(i)
        else:
            if len(text) <= MAX_VALUE_LINE and may_end_value(text.rstrip()[-1:]):
                values.append(i)
            if _is_long_anchor(text):
                anchors.append(i)
    for a, b in spaced_regions(texts, taken, values):
        found.append((a, b, "spaced"))
    for a, b in _anchored_regions(texts, taken, anchors):
        found.append((a, b, "vertical"))
    found.sort()
    return found


def find_tables(
    nt: NormalizedText,
    lines: Sequence[Line] | None = None,
    *,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Table]:
    """Every table region of the document, tokenized, in document order.

    Lines overlapping a normalised span of *exclude* (tables already read from HTML) are
    left alone.
    """
    view = split_lines(nt) if lines is None else as_lines(lines)
    taken = _excluded(view, exclude) if exclude else [False] * len(view)
    tables: list[Table] = []
    for a, b, layout in _layout_regions(view, taken):
        region = view[a : b + 1]
        if layout == "pipe":
            rows = tokenize_pipe(region)
        elif layout == "tabbed":
            rows = tokenize_tabbed(region)
        elif layout == "spaced":
            rows = spaced_rows(region)
        else:
            rows = vertical_rows(region)
        if rows and _has_number(rows):
            tables.append(Table(layout=layout, span=(view.starts[a], view.end(b)), rows=rows))
    return tables
