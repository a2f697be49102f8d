"""Lines of the normalised text, with the little every tokenizer needs to know about them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple, overload

from ..model import Cell, new_cell
from ..normalize import NormalizedText
from ..numbers import MEMO_MAX_TEXT, read_cell

__all__ = ["Line", "Lines", "as_lines", "cell_at", "is_valueish", "split_lines"]


class Line(NamedTuple):
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


class Lines(Sequence[Line]):
    """A run of lines kept as parallel lists of texts, offsets and line numbers.

    Segmentation looks at every line's text but needs a line's offset only for the few
    lines that turn out to be table cells, so no object is built per line: a :class:`Line`
    is made only when one is asked for by index.
    """

    __slots__ = ("_source", "_starts", "numbers", "texts")

    def __init__(
        self,
        texts: Sequence[str],
        starts: Sequence[int] | None,
        numbers: Sequence[int],
        source: str | None = None,
    ) -> None:
        self.texts = texts
        self.numbers = numbers
        self._starts = starts
        self._source = source

    @property
    def source(self) -> str:
        """The lines joined by line feeds (the text they were split from)."""
        if self._source is None:
            self._source = "\n".join(self.texts)
        return self._source

    @property
    def starts(self) -> Sequence[int]:
        if self._starts is None:
            # Each line starts one past the end of the previous one: running sums of
            # len + 1, in C, only once some line's offset is actually needed.
            lengths = map(len, self.texts[:-1])
            self._starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        return self._starts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> Lines: ...

    def __getitem__(self, index: int | slice) -> Line | Lines:
        if isinstance(index, slice):
            return Lines(self.texts[index], self.starts[index], self.numbers[index])
        return Line(self.numbers[index], self.starts[index], self.texts[index])

    def __iter__(self) -> Iterator[Line]:
        return map(Line, self.numbers, self.starts, self.texts)

    def take(self, indices: Sequence[int]) -> Lines:
        """The lines at *indices* (in that order)."""
        starts, numbers, texts = self.starts, self.numbers, self.texts
        return Lines(
            [texts[k] for k in indices], [starts[k] for k in indices], [numbers[k] for k in indices]
        )

    def end(self, index: int) -> int:
        return self.starts[index] + len(self.texts[index])


def as_lines(lines: Sequence[Line]) -> Lines:
    """*lines* as a :class:`Lines` (they usually are one already, from :func:`split_lines`)."""
    if isinstance(lines, Lines):
        return lines
    return Lines([ln.text for ln in lines], [ln.start for ln in lines], [ln.number for ln in lines])


def split_lines(nt: NormalizedText) -> Lines:
    texts = nt.lines
    # Offsets from the texts (on first use), not ``nt``'s line map: for a web page that map
    # counts the page's own lines, not those of the visible text.
    return Lines(texts, None, range(1, len(texts) + 1), nt.text)


def cell_at(
    text: str, start: int, number: int, lo: int, hi: int, strip_chars: str | None = None
) -> Cell:
    """A cell for ``text[lo:hi]`` of line *number* (at offset *start*), with surrounding
    whitespace trimmed from text and span."""
    piece = text[lo:hi]
    stripped_left = piece.lstrip(strip_chars)
    lo += start + len(piece) - len(stripped_left)
    stripped = stripped_left.rstrip(strip_chars)
    return new_cell(stripped, (lo, lo + len(stripped)), number)


def is_valueish(text: str) -> bool:
    """A cell text that belongs to the value side of a row (not a label)."""
    if len(text) > MEMO_MAX_TEXT:
        return read_cell(text).is_valueish
    return _is_valueish_memo(text)


def _is_valueish(text: str) -> bool:
    return read_cell(text).is_valueish


# Cells repeat across a report and across reports ("0", "件", "—", "", the template's
# labels), and the tokenizers ask of every cell whether it is a value. A bounded memo, of
# short texts only (as ``read_cell``'s).
_is_valueish_memo = lru_cache(maxsize=4096)(_is_valueish)
