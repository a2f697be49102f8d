"""The one cattrs converter behind :meth:`Report.to_dict` and :meth:`Report.from_dict`.

JSON has no Decimal or date: Decimals travel as strings (``"976.81"``), dates as ISO strings,
spans as two-element lists. A value field holds an int, a Decimal string or null.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import cattrs

from .model import Value

__all__ = ["converter"]


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    is_span = lambda t: t == tuple[int, int]  # noqa: E731
    conv.register_unstructure_hook_func(is_span, list)
    conv.register_structure_hook_func(is_span, lambda v, _: (int(v[0]), int(v[1])))

    def unstructure_value(v: Value) -> Any:
        return str(v) if isinstance(v, Decimal) else v

    def structure_value(v: Any, _: Any) -> Value:
        if v is None:
            return None
        if isinstance(v, bool):
            raise TypeError("a value is a number, not a boolean")
        if isinstance(v, int):
            return v
        return Decimal(str(v))

    conv.register_unstructure_hook(Value, unstructure_value)
    conv.register_structure_hook(Value, structure_value)
    return conv


converter = _make_converter()
