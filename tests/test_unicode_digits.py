"""Digits of other scripts never crash a parse (bad input never crashes).

The ``regex`` module's ``\\d`` follows its own Unicode database, which may be newer than the
running Python's: digits added since (Garay, Kawi, …) match ``\\d`` but ``int()`` refuses
them. Every place that turns text into a number must either not take such digits or read
them safely; older scripts' digits (Arabic-Indic, Devanagari) must not crash either.
"""

from __future__ import annotations

import contextlib

import pytest

from gxgk_parse import ParseError, parse_report

from .checks import check_report

DIGITS = [
    "\U00010d41",  # GARAY DIGIT ONE (Unicode 16)
    "\U00011f51",  # KAWI DIGIT ONE (Unicode 15)
    "\U0001e4f1",  # NAG MUNDARI DIGIT ONE (Unicode 15)
    "\U0001ccf1",  # OUTLINED DIGIT ONE (Unicode 16)
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\u0969",  # DEVANAGARI DIGIT THREE
    "\U0001d7d9",  # MATHEMATICAL DOUBLE-STRUCK DIGIT ONE
]

# Each context puts D where a number is read: table cells, prose counts, dates, titles,
# index numbers, HTML spans.
CONTEXTS = [
    "规章 D DD 2\n",
    "统计指标\t单位\t统计数\n一、主动公开情况\t条\tD\n（一）主动公开政府信息数\t条\tDD\n",
    "一、主动公开情况 | 条 | D |\n（一）主动公开政府信息数 | 条 | 1D |\n",
    "全年共收到政府信息公开申请D件，其中当面申请DD件，办结D件。",
    "共受理行政复议申请D件，行政诉讼D1件，收取费用D.5万元。",
    "统计期限为2016年1月1日至D月31日。发布日期：2017-0D-0D",
    "DDD6年政府信息公开工作年度报告\n索引号：0143D/20D8-000D\n",
    "宝坻区201D年政府信息公开工作年度报告\n公开日期：201D年D月D日",
    '<table><tr><td colspan="D">申请</td><td rowspan="D1">D</td></tr>'
    "<tr><td>收到申请数</td><td>D</td></tr></table>" * 3,
]


@pytest.mark.parametrize("digit", DIGITS, ids=lambda d: f"U+{ord(d):04X}")
@pytest.mark.parametrize("context", range(len(CONTEXTS)))
def test_foreign_digits_never_crash(context: int, digit: str) -> None:
    text = CONTEXTS[context].replace("D", digit)
    report = parse_report(text)
    check_report(text, report)
    # Strict mode may refuse the report, but only with a ParseError.
    with contextlib.suppress(ParseError):
        parse_report(text, strict=True)
