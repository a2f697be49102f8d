"""Lines of the normalised text, with the little every tokenizer needs to know about them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..model import Cell
from ..normalize import NormalizedText

__all__ = ["Line", "make_cell", "split_lines"]


@attrs.frozen
class Line:
    """One line of the normalised text (without its line feed)."""

    number: int  # 1-based
    start: int  # normalised offset of the first character
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_empty(self) -> bool:
        """Nothing at all on the line (a tab alone is an empty *cell*, not an empty line)."""
        return not self.text.strip(" ")


def split_lines(nt: NormalizedText) -> list[Line]:
    text = nt.text
    out: list[Line] = []
    start = 0
    number = 1
    while True:
        end = text.find("\n", start)
        if end == -1:
            out.append(Line(number, start, text[start:]))
            return out
        out.append(Line(number, start, text[start:end]))
        start = end + 1
        number += 1


def make_cell(line: Line, lo: int, hi: int, strip_chars: str | None = None) -> Cell:
    """A cell for ``line.text[lo:hi]`` with surrounding whitespace trimmed from text and span."""
    piece = line.text[lo:hi]
    stripped_left = piece.lstrip(strip_chars)
    lo += len(piece) - len(stripped_left)
    stripped = stripped_left.rstrip(strip_chars)
    hi = lo + len(stripped)
    return Cell(text=stripped, span=(line.start + lo, line.start + hi), line=line.number)


def line_cells_text(cells: Sequence[Cell]) -> str:
    return " | ".join(c.text for c in cells)
