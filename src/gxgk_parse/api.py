"""The pipeline, end to end: decode → normalise → segment → tokenize → match → extract →
validate → Report."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from ._version import __version__
from .decode import decode
from .extract import Sink, detect_template, extract_tables
from .metadata import extract_metadata
from .model import Finding, Metadata, Observation, ParseError, Report, Table
from .normalize import NormalizedText, normalize
from .prose import extract_prose
from .schema import SCHEMA_VERSION, get_schema
from .segment import find_tables
from .tokenize.lines import split_lines
from .validate import validate

__all__ = ["parse_file", "parse_report"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def parse_report(
    source: str | bytes,
    *,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
    name: str | None = None,
) -> Report:
    """Parse one annual report.

    Args:
        source: the report as text, or as bytes (decoded by BOM, then UTF-8, then GB18030).
        template: force a template (``"pre2019"``, ``"2019"``, ``"2021"``) instead of
            detecting it from the table labels.
        strict: raise :class:`ParseError` when the report has error-severity findings
            (totals that do not add up, for instance) instead of returning it.
        encoding: for bytes, force this encoding instead of detecting one.
        name: a name for the source (a path), recorded in the report and in errors.

    Returns:
        A :class:`Report`; in lenient mode (the default) bad input gives a report with
        findings, never an exception.

    Raises:
        ParseError: in strict mode, carrying every error finding; for bytes that are empty,
            binary or undecodable, in either mode (a :class:`~gxgk_parse.decode.DecodeError`).

    Example:
        >>> from gxgk_parse import parse_report, samples
        >>> report = parse_report(samples.read_text("000"))
        >>> report["requests.received"].value
        26
    """
    used_encoding: str | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        decoded = decode(bytes(source), encoding=encoding, source=name)
        text, used_encoding = decoded.text, decoded.encoding
    elif isinstance(source, str):
        text = source
    else:
        raise TypeError(f"parse_report() takes str or bytes, not {type(source).__name__}")
    if template is not None:
        template = get_schema(template).template

    from .html import html_to_document, looks_like_html

    html_tables: Sequence[Table] = ()
    if looks_like_html(text):
        nt, html_tables = html_to_document(text)
    else:
        nt = normalize(text)
    report = _build(nt, html_tables, template, name, used_encoding)
    if strict and report.errors:
        first = report.errors[0]
        line, column = _position(text, first.span)
        raise ParseError(
            f"{len(report.errors)} error finding(s); first: {first.code}: {first.message}",
            code=first.code,
            line=line,
            column=column,
            findings=report.errors,
            source=name,
        )
    return report


def parse_file(
    path: str | os.PathLike[str],
    *,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> Report:
    """Parse a report file (text, GB18030 export or saved web page).

    The bytes are decoded as in :func:`parse_report` (a byte-order mark, then UTF-8, then the
    charset a web page declares, then GB18030); the codec used is ``report.encoding`` and
    the path is ``report.source``. A web page's ``<table>`` elements are read directly.

    Args:
        path: the file.
        template: force a template (``"pre2019"``, ``"2019"``, ``"2021"``).
        strict: raise :class:`ParseError` on error-severity findings.
        encoding: force this encoding instead of detecting one.

    Returns:
        The :class:`Report`.

    Raises:
        OSError: the file cannot be read (missing, a directory, no permission).
        DecodeError: a :class:`ParseError` for an empty, binary or undecodable file, with
            ``code`` (``empty-input``, ``binary-input``, ``undecodable``,
            ``unknown-encoding``) and ``source`` (the path).
        ParseError: in strict mode, when the report has error findings.

    Example:
        >>> from gxgk_parse import parse_file, samples
        >>> report = parse_file(str(samples.path("001")))
        >>> report.encoding, report["requests.received"].value
        ('utf-8', 0)
    """
    name = os.fspath(path)
    with open(name, "rb") as fh:
        data = fh.read()
    return parse_report(data, template=template, strict=strict, encoding=encoding, name=name)


def _position(text: str, span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    start = span[0]
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def _build(
    nt: NormalizedText,
    html_tables: Sequence[Table],
    template: str | None,
    name: str | None,
    encoding: str | None,
) -> Report:
    lines = split_lines(nt)
    tables = list(html_tables)
    tables += find_tables(nt, lines, exclude=[t.span for t in html_tables])
    tables.sort(key=lambda t: t.span)
    detected = template or detect_template(tables)
    sink = Sink(nt)
    extract_tables(sink, tables, detected)
    findings: list[Finding] = list(sink.findings)
    if detected is not None:
        findings.extend(validate(get_schema(detected), sink.observations))

    exclude = [t.span for t in tables]
    prose, prose_findings, metadata, meta_findings = _prose_and_metadata(nt, exclude)
    findings.extend(prose_findings)
    findings.extend(meta_findings)
    findings.extend(_prose_table_mismatches(sink.observations, prose))
    observations = sorted([*sink.observations, *prose], key=lambda o: (o.span[0], o.span[1]))
    if not observations:
        findings.append(
            Finding(
                code="no-statistics",
                severity="warning",
                message="no statistics table and no statistic stated in prose was found",
            )
        )
    findings.sort(
        key=lambda f: (f.span[0] if f.span else len(nt.original), _SEVERITY_ORDER[f.severity])
    )
    return Report(
        metadata=metadata,
        template=detected,
        observations=observations,
        tables=[_table_to_original(nt, t) for t in tables],
        unmapped=sorted(sink.unmapped, key=lambda u: u.span),
        findings=findings,
        parser_version=__version__,
        schema_version=SCHEMA_VERSION,
        sha256=hashlib.sha256(nt.original.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding=encoding,
        source=name,
    )


def _prose_and_metadata(
    nt: NormalizedText, exclude: Sequence[tuple[int, int]]
) -> tuple[list[Observation], list[Finding], Metadata, list[Finding]]:
    prose, prose_findings = extract_prose(nt, exclude=exclude)
    metadata, meta_findings = extract_metadata(nt, exclude=exclude)
    return prose, prose_findings, metadata, meta_findings


def _prose_table_mismatches(
    table: Sequence[Observation], prose: Sequence[Observation]
) -> list[Finding]:
    """Quirk 31: prose and table disagree. Both are kept; the difference is reported."""
    by_id = {o.indicator: o for o in table}
    out: list[Finding] = []
    for p in prose:
        t = by_id.get(p.indicator)
        if t is None or t.value is None or p.value is None or t.value == p.value:
            continue
        out.append(
            Finding(
                code="prose-table-mismatch",
                severity="warning",
                message=f"{p.indicator}: prose says {p.value} (line {p.line}), "
                f"the table says {t.value} (line {t.line})",
                span=p.span,
                line=p.line,
                indicators=(p.indicator,),
            )
        )
    return out


def _table_to_original(nt: NormalizedText, table: Table) -> Table:
    from .model import Cell, Row

    if nt.offsets_preserved:
        # Nothing was removed in normalisation: the spans are already those of the
        # original, and a copy of every cell would double the memory the tables take.
        return table

    def cell(c: Cell) -> Cell:
        span = nt.span_to_original(*c.span)
        return Cell(text=c.text, span=span, line=c.line)

    return Table(
        layout=table.layout,
        span=nt.span_to_original(*table.span),
        rows=[Row(cells=[cell(c) for c in r.cells], line=r.line) for r in table.rows],
        name=table.name,
    )
