"""The one-cell-per-line layouts (quirks 1 and 2).

Seed 000 shape: each cell on its own line led by a tab, rows separated by blank lines, the
label cell indented to show hierarchy, and a label's parenthetical wrapped onto a line of its
own — sometimes after a blank line and without the tab::

    \\t    （一）主动公开政府信息数
    <blank>
             （不同渠道和方式公开相同信息计1条）
    \\t条
    \\t5533

With the tabs lost (quirk 2) the same shape has no cell marker: every non-blank line is a cell
and a line holding only spaces is an empty cell.

Blank lines are not a reliable row boundary in either shape (wrapped labels cross them, empty
cells become blank lines), so rows are assembled in two steps: group by blank lines, then
mend — glue a wrapped continuation to the row it continues, and split a group where a label
follows values.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Cell, Row, new_cell, new_row
from .lines import Line, Lines, as_lines, is_valueish

__all__ = ["add_rows", "split_at_labels", "tokenize_tabbed", "tokenize_vertical", "vertical_rows"]

# A run of cells with, for each, whether it is a value (read once per cell).
_Group = tuple[list[Cell], list[bool]]


def _starts_parenthetical(text: str) -> bool:
    return text.startswith("(") and not text[1:2].isdigit() and not _is_numbered(text)


def _is_numbered(text: str) -> bool:
    # "(一)" / "(1)" style item numbers open a new row; "(不同渠道…)" continues one.
    close = text.find(")")
    inner = text[1:close] if 0 < close <= 5 else ""
    return bool(inner) and all(ch in "一二三四五六七八九十0123456789" for ch in inner)


def split_at_labels(cells: Sequence[Cell]) -> list[list[Cell]]:
    """Split a run of cells into rows wherever a label follows a value."""
    return _split(list(cells), [is_valueish(c.text) for c in cells])


def _split(cells: list[Cell], values: list[bool]) -> list[list[Cell]]:
    if True not in values or values.count(False) == values.index(True):
        # Labels, then values: one row (every row of a well-formed table).
        return [cells] if cells else []
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    seen_value = False
    for cell, valueish in zip(cells, values, strict=True):
        if not valueish and seen_value and current:
            rows.append(current)
            current = []
            seen_value = False
        current.append(cell)
        seen_value = seen_value or valueish
    if current:
        rows.append(current)
    return rows


def add_rows(rows: list[Row], cells: list[Cell], values: list[bool]) -> None:
    """Append the rows of a run of cells (*values*: whether each cell is a value)."""
    if True not in values or values.count(False) == values.index(True):
        # No label after a value (every label is before the first value): one row, as is
        # every row of a well-formed table.
        rows.append(new_row(tuple(cells), cells[0].line))
        return
    for part in _split(cells, values):
        rows.append(new_row(tuple(part), part[0].line))


def _assemble(groups: list[tuple[list[Cell], list[bool], bool]]) -> list[Row]:
    """Mend blank-line groups into rows. Each group carries whether it opens with a wrapped
    continuation (a line without the tab in the tabbed layout)."""
    merged: list[_Group] = []
    prev_is_label_only = False  # of the last merged group
    for cells, values, continues in groups:
        if not cells:
            continue
        if merged and prev_is_label_only and (continues or _starts_parenthetical(cells[0].text)):
            prev_cells, prev_values = merged[-1]
            prev_cells.extend(cells)
            prev_values.extend(values)
        else:
            merged.append((cells, values))
        # (Joined to a group of labels, the group's values are all those of the two.)
        prev_is_label_only = True not in values
    rows: list[Row] = []
    for cells, values in merged:
        add_rows(rows, cells, values)
    return rows


def tokenize_tabbed(lines: Sequence[Line]) -> list[Row]:
    """Rows of a tab-led region (seed 000)."""
    view = as_lines(lines)
    groups: list[tuple[list[Cell], list[bool], bool]] = []
    cells: list[Cell] = []
    values: list[bool] = []
    continues = False
    for text, start, number in zip(view.texts, view.starts, view.numbers, strict=True):
        if not text.strip(" "):
            if cells:
                groups.append((cells, values, continues))
                cells, values = [], []
            continue
        if not cells:
            continues = text[0] != "\t"
        # The leading tab is whitespace: the cell is the stripped line either way.
        left = text.lstrip()
        cell_text = left.rstrip()
        lo = start + len(text) - len(left)
        cells.append(new_cell(cell_text, (lo, lo + len(cell_text)), number))
        values.append(is_valueish(cell_text))
    if cells:
        groups.append((cells, values, continues))
    return _assemble(groups)


def tokenize_vertical(lines: Sequence[Line], *, strip_chars: str | None = None) -> list[Row]:
    """Rows of a one-cell-per-line region without cell markers (quirk 2).

    A line holding only spaces is an empty cell; a truly empty line separates groups.
    """
    return vertical_rows(as_lines(lines), strip_chars)


def vertical_rows(view: Lines, strip_chars: str | None = None) -> list[Row]:
    """:func:`tokenize_vertical` of a :class:`Lines`."""
    groups: list[tuple[list[Cell], list[bool], bool]] = []
    cells: list[Cell] = []
    values: list[bool] = []
    for text, start, number in zip(view.texts, view.starts, view.numbers, strict=True):
        if not text or (strip_chars is not None and not text.strip(strip_chars)):
            if cells:
                groups.append((cells, values, False))
                cells, values = [], []
            continue
        left = text.lstrip(strip_chars)
        cell_text = left.rstrip(strip_chars)
        lo = start + len(text) - len(left)
        cells.append(new_cell(cell_text, (lo, lo + len(cell_text)), number))
        values.append(is_valueish(cell_text))
    if cells:
        groups.append((cells, values, False))
    return _assemble(groups)
