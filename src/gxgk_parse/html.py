"""Saved web pages: the visible text, same length as the markup, so spans stay exact.

Markup is blanked out rather than removed: every tag, comment, ``<script>`` and ``<style>``
becomes spaces (a block-level tag becomes a line feed and spaces), and every character
reference becomes its character followed by spaces. The result has exactly the length of the
page, so an offset in the visible text *is* an offset in the page, and ``page[start:end]``
of an observation is the cell or sentence as marked up.

The ``<table>`` elements are read with the standard library's :class:`html.parser.HTMLParser`
(no browser, no dependency): rows and cells are laid out on the grid the browser would draw,
resolving ``rowspan`` and ``colspan``, so that the columns of the post-2019 tables line up.
Attributes are never read except those two: ``style="width:38px"`` is never a value (quirk 9).
"""

from __future__ import annotations

import html as _html
from bisect import bisect_left
from collections.abc import Sequence
from html.parser import HTMLParser

import attrs
import regex

from .model import Cell, Row, Table
from .normalize import NormalizedText, normalize
from .numbers import read_cell

__all__ = ["html_to_document", "looks_like_html", "visible_text"]

_HTML_START = regex.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<table[\s>]|<div[\s>])",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG_COUNT = regex.compile(r"</?(?:p|div|span|td|tr|table|br|font|strong)\b", regex.IGNORECASE)

_MARKUP = regex.compile(
    r"""
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<raw><(?P<rawtag>script|style|noscript|template)\b[^>]*>.*?(?:</(?P=rawtag)\s*>|\Z))
    | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>)
    | (?P<decl><![^>]*>|<\?[^>]*>)
    | (?P<ref>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)

_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl"),
        *("dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)

_WHITESPACE = regex.compile(r"\s+")
_NOT_NEWLINE = regex.compile(r"[^\n]")
# Browsers read rowspan="2px" or colspan=" 3" as the leading integer (of ASCII digits, as
# browsers do; ``int()`` refuses the digits of scripts newer than the running Python).
_LEADING_INT = regex.compile(r"\s*([0-9]+)")

# Elements whose content a browser does not show as part of the page: tables in them are
# not read (``visible_text`` blanks them, so their cells would have no visible text).
_HIDDEN = frozenset({"noscript", "template"})

# The tags that end an open cell or row without its end tag (HTML lets authors omit them).
_SECTION_TAGS = frozenset({"thead", "tbody", "tfoot"})

# HTML caps colspan at 1000 and rowspan at 65534; a larger value is a typo, not a layout.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534


def looks_like_html(text: str) -> bool:
    """Whether *text* is a web page rather than text that mentions a tag."""
    if "<" not in text:
        return False  # no tag at all: the common case of plain text, decided at C speed
    if _HTML_START.match(text):
        return True
    return len(_TAG_COUNT.findall(text[:20000])) >= 8


def _blank(piece: str, first: str = " ") -> str:
    # Keep the page's own line breaks so that line numbers stay those of the page.
    if "\n" not in piece:
        return first + " " * (len(piece) - 1)  # most tags: no pattern needed
    body = str(_NOT_NEWLINE.sub(" ", piece[1:]))
    return (first if piece[:1] != "\n" else "\n") + body


def visible_text(page: str) -> str:
    """The page with markup blanked out; ``len(visible_text(p)) == len(p)``."""
    out: list[str] = []
    last = 0
    for m in _MARKUP.finditer(page):
        out.append(page[last : m.start()])
        piece = m.group()
        if m["ref"]:
            char = _html.unescape(piece)
            if char == "\xa0":
                char = " "
            if len(char) != 1:
                char = " "
            out.append(char + _blank(piece)[1:])
        elif m["tag"] and (m["name"] or "").lower() in _BLOCK:
            out.append(_blank(piece, "\n"))
        else:
            out.append(_blank(piece))
        last = m.end()
    out.append(page[last:])
    visible = "".join(out)
    assert len(visible) == len(page)
    return visible


def _cell_text(piece: str) -> str:
    """The text of a cell's markup: inline tags join, block tags and spaces separate.

    ``统<span>计</span>`` reads ``统计`` (the blanked visible text would read ``统 计``), and
    ``&nbsp;`` is a space, so a cell holding only ``&nbsp;`` is blank (quirk 12).
    """
    out: list[str] = []
    last = 0
    for m in _MARKUP.finditer(piece):
        out.append(piece[last : m.start()])
        if m["ref"]:
            char = _html.unescape(m.group())
            out.append(" " if char == "\xa0" else char)
        elif m["tag"] and (m["name"] or "").lower() in _BLOCK:
            out.append(" ")
        last = m.end()
    out.append(piece[last:])
    return str(_WHITESPACE.sub(" ", normalize("".join(out)).text)).strip()


# -- reading the <table> elements -----------------------------------------------------------


@attrs.define
class _RawCell:
    start: int  # page offset where the content starts (after the start tag)
    end: int  # page offset where it ends (before the end tag, or the tag closing it)
    rowspan: int
    colspan: int


@attrs.define
class _RawTable:
    start: int  # page offset of "<table"
    end: int = -1  # page offset after "</table>"
    rows: list[list[_RawCell]] = attrs.field(factory=list)
    row_open: bool = False
    cell: _RawCell | None = None
    has_table: bool = False  # contains a nested table: a layout table, not a data table


def _span_attr(attrs_: Sequence[tuple[str, str | None]], name: str, cap: int) -> int:
    for key, value in attrs_:
        if key == name and value is not None:
            digits = _LEADING_INT.match(value)
            if digits is not None:
                n = int(digits.group(1))
                # rowspan="0" means "to the end of the table"; colspan="0" means 1.
                return min(n, cap) if n > 0 else (cap if name == "rowspan" else 1)
    return 1


class _TableReader(HTMLParser):
    """Collects every ``<table>`` with the page offsets of its cells' content."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        starts = [0]
        pos = page.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = page.find("\n", pos + 1)
        self._line_starts = starts
        self.open: list[_RawTable] = []
        self.done: list[_RawTable] = []
        self._hidden = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _close_cell(self, table: _RawTable, at: int) -> None:
        if table.cell is not None:
            table.cell.end = max(at, table.cell.start)
            table.cell = None

    def _close_row(self, table: _RawTable, at: int) -> None:
        self._close_cell(table, at)
        table.row_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
            return
        if self._hidden:
            return
        at = self._offset()
        if tag == "table":
            if self.open:
                self.open[-1].has_table = True
            self.open.append(_RawTable(start=at))
            return
        if not self.open:
            return
        table = self.open[-1]
        if tag == "tr":
            self._close_row(table, at)
            table.rows.append([])
            table.row_open = True
        elif tag in ("td", "th"):
            self._close_cell(table, at)
            if not table.row_open:  # a cell outside any <tr>: the browser opens a row
                table.rows.append([])
                table.row_open = True
            text = self.get_starttag_text() or ""
            cell = _RawCell(
                start=at + len(text),
                end=at + len(text),
                rowspan=_span_attr(attrs, "rowspan", _MAX_ROWSPAN),
                colspan=_span_attr(attrs, "colspan", _MAX_COLSPAN),
            )
            table.rows[-1].append(cell)
            table.cell = cell
        elif tag in _SECTION_TAGS:
            self._close_row(table, at)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <td/> and <table/> are not self-closing in HTML; treat them as start tags.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if self._hidden or not self.open:
            return
        at = self._offset()
        table = self.open[-1]
        if tag in ("td", "th"):
            self._close_cell(table, at)
        elif tag == "tr" or tag in _SECTION_TAGS:
            self._close_row(table, at)
        elif tag == "table":
            self._close_row(table, at)
            close = self.page.find(">", at)
            table.end = close + 1 if close != -1 else len(self.page)
            self.done.append(self.open.pop())

    def close(self) -> None:
        super().close()
        while self.open:  # tables left open at the end of the page end with it
            table = self.open.pop()
            self._close_row(table, len(self.page))
            table.end = len(self.page)
            self.done.append(table)


@attrs.frozen
class _PageMap:
    """Page offsets → offsets of the normalised visible text (the inverse of ``to_original``).

    Normalisation only deletes characters (the CR of CRLF, zero-width characters), so a page
    offset moves back by the number of deleted characters before it.
    """

    removed: tuple[int, ...]  # page offsets of the deleted characters, ascending

    @classmethod
    def of(cls, nt: NormalizedText) -> _PageMap:
        # The i-th removal at normalised offset r was page offset r + i.
        return cls(tuple(r + i for i, r in enumerate(nt._removed_at)))

    def __call__(self, pos: int) -> int:
        return pos - bisect_left(self.removed, pos)


@attrs.frozen
class _Placed:
    cell: Cell
    numeric: bool  # a value cell (anything that is not label text): never duplicated
    first_row: bool
    first_col: bool


def _make_cell(nt: NormalizedText, to_norm: _PageMap, page: str, raw: _RawCell) -> Cell:
    start = to_norm(raw.start)
    end = max(start, to_norm(raw.end))
    content = nt.text[start:end]
    stripped = content.strip()
    if not stripped:
        return Cell(text="", span=(start, start), line=nt.line_of(start))
    lo = start + (len(content) - len(content.lstrip()))
    hi = lo + len(stripped)
    return Cell(text=_cell_text(page[raw.start : raw.end]), span=(lo, hi), line=nt.line_of(lo))


def _grid(nt: NormalizedText, to_norm: _PageMap, page: str, table: _RawTable) -> list[Row]:
    """Lay the cells out as the browser does (the HTML table model, simplified)."""
    n_rows = len(table.rows)
    grid: list[dict[int, _Placed]] = [{} for _ in range(n_rows)]
    for r, raw_row in enumerate(table.rows):
        col = 0
        for raw in raw_row:
            while col in grid[r]:
                col += 1
            cell = _make_cell(nt, to_norm, page, raw)
            numeric = read_cell(cell.text).kind != "text"
            last_row = min(n_rows, r + raw.rowspan)  # a rowspan never adds rows
            for rr in range(r, last_row):
                for cc in range(col, col + raw.colspan):
                    grid[rr].setdefault(cc, _Placed(cell, numeric, rr == r, cc == col))
            col += raw.colspan
    width = max((max(row) + 1 for row in grid if row), default=0)
    rows: list[tuple[list[Cell], int]] = []
    for placed_row in grid:
        cells: list[Cell] = []
        for c in range(width):
            placed = placed_row.get(c)
            if placed is None:
                # A position no cell covers (a short row): an empty cell where the row's
                # previous cell ends, so that the columns after it stay in place.
                at = cells[-1].span[1] if cells else _row_anchor(placed_row)
                cells.append(Cell(text="", span=(at, at), line=nt.line_of(at)))
            elif placed.numeric and not (placed.first_row and placed.first_col):
                # A label spanning rows or columns is repeated so that every row and column
                # it heads keeps its context (a group label for each of its sub-rows). A
                # value spanning several positions was printed once and is one value:
                # repeating it would invent values in rows and columns that printed none
                # and count it twice in every sum. It stays at its first position; the
                # others are empty cells, so the columns after it stay in place.
                at = placed.cell.span[1]
                cells.append(Cell(text="", span=(at, at), line=placed.cell.line))
            else:
                cells.append(placed.cell)
        # The row's line is that of its first own cell: the first cell may be a group label
        # repeated from a row above, whose line is not this row's.
        own = [p.cell.line for _, p in sorted(placed_row.items()) if p.first_row]
        rows.append((cells, own[0] if own else (cells[0].line if cells else 1)))
    return _trim(rows)


def _row_anchor(placed_row: dict[int, _Placed]) -> int:
    if placed_row:
        return placed_row[min(placed_row)].cell.span[0]
    return 0


def _trim(rows: list[tuple[list[Cell], int]]) -> list[Row]:
    """Drop rows without any text and trailing columns without any text."""
    rows = [(cells, line) for cells, line in rows if any(c.text for c in cells)]
    width = max(
        (max(i for i, c in enumerate(cells) if c.text) + 1 for cells, _ in rows),
        default=0,
    )
    return [Row(cells=cells[:width], line=line) for cells, line in rows]


def _tables(nt: NormalizedText, to_norm: _PageMap, page: str) -> tuple[Table, ...]:
    reader = _TableReader(page)
    reader.feed(page)
    reader.close()
    out: list[Table] = []
    for raw in sorted(reader.done, key=lambda t: t.start):
        if raw.has_table:  # a layout table around the data table(s): read the inner ones
            continue
        rows = _grid(nt, to_norm, page, raw)
        if not any(read_cell(c.text).is_numeric for row in rows for c in row.cells):
            # No number: a layout, navigation or metadata table (索引号, 发布机构, …). Its
            # text stays with the page's text, where metadata and prose are read.
            continue
        span = (to_norm(raw.start), to_norm(raw.end))
        out.append(Table(layout="html", span=span, rows=rows))
    return tuple(out)


def html_to_document(page: str) -> tuple[NormalizedText, tuple[Table, ...]]:
    """The normalised visible text of *page* and the data tables read from its markup.

    Args:
        page: a saved web page (already decoded).

    Returns:
        ``(nt, tables)``: *nt* is the normalised visible text with ``nt.original == page``
        (so spans map back to offsets into the page); *tables* holds one
        ``Table(layout="html")`` per innermost ``<table>`` that has a number in it, in page
        order. Each row holds one :class:`Cell` per grid position: a label spanning rows or
        columns is repeated in each, a value spanning several is kept once with empty cells
        at the other positions; empty and ``&nbsp;`` cells are empty cells in their column.
        A cell's span is its trimmed content in the normalised text (empty, at the content,
        for an empty cell); its text has inline markup removed and spaces collapsed.
    """
    masked = normalize(visible_text(page))
    to_norm = _PageMap.of(masked)
    # Block tags became line feeds in the visible text (so that paragraphs are lines), but
    # a line number the user sees is one of the page: count the page's own line breaks.
    line_starts = [0]
    pos = page.find("\n")
    while pos != -1:
        line_starts.append(to_norm(pos + 1))
        pos = page.find("\n", pos + 1)
    nt = attrs.evolve(masked, original=page, line_starts=tuple(line_starts))
    return nt, _tables(nt, to_norm, page)
