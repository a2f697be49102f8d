"""The post-2019 tables (templates ``2019`` and ``2021``): rows of several value cells.

The three tables of the revised template are read as one stream of rows, in document order,
by a small state machine (``_Reader``) that keeps the context a printed table gives a
reader: the section (table 二, 三 or 四), the block or row group under which rows stand
(``第二十条第（一）项``, ``（三）不予公开``) and the column headers seen for the block.

Every row is ``label cells + value cells`` (the tokenizers split rows where a label follows a
value). The label cells are cut into *segments* — runs of cells (or of space-separated
pieces of a cell) whose joined text names a header, a row, a row group or a column of the
schema — so that a group label printed on the line of its first sub-row (quirk 6), a header
row glued to the numbers under it, a wrapped label or a header spaced out character by
character (quirk 10) all read the same. Column meaning comes from the template: the values
of a row are assigned to its columns in order (quirk 11 — damaged headers), and only a
header that names every column of the block, in another order, changes that order.

A row whose number of values does not match its columns is not guessed at (quirk 7): its
numbers go to ``unmapped`` with a ``sparse-row`` (or ``wide-row``) finding. Rows not in the
template (quirk 19) keep their numbers as unmapped, with an ``unknown-row`` finding.

A section whose template prints no row labels (table 四: one line of 15 numbers under three
header rows) is detected from the schema's shape — the only column set of its section and
no row groups — and read positionally (``MatchInfo.method == "position"``).

Values the template does not print are derived afterwards by :mod:`gxgk_parse.derive`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

import attrs
import regex

from .derive import derive
from .extract import Sink, label_cells
from .match import Candidate, LabelMatcher, choose, label_key, matcher_for
from .model import Cell, MatchInfo, Row, Table
from .numbers import UNITS, read_cell
from .schema import MONEY_UNITS, Indicator, Schema, get_schema

__all__ = ["Segment", "extract_matrix", "label_segments", "template_votes"]

_KINDS = ("header", "row", "row_group", "column", "column_group", "column_header")
_ROW_KINDS = frozenset({"row", "row_group"})
_COLUMN_KINDS = frozenset({"column", "column_group", "column_header"})

# How many cells (or pieces of a spaced-out cell) one label may be spread over, and how
# long the joined text may grow: a header exploded one character per line (quirk 8) still
# joins, and a row stays linear in its cell count.
_MAX_JOIN = 32
_MAX_JOIN_CHARS = 80
# A label key this short ("其他", "总计") names a row of another section only when no
# section is known yet; otherwise it would pull a local extra row into the wrong table.
_WEAK_KEY = 3
# The fewest values a line must hold to be taken for the wrapped end of the row above.
_MIN_WRAP = 2

_SPACE = regex.compile(r"\s+")
_PIECE = regex.compile(r"\S+")
# A unit printed in a column header: "采购总金额(万元)", "本年收费金额(单位:万元)".
_HEADER_UNIT = regex.compile(
    r"[(（]\s*(?:单位\s*[:：]\s*)?(?P<unit>"
    + "|".join(regex.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")\s*[)）]"
)


# -- the schema's shape, computed once per template ---------------------------------------


@attrs.frozen
class _Plan:
    """What the reader needs to know about a template, beyond the indicators."""

    schema: Schema
    matcher: LabelMatcher
    # Section → the (row id, column id) cells of a section printed as one label-less line.
    streams: Mapping[str, tuple[tuple[str, str], ...]]


@cache
def _plan(template: str) -> _Plan:
    schema = get_schema(template)
    return _Plan(
        schema=schema,
        matcher=matcher_for(template, _KINDS),
        streams=MappingProxyType(_label_less_sections(schema)),
    )


def _label_less_sections(schema: Schema) -> dict[str, tuple[tuple[str, str], ...]]:
    """Sections made of one column set and no row groups: printed as one line of values.

    That is table 四 (review, direct and after-review litigation × five outcomes), whose
    row meanings are column headers in print. Table 三 has row groups and table 二 several
    column sets, so neither qualifies.
    """
    sets: dict[str, set[str]] = {}
    grouped: set[str] = set()
    rows: dict[str, list[Indicator]] = {}
    for ind in schema.indicators:
        if ind.kind == "row":
            sets.setdefault(ind.section, set()).add(ind.column_set or ind.id)
            rows.setdefault(ind.section, []).append(ind)
        elif ind.kind == "row_group":
            grouped.add(ind.section)
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for section, names in sets.items():
        if len(names) == 1 and section not in grouped and len(rows[section]) > 1:
            out[section] = tuple((r.id, c) for r in rows[section] for c in r.columns)
    return out


# -- label segments -----------------------------------------------------------------------


@attrs.frozen
class Segment:
    """Label cells (or pieces of one) that read as one label, with what the label may name."""

    cells: tuple[Cell, ...]
    text: str
    candidates: tuple[Candidate, ...]

    @property
    def key(self) -> str:
        return label_key(self.text)

    @property
    def anchor(self) -> Cell:
        return self.cells[0]


def _strict(matcher: LabelMatcher, text: str) -> list[Candidate]:
    """Exact and alias matches only: the segmentation tries many joins, fuzzy none."""
    return matcher.match(text, fuzzy=False)


def _pieces(matcher: LabelMatcher, cells: Sequence[Cell]) -> list[Cell]:
    """Cells, with an unmatched cell holding spaces cut into its space-separated pieces.

    PDF-derived text prints a header row on one line (``自然人 法人或其他组织 总计``), which
    the space-separated tokenizer keeps as one label cell.
    """
    out: list[Cell] = []
    for cell in cells:
        if not _SPACE.search(cell.text) or _strict(matcher, cell.text):
            out.append(cell)
            continue
        base = cell.span[0]
        for m in _PIECE.finditer(cell.text):
            out.append(
                Cell(text=m.group(), span=(base + m.start(), base + m.end()), line=cell.line)
            )
    return out


def label_segments(matcher: LabelMatcher, cells: Sequence[Cell]) -> list[Segment]:
    """Cut label cells into segments, longest known label first."""
    pieces = _pieces(matcher, cells)
    out: list[Segment] = []
    i, n = 0, len(pieces)
    while i < n:
        found: Segment | None = None
        text = ""
        ends: list[tuple[int, str]] = []
        for j in range(i, min(n, i + _MAX_JOIN)):
            text += pieces[j].text
            if len(text) > _MAX_JOIN_CHARS and j > i:
                break
            ends.append((j + 1, text))
        for j, joined in reversed(ends):
            cands = _strict(matcher, joined)
            if cands:
                found = Segment(tuple(pieces[i:j]), joined, tuple(cands))
                i = j
                break
        if found is None:
            piece = pieces[i]
            fuzzy = [c for c in matcher.match(piece.text) if c.method == "fuzzy"]
            found = Segment((piece,), piece.text, tuple(fuzzy))
            i += 1
        if out and out[-1].text == found.text:
            # A merged cell repeated over the columns or rows it spans (tables read from
            # HTML): one label, printed once.
            prev = out[-1]
            out[-1] = Segment(prev.cells + found.cells, prev.text, prev.candidates)
            continue
        out.append(found)
    return out


# -- the reader ---------------------------------------------------------------------------


@attrs.define
class _Open:
    """A labelled data row still collecting values (label-only, or fewer than its columns)."""

    row: str
    cand: Candidate
    label: str
    anchor: Cell
    values: list[Cell]
    unit_cell: Cell | None = None


@attrs.define
class _Stream:
    """Values of a label-less section, collected over rows until the section is complete."""

    section: str
    values: list[Cell] = attrs.field(factory=list)


@attrs.define
class _Reader:
    sink: Sink
    plan: _Plan
    section: str | None = None
    block: str | None = None
    recent: list[str] = attrs.field(factory=list)
    header_cols: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    header_units: dict[tuple[str | None, str], str] = attrs.field(factory=dict)
    open: _Open | None = None
    stream: _Stream | None = None
    streamed: set[str] = attrs.field(factory=set)

    @property
    def schema(self) -> Schema:
        return self.plan.schema

    # -- rows -----------------------------------------------------------------------------

    def feed(self, row: Row) -> None:
        labels, values = label_cells(row.cells)
        unit_cell, values = _leading_unit(values)
        if not labels:
            self._values_only(values)
            return
        segments = label_segments(self.plan.matcher, labels)
        header_run = sum(1 for s in segments if self._kinds(s) & _COLUMN_KINDS) >= 2
        row_at = self._row_label_at(segments, header_run)
        self._close_open()
        self._context(segments[: row_at if row_at is not None else len(segments)], header_run)
        if row_at is None:
            self._unlabelled(segments, values)
            return
        seg = segments[row_at]
        cand = self._resolve_row(seg)
        if cand is None:
            self._unknown_row(seg.text, seg.anchor, values)
            return
        self._labelled(seg, cand, values, unit_cell)

    def _values_only(self, values: list[Cell]) -> None:
        if not values:
            return
        if self.open is not None and self._extend_open(values):
            return
        self._close_open()
        if self.stream is not None or self._stream_for(values) is not None:
            self._add_stream(values)
            return
        if not _numeric(values):
            return
        self.sink.finding(
            "unlabelled-row",
            "warning",
            f"{len(values)} value(s) without a row label; kept in unmapped",
            values[0],
        )
        for cell in values:
            self.sink.unmap(cell, label="", reason="unlabelled-row")

    def _unlabelled(self, segments: Sequence[Segment], values: list[Cell]) -> None:
        """A row of headers only, or headers glued to the values printed under them."""
        if not _numeric(values):
            return
        section = self.stream.section if self.stream is not None else self._stream_for(values)
        if section is not None and any(self._in_section(s, section) for s in segments):
            self._add_stream(values)
            return
        label = "".join(s.text for s in segments)
        self._unknown_row(label, segments[-1].anchor, values)

    def _labelled(
        self, seg: Segment, cand: Candidate, values: list[Cell], unit_cell: Cell | None
    ) -> None:
        ind = self.schema[cand.indicator]
        self._enter(ind)
        if ind.kind != "row":
            # A row group has no cells of its own; it only gives its sub-rows their context.
            self.block = ind.id
            if _numeric(values):
                self._unknown_row(seg.text, seg.anchor, values, group=True)
            return
        self._flush_stream(unless=ind.section)
        if self.plan.streams.get(ind.section) and len(_trimmed(values, 0)) > len(ind.columns):
            # A row header of table 四 glued to the whole line of values under it.
            self._add_stream(values)
            return
        if cand.method == "fuzzy":
            self.sink.finding(
                "label-fuzzy",
                "info",
                f"row {seg.text!r} read as {ind.id} ({ind.label}) by similarity {cand.score:.2f}",
                seg.anchor,
                indicators=(ind.id,),
            )
        self.open = _Open(ind.id, cand, seg.text, seg.anchor, list(values), unit_cell)
        if len(_trimmed(values, len(ind.columns))) >= len(ind.columns):
            self._close_open()

    # -- context --------------------------------------------------------------------------

    def _in_section(self, seg: Segment, section: str) -> bool:
        return any(self.schema[c.indicator].section == section for c in seg.candidates)

    def _kinds(self, seg: Segment) -> set[str]:
        return {self.schema[c.indicator].kind for c in seg.candidates}

    def _row_label_at(self, segments: Sequence[Segment], header_run: bool) -> int | None:
        """Index of the row label: the last row-naming segment after every column header."""
        for i in range(len(segments) - 1, -1, -1):
            kinds = self._kinds(segments[i])
            if kinds & _COLUMN_KINDS and (header_run or not kinds & _ROW_KINDS):
                return None
            if kinds & _ROW_KINDS and self._resolve_row(segments[i]) is not None:
                return i
        return None

    def _context(self, segments: Sequence[Segment], header_run: bool) -> None:
        columns: list[tuple[Segment, Indicator]] = []
        for seg in segments:
            kinds = self._kinds(seg)
            if "header" in kinds:
                self._header(seg)
            elif kinds & _COLUMN_KINDS:
                col = self._resolve_column(seg)
                if col is not None:
                    columns.append((seg, col))
            elif "row_group" in kinds and not header_run:
                cand = self._resolve_row(seg)
                if cand is not None:
                    self._enter(self.schema[cand.indicator])
                    self.block = cand.indicator
        if columns:
            self._column_header(columns)

    def _header(self, seg: Segment) -> None:
        # Headers and column headers only set context: a near miss ("第二十条第（七）项")
        # must not move the reader into another block.
        cands = [
            c
            for c in seg.candidates
            if self.schema[c.indicator].kind == "header" and c.method != "fuzzy"
        ]
        if not cands:
            return
        cand = choose(self._tiered(cands), self.recent, self.schema)
        ind = self.schema[cand.indicator]
        self._enter(ind)
        self.block = ind.id
        self.recent.append(ind.id)

    def _enter(self, ind: Indicator) -> None:
        if ind.section != self.section:
            self._flush_stream(unless=ind.section)
            self.section = ind.section
            self.block = None

    def _resolve_column(self, seg: Segment) -> Indicator | None:
        cols = [self.schema[c.indicator] for c in seg.candidates if c.method != "fuzzy"]
        cols = [c for c in cols if c.kind in _COLUMN_KINDS]
        own = [c for c in cols if c.id in self._block_columns()]
        if own:
            return own[0]
        here = [c for c in cols if c.section == self.section]
        if here:
            return here[0]
        sections = {c.section for c in cols}
        if len(sections) == 1:
            self._enter(cols[0])
            return cols[0]
        return None  # "总计" before any section is known: no telling which table

    def _block_columns(self) -> tuple[str, ...]:
        if self.block is None:
            return ()
        for child in self.schema.children(self.block):
            if child.kind == "row":
                return child.columns
        return ()

    def _column_header(self, columns: Sequence[tuple[Segment, Indicator]]) -> None:
        """Record a block's printed column order (when complete) and units printed there."""
        own = self._block_columns()
        for seg, col in columns:
            m = _HEADER_UNIT.search(seg.text)
            if m is not None:
                self.header_units[(self.block, col.id)] = m["unit"]
        printed = tuple(col.id for _, col in columns if col.id in own)
        if own and len(printed) == len(own) and set(printed) == set(own) and self.block:
            self.header_cols[self.block] = printed

    def _tiered(self, cands: Sequence[Candidate]) -> list[Candidate]:
        """The candidates of the nearest context: the block, then the section, then any."""
        block, section = self.block, self.section
        in_block = [
            c for c in cands if block is not None and block in self.schema.ancestors(c.indicator)
        ]
        if in_block:
            return in_block
        here = [c for c in cands if self.schema[c.indicator].section == section]
        return here or list(cands)

    def _resolve_row(self, seg: Segment) -> Candidate | None:
        cands = [c for c in seg.candidates if self.schema[c.indicator].kind in _ROW_KINDS]
        if not cands:
            return None
        tier = self._tiered(cands)
        elsewhere = self.section is not None and all(
            self.schema[c.indicator].section != self.section for c in tier
        )
        if elsewhere and (len(seg.key) <= _WEAK_KEY or tier[0].method == "fuzzy"):
            return None
        return choose(tier, self.recent, self.schema)

    # -- committing rows ------------------------------------------------------------------

    def _extend_open(self, values: list[Cell]) -> bool:
        """Values on the next line(s) of a row printed without them, or the rest of a row
        whose values wrapped onto the next line."""
        assert self.open is not None
        ind = self.schema[self.open.row]
        width = len(ind.columns)
        have = len(self.open.values)
        more = len(_trimmed(values, width - have))
        if have > 0 and (more < _MIN_WRAP or have + more != width):
            # Only a wrap that completes the row exactly: a lone number after a row that
            # lost a cell is more likely a page number than the row's last value.
            return False
        if have + more > width and self.plan.streams.get(ind.section):
            # A lone header of table 四 ("复议后起诉") above the line of 15 values.
            self.open = None
            self._add_stream(values)
            return True
        self.open.values.extend(values)
        if len(self.open.values) >= width:
            self._close_open()
        return True

    def _close_open(self) -> None:
        current, self.open = self.open, None
        if current is None or not current.values:
            return
        ind = self.schema[current.row]
        columns = self._columns_of(ind)
        values = _trimmed(current.values, len(columns))
        if len(values) != len(columns):
            self._misfit(current, ind, values)
            return
        match = MatchInfo(
            method=current.cand.method,  # type: ignore[arg-type]
            score=current.cand.score,
            label=current.label,
        )
        for col_id, cell in zip(columns, values, strict=True):
            self._observe(ind, self.schema[col_id], cell, match, current.label, current.unit_cell)
        self.recent.append(ind.id)
        if ind.parent is not None:
            self.block = ind.parent

    def _misfit(self, current: _Open, ind: Indicator, values: Sequence[Cell]) -> None:
        width = len(ind.columns)
        code, reason = (
            ("sparse-row", "sparse-row") if len(values) < width else ("wide-row", "extra-cell")
        )
        if _numeric(current.values):
            self.sink.finding(
                code,
                "warning",
                f"row {current.label!r} ({ind.id}) has {len(values)} cell(s) for {width} "
                "columns; which column each belongs to cannot be known, so its numbers are "
                "kept in unmapped",
                current.anchor,
                indicators=(ind.id,),
            )
        for cell in current.values:
            self.sink.unmap(cell, label=current.label, reason=reason)

    def _columns_of(self, ind: Indicator) -> tuple[str, ...]:
        printed = self.header_cols.get(ind.parent or "")
        if printed is not None and set(printed) == set(ind.columns):
            return printed
        return ind.columns

    def _observe(
        self,
        row: Indicator,
        col: Indicator,
        cell: Cell,
        match: MatchInfo,
        label: str,
        unit_cell: Cell | None,
    ) -> None:
        cell_id = f"{row.id}.{col.key}"
        header_unit = self.header_units.get((row.parent, col.id))
        money = col.is_money or header_unit in MONEY_UNITS
        cv = read_cell(cell.text, money=money)
        printed = cv.unit or (unit_cell.text if unit_cell is not None else None) or header_unit
        template_unit = col.unit
        if (
            printed
            and template_unit
            and printed != template_unit
            and (printed in MONEY_UNITS or template_unit in MONEY_UNITS)
        ):
            self.sink.finding(
                "unit-mismatch",
                "warning",
                f"{cell_id} is printed in {printed}, the template counts it in {template_unit}",
                cell,
                indicators=(cell_id,),
            )
        self.sink.observe(
            cell_id, cell, cv, unit=printed or template_unit, match=match, label=label
        )

    def _unknown_row(
        self, label: str, anchor: Cell, values: Sequence[Cell], *, group: bool = False
    ) -> None:
        if not _numeric(values):
            return
        what = "a row group, which has no cells in the template" if group else "no indicator"
        self.sink.finding(
            "unknown-row",
            "warning",
            f"row {label!r} matches {what} of the {self.schema.template} tables; "
            "its numbers are kept in unmapped",
            anchor,
        )
        for cell in values:
            self.sink.unmap(cell, label=label, reason="unknown-row")

    # -- label-less sections (table 四) ---------------------------------------------------

    def _stream_for(self, values: Sequence[Cell]) -> str | None:
        """The label-less section these values belong to, if any."""
        if self.section is not None and self.section in self.plan.streams:
            return self.section
        # Values printed away from their headers: only a line exactly as wide as a whole
        # label-less section not read yet is taken for it.
        n = len(_trimmed(values, 0))
        for section, cells in self.plan.streams.items():
            if section not in self.streamed and len(cells) == n:
                return section
        return None

    def _add_stream(self, values: Sequence[Cell]) -> None:
        if self.stream is None:
            section = self._stream_for(values)
            if section is None:  # pragma: no cover - callers check
                return
            self.stream = _Stream(section)
            if self.section != section:
                self.section, self.block = section, None
        self.stream.values.extend(values)
        width = len(self.plan.streams[self.stream.section])
        if len(_trimmed(self.stream.values, width)) >= width:
            self._flush_stream()

    def _flush_stream(self, unless: str | None = None) -> None:
        current = self.stream
        if current is None or current.section == unless:
            return
        self.stream = None
        self.streamed.add(current.section)
        cells = self.plan.streams[current.section]
        values = _trimmed(current.values, len(cells))
        if len(values) != len(cells):
            if _numeric(current.values):
                self.sink.finding(
                    "sparse-row",
                    "warning",
                    f"{len(values)} value(s) under the headers of a table of {len(cells)} "
                    "cells without row labels; which cell each belongs to cannot be known, "
                    "so they are kept in unmapped",
                    current.values[0],
                )
            for cell in current.values:
                self.sink.unmap(cell, label="", reason="sparse-row")
            return
        for (row_id, col_id), cell in zip(cells, values, strict=True):
            row, col = self.schema[row_id], self.schema[col_id]
            label = f"{row.label} / {col.label}"
            self._observe(row, col, cell, MatchInfo(method="position", label=label), label, None)

    def finish(self) -> None:
        self._close_open()
        self._flush_stream()


def _leading_unit(values: list[Cell]) -> tuple[Cell | None, list[Cell]]:
    if values and read_cell(values[0].text).kind == "unit":
        return values[0], values[1:]
    return None, values


def _trimmed(values: Sequence[Cell], width: int) -> list[Cell]:
    """*values* without the empty cells beyond *width*: padding after the last column
    (``| |||``), then before the first one (a label cell merged over several columns,
    exported as one label and empty cells). Only empty cells are dropped, never a dash or
    a number, so nothing is moved to another column but blanks."""
    out = list(values)
    while len(out) > width and not out[-1].text:
        out.pop()
    start = 0
    while len(out) - start > width and not out[start].text:
        start += 1
    return out[start:]


def _numeric(cells: Iterable[Cell]) -> bool:
    return any(read_cell(c.text).is_numeric for c in cells)


# -- entry points ---------------------------------------------------------------------------


def extract_matrix(sink: Sink, tables: Sequence[Table], schema: Schema) -> None:
    """Read the post-2019 tables of a document into *sink*, then derive unprinted values."""
    reader = _Reader(sink=sink, plan=_plan(schema.template))
    for table in tables:
        for row in table.rows:
            reader.feed(row)
    reader.finish()
    derive(sink, schema)


def template_votes(tables: Sequence[Table], templates: Sequence[str]) -> dict[str, int]:
    """Structural evidence between templates that share row labels (quirk 21).

    A row label both templates print (``行政许可``) with as many values as its columns in
    one template only is a vote for that template: table 二 of 2019 has three columns where
    2021 has one, and （六）其他处理 has cells in 2019 only.
    """
    votes = dict.fromkeys(templates, 0)
    plans = [_plan(t) for t in templates]
    for table in tables:
        for row in table.rows:
            labels, values = label_cells(row.cells)
            if not labels or not _numeric(values):
                continue
            text = labels[-1].text
            widths: dict[str, int] = {}
            for plan in plans:
                rows = [
                    plan.schema[c.indicator]
                    for c in _strict(plan.matcher, text)
                    if plan.schema[c.indicator].kind in _ROW_KINDS
                ]
                widths[plan.schema.template] = len(rows[0].columns) if len(rows) == 1 else -1
                if rows and rows[0].kind == "row_group":
                    widths[plan.schema.template] = 0
            if -1 in widths.values() or len(set(widths.values())) < 2:
                continue
            n = len(_trimmed(values, 0))
            for template, width in widths.items():
                if width == n:
                    votes[template] += 1
    return votes
