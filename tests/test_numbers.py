"""Reading one cell: never coerced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gxgk_parse.numbers import read_cell


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("26", "number", 26),
        ("0", "zero", 0),
        ("1,356", "number", 1356),
        ("+2", "number", 2),
        ("-3", "number", -3),
        ("减3", "number", -3),
        ("減3", "number", -3),
        ("增5", "number", 5),
        ("976.81万元", "number", Decimal("976.81")),
        ("251000元", "number", Decimal("251000")),
        ("", "blank", None),
        ("   ", "blank", None),
        ("/", "na", None),
        ("-", "na", None),
        ("—", "na", None),
        ("——", "na", None),
        ("-----", "na", None),
        ("&nbsp;", "na", None),
        ("条", "unit", None),
        ("人次", "unit", None),
        ("條", "unit", None),
        ("主动公开政府信息数", "text", None),
        ("2016年度", "text", None),
        ("0512-68881234", "text", None),
    ],
)
def test_read_cell(text: str, kind: str, value: object) -> None:
    cv = read_cell(text)
    assert cv.kind == kind
    assert cv.value == value
    assert type(cv.value) is type(value)


def test_money_column_gives_decimal() -> None:
    assert read_cell("0", money=True).value == Decimal(0)
    assert isinstance(read_cell("12", money=True).value, Decimal)


def test_signed_flag() -> None:
    assert read_cell("+2").signed
    assert not read_cell("2").signed
