"""Space-separated values on one line (quirk 8, PDF-derived text).

``（一）予以公开 2 0 0 0 0 0 2`` — the label, then the row's values separated by spaces.
The label may itself be spaced out (``商 业 企 业``), so it is everything before the trailing
run of value tokens (numbers, signed ones such as ``+2`` and ``减3``, numbers with a unit
such as ``976.81万元``, and dashes for empty cells). Header lines (``自然人 法人或其他组织
总计``) stay one label cell; the reader cuts them into labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..model import Cell, Row
from ..numbers import is_unit, read_cell
from .labels import is_table_label
from .lines import Line, make_cell

__all__ = ["find_spaced_regions", "tokenize_spaced"]

_TOKEN = regex.compile(r"\S+")
# Or a pre-2019 row: label, unit, one value (``1.当面申请数 件 2``).
_UNIT_VALUE = regex.compile(
    r"\S\s+(?:条|件|次|篇|个|人次|人|万元|元)\s+(?:[+\-]?\d[\d,]*(?:\.\d+)?|[-—/]{1,4})\s*$"
)
_MIN_ROWS = 3
_MAX_GAP = 2
_MAX_LINE = 200
_MAX_LABEL_LINE = 60
# Header lines above a table's first value line kept with the table (table 三 prints three).
_MAX_HEADER_LINES = 6
_MIN_HEADERS = 2
# A header exploded one character per line (quirk 8) is not prose between two tables.
_SHORT = 2

_NONE, _WEAK, _STRONG = 0, 1, 2


def _is_value_token(token: str) -> bool:
    """A number (signed, with a unit: ``+2``, ``减3``, ``976.81万元``) or a dash."""
    cv = read_cell(token)
    if cv.is_numeric:
        return True
    # Dashes and slashes are empty cells; words such as 无 are text in a label.
    return cv.kind == "na" and not token[0].isalpha()


def _trailing_values(tokens: Sequence[str]) -> int:
    k = len(tokens)
    while k > 0 and _is_value_token(tokens[k - 1]):
        k -= 1
    return len(tokens) - k


def _is_label_line(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= _MAX_LABEL_LINE and "。" not in t


def _membership(line: Line) -> int:
    """``_STRONG`` for a row of two or more values (or label, unit, value), ``_WEAK`` for
    a label and one value or a line of one value — a row of a one-column block of table 二
    (``行政许可 5``) or a wrapped part of a row: a weak line never starts a table."""
    text = line.text
    if len(text) > _MAX_LINE or "|" in text or line.is_blank:
        return _NONE
    tokens = _TOKEN.findall(text)
    k = _trailing_values(tokens)
    if k >= 2 or _UNIT_VALUE.search(text) is not None:
        return _STRONG
    if k == 1 and _is_label_line(text):
        return _WEAK
    return _NONE


def _is_header_line(line: Line) -> bool:
    t = line.text.strip()
    return _is_label_line(t) and (len(t) <= _SHORT or is_table_label(t))


def _header_above(lines: Sequence[Line], taken: list[bool], first: int) -> int:
    """Header lines just above the first value line (a block header, column headers)."""
    k = first - 1
    # The line right above is kept whatever it says (the pre-2019 header row).
    if k >= 0 and not taken[k] and not lines[k].is_blank and _is_label_line(lines[k].text):
        first = k
        k -= 1
    while (
        k >= 0
        and first - k <= _MAX_HEADER_LINES
        and not taken[k]
        and not lines[k].is_blank
        and _is_header_line(lines[k])
    ):
        first = k
        k -= 1
    return first


def find_spaced_regions(lines: Sequence[Line], taken: list[bool]) -> list[tuple[int, int]]:
    """Runs of at least three value lines, bridged over blanks, header and short label lines."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if taken[i] or _membership(lines[i]) != _STRONG:
            i += 1
            continue
        first = last = i
        members, gap = 1, 0
        j = i + 1
        while j < n and not taken[j]:
            line = lines[j]
            if _membership(line) != _NONE:
                last, gap = j, 0
                members += 1
            elif line.is_blank or _is_header_line(line):
                pass
            elif _is_label_line(line.text) and gap < _MAX_GAP:
                gap += 1
            else:
                break
            j += 1
        top = _header_above(lines, taken, first)
        headed = sum(1 for k in range(top, first) if is_table_label(lines[k].text))
        # A lone line of values still is a table under header lines of its own (table 四:
        # three header rows over one line of 15 values).
        if members >= _MIN_ROWS or headed >= _MIN_HEADERS:
            first = top
            out.append((first, last))
            for k in range(first, last + 1):
                taken[k] = True
        i = last + 1
    return out


def _line_cells(line: Line) -> list[Cell]:
    tokens = list(_TOKEN.finditer(line.text))
    k = len(tokens) - _trailing_values([t.group() for t in tokens])
    unit = k > 1 and is_unit(tokens[k - 1].group())
    label_end = k - 1 if unit else k
    cells: list[Cell] = []
    if label_end > 0:
        cells.append(make_cell(line, tokens[0].start(), tokens[label_end - 1].end()))
    if unit:
        cells.append(make_cell(line, tokens[k - 1].start(), tokens[k - 1].end()))
    cells.extend(make_cell(line, t.start(), t.end()) for t in tokens[k:])
    return cells


def tokenize_spaced(lines: Sequence[Line]) -> list[Row]:
    rows: list[Row] = []
    for line in lines:
        if line.is_blank:
            continue
        cells = _line_cells(line)
        if cells:
            rows.append(Row(cells=tuple(cells), line=line.number))
    return rows
