"""Normalisation: one pass over the text, with a map back to the original.

Every later stage works on the normalised text; every span the library reports is mapped back
through :class:`NormalizedText` so that ``original[start:end]`` is what was printed.

Targeted character tables (``str.translate``) rather than NFKC: NFKC turns ①② into 12,
changes lengths and is slow on CJK text. The table only ever maps one character to one
character, so the only offset changes come from the few characters that are deleted (the CR
of CRLF, zero-width characters, BOMs), which are recorded in a sorted list.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs
import regex

__all__ = ["NormalizedText", "normalize"]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII forms (！ … ～) to their half-width counterparts.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    # Every space that is not a plain space or a line break becomes a plain space.
    for code in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[code] = " "
    # Line and page separators become line feeds; a lone CR is a line break too.
    for code in (0x000B, 0x000C, 0x0085, 0x2028, 0x2029, 0x000D):
        table[code] = "\n"
    # Look-alike dashes and bars that PDF and Word exports produce.
    table[0xFFE8] = "|"  # HALFWIDTH FORMS LIGHT VERTICAL
    table[0x2223] = "|"  # DIVIDES, used as a bar by some converters
    return table


_TABLE = _build_table()

# Characters removed outright: the CR of CRLF, zero-width characters, BOMs anywhere, soft hyphens.
_DELETED = regex.compile(r"\r(?=\n)|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@attrs.frozen
class NormalizedText:
    """A normalised text and the map from its offsets back to the original text."""

    original: str
    text: str
    # Normalised offsets at which one original character was removed, one entry per removal.
    _removed_at: tuple[int, ...] = attrs.field(alias="removed_at")
    _line_starts: tuple[int, ...] = attrs.field(alias="line_starts")

    def to_original(self, pos: int) -> int:
        """Map an offset of the normalised text to the offset of the same character."""
        return pos + bisect_right(self._removed_at, pos)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if end <= start:
            o = self.to_original(start)
            return (o, o)
        return (self.to_original(start), self.to_original(end - 1) + 1)

    def line_of(self, pos: int) -> int:
        """1-based line number of a normalised offset."""
        return bisect_right(self._line_starts, pos)

    def line_start(self, line: int) -> int:
        """Normalised offset where a 1-based line starts."""
        return self._line_starts[max(0, min(line, len(self._line_starts)) - 1)]

    def column_of(self, pos: int) -> int:
        """1-based column, counted in characters of the original text."""
        line = self.line_of(pos)
        start = self.line_start(line)
        return self.to_original(pos) - self.to_original(start) + 1 if pos > start else 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)


def normalize(original: str) -> NormalizedText:
    """Normalise *original* once: widths, spaces, line breaks and invisible characters."""
    removed: list[int] = []
    if _DELETED.search(original) is not None:
        pieces: list[str] = []
        last = 0
        for m in _DELETED.finditer(original):
            pieces.append(original[last : m.start()])
            # The normalised offset the removed character would have had.
            removed.append(m.start() - len(removed))
            last = m.end()
        pieces.append(original[last:])
        stripped = "".join(pieces)
    else:
        stripped = original
    text = stripped.translate(_TABLE)
    line_starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        line_starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return NormalizedText(
        original=original,
        text=text,
        removed_at=tuple(removed),
        line_starts=tuple(line_starts),
    )
