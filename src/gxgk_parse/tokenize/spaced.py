"""Space-separated values on one line (quirk 8, PDF-derived text).

``（一）予以公开 2 0 0 0 0 0 2`` — the label, then the row's values separated by spaces.
The label may itself be spaced out (``商 业 企 业``), so it is everything before the trailing
run of numeric tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..model import Cell, Row
from ..numbers import is_unit
from .lines import Line, make_cell

__all__ = ["find_spaced_regions", "tokenize_spaced"]

_TOKEN = regex.compile(r"\S+")
_NUMERIC = regex.compile(r"[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-]?\d+(?:\.\d+)?|[-—/]{1,4}")
# Two or more numeric tokens at the end of a line, separated by spaces.
_TRAILING_VALUES = regex.compile(
    r"(?:^|\s)(?:[+\-]?\d[\d,]*(?:\.\d+)?|[-—/]{1,4})(?:[ \t]+(?:[+\-]?\d[\d,]*(?:\.\d+)?|[-—/]{1,4})){1,40}\s*$"
)
# Or a pre-2019 row: label, unit, one value (``1.当面申请数 件 2``).
_UNIT_VALUE = regex.compile(
    r"\S\s+(?:条|件|次|篇|个|人次|人|万元|元)\s+(?:[+\-]?\d[\d,]*(?:\.\d+)?|[-—/]{1,4})\s*$"
)
_MIN_ROWS = 3
_MAX_GAP = 2
_MAX_LINE = 200


def _is_value_line(line: Line) -> bool:
    text = line.text
    if len(text) > _MAX_LINE or "|" in text:
        return False
    return _TRAILING_VALUES.search(text) is not None or _UNIT_VALUE.search(text) is not None


def find_spaced_regions(lines: Sequence[Line], taken: list[bool]) -> list[tuple[int, int]]:
    """Runs of at least three value lines, bridged over blanks and short label lines."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if taken[i] or not _is_value_line(lines[i]):
            i += 1
            continue
        first = last = i
        members, gap = 1, 0
        j = i + 1
        while j < n and not taken[j]:
            line = lines[j]
            if _is_value_line(line):
                last, gap = j, 0
                members += 1
            elif line.is_blank:
                pass
            elif len(line.text.strip()) <= 60 and "。" not in line.text and gap < _MAX_GAP:
                gap += 1
            else:
                break
            j += 1
        # A label line just above the first value line belongs to the table too.
        if first > 0 and not taken[first - 1] and 0 < len(lines[first - 1].text.strip()) <= 60:
            first -= 1
        if members >= _MIN_ROWS:
            out.append((first, last))
            for k in range(first, last + 1):
                taken[k] = True
        i = last + 1
    return out


def _line_cells(line: Line) -> list[Cell]:
    tokens = list(_TOKEN.finditer(line.text))
    k = len(tokens)
    while k > 0 and _NUMERIC.fullmatch(tokens[k - 1].group()):
        k -= 1
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
