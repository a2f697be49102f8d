"""The pipe-delimited layouts (quirks 3, 4, 5).

- Row per line (seed 001): ``label | unit | value | |||||`` — a leading ``|`` opens the
  row and a trailing one closes it; the empty cells between (blank values, or padding
  such as ``| |||||``) are kept, since only the reader knows how many columns a row has; a line without a bar inside the region
  is the first part of the next row's first cell (a label wrapped before its bars).
- One cell per line, each followed by a bar (quirk 4): ``规章 |`` / ``0 |``; rows are
  closed by a line of bare bars.
- The bar on its own line between cells (quirk 5): ``cell`` / ``|`` / ``cell``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Cell, Row, new_cell, new_row
from .lines import Line, Lines, as_lines, is_valueish
from .tabbed import add_rows, vertical_rows

__all__ = ["is_row_per_line", "tokenize_pipe"]


def _barred_cells(parts: list[str], start: int, number: int) -> tuple[list[Cell], bool] | None:
    """The cells of a barred line (*parts*: its text split at the bars) and whether a label
    follows a value among them (the line then holds several rows); None for a line of bare
    bars."""
    # A leading bar opens the row; the cell before it is not a cell.
    lo = 0 if parts[0].strip() else 1
    # A trailing bar closes the row; what follows it is not a cell. Empty cells before it
    # are kept: in a row of several values (post-2019 tables) a blank cell holds a column's
    # place, and padding past the columns is told apart by the reader, which knows them.
    hi = len(parts) if parts[-1].strip() else len(parts) - 1
    pos = start + len(parts[0]) + 1 if lo else start
    cells: list[Cell] = []
    append = cells.append
    filled = seen_value = mixed = False
    for part in parts[lo:hi]:
        if not part:
            # Padding between two bars (``|||``): a blank cell, and a value.
            append(new_cell("", (pos, pos), number))
            pos += 1
            seen_value = True
            continue
        cell_text = part.strip()
        if cell_text:
            filled = True
            # Everything before the stripped text's first occurrence is space.
            a = pos + part.find(cell_text)
            append(new_cell(cell_text, (a, a + len(cell_text)), number))
            if is_valueish(cell_text):
                seen_value = True
            elif seen_value:
                mixed = True
        else:
            # A blank cell (a value too) sits where its part ends, as trimming leaves it.
            e = pos + len(part)
            append(new_cell("", (e, e), number))
            seen_value = True
        pos += len(part) + 1
    if not filled:
        return None
    return cells, mixed


def _split_bars(texts: Sequence[str]) -> tuple[list[list[str] | None], bool]:
    """Each line split at its bars (None for a line without one), and whether most barred
    lines hold two or more filled cells (one row per line)."""
    splits: list[list[str] | None] = []
    barred = multi = 0
    for text in texts:
        if "|" not in text:
            splits.append(None)
            continue
        parts = text.split("|")
        splits.append(parts)
        if text.strip(" \t|"):
            barred += 1
            filled = 0
            for part in parts:
                if part.strip():
                    filled += 1
                    if filled == 2:
                        multi += 1
                        break
    return splits, barred > 0 and multi * 2 >= barred


def is_row_per_line(lines: Sequence[Line]) -> bool:
    """Whether most barred lines hold two or more filled cells (one row per line)."""
    return _split_bars(as_lines(lines).texts)[1]


def _tokenize_rows(view: Lines, splits: list[list[str] | None]) -> list[Row]:
    rows: list[Row] = []
    pending: list[Cell] = []  # bar-less lines waiting for the row they start
    for text, parts, start, number in zip(
        view.texts, splits, view.starts, view.numbers, strict=True
    ):
        if parts is None:
            left = text.lstrip()
            if left:
                cell_text = left.rstrip()
                lo = start + len(text) - len(left)
                pending.append(new_cell(cell_text, (lo, lo + len(cell_text)), number))
            continue
        got = _barred_cells(parts, start, number)
        if got is None:
            continue  # a line of bare bars closes nothing in this layout
        cells, mixed = got
        if pending:
            cells = pending + cells
            pending = []
            add_rows(rows, cells, [is_valueish(c.text) for c in cells])
        elif mixed:
            add_rows(rows, cells, [is_valueish(c.text) for c in cells])
        else:
            rows.append(new_row(tuple(cells), number))
    if pending:
        rows.append(new_row(tuple(pending), pending[0].line))
    return rows


def _bars_between_cells(texts: Sequence[str]) -> bool:
    """Quirk 5: cell lines carry no bar and a lone bar stands between them."""
    cell_lines = [text for text in texts if text.strip(" \t|")]
    barred_cells = sum(1 for text in cell_lines if "|" in text)
    return bool(cell_lines) and barred_cells * 2 < len(cell_lines)


def tokenize_pipe(lines: Sequence[Line]) -> list[Row]:
    """Rows of a pipe region, whichever of the three shapes it has."""
    view = as_lines(lines)
    texts = view.texts
    splits, row_per_line = _split_bars(texts)
    if row_per_line:
        return _tokenize_rows(view, splits)
    if _bars_between_cells(texts):
        # A lone bar joins the cells of one row; blank lines and runs of bars end rows.
        joined = view.take([k for k, text in enumerate(texts) if text.strip() != "|"])
        return vertical_rows(joined, strip_chars=" \t|")
    return vertical_rows(view, strip_chars=" \t|")
