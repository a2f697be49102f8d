"""Hostile inputs parse, in lenient mode, in time linear in their size.

Each input is built at a size *n* and at *4n*. Linearity is checked twice, without any
wall-clock threshold:

- deterministically, by the number of function calls (``cProfile``'s count, Python and
  built-in calls alike): at most 5× for 4× the input, where linear work gives about 4× and
  quadratic work 16×;
- by the ratio of the two parse times (the best of a few runs each): at most 10×, which
  catches super-linear work inside C code (regular-expression backtracking) that makes no
  calls. A ratio is robust to a slow machine, and a quadratic input is at 16×.

The default sizes keep the whole module to a few seconds. The full sizes of the issue (a
10 MB line, 100 000 pipes, a million blank lines, 10 000 table rows, …) run with
``pytest -m slow tests/test_pathological.py`` and in ``benchmarks/run.py``.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from gxgk_parse import Report, parse_report, samples
from gxgk_parse.schema import get_schema

from .test_fuzz import check_report

# -- the inputs ----------------------------------------------------------------------------------

#: Every character Python or Unicode calls a space, a line or a paragraph separator, and the
#: invisible characters normalisation deletes.
UNICODE_WHITESPACE = (
    "".join(
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp")
    )
    + "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
)

_PRE2019_ROWS = [(i.label, i.unit or "件") for i in get_schema("pre2019") if i.kind == "value"]


def _one_long_line(n: int) -> str:
    # The bundled reports with their line breaks lost (a converter that drops them): prose,
    # tables and numbers, all on one line of n characters. The repeated unit is a slice of
    # each report, short enough that every size holds the same mix.
    unit = " ".join(samples.read_text(name)[:600] for name in samples.names()).replace("\n", " ")
    return (unit * (n // len(unit) + 1))[:n]


def _pipes(n: int) -> str:
    return "|" * n


def _pipe_grid(n: int) -> str:
    # n bars over lines of ten cells, every cell a number: one huge pipe region.
    rows = n // 11 + 1
    return "".join("|" + "|".join(str(i * 10 + j) for j in range(10)) + "|\n" for i in range(rows))


def _blank_lines(n: int) -> str:
    return "\n" * n


def _blank_lines_mixed(n: int) -> str:
    return " \t\r\n\u3000\r\n" * (n // 2)


def _nested_parentheses(n: int) -> str:
    half = n // 2
    return "（(" * half + "主动公开政府信息数 5 条" + ")）" * half


def _unbalanced_parentheses(n: int) -> str:
    return "(一)" + "（" * n + "依申请公开 12 件\n" + "(" * n


def _pipe_table(n: int) -> str:
    head = "统计指标 | 单位 | 统计数 |\n"
    rows = (
        f"| {label} | {unit} | {i} |\n"
        for i, (label, unit) in ((i, _PRE2019_ROWS[i % len(_PRE2019_ROWS)]) for i in range(n))
    )
    return head + "".join(rows)


def _tabbed_table(n: int) -> str:
    head = "\t统计指标\n\t单位\n\t统计数\n\n"
    rows = (
        f"\t{label}\n\t{unit}\n\t{i}\n\n"
        for i, (label, unit) in ((i, _PRE2019_ROWS[i % len(_PRE2019_ROWS)]) for i in range(n))
    )
    return head + "".join(rows)


def _spaced_table(n: int) -> str:
    return "".join(f"（一）予以公开 {i} 0 0 0 0 0 {i}\n" for i in range(n))


def _numbers_one_per_line(n: int) -> str:
    return "统计指标\n" + "".join(f"{i}\n" for i in range(n))


def _unicode_whitespace(n: int) -> str:
    unit = f"主动公开{UNICODE_WHITESPACE}12{UNICODE_WHITESPACE}条{UNICODE_WHITESPACE}|\t"
    return unit * n


def _digit_run(n: int) -> str:
    return "收到申请" + "1234567890" * (n // 10) + "件"


def _thousands_groups(n: int) -> str:
    return "| 收到申请数 | 件 | 1" + ",234" * (n // 4) + "x |\n"


def _long_number_cell(n: int) -> str:
    # A table cell of n digits (a converter that glued a column of numbers together).
    return (
        "统计指标 | 单位 | 统计数 |\n"
        f"| 收到申请数 | 件 | {'1' * n} |\n| 当面申请数 | 件 | 2 |\n| 传真申请数 | 件 | 3 |\n"
    )


def _question_marks(n: int) -> str:
    return "????报告\n" * (n // 8)


def _html_table(n: int) -> str:
    rows = "".join(
        f"<tr><td>{label}</td><td>{unit}</td><td>{i}</td></tr>"
        for i, (label, unit) in ((i, _PRE2019_ROWS[i % len(_PRE2019_ROWS)]) for i in range(n))
    )
    return f"<html><body><table>{rows}</table></body></html>"


def _html_nested(n: int) -> str:
    return (
        "<html><body>"
        + "<div><span>" * n
        + "收到申请 3 件"
        + "</span></div>" * n
        + "</body></html>"
    )


@dataclass(frozen=True)
class Pathological:
    """A hostile input: how to build it at size *n*, and its test and full sizes."""

    build: Callable[[int], str]
    small: int  # n for the default suite (4n is parsed too)
    full: int  # n of the size (the ``slow`` test and the benchmark)

    def __call__(self, n: int) -> str:
        return self.build(n)


PATHOLOGICAL: dict[str, Pathological] = {
    "10 MB line, no line feed": Pathological(_one_long_line, 15_000, 10_000_000),
    "100 000 pipes": Pathological(_pipes, 25_000, 100_000),
    "pipe grid": Pathological(_pipe_grid, 800, 100_000),
    "a million blank lines": Pathological(_blank_lines, 8_000, 1_000_000),
    "blank lines, CR and spaces": Pathological(_blank_lines_mixed, 4_000, 1_000_000),
    "nested parentheses": Pathological(_nested_parentheses, 25_000, 1_000_000),
    "unbalanced parentheses": Pathological(_unbalanced_parentheses, 25_000, 1_000_000),
    "pipe table, 10 000 rows": Pathological(_pipe_table, 100, 10_000),
    "tabbed table, 10 000 rows": Pathological(_tabbed_table, 100, 10_000),
    "spaced table, 10 000 rows": Pathological(_spaced_table, 60, 10_000),
    "numbers, one per line": Pathological(_numbers_one_per_line, 300, 100_000),
    "every Unicode whitespace": Pathological(_unicode_whitespace, 40, 20_000),
    "one long digit run": Pathological(_digit_run, 50_000, 10_000_000),
    "thousands groups": Pathological(_thousands_groups, 20_000, 1_000_000),
    "a table cell of many digits": Pathological(_long_number_cell, 5_000, 10_000_000),
    "question marks": Pathological(_question_marks, 8_000, 1_000_000),
    "HTML table, 10 000 rows": Pathological(_html_table, 60, 10_000),
    "HTML, nested tags": Pathological(_html_nested, 400, 100_000),
}


# -- measuring -----------------------------------------------------------------------------------


def parse_checked(text: str) -> Report:
    report = parse_report(text)
    check_report(text, report)
    return report


def call_count(text: str) -> int:
    """Function calls made by one parse: a measure of work that does not depend on timing."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        parse_report(text)
    finally:
        profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def best_time(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        parse_report(text)
        best = min(best, time.perf_counter() - t0)
    return best


CALL_RATIO = 5.0
TIME_RATIO = 10.0


def time_ratio(small: str, big: str, runs: int) -> float:
    # A load spike on a shared machine can slow one measurement; a super-linear parse is
    # slow every time. Measure again before calling a ratio too high.
    ratio = best_time(big, runs) / best_time(small, runs)
    if ratio > TIME_RATIO:
        ratio = best_time(big, runs + 2) / best_time(small, runs + 2)
    return ratio


# -- the default suite ---------------------------------------------------------------------------

# Cases that fail in a file this module's authors may not change, with the reason.
XFAIL: dict[str, str] = {}


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=XFAIL[name]))
        if name in XFAIL
        else name
        for name in PATHOLOGICAL
    ]


@pytest.mark.parametrize("name", _cases())
def test_parses_in_linear_work(name: str) -> None:
    case = PATHOLOGICAL[name]
    small, big = case(case.small), case(4 * case.small)
    parse_checked(small)
    parse_checked(big)
    calls = call_count(big) / call_count(small)
    assert calls <= CALL_RATIO, f"{name}: 4x the input made {calls:.1f}x the calls"
    ratio = time_ratio(small, big, runs=2)
    assert ratio <= TIME_RATIO, f"{name}: 4x the input took {ratio:.1f}x the time"


def test_unicode_whitespace_is_all_there() -> None:
    # The input of the whitespace case holds every space character, not a few of them.
    for ch in ("\u3000", "\xa0", "\u2028", "\u2029", "\x85", "\u1680", "\u205f", "\u200b"):
        assert ch in UNICODE_WHITESPACE
    report = parse_checked(_unicode_whitespace(3))
    assert report is not None


# -- full size (``-m slow``) -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", _cases())
def test_full_size_parses_in_linear_time(name: str) -> None:
    case = PATHOLOGICAL[name]
    quarter, full = case(case.full // 4), case(case.full)
    parse_checked(full)
    ratio = time_ratio(quarter, full, runs=1)
    assert ratio <= TIME_RATIO, f"{name}: 4x the input took {ratio:.1f}x the time"
