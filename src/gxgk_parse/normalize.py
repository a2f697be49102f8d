"""Normalisation: one pass over the text, with a map back to the original.

Every later stage works on the normalised text; every span the library reports is mapped back
through :class:`NormalizedText` so that ``original[start:end]`` is what was printed.

Targeted character tables (``str.translate``) rather than NFKC: NFKC turns ①② into 12,
changes lengths and is slow on CJK text. The table only ever maps one character to one
character, so the only offset changes come from the few characters that are deleted (the CR
of CRLF, zero-width characters, BOMs), which are recorded in a sorted list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

import attrs

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
# ``re`` rather than ``regex`` for this and the pattern below: on a character class over a
# whole CJK text the standard engine is several times faster, and nothing here needs more.
_DELETED = re.compile(r"\r(?=\n)|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@attrs.frozen
class NormalizedText:
    """A normalised text and the map from its offsets back to the original text."""

    original: str
    text: str
    # Normalised offsets at which one original character was removed, one entry per removal.
    _removed_at: tuple[int, ...] = attrs.field(alias="removed_at")
    _line_starts: tuple[int, ...] = attrs.field(alias="line_starts")
    # The text split at line feeds, as normalisation had to split it to find the line
    # starts: segmentation reads the same lines. Not compared, not shown.
    _lines: tuple[str, ...] = attrs.field(alias="lines", default=(), eq=False, repr=False)

    def to_original(self, pos: int) -> int:
        """Map an offset of the normalised text to the offset of the same character."""
        if not self._removed_at:
            # Nothing was removed (no CRLF, no zero-width characters): the map is the
            # identity. Returning *pos* itself keeps one int per offset instead of a copy of
            # it for every span of every cell of a report.
            return pos
        return pos + bisect_right(self._removed_at, pos)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if not self._removed_at:
            return (start, end) if end > start else (start, start)
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
    def lines(self) -> tuple[str, ...]:
        """The lines of the normalised text, without their line feeds."""
        return self._lines or tuple(self.text.split("\n"))

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    @property
    def offsets_preserved(self) -> bool:
        """Whether every offset of the normalised text is that of the original text.

        True when nothing was removed (no CRLF, zero-width characters or BOMs): spans need
        no mapping, and objects holding them need no copy.
        """
        return not self._removed_at


def normalize(original: str) -> NormalizedText:
    """Normalise *original* once: widths, spaces, line breaks and invisible characters."""
    # Every step runs in C over the whole text (split, join, replace, accumulate): a Python
    # loop per removed character or per line costs more than all later stages on a report
    # saved with CRLF line ends, and a million blank lines would be a million iterations.
    parts = _DELETED.split(original) if _has_deleted(original) else [original]
    if len(parts) > 1:
        # Each match removes exactly one character, so the i-th removal sits at the
        # normalised offset where the first i + 1 kept pieces end.
        removed = tuple(accumulate(map(len, parts[:-1])))
        stripped = "".join(parts)
    else:
        removed, stripped = (), original
    text = _translate(stripped)
    # Line i + 1 starts one past the end of line i: running sums of len + 1, the last one
    # (past the end of the text) dropped.
    lines = tuple(text.split("\n"))
    line_starts = tuple(accumulate(map(_PLUS_ONE, map(len, lines[:-1])), initial=0))
    return NormalizedText(
        original=original,
        text=text,
        removed_at=removed,
        line_starts=line_starts,
        lines=lines,
    )


_PLUS_ONE = (1).__add__

# The characters ``_DELETED`` can remove (the CR only before a LF, but any CR is a reason to
# look). Most texts hold none of them: a few ``in`` tests (memchr speed) are cheaper than
# one scan with the alternation.
_DELETABLE = ("\r", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def _has_deleted(text: str) -> bool:
    return any(map(text.__contains__, _DELETABLE))


def _character_class(codes: list[int]) -> str:
    """A character class of *codes* written as ranges: far faster to scan than a list."""
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(re.escape(chr(codes[i])))
        if j > i:
            parts.append("-" + re.escape(chr(codes[j])))
        i = j + 1
    return "[" + "".join(parts) + "]"


# Any character the table maps. ``str.translate`` with a dict looks every character up in the
# dict (about 200 ns a character); a report holds only a handful of distinct mapped
# characters (，（）：；and the ideographic space), so the text is scanned for the next
# mapped character and each distinct one is replaced everywhere at once (C speed), the scan
# going on from where it stopped. No replacement is itself a key, so one replacement per
# character gives the same text as ``translate``.
_MAPPED = re.compile(_character_class(sorted(_TABLE)))
if set(_TABLE.values()) & {chr(code) for code in _TABLE}:  # pragma: no cover
    raise AssertionError("a replacement of the normalisation table is itself a key")


def _translate(text: str) -> str:
    found = _MAPPED.search(text)
    while found is not None:
        ch = found.group()
        text = text.replace(ch, _TABLE[ord(ch)])
        found = _MAPPED.search(text, found.start())
    return text
