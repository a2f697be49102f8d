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

from ..model import Cell, Row
from .lines import Line, make_cell
from .tabbed import split_at_labels, tokenize_vertical

__all__ = ["is_row_per_line", "tokenize_pipe"]


def _split_line(line: Line) -> list[Cell]:
    text = line.text
    bounds: list[tuple[int, int]] = []
    lo = 0
    for i, ch in enumerate(text):
        if ch == "|":
            bounds.append((lo, i))
            lo = i + 1
    bounds.append((lo, len(text)))
    cells = [make_cell(line, a, b) for a, b in bounds]
    # A leading bar opens the row; the cell before it is not a cell.
    if cells and not cells[0].text and text.lstrip().startswith("|"):
        cells = cells[1:]
    # A trailing bar closes the row; what follows it is not a cell. Empty cells before it
    # are kept: in a row of several values (post-2019 tables) a blank cell holds a column's
    # place, and padding past the columns is told apart by the reader, which knows them.
    if cells and not cells[-1].text and text.rstrip().endswith("|"):
        cells.pop()
    if not any(c.text for c in cells):
        return []
    return cells


def _filled_cells(line: Line) -> int:
    return sum(1 for part in line.text.split("|") if part.strip())


def is_row_per_line(lines: Sequence[Line]) -> bool:
    """Whether most barred lines hold two or more filled cells (one row per line)."""
    barred = [ln for ln in lines if "|" in ln.text and ln.text.strip(" \t|")]
    if not barred:
        return False
    multi = sum(1 for ln in barred if _filled_cells(ln) >= 2)
    return multi * 2 >= len(barred)


def _tokenize_rows(lines: Sequence[Line]) -> list[Row]:
    rows: list[Row] = []
    pending: list[Cell] = []  # bar-less lines waiting for the row they start
    for line in lines:
        if line.is_blank:
            continue
        if "|" not in line.text:
            pending.append(make_cell(line, 0, len(line.text)))
            continue
        cells = _split_line(line)
        if not cells:
            continue  # a line of bare bars closes nothing in this layout
        if pending:
            cells = pending + cells
            pending = []
        for part in split_at_labels(cells):
            rows.append(Row(cells=tuple(part), line=part[0].line))
    if pending:
        rows.append(Row(cells=tuple(pending), line=pending[0].line))
    return rows


def _bars_between_cells(lines: Sequence[Line]) -> bool:
    """Quirk 5: cell lines carry no bar and a lone bar stands between them."""
    cell_lines = [ln for ln in lines if ln.text.strip(" \t|")]
    barred_cells = sum(1 for ln in cell_lines if "|" in ln.text)
    return bool(cell_lines) and barred_cells * 2 < len(cell_lines)


def tokenize_pipe(lines: Sequence[Line]) -> list[Row]:
    """Rows of a pipe region, whichever of the three shapes it has."""
    if is_row_per_line(lines):
        return _tokenize_rows(lines)
    if _bars_between_cells(lines):
        # A lone bar joins the cells of one row; blank lines and runs of bars end rows.
        joined = [ln for ln in lines if ln.text.strip() != "|"]
        return tokenize_vertical(joined, strip_chars=" \t|")
    return tokenize_vertical(lines, strip_chars=" \t|")
