"""Rows of cells → observations, for the template the tables follow.

The pre-2019 table has one value per row (``label | unit | value``), matched row by row.
The post-2019 tables (several value cells per row, block and column headers) are read by
:mod:`gxgk_parse.extract_matrix`. Both share :class:`Sink`, which turns cells into results
with spans in the original text, so that conservation holds by construction: every numeric
cell handed to a sink ends up either as an observation or as an unmapped cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter

import attrs
import regex

from .match import Candidate, choose, matcher_for
from .model import (
    Cell,
    Finding,
    MatchInfo,
    Observation,
    Row,
    Severity,
    Table,
    UnmappedCell,
    new_cell,
    new_observation,
)
from .normalize import NormalizedText
from .numbers import MEMO_MAX_TEXT, CellValue, read_cell
from .schema import MONEY_UNITS, TEMPLATES, Indicator, Schema, get_schema

__all__ = ["Sink", "detect_template", "extract_tables", "label_cells"]


@attrs.define
class Sink:
    """Collects observations, unmapped cells and findings, mapping spans to the original."""

    nt: NormalizedText
    observations: list[Observation] = attrs.field(factory=list)
    unmapped: list[UnmappedCell] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    _seen: dict[str, Observation] = attrs.field(factory=dict)

    def original_span(self, cell: Cell) -> tuple[int, int]:
        if self.nt.offsets_preserved:
            return cell.span  # the cell's own tuple: the same offsets, no copy
        return self.nt.span_to_original(*cell.span)

    def observe(
        self,
        indicator: str,
        cell: Cell,
        cv: CellValue,
        *,
        unit: str | None,
        match: MatchInfo,
        label: str = "",
    ) -> None:
        """Record *cell* as the table value of *indicator* (a repeat goes to unmapped)."""
        span = self.original_span(cell)
        raw = self.nt.original[span[0] : span[1]]
        if indicator in self._seen:
            first = self._seen[indicator]
            self.finding(
                "duplicate-indicator",
                "warning",
                f"{indicator} appears again (first value {first.value} on line {first.line}); "
                "the repeat is kept as unmapped",
                cell,
                indicators=(indicator,),
            )
            self.unmap(cell, cv, label=label, reason="duplicate")
            return
        kind = cv.kind if cv.kind in ("number", "zero", "blank", "na") else "text"
        obs = new_observation(
            indicator,
            cv.value,
            unit,
            raw,
            span,
            cell.line,
            "table",
            match,
            kind,  # type: ignore[arg-type]
        )
        self._seen[indicator] = obs
        self.observations.append(obs)

    def unmap(self, cell: Cell, cv: CellValue | None = None, *, label: str, reason: str) -> None:
        """Keep a numeric *cell* that matched nothing (non-numeric cells are dropped)."""
        cv = cv or read_cell(cell.text)
        if not cv.is_numeric:
            return
        span = self.original_span(cell)
        self.unmapped.append(
            UnmappedCell(
                raw=self.nt.original[span[0] : span[1]],
                value=cv.value,
                span=span,
                line=cell.line,
                label=label,
                reason=reason,
                unit=cv.unit,
            )
        )

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        cell: Cell | None = None,
        *,
        indicators: tuple[str, ...] = (),
    ) -> None:
        span = self.original_span(cell) if cell is not None else None
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                message=message,
                span=span,
                line=cell.line if cell is not None else None,
                indicators=indicators,
            )
        )

    def has(self, indicator: str) -> bool:
        return indicator in self._seen


def label_cells(cells: Sequence[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split a row into its leading label cells and the rest."""
    n = _label_count([cell.text for cell in cells])
    return list(cells[:n]), list(cells[n:])


def _label_count(texts: Sequence[str]) -> int:
    """How many leading cells of a row are label text (the rest are values and units)."""
    for i, text in enumerate(texts):
        if read_cell(text).kind != "text":
            return i
    return len(texts)


def _match_label(
    parts: Sequence[str], template: str, kinds: tuple[str, ...]
) -> tuple[list[Candidate], str]:
    """Match the joined label cells; failing that, each cell from the last one back."""
    matcher = matcher_for(template, kinds)
    joined = "".join(parts)
    found = matcher.match(joined)
    if found or len(parts) < 2:
        return found, joined
    for text in reversed(parts):
        found = matcher.match(text)
        if found:
            return found, text
    return [], joined


# -- template detection ---------------------------------------------------------------------

_DETECT_KINDS = ("value", "header", "row", "row_group", "column", "column_group", "column_header")
_WORDS = regex.compile(r"\S+")
# The templates of the revised format (2019 trial, 2021): they share tables 三 and 四.
_POST2019 = ("2019", "2021")


# (label text, template, indicator ids) per template whose labels a cell names.
_Hits = tuple[tuple[str, str, frozenset[str]], ...]


def _detection_hits(cell_text: str) -> _Hits:
    if len(cell_text) > MEMO_MAX_TEXT:
        return _cell_hits(cell_text)  # debris, not a label: not worth keeping
    return _cell_hits_memo(cell_text)


def _cell_hits(cell_text: str) -> _Hits:
    """What one cell says about the template: the exact or alias matches of its text, and
    of each of its words when it holds several (a header line of PDF text).

    Tables repeat the same labels in every report of a template, so the answer is kept per
    cell text (bounded) instead of asking three matchers again for every report.
    """
    if read_cell(cell_text).kind != "text":
        return ()
    texts = [cell_text]
    words = _WORDS.findall(cell_text)
    if len(words) > 1:
        texts.extend(words)
    out: list[tuple[str, str, frozenset[str]]] = []
    for text in texts:
        for template in TEMPLATES:
            # Exact and alias matches only: fuzzy ones are not counted, and searching for
            # them is most of the cost of a text that names nothing (a header, a note).
            found = matcher_for(template, _DETECT_KINDS).match(text, fuzzy=False)
            if found:
                out.append((text, template, frozenset(c.indicator for c in found)))
    return tuple(out)


_cell_hits_memo = lru_cache(maxsize=8192)(_cell_hits)


def detect_template(tables: Sequence[Table]) -> str | None:
    """The template whose labels the tables use (never the year: quirk 21).

    Counts, per template, the distinct label texts matched exactly or by alias that no other
    template shares; the best count of at least two wins. The 2019 and 2021 formats share
    tables 三 and 四, so their shared labels count for the pair against the pre-2019 table,
    and the pair is then told apart by the labels only one of them prints (table 二's column
    headers, the rows of （六）其他处理 in 2021) plus structural votes (a row label both print
    with as many values as its columns in one of them only, see
    :func:`gxgk_parse.extract_matrix.template_votes`). With no evidence either way the
    current format (2021) is assumed: both read tables 三 and 四 the same.
    """
    keys: dict[str, set[str]] = {t: set() for t in TEMPLATES}
    hits: dict[str, set[str]] = {t: set() for t in TEMPLATES}
    # Only which texts occur counts, not how often: each distinct one is looked up once.
    texts = {cell.text for table in tables for row in table.rows for cell in row.cells}
    for cell_text in texts:
        for text, template, indicators in _detection_hits(cell_text):
            hits[template].update(indicators)
            keys[template].add(text)
    scores: dict[str, int] = {}
    for template in TEMPLATES:
        others = set().union(*(keys[t] for t in TEMPLATES if t != template))
        scores[template] = len({text for text in keys[template] if text not in others})
    pre = [t for t in TEMPLATES if t not in _POST2019]
    post_keys = set().union(*(keys[t] for t in _POST2019))
    pre_keys = set().union(*(keys[t] for t in pre))
    post_score = len(post_keys - pre_keys)
    best_pre = max(pre, key=lambda t: (scores[t], len(hits[t])))
    if post_score >= 2 and post_score > scores[best_pre]:
        from .extract_matrix import template_votes

        votes = template_votes(tables, _POST2019)
        return max(reversed(_POST2019), key=lambda t: scores[t] + votes[t])
    return best_pre if scores[best_pre] >= 2 else None


# -- the pre-2019 table ---------------------------------------------------------------------

_VALUE_KINDS = ("value", "header")


def _extract_value_rows(sink: Sink, tables: Sequence[Table], schema: Schema) -> None:
    recent: list[str] = []
    for table in tables:
        for row in table.rows:
            _value_row(sink, row, schema, recent)


_TEXT = attrgetter("text")


_ValueCells = tuple[int | None, int | None, CellValue | None, tuple[int, ...]]


@attrs.frozen
class _Choice:
    """One indicator a row label may name, with how it was matched."""

    indicator: Indicator
    match: MatchInfo


@attrs.frozen
class _LabelReading:
    """What the label cells of a pre-2019 row say, whatever report they come from."""

    label: str  # the label as matched
    candidates: tuple[Candidate, ...]
    choices: tuple[_Choice, ...]  # one per candidate, in the same order


def _read_label(template: str, parts: tuple[str, ...]) -> _LabelReading:
    schema = get_schema(template)
    candidates, label = _match_label(parts, template, _VALUE_KINDS)
    choices = tuple(
        _Choice(
            schema[cand.indicator],
            MatchInfo(method=cand.method, score=cand.score, label=label),  # type: ignore[arg-type]
        )
        for cand in candidates
    )
    return _LabelReading(label, tuple(candidates), choices)


# Every report of a template prints the same row labels: their reading is kept per label
# text, bounded, so that a batch matches each once. The values are not part of the key —
# they differ from report to report — and are read for every row.
_read_label_memo = lru_cache(maxsize=4096)(_read_label)


def _label_reading(template: str, parts: tuple[str, ...]) -> _LabelReading:
    if sum(map(len, parts)) > MEMO_MAX_TEXT:
        return _read_label(template, parts)
    return _read_label_memo(template, parts)


def _value_cells(texts: tuple[str, ...], money: bool) -> _ValueCells:
    """Where the unit, the value and any extra number of a row's value side are; ``None``
    for a unit or value that is not printed."""
    unit: int | None = None
    value: int | None = None
    value_cv: CellValue | None = None
    extra: list[int] = []
    for i, text in enumerate(texts):
        if not text and value is not None:
            continue  # a blank after the value (padding): neither a unit nor a number
        cv = read_cell(text, money=money)
        if cv.kind == "unit" and unit is None and value is None:
            unit = i
        elif value is None and cv.kind in ("number", "zero", "blank", "na"):
            value, value_cv = i, cv
        elif cv.is_numeric:
            extra.append(i)
    return unit, value, value_cv, tuple(extra)


def _value_row(sink: Sink, row: Row, schema: Schema, recent: list[str]) -> None:
    cells = row.cells
    texts = tuple(map(_TEXT, cells))
    labels = _label_count(texts)
    parts, rest = cells[:labels], cells[labels:]
    if not parts:
        for cell in rest:
            sink.unmap(cell, label="", reason="unlabelled-row")
        return
    reading = _label_reading(schema.template, texts[:labels])
    label = reading.label
    if not reading.candidates:
        if any(read_cell(t).is_numeric for t in texts[labels:]):
            sink.finding(
                "unknown-row",
                "warning",
                f"row {label!r} matches no indicator of the {schema.template} table; "
                "its numbers are kept in unmapped",
                parts[0],
            )
        for cell in rest:
            sink.unmap(cell, label=label, reason="unknown-row")
        return
    cand = choose(reading.candidates, recent, schema)
    choice = reading.choices[reading.candidates.index(cand)]
    ind, match = choice.indicator, choice.match
    recent.append(ind.id)
    if cand.method == "fuzzy":
        sink.finding(
            "label-fuzzy",
            "info",
            f"row {label!r} read as {ind.id} ({ind.label}) by similarity {cand.score:.2f}",
            parts[0],
            indicators=(ind.id,),
        )
    if ind.kind != "value":
        for cell in rest:
            sink.unmap(cell, label=label, reason="header-row")
        return

    unit_at, value_at, value_cv, extra = _value_cells(texts[labels:], ind.is_money)
    unit_cell = rest[unit_at] if unit_at is not None else None
    if value_at is None or value_cv is None:
        anchor = unit_cell or parts[-1]
        end = anchor.span[1]
        cell, cv = new_cell("", (end, end), anchor.line), CellValue("blank")
    else:
        cell, cv = rest[value_at], value_cv
    printed_unit = unit_cell.text if unit_cell is not None else cv.unit
    unit = printed_unit or ind.unit
    if printed_unit and ind.unit and (printed_unit in MONEY_UNITS) != (ind.unit in MONEY_UNITS):
        sink.finding(
            "unit-mismatch",
            "warning",
            f"{ind.id} is printed in {printed_unit}, the template counts it in {ind.unit}",
            unit_cell or cell,
            indicators=(ind.id,),
        )
    sink.observe(ind.id, cell, cv, unit=unit, match=match, label=label)
    for i in extra:
        sink.unmap(rest[i], label=label, reason="extra-cell")


# -- dispatch -------------------------------------------------------------------------------


def extract_tables(sink: Sink, tables: Sequence[Table], template: str | None) -> None:
    """Read every table of a document into *sink* according to *template*."""
    if template is None:
        for table in tables:
            for row in table.rows:
                label = "".join(c.text for c in label_cells(row.cells)[0])
                for cell in row.cells:
                    sink.unmap(cell, label=label, reason="unknown-table")
        if any(read_cell(c.text).is_numeric for t in tables for r in t.rows for c in r.cells):
            sink.findings.append(
                Finding(
                    code="unknown-table",
                    severity="warning",
                    message="a table was found but matches none of the known templates; "
                    "its numbers are kept in unmapped",
                    span=sink.nt.span_to_original(*tables[0].span),
                    line=sink.nt.line_of(tables[0].span[0]),
                )
            )
        return
    schema = get_schema(template)
    if template == "pre2019":
        _extract_value_rows(sink, tables, schema)
    else:
        from .extract_matrix import extract_matrix

        extract_matrix(sink, tables, schema)
