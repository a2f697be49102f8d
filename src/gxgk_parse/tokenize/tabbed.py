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

from ..model import Cell, Row
from ..numbers import read_cell
from .lines import Line, make_cell

__all__ = ["tokenize_tabbed", "tokenize_vertical"]


def _is_valueish(cell: Cell) -> bool:
    return read_cell(cell.text).is_valueish


def _starts_parenthetical(text: str) -> bool:
    return text.startswith("(") and not text[1:2].isdigit() and not _is_numbered(text)


def _is_numbered(text: str) -> bool:
    # "(一)" / "(1)" style item numbers open a new row; "(不同渠道…)" continues one.
    close = text.find(")")
    inner = text[1:close] if 0 < close <= 5 else ""
    return bool(inner) and all(ch in "一二三四五六七八九十0123456789" for ch in inner)


def split_at_labels(cells: Sequence[Cell]) -> list[list[Cell]]:
    """Split a run of cells into rows wherever a label follows a value."""
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    seen_value = False
    for cell in cells:
        valueish = _is_valueish(cell)
        if not valueish and seen_value and current:
            rows.append(current)
            current = []
            seen_value = False
        current.append(cell)
        seen_value = seen_value or valueish
    if current:
        rows.append(current)
    return rows


def _assemble(groups: list[tuple[list[Cell], bool]]) -> list[Row]:
    """Mend blank-line groups into rows. Each group carries whether it opens with a wrapped
    continuation (a line without the tab in the tabbed layout)."""
    merged: list[list[Cell]] = []
    for cells, continues in groups:
        if not cells:
            continue
        prev = merged[-1] if merged else None
        prev_is_label_only = prev is not None and not any(_is_valueish(c) for c in prev)
        wraps = continues or (prev_is_label_only and _starts_parenthetical(cells[0].text))
        if prev is not None and wraps and prev_is_label_only:
            prev.extend(cells)
        else:
            merged.append(list(cells))
    rows: list[Row] = []
    for cells in merged:
        for part in split_at_labels(cells):
            rows.append(Row(cells=tuple(part), line=part[0].line))
    return rows


def tokenize_tabbed(lines: Sequence[Line]) -> list[Row]:
    """Rows of a tab-led region (seed 000)."""
    groups: list[tuple[list[Cell], bool]] = []
    current: list[Cell] = []
    continues = False
    for line in lines:
        if line.is_empty:
            if current:
                groups.append((current, continues))
            current, continues = [], False
            continue
        is_cell = line.text.startswith("\t")
        if not current:
            continues = not is_cell
        current.append(make_cell(line, 1 if is_cell else 0, len(line.text)))
    if current:
        groups.append((current, continues))
    return _assemble(groups)


def tokenize_vertical(lines: Sequence[Line], *, strip_chars: str | None = None) -> list[Row]:
    """Rows of a one-cell-per-line region without cell markers (quirk 2).

    A line holding only spaces is an empty cell; a truly empty line separates groups.
    """
    groups: list[tuple[list[Cell], bool]] = []
    current: list[Cell] = []
    for line in lines:
        if line.text == "" or (strip_chars is not None and not line.text.strip(strip_chars)):
            if current:
                groups.append((current, False))
            current = []
            continue
        current.append(make_cell(line, 0, len(line.text), strip_chars))
    if current:
        groups.append((current, False))
    return _assemble(groups)
