"""Space-separated values on one line (quirk 8, PDF-derived text).

``（一）予以公开 2 0 0 0 0 0 2`` — the label, then the row's values separated by spaces.
The label may itself be spaced out (``商 业 企 业``), so it is everything before the trailing
run of value tokens (numbers, signed ones such as ``+2`` and ``减3``, numbers with a unit
such as ``976.81万元``, and dashes for empty cells). Header lines (``自然人 法人或其他组织
总计``) stay one label cell; the reader cuts them into labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex

from ..model import Cell, Row, new_row
from ..numbers import UNITS, is_unit, read_cell
from .labels import is_table_label
from .lines import Line, Lines, as_lines, cell_at

__all__ = [
    "MAX_VALUE_LINE",
    "find_spaced_regions",
    "may_be_value_line",
    "may_end_value",
    "spaced_regions",
    "tokenize_spaced",
]

_TOKEN = regex.compile(r"\S+")
# Or a pre-2019 row: label, unit, one value (``1.当面申请数 件 2``).
_UNIT_VALUE = regex.compile(
    r"\S\s+(?:条|件|次|篇|个|人次|人|万元|元)\s+(?:[+\-]?\d[\d,]*(?:\.\d+)?|[-—/]{1,4})\s*$"
)
_MIN_ROWS = 3
_MAX_GAP = 2
MAX_VALUE_LINE = 200
_MAX_LABEL_LINE = 60
# Header lines above a table's first value line kept with the table (table 三 prints three).
_MAX_HEADER_LINES = 6
_MIN_HEADERS = 2
# A header exploded one character per line (quirk 8) is not prose between two tables.
_SHORT = 2

_NONE, _WEAK, _STRONG = 0, 1, 2

# The characters a line of values can end with: those a value token can end with (see
# ``numbers.read_cell``: a digit, the last character of a unit as in ``976.81万元``, a dash
# or slash, ``&nbsp;`` and the words of "not applicable", 无, 不适用, 空), and the comma
# ``_UNIT_VALUE`` lets a number end with.
_VALUE_END = frozenset("-—–―−_/\\~～·.;,无用空") | frozenset(unit[-1] for unit in UNITS)
_DIGIT = regex.compile(r"\d")


@lru_cache(maxsize=1024)
def may_end_value(char: str) -> bool:
    """Whether a line of values may end with *char* (its last non-space character)."""
    # ``regex``'s \d, not ``str.isdecimal``: ``regex`` knows digits of newer Unicode.
    return char in _VALUE_END or _DIGIT.match(char) is not None


def may_be_value_line(text: str) -> bool:
    """A cheap necessary condition for a line of values that may open a region: short, and
    its last token can be a value. Most prose lines fail it on their last character."""
    # ``str.rstrip`` strips every space ``regex``'s \s does (and a few control characters
    # more), so the last character left is that of the last token's stripped text.
    return len(text) <= MAX_VALUE_LINE and may_end_value(text.rstrip()[-1:])


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


def _membership(text: str) -> int:
    """``_STRONG`` for a row of two or more values (or label, unit, value), ``_WEAK`` for
    a label and one value or a line of one value — a row of a one-column block of table 二
    (``行政许可 5``) or a wrapped part of a row: a weak line never starts a table."""
    if len(text) > MAX_VALUE_LINE or "|" in text or not text.strip():
        return _NONE
    tokens = _TOKEN.findall(text)
    k = _trailing_values(tokens)
    if k >= 2 or _UNIT_VALUE.search(text) is not None:
        return _STRONG
    if k == 1 and _is_label_line(text):
        return _WEAK
    return _NONE


def _is_header_line(text: str) -> bool:
    t = text.strip()
    return _is_label_line(t) and (len(t) <= _SHORT or is_table_label(t))


def _header_above(texts: Sequence[str], taken: list[bool], first: int) -> int:
    """Header lines just above the first value line (a block header, column headers)."""
    k = first - 1
    # The line right above is kept whatever it says (the pre-2019 header row).
    if k >= 0 and not taken[k] and texts[k].strip() and _is_label_line(texts[k]):
        first = k
        k -= 1
    while (
        k >= 0
        and first - k <= _MAX_HEADER_LINES
        and not taken[k]
        and texts[k].strip()
        and _is_header_line(texts[k])
    ):
        first = k
        k -= 1
    return first


def find_spaced_regions(lines: Sequence[Line], taken: list[bool]) -> list[tuple[int, int]]:
    """Runs of at least three value lines, bridged over blanks, header and short label lines."""
    texts = as_lines(lines).texts
    return spaced_regions(texts, taken, [i for i, t in enumerate(texts) if may_be_value_line(t)])


def spaced_regions(
    texts: Sequence[str], taken: list[bool], candidates: Iterable[int]
) -> list[tuple[int, int]]:
    """:func:`find_spaced_regions`, opened only at *candidates* (in order), the lines that
    pass :func:`may_be_value_line`."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    for start in candidates:
        if start < i or taken[start] or _membership(texts[start]) != _STRONG:
            continue
        first = last = start
        members, gap = 1, 0
        j = start + 1
        while j < n and not taken[j]:
            text = texts[j]
            if _membership(text) != _NONE:
                last, gap = j, 0
                members += 1
            elif not text.strip() or _is_header_line(text):
                pass
            elif _is_label_line(text) and gap < _MAX_GAP:
                gap += 1
            else:
                break
            j += 1
        top = _header_above(texts, taken, first)
        headed = sum(1 for k in range(top, first) if is_table_label(texts[k]))
        # A lone line of values still is a table under header lines of its own (table 四:
        # three header rows over one line of 15 values).
        if members >= _MIN_ROWS or headed >= _MIN_HEADERS:
            first = top
            out.append((first, last))
            taken[first : last + 1] = [True] * (last + 1 - first)
        i = last + 1
    return out


def _line_cells(text: str, start: int, number: int) -> list[Cell]:
    tokens = list(_TOKEN.finditer(text))
    k = len(tokens) - _trailing_values([t.group() for t in tokens])
    unit = k > 1 and is_unit(tokens[k - 1].group())
    label_end = k - 1 if unit else k
    spans: list[tuple[int, int]] = []
    if label_end > 0:
        spans.append((tokens[0].start(), tokens[label_end - 1].end()))
    if unit:
        spans.append(tokens[k - 1].span())
    spans.extend(t.span() for t in tokens[k:])
    return [cell_at(text, start, number, a, b) for a, b in spans]


def tokenize_spaced(lines: Sequence[Line]) -> list[Row]:
    return spaced_rows(as_lines(lines))


def spaced_rows(view: Lines) -> list[Row]:
    starts, numbers = view.starts, view.numbers
    rows: list[Row] = []
    for k, text in enumerate(view.texts):
        if not text.strip():
            continue
        cells = _line_cells(text, starts[k], numbers[k])
        if cells:
            rows.append(new_row(tuple(cells), numbers[k]))
    return rows
