"""Reading one cell: a number (with sign and unit), a blank, a dash, a unit or text.

A cell is never coerced: blank and ``/`` or ``—`` are missing (``None``), not zero.
The cell text is already normalised (half-width digits and punctuation).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import attrs
import regex

from .model import CellKind, Value

__all__ = ["UNITS", "CellValue", "is_unit", "read_cell"]

#: Units printed in the unit column of statistics tables.
UNITS = frozenset(
    {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "份", "场", "场次", "期", "户"}
    # The same units as mirror sites print them in traditional characters (quirk 20).
    | {"條", "個", "萬元", "項", "場", "場次", "戶"}
)

# More digits than any count or amount of money a report prints.
_MAX_DIGITS = 40

_MONEY = frozenset({"万元", "元", "萬元"})

# A signed number with an optional thousands separator, decimals and unit. Anchored; the
# quantifiers are bounded by the cell, so there is nothing to backtrack over. ASCII digits
# only (full-width ones are normalised to them): ``\d`` would take the digits of any script,
# including those of Unicode versions newer than the running Python's, which ``int()``
# then refuses — and reports print no other digits.
_NUMBER = regex.compile(
    r"""
    (?P<sign>[+\-−]|增加?|减少?|減少?)?\s*
    (?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)
    (?:\.(?P<frac>[0-9]+))?
    \s*(?P<unit>万元|萬元|元|人次|件|条|條|次|篇|个|個|人|项|項|份|场次|場次|场|場|期|户|戶)?
    """,
    regex.VERBOSE,
)

# Dashes, slashes and HTML blanks stand for "not applicable / not filled in".
_NOT_APPLICABLE = regex.compile(r"[-—–―−_/\\~～·.]{1,20}|&nbsp;|无|不适用|空")


@attrs.frozen
class CellValue:
    """What a cell holds.

    ``kind`` is ``number`` (non-zero), ``zero``, ``blank``, ``na`` (a dash or slash), ``unit``
    (a unit alone, as in the pre-2019 unit column) or ``text``.
    """

    kind: CellKind | str
    value: Value = None
    unit: str | None = None
    signed: bool = False

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("number", "zero")

    @property
    def is_valueish(self) -> bool:
        """A cell that belongs to the value side of a row (not a label)."""
        return self.kind in ("number", "zero", "blank", "na", "unit")


def is_unit(text: str) -> bool:
    return text.strip() in UNITS


#: Texts longer than this are not kept in the library's memos (of cells, labels, lines):
#: they are debris, not repeated cells or labels, and a bounded number of entries would
#: still hold megabytes of hostile input.
MEMO_MAX_TEXT = 200


def read_cell(text: str, *, money: bool = False) -> CellValue:
    """Classify a cell's text; *money* makes integers ``Decimal`` (for 万元 columns)."""
    if len(text) > MEMO_MAX_TEXT:
        return _read_cell(text, money)
    return _read_cell_memo(text, money)


def _read_cell(text: str, money: bool) -> CellValue:
    t = text.strip()
    if not t:
        return CellValue("blank")
    if t in UNITS:
        return CellValue("unit", unit=t)
    if _NOT_APPLICABLE.fullmatch(t):
        return CellValue("na")
    m = _NUMBER.fullmatch(t)
    if m is None:
        return CellValue("text")
    digits = m["int"].replace(",", "")
    if len(digits) > _MAX_DIGITS:
        # No statistic has this many digits (and int() refuses more than 4300): a run of
        # digits this long is an identifier or debris, read as text.
        return CellValue("text")
    unit = m["unit"]
    is_money = money or unit in _MONEY or m["frac"] is not None
    value: int | Decimal
    if is_money:
        try:
            value = Decimal(f"{digits}.{m['frac']}" if m["frac"] else digits)
        except InvalidOperation:  # pragma: no cover - the regex admits digits only
            return CellValue("text")
    else:
        value = int(digits)
    sign = m["sign"]
    negative = sign is not None and sign[0] in "-−减減"
    if negative:
        value = -value
    return CellValue(
        "zero" if value == 0 else "number", value=value, unit=unit, signed=sign is not None
    )


# Segmentation, tokenization and extraction each ask about the same cell, and tables repeat
# the same few texts ("0", "件", "—"); the result is a frozen value, so one bounded memo
# serves them all instead of classifying a cell several times.
_read_cell_memo = lru_cache(maxsize=8192)(_read_cell)
