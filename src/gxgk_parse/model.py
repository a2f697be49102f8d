"""The result model: frozen attrs classes, the public face of a parse.

Spans are half-open ``(start, end)`` offsets into the *original* text handed to
:func:`gxgk_parse.parse_report` (after decoding, for bytes), so ``text[start:end] == raw``.
Lines are 1-based.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from .schema import Schema

__all__ = [
    "METADATA_FIELDS",
    "Cell",
    "CellKind",
    "Finding",
    "MatchInfo",
    "Metadata",
    "Observation",
    "Origin",
    "ParseError",
    "Report",
    "Row",
    "RuleDetail",
    "Severity",
    "Span",
    "Table",
    "UnmappedCell",
    "Value",
]

Span = tuple[int, int]
Value = int | Decimal | None
Severity = Literal["error", "warning", "info"]
Origin = Literal["table", "prose", "derived"]
CellKind = Literal["number", "zero", "blank", "na", "text"]
MatchMethod = Literal["exact", "alias", "fuzzy", "position", "pattern", "phrase", "derived"]

_ORIGIN_RANK = {"table": 0, "prose": 1, "derived": 2}


def _to_tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _to_span(value: Any) -> Span:
    # Spans are built as tuples of ints by the library itself: keep those (one tuple per
    # Cell and per Observation fewer).
    if type(value) is tuple and len(value) == 2 and type(value[0]) is int and type(value[1]) is int:
        return value
    start, end = value
    return (int(start), int(end))


@attrs.frozen
class MatchInfo:
    """How a value was tied to its indicator: an explanation that is data.

    Attributes:
        method: ``exact`` (the label as in the template), ``alias`` (a known variant),
            ``fuzzy`` (closest label above a threshold), ``position`` (a cell placed by its
            column in the template), ``pattern`` or ``phrase`` (prose sentence patterns) or
            ``derived`` (computed from printed values).
        score: 1.0 for exact and alias matches; the similarity for fuzzy ones.
        label: the label text as printed (or the sentence pattern's name).
    """

    method: MatchMethod
    score: float = 1.0
    label: str = ""


@attrs.frozen
class Observation:
    """One value of one indicator, with where it came from.

    Attributes:
        indicator: the indicator id, e.g. ``"requests.received.by_mail"``.
        value: ``int`` for counts, ``Decimal`` for money, ``None`` for a blank cell or a dash.
        unit: the unit as printed in the row (or the template's unit when none is printed).
        raw: the text as printed, exactly ``text[span[0]:span[1]]``.
        span: offsets into the original text.
        line: 1-based line number of the value.
        origin: ``"table"``, ``"prose"`` or ``"derived"``.
        match: how the label was matched.
        kind: what the cell held: ``number``, ``zero``, ``blank``, ``na`` (``/``, ``—``) or
            ``text``; never coerced (a blank is not a zero).
    """

    indicator: str
    value: Value
    unit: str | None
    raw: str
    span: Span = attrs.field(converter=_to_span)
    line: int
    origin: Origin = "table"
    match: MatchInfo | None = None
    kind: CellKind = "number"


@attrs.frozen
class Cell:
    """A cell of a detected table, as tokenized.

    Attributes:
        text: the cell's text, stripped (and normalised: half-width punctuation).
        span: offsets of the cell in the original text.
        line: 1-based line of the cell's start.
    """

    text: str
    span: Span = attrs.field(converter=_to_span)
    line: int


# A parse builds hundreds of cells and dozens of observations, and the attrs ``__init__`` of a
# frozen class (a bound ``object.__setattr__`` per field, plus the span converter) costs two
# to three times what setting the slots through their descriptors does. The library's own
# tokenizers and readers use the factories below; they always pass a span that is a tuple of
# two ints, which the converter would return unchanged. ``tests/test_model.py`` checks that
# the factories set every field and build objects equal to the attrs constructor's.


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    fields = tuple(f.name for f in attrs.fields(cls))
    if fields != names:  # pragma: no cover - a field was added without updating a factory
        raise AssertionError(f"{cls.__name__} has fields {fields}, the factory sets {names}")
    return tuple(cls.__dict__[name].__set__ for name in names)


def _cell_factory() -> Callable[[str, Span, int], Cell]:
    new = object.__new__
    set_text, set_span, set_line = _slot_setters(Cell, ("text", "span", "line"))

    def new_cell(text: str, span: Span, line: int) -> Cell:
        cell = new(Cell)
        set_text(cell, text)
        set_span(cell, span)
        set_line(cell, line)
        return cell

    return new_cell


_ObservationFactory = Callable[
    [str, Value, str | None, str, Span, int, Origin, MatchInfo | None, CellKind], Observation
]


def _observation_factory() -> _ObservationFactory:
    new = object.__new__
    names = ("indicator", "value", "unit", "raw", "span", "line", "origin", "match", "kind")
    s_ind, s_val, s_unit, s_raw, s_span, s_line, s_origin, s_match, s_kind = _slot_setters(
        Observation, names
    )

    def new_observation(
        indicator: str,
        value: Value,
        unit: str | None,
        raw: str,
        span: Span,
        line: int,
        origin: Origin,
        match: MatchInfo | None,
        kind: CellKind,
    ) -> Observation:
        obs = new(Observation)
        s_ind(obs, indicator)
        s_val(obs, value)
        s_unit(obs, unit)
        s_raw(obs, raw)
        s_span(obs, span)
        s_line(obs, line)
        s_origin(obs, origin)
        s_match(obs, match)
        s_kind(obs, kind)
        return obs

    return new_observation


def _row_factory() -> Callable[[tuple[Cell, ...], int], Row]:
    new = object.__new__
    set_cells, set_line = _slot_setters(Row, ("cells", "line"))

    def new_row(cells: tuple[Cell, ...], line: int) -> Row:
        row = new(Row)
        set_cells(row, cells)
        set_line(row, line)
        return row

    return new_row


@attrs.frozen
class Row:
    """A row of cells from a table region.

    Attributes:
        cells: the cells, in reading order (the label cells first).
        line: 1-based line of the row's first cell.
    """

    cells: tuple[Cell, ...] = attrs.field(converter=_to_tuple)
    line: int


#: ``Cell(text, span, line)`` for the library's own tokenizers (*span* a tuple of two ints).
new_cell = _cell_factory()
#: ``Row(cells, line)`` for the library's own tokenizers (*cells* a tuple).
new_row = _row_factory()
#: ``Observation(...)`` with every field given in order, for the library's own readers.
new_observation = _observation_factory()


@attrs.frozen
class Table:
    """A detected table region, kept in :attr:`Report.tables` for inspection.

    Attributes:
        layout: how the table was laid out: ``pipe``, ``tabbed``, ``spaced`` (values
            separated by spaces), ``vertical`` (one cell per line, no markers) or ``html``
            (a ``<table>`` of a web page).
        span: offsets of the region in the original text.
        rows: the tokenized rows.
        name: the table's title, when one was recognised.
    """

    layout: str
    span: Span = attrs.field(converter=_to_span)
    rows: tuple[Row, ...] = attrs.field(converter=_to_tuple)
    name: str | None = None


@attrs.frozen
class UnmappedCell:
    """A number in a detected table that could not be tied to an indicator.

    Kept so that nothing is lost: every numeric cell of a detected table is either an
    :class:`Observation` or an ``UnmappedCell``.

    Attributes:
        raw: the text as printed, exactly ``text[span[0]:span[1]]``.
        value: the number read (``int`` or ``Decimal``).
        span: offsets into the original text.
        line: 1-based line of the number.
        label: the row label the number stood under, as printed (``""`` when none).
        reason: why it was not mapped: ``unknown-row``, ``unlabelled-row``, ``header-row``,
            ``extra-cell``, ``duplicate``, ``unknown-table`` or ``sparse-row`` (see the
            findings catalogue).
        unit: a unit printed in the cell itself (``976.81万元``), if any.
    """

    raw: str
    value: Value
    span: Span = attrs.field(converter=_to_span)
    line: int
    label: str = ""
    reason: str = "unknown-row"
    unit: str | None = None


@attrs.frozen
class RuleDetail:
    """The arithmetic behind a rule finding: ``lhs`` should relate to ``rhs`` by ``formula``.

    Attributes:
        formula: the rule in indicator ids, e.g.
            ``"review.total = review.upheld + review.corrected + review.other"``.
        lhs: the value of the left-hand side as printed.
        rhs: the value of the right-hand side (a sum of printed values).
        difference: ``lhs - rhs``.
    """

    formula: str
    lhs: Value
    rhs: Value
    difference: Value = None


@attrs.frozen
class Finding:
    """Something a reader should know about the report. Findings report; they never repair.

    Attributes:
        code: stable identifier, e.g. ``sum-mismatch``, ``unknown-row``, ``label-fuzzy``,
            ``suspicious-text``, ``prose-table-mismatch`` (see the findings catalogue).
        severity: ``error``, ``warning`` or ``info``.
        message: a human-readable sentence.
        span: where in the original text, when it has a place.
        line: 1-based line of ``span[0]``.
        indicators: the indicator ids concerned.
        rule: for rule findings, the formula, both sides and their difference.
    """

    code: str
    severity: Severity
    message: str
    span: Span | None = attrs.field(default=None, converter=attrs.converters.optional(_to_span))
    line: int | None = None
    indicators: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    rule: RuleDetail | None = None


@attrs.frozen
class Metadata:
    """What the report is: whose, for which year, published when.

    Every field is optional (``None`` when the report does not say).

    Attributes:
        title: the report's title, e.g. ``宝坻区2016年政府信息公开工作年度报告``.
        region: the place, e.g. ``宝坻区``.
        agency: the reporting agency, when it is not the government of the region itself.
        year: the statistics year (the year reported on, not the year of publication).
        period_start: first day of the statistics period (统计期限).
        period_end: last day of the statistics period.
        publisher: the publishing organ of a web page (发布机构).
        published: the publication date (公开日期 / 发布日期).
        index_number: the page's index number (索引号), e.g. ``014341690/2018-00003``.
        filled_by: the 填报单位 of the statistics table.
        filled_date: the 填报日期 of the statistics table.
        spans: field name → where its value was read in the original text.
    """

    title: str | None = None
    region: str | None = None
    agency: str | None = None
    year: int | None = None
    period_start: _dt.date | None = None
    period_end: _dt.date | None = None
    publisher: str | None = None
    published: _dt.date | None = None
    index_number: str | None = None
    filled_by: str | None = None
    filled_date: _dt.date | None = None
    spans: Mapping[str, Span] = attrs.field(factory=dict)

    @property
    def period(self) -> tuple[_dt.date, _dt.date] | None:
        """The statistics period as ``(start, end)``, when both ends are known."""
        if self.period_start is None or self.period_end is None:
            return None
        return (self.period_start, self.period_end)


#: The value fields of :class:`Metadata`, in order (everything but ``spans``).
METADATA_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Metadata) if f.name != "spans"
)


@attrs.frozen
class Report:
    """The result of :func:`gxgk_parse.parse_report`.

    ``report["requests.received"]`` returns the preferred observation of an indicator (a table
    value over a prose value over a derived one); :meth:`get` does the same with a default.
    ``len(report)`` is the number of indicators observed, and iterating gives their ids.

    Attributes:
        metadata: title, region, year, period, publisher, … (:class:`Metadata`).
        template: the detected (or forced) template: ``"pre2019"``, ``"2019"``, ``"2021"``,
            or ``None`` when the report has no recognised table.
        observations: every value found, table and prose, in document order.
        tables: the detected table regions, tokenized, for inspection.
        unmapped: numbers of detected tables that matched no indicator.
        findings: what a reader should know, in document order (at one position, errors
            first; findings without a position last).
        parser_version: the ``gxgk_parse`` version that produced the report.
        schema_version: the version of the indicator schema used.
        sha256: SHA-256 of the input text, to tell when a stored result is stale.
        encoding: the encoding the input bytes were decoded with (``None`` for ``str``).
        source: the name given to :func:`~gxgk_parse.parse_report` or the path of
            :func:`~gxgk_parse.parse_file`.

    Example:
        >>> import gxgk_parse
        >>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("000"))
        >>> report["requests.received"].value
        26
        >>> report.get("requests.received.by_fax").value
        0
        >>> report.template, len(report.tables)
        ('pre2019', 1)
    """

    metadata: Metadata
    template: str | None
    observations: tuple[Observation, ...] = attrs.field(converter=_to_tuple)
    tables: tuple[Table, ...] = attrs.field(default=(), converter=_to_tuple)
    unmapped: tuple[UnmappedCell, ...] = attrs.field(default=(), converter=_to_tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_to_tuple)
    parser_version: str = ""
    schema_version: str = ""
    sha256: str = ""
    encoding: str | None = None
    source: str | None = None
    _preferred: dict[str, Observation] = attrs.field(
        init=False, eq=False, repr=False, hash=False, alias="_preferred"
    )

    def __attrs_post_init__(self) -> None:
        preferred: dict[str, Observation] = {}
        for obs in self.observations:
            current = preferred.get(obs.indicator)
            if current is None or _ORIGIN_RANK[obs.origin] < _ORIGIN_RANK[current.origin]:
                preferred[obs.indicator] = obs
        object.__setattr__(self, "_preferred", preferred)

    # -- access ---------------------------------------------------------------------------
    def __getitem__(self, indicator: str) -> Observation:
        """The preferred observation of *indicator*.

        Raises:
            KeyError: the report has no observation of that indicator.
        """
        try:
            return self._preferred[indicator]
        except KeyError:
            raise KeyError(f"no observation of indicator {indicator!r} in this report") from None

    def __contains__(self, indicator: object) -> bool:
        """Whether the report has an observation of *indicator*."""
        return indicator in self._preferred

    def __iter__(self) -> Iterator[str]:
        """Iterate over the indicator ids that have an observation, in document order."""
        return iter(self._preferred)

    def __len__(self) -> int:
        """The number of indicators observed."""
        return len(self._preferred)

    def get(self, indicator: str, default: Observation | None = None) -> Observation | None:
        """The preferred observation of *indicator*, or *default* when there is none."""
        return self._preferred.get(indicator, default)

    def values(self, origin: Origin | None = None) -> dict[str, Value]:
        """Indicator id → value.

        Args:
            origin: ``None`` for the preferred observation of each indicator; ``"table"``,
                ``"prose"`` or ``"derived"`` for the first observation of that origin only.

        Example:
            >>> import gxgk_parse
            >>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("000"))
            >>> report.values(origin="table")["requests.received.by_mail"]
            11
        """
        if origin is None:
            return {k: o.value for k, o in self._preferred.items()}
        out: dict[str, Value] = {}
        for obs in self.observations:
            if obs.origin == origin and obs.indicator not in out:
                out[obs.indicator] = obs.value
        return out

    def observations_of(self, indicator: str) -> tuple[Observation, ...]:
        """Every observation of *indicator* (table, prose and derived), in document order."""
        return tuple(o for o in self.observations if o.indicator == indicator)

    def findings_with(self, code: str) -> tuple[Finding, ...]:
        """The findings with a given *code*."""
        return tuple(f for f in self.findings if f.code == code)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error-severity findings (those that make ``strict=True`` raise)."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def schema(self) -> Schema | None:
        """The schema of the detected template, or ``None``."""
        from .schema import get_schema

        return get_schema(self.template) if self.template else None

    # -- serialisation --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (dates as ISO strings, Decimals as strings).

        :meth:`from_dict` rebuilds an equal report from it.
        """
        from .convert import converter

        result: dict[str, Any] = converter.unstructure(self)
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (or its JSON, parsed).

        Example:
            >>> import json
            >>> import gxgk_parse
            >>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("001"))
            >>> gxgk_parse.Report.from_dict(json.loads(report.to_json())) == report
            True
        """
        from .convert import converter

        return converter.structure(dict(data), cls)

    def to_json(self, **kwargs: Any) -> str:
        """The :meth:`to_dict` form as JSON text.

        Args:
            **kwargs: passed to :func:`json.dumps`; ``ensure_ascii`` defaults to ``False``.
        """
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_records(self) -> list[dict[str, Any]]:
        """Long format: one flat dict per observation, with the report's metadata.

        Keys: ``source``, ``title``, ``region``, ``agency``, ``year``, ``template`` (the same
        on every record), then ``indicator``, ``value``, ``unit``, ``origin``, ``kind``,
        ``raw``, ``line``, ``start``, ``end``, ``match`` (the method) and ``match_score``.
        Ready for ``pandas.DataFrame(report.to_records())``.

        Example:
            >>> import gxgk_parse
            >>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("000"))
            >>> record = report.to_records()[0]
            >>> record["region"], record["year"], record["indicator"], record["value"]
            ('宝坻区', 2016, 'requests.received', 26)
            >>> record["origin"], record["line"], record["match"]
            ('prose', 33, 'pattern')
        """
        meta = self.metadata
        base: dict[str, Any] = {
            "source": self.source,
            "title": meta.title,
            "region": meta.region,
            "agency": meta.agency,
            "year": meta.year,
            "template": self.template,
        }
        records = []
        for obs in self.observations:
            rec = dict(base)
            rec.update(
                indicator=obs.indicator,
                value=obs.value,
                unit=obs.unit,
                origin=obs.origin,
                kind=obs.kind,
                raw=obs.raw,
                line=obs.line,
                start=obs.span[0],
                end=obs.span[1],
                match=obs.match.method if obs.match else None,
                match_score=obs.match.score if obs.match else None,
            )
            records.append(rec)
        return records

    def __repr__(self) -> str:
        meta = self.metadata
        who = meta.agency or meta.region or meta.title or "unknown"
        counts = {"table": 0, "prose": 0, "derived": 0}
        for obs in self.observations:
            counts[obs.origin] += 1
        errors = len(self.errors)
        return (
            f"<Report {who} {meta.year or '?'} template={self.template!r} "
            f"observations={counts['table']} table + {counts['prose']} prose"
            f"{' + ' + str(counts['derived']) + ' derived' if counts['derived'] else ''}, "
            f"unmapped={len(self.unmapped)}, findings={len(self.findings)} ({errors} errors)>"
        )

    def _repr_html_(self) -> str:
        from .display import report_html

        return report_html(self)


class ParseError(ValueError):
    """Raised in ``strict=True`` mode, and for input that cannot be read at all.

    Like tomli's error it is built from a message and a position, and exposes ``line`` and
    ``column`` (1-based). It carries every error-severity finding, not only the first. It
    survives pickling (multiprocessing, dask).

    Attributes:
        msg: the message without the position.
        code: the code of the first error finding (``sum-mismatch``, …) in strict mode;
            ``empty-input``, ``binary-input`` or ``undecodable`` for unreadable bytes
            (:class:`~gxgk_parse.DecodeError`); ``parse-error`` by default.
        line: 1-based line of the first error, when it has a place.
        column: 1-based column of the first error, when it has a place.
        findings: every error-severity finding of the report (strict mode).
        source: the name or path of the input, when one was given.

    Example:
        >>> import gxgk_parse
        >>> try:
        ...     gxgk_parse.parse_report(gxgk_parse.samples.read_text("001"), strict=True)
        ... except gxgk_parse.ParseError as exc:
        ...     print(exc.code, exc.line, [f.code for f in exc.findings])
        sum-mismatch 97 ['sum-mismatch']
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "parse-error",
        line: int | None = None,
        column: int | None = None,
        findings: tuple[Finding, ...] = (),
        source: str | None = None,
    ) -> None:
        where = []
        if source:
            where.append(str(source))
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column}")
        suffix = f" (at {', '.join(where)})" if where else ""
        super().__init__(f"{message}{suffix}")
        self.msg = message
        self.code = code
        self.line = line
        self.column = column
        self.findings = findings
        self.source = source

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing, dask).
        return (
            _rebuild_parse_error,
            (type(self), self.msg, self.code, self.line, self.column, self.findings, self.source),
        )


def _rebuild_parse_error(
    cls: type[ParseError],
    message: str,
    code: str,
    line: int | None,
    column: int | None,
    findings: tuple[Finding, ...],
    source: str | None,
) -> ParseError:
    return cls(message, code=code, line=line, column=column, findings=findings, source=source)
