"""Segmentation: where the statistics tables are, and which layout each one uses.

Regions are found from the shape of lines alone (bars, leading tabs, short cell-like lines
under a table header), in order of how unambiguous the signal is: pipe, then tab-led, then
one-cell-per-line without markers, then space-separated values. A region that holds no
numeric cell is not a table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from .model import Row, Table
from .normalize import NormalizedText
from .numbers import read_cell
from .tokenize.labels import is_anchor_label, is_table_label
from .tokenize.lines import Line, split_lines
from .tokenize.pipe import tokenize_pipe
from .tokenize.spaced import find_spaced_regions, tokenize_spaced
from .tokenize.tabbed import tokenize_tabbed, tokenize_vertical

__all__ = ["find_tables", "is_cellish"]

# Lines that open a table printed one cell per line without markers (quirk 2).
_ANCHOR = regex.compile(
    r"^\s*(?:统\s*计\s*指\s*标|信\s*息\s*内\s*容|申\s*请\s*人\s*情\s*况"
    r"|(?:\d{4}\s*年度?)?\s*政府信息公开情况统计表|第二十条第\s*\(\s*一\s*\)\s*项)"
)

_MAX_CELL = 120
# The longest line that may be a table label opening a region (the longest label is ~40).
_MAX_ANCHOR = 60


def is_cellish(text: str) -> bool:
    """Short enough and sentence-free enough to be a table cell rather than prose."""
    t = text.strip()
    if len(t) > _MAX_CELL:
        return False
    return "。" not in t or len(t) <= 12


def _regions(
    lines: Sequence[Line],
    taken: list[bool],
    is_member: Callable[[Line], bool],
    *,
    min_members: int,
    max_gap: int,
) -> list[tuple[int, int]]:
    """Runs of member lines, bridged over blank lines and up to *max_gap* cell-like lines."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if taken[i] or not is_member(lines[i]):
            i += 1
            continue
        first = last = i
        members = 1
        j = i + 1
        gap = 0
        while j < n and not taken[j]:
            line = lines[j]
            if is_member(line):
                last, gap = j, 0
                members += 1
            elif line.is_blank or (is_cellish(line.text) and is_table_label(line.text)):
                # A header line of the table itself (a block header of table 二, a header
                # cell of its own) is not a gap.
                pass
            elif is_cellish(line.text) and gap < max_gap:
                gap += 1
            else:
                break
            j += 1
        # The cells right before the first member and right after the last one still belong
        # to their rows (the label before the first bar and the value after the last one,
        # quirk 5); a blank line ends the table.
        # Only a bare bar opens a row with the cell above it (quirk 5); a title right above a
        # table whose rows carry their own bars stays out of the table.
        while first == i and lines[first].text.strip() == "|" and first > 0:
            prev = first - 1
            if taken[prev] or lines[prev].is_blank or not is_cellish(lines[prev].text):
                break
            first = prev
        for _ in range(max_gap):
            nxt = last + 1
            if nxt >= n or taken[nxt] or lines[nxt].is_blank or not is_cellish(lines[nxt].text):
                break
            last = nxt
        if members >= min_members:
            out.append((first, last))
            for k in range(first, last + 1):
                taken[k] = True
        i = last + 1
    return out


def _is_anchor(line: Line) -> bool:
    """A line that opens a table printed one cell per line without markers: the pre-2019
    table's title or header, or (asked of the schema) a row or column label of the
    post-2019 tables, such as 行政复议 over table 四."""
    if _ANCHOR.match(line.text):
        return True
    return len(line.text) <= _MAX_ANCHOR and is_anchor_label(line.text)


def _anchored_regions(lines: Sequence[Line], taken: list[bool]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if taken[i] or not _is_anchor(lines[i]):
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < n and not taken[j] and (lines[j].is_blank or is_cellish(lines[j].text)):
            if not lines[j].is_blank:
                last = j
            j += 1
        out.append((first, last))
        for k in range(first, last + 1):
            taken[k] = True
        i = last + 1
    return out


def _has_number(rows: Sequence[Row]) -> bool:
    return any(read_cell(c.text).is_numeric for row in rows for c in row.cells)


def _is_pipe_line(line: Line) -> bool:
    return "|" in line.text


def _is_tab_line(line: Line) -> bool:
    return line.text.startswith("\t") and is_cellish(line.text)


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
    if lines is None:
        lines = split_lines(nt)
    taken = [any(a < ln.end + 1 and ln.start < b for a, b in exclude) for ln in lines]
    found: list[tuple[int, int, str]] = []
    for a, b in _regions(lines, taken, _is_pipe_line, min_members=3, max_gap=2):
        found.append((a, b, "pipe"))
    for a, b in _regions(lines, taken, _is_tab_line, min_members=3, max_gap=2):
        found.append((a, b, "tabbed"))
    for a, b in find_spaced_regions(lines, taken):
        found.append((a, b, "spaced"))
    for a, b in _anchored_regions(lines, taken):
        found.append((a, b, "vertical"))
    found.sort()

    tables: list[Table] = []
    for a, b, layout in found:
        region = lines[a : b + 1]
        if layout == "pipe":
            rows = tokenize_pipe(region)
        elif layout == "tabbed":
            rows = tokenize_tabbed(region)
        elif layout == "spaced":
            rows = tokenize_spaced(region)
        else:
            rows = tokenize_vertical(region)
        if rows and _has_number(rows):
            tables.append(Table(layout=layout, span=(region[0].start, region[-1].end), rows=rows))
    return tables
