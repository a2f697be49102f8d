"""A JSON Schema of :meth:`Report.to_dict` output, generated from the model itself.

The generator walks the attrs classes of :mod:`gxgk_parse.model` and maps their field types
to JSON Schema (draft 2020-12): ``str``, ``int``, ``float``, ``bool``, ``None``, ``Literal``,
unions, ``tuple[X, ...]`` (arrays), ``tuple[int, int]`` (a span: two integers),
``Mapping[str, X]`` (objects), ``Decimal`` (a string of digits, as :meth:`Report.to_dict`
writes it), ``datetime.date`` (an ISO date string) and nested attrs classes (``$defs``).

The same schema ships with the package as ``report.schema.json`` (see
:func:`load_report_json_schema`), for tools that validate reports without importing the
library; ``gxgk-parse --json-schema`` prints it.
"""

from __future__ import annotations

import datetime as _dt
import json
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from .model import Report

__all__ = ["load_report_json_schema", "report_json_schema", "report_json_schema_text"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
# What str(Decimal) gives for the values the parser reads: digits, a sign, a fraction and,
# for very small or large numbers, an exponent.
_DECIMAL_PATTERN = r"^[+-]?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?$"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_SIMPLE: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    Decimal: {"type": "string", "pattern": _DECIMAL_PATTERN},
    _dt.date: {"type": "string", "format": "date", "pattern": _DATE_PATTERN},
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp in _SIMPLE:
        return dict(_SIMPLE[tp])
    if attrs.has(tp):
        return _ref(tp, defs)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [_type_schema(a, defs) for a in args]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin is typing.Literal:
        values = list(args)
        schema: dict[str, Any] = {"enum": values}
        if all(isinstance(v, str) for v in values):
            schema = {"type": "string", "enum": values}
        return schema
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], defs)}
        if args and all(a == args[0] for a in args):
            return {
                "type": "array",
                "items": _type_schema(args[0], defs),
                "minItems": len(args),
                "maxItems": len(args),
            }
    if origin in (dict, Mapping) and args and args[0] is str:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    raise TypeError(f"no JSON Schema mapping for the field type {tp!r}")


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # reserve the name first: a class may refer to itself
        defs[name] = _object_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    # Report.to_dict() writes every field that __init__ takes (cattrs), defaults included;
    # fields computed after construction (init=False) are not written.
    fields = [f for f in attrs.fields(cls) if f.init]
    return {
        "title": cls.__name__,
        "type": "object",
        "properties": {f.name: _type_schema(hints[f.name], defs) for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": False,
    }


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Report.to_dict` output.

    Returns:
        A new dict on each call; the nested classes are under ``$defs``.

    Example:
        >>> schema = report_json_schema()
        >>> schema["required"][:3]
        ['metadata', 'template', 'observations']
    """
    defs: dict[str, Any] = {}
    root = _object_schema(Report, defs)
    return {
        "$schema": _DRAFT,
        "title": "gxgk_parse Report",
        "description": "A parsed 政府信息公开工作年度报告 as written by Report.to_dict() and "
        "Report.to_json(): spans are [start, end] offsets into the decoded text, decimal "
        "values are strings of digits, dates are ISO dates.",
        **{k: v for k, v in root.items() if k != "title"},
        "$defs": dict(sorted(defs.items())),
    }


def report_json_schema_text() -> str:
    """:func:`report_json_schema` as the text of ``report.schema.json`` (stable layout)."""
    return json.dumps(report_json_schema(), ensure_ascii=False, indent=2) + "\n"


def load_report_json_schema() -> dict[str, Any]:
    """The schema shipped with the package (``gxgk_parse/report.schema.json``)."""
    text = resources.files("gxgk_parse").joinpath("report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
