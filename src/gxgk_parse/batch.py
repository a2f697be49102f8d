"""Many reports at once: pure, picklable functions from a path (or text) to flat records.

Everything here is a plain module-level function of its arguments, returning lists of
JSON-ready dicts, so that the same function runs in a process pool (the ``gxgk-parse`` command
line), in ``dask.bag``, Spark or any engine that maps a function over paths::

    import dask.bag as db
    from gxgk_parse.batch import expand_inputs, parse_path_to_records

    bag = db.from_sequence(expand_inputs(["crawl/"])).map(parse_path_to_records).flatten()

A record is :meth:`Report.to_records` made JSON-ready (a ``Decimal`` value becomes its exact
string, ``"976.81"``, as in :meth:`Report.to_dict`). A file that cannot be parsed gives one
*error record* instead, ``{"source": path, "error": code, "message": text}``, and never an
exception, so that one bad file never stops a batch of thousands.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from glob import glob
from typing import Any

from .api import parse_file, parse_report
from .model import Metadata, Observation, ParseError, Report

__all__ = [
    "ERROR_FIELDS",
    "RECORD_FIELDS",
    "error_record",
    "expand_inputs",
    "is_error",
    "parse_path_to_records",
    "parse_path_to_report_dicts",
    "parse_source_to_records",
    "parse_source_to_report_dicts",
    "record_to_json",
]


def _record_fields() -> tuple[str, ...]:
    # The columns of Report.to_records(), read off the model itself so they cannot drift.
    probe = Report(
        metadata=Metadata(),
        template=None,
        observations=[Observation(indicator="x", value=0, unit=None, raw="0", span=(0, 1), line=1)],
    )
    return tuple(probe.to_records()[0])


#: The keys of an observation record, in column order (the CSV columns before the errors').
RECORD_FIELDS: tuple[str, ...] = _record_fields()
#: The keys of an error record: the path, the error code and a message.
ERROR_FIELDS: tuple[str, ...] = ("source", "error", "message")

_GLOB_MAGIC = re.compile(r"[*?[]")


def error_record(source: str, code: str, message: str) -> dict[str, Any]:
    """The record standing for a file that could not be parsed."""
    return {"source": source, "error": code, "message": message}


def is_error(record: Mapping[str, Any]) -> bool:
    """Whether *record* is an error record (rather than an observation)."""
    return record.get("error") is not None


def record_to_json(record: Mapping[str, Any]) -> str:
    """One record as a line of JSON (UTF-8 text, keys in record order, no line break)."""
    return json.dumps(record, ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    value = record.get("value")
    if isinstance(value, Decimal):
        record["value"] = str(value)
    return record


def _os_error(source: str, exc: OSError) -> dict[str, Any]:
    if isinstance(exc, FileNotFoundError):
        code = "not-found"
    elif isinstance(exc, IsADirectoryError):
        code = "is-a-directory"
    elif isinstance(exc, PermissionError):
        code = "permission-denied"
    else:
        code = "unreadable"
    return error_record(source, code, exc.strerror or str(exc))


def _parse_error(source: str, exc: ParseError) -> dict[str, Any]:
    where = f" (line {exc.line}, column {exc.column})" if exc.line is not None else ""
    return error_record(source, exc.code, f"{exc.msg}{where}")


def _internal_error(source: str, exc: Exception) -> dict[str, Any]:
    # A bug in the parser: reported as data so that the batch goes on, with enough to file
    # an issue (the exception type and message).
    return error_record(source, "internal-error", f"{type(exc).__name__}: {exc}")


def _guarded(source: str, parse: Callable[[], Report], full: bool) -> list[dict[str, Any]]:
    try:
        report = parse()
    except OSError as exc:
        return [_os_error(source, exc)]
    except ParseError as exc:
        return [_parse_error(source, exc)]
    except Exception as exc:
        return [_internal_error(source, exc)]
    if full:
        return [report.to_dict()]
    return [_jsonable(r) for r in report.to_records()]


def parse_path_to_records(
    path: str | os.PathLike[str],
    *,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> list[dict[str, Any]]:
    """Parse one file into JSON-ready long-format records, or one error record.

    Never raises for a bad file: a missing, unreadable, empty, binary or undecodable file, a
    strict-mode failure or a parser bug gives ``[error_record(...)]``.

    Args:
        path: the file.
        template: force a template instead of detecting it.
        strict: a report with error findings becomes an error record (code of its first
            error finding, e.g. ``sum-mismatch``).
        encoding: force an encoding.

    Returns:
        One dict per observation (keys :data:`RECORD_FIELDS`), ``[]`` for a report without
        statistics, or one error record (keys :data:`ERROR_FIELDS`).

    Example:
        >>> from gxgk_parse import samples
        >>> records = parse_path_to_records(str(samples.path("001")))
        >>> [(r["indicator"], r["value"]) for r in records if r["origin"] == "table"][0]
        ('proactive.total', 8359)
    """
    source = os.fspath(path)
    return _guarded(
        source,
        lambda: parse_file(source, template=template, strict=strict, encoding=encoding),
        full=False,
    )


def parse_source_to_records(
    source: str | bytes,
    *,
    name: str,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> list[dict[str, Any]]:
    """:func:`parse_path_to_records` for text or bytes already in hand (stdin, a database).

    Args:
        source: the report as text or bytes.
        name: its name, for the records' ``source`` field.
        template: force a template instead of detecting it.
        strict: a report with error findings becomes an error record.
        encoding: for bytes, force an encoding.

    Returns:
        The records, or one error record.
    """
    return _guarded(
        name,
        lambda: parse_report(
            source, template=template, strict=strict, encoding=encoding, name=name
        ),
        full=False,
    )


def parse_path_to_report_dicts(
    path: str | os.PathLike[str],
    *,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> list[dict[str, Any]]:
    """Parse one file into ``[report.to_dict()]``: everything, findings and tables included.

    Like :func:`parse_path_to_records`, a file that fails gives ``[error_record(...)]``.
    """
    source = os.fspath(path)
    return _guarded(
        source,
        lambda: parse_file(source, template=template, strict=strict, encoding=encoding),
        full=True,
    )


def parse_source_to_report_dicts(
    source: str | bytes,
    *,
    name: str,
    template: str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> list[dict[str, Any]]:
    """:func:`parse_path_to_report_dicts` for text or bytes already in hand."""
    return _guarded(
        name,
        lambda: parse_report(
            source, template=template, strict=strict, encoding=encoding, name=name
        ),
        full=True,
    )


def _walk(folder: str) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        # Hidden folders and files (.git, .DS_Store) are not reports.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return out


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files, folders (recursively) and glob patterns → the list of files, in order.

    A folder gives its files, sorted, without hidden files and folders; a glob pattern
    (``crawl/**/*.html``) gives its sorted matches; a path that does not exist (or a pattern
    that matches nothing) is kept as it is, so that parsing it gives a ``not-found`` error
    record rather than silently nothing. A file named twice is kept once.

    Args:
        inputs: paths, folders and patterns, as typed.

    Returns:
        The file paths, in input order.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in inputs:
        text = os.fspath(item)
        if os.path.isdir(text):
            for path in _walk(text):
                add(path)
        elif os.path.exists(text) or not _GLOB_MAGIC.search(text):
            add(text)
        else:
            matches = sorted(glob(text, recursive=True))
            if not matches:
                add(text)
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match):
                        add(path)
                else:
                    add(match)
    return out
