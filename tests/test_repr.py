"""Notebook friendliness: a readable repr and an escaped HTML summary."""

from __future__ import annotations

import pickle
import re

import attrs

from gxgk_parse import Metadata, Observation, Report, parse_report

from .conftest import seed_text

_REPR = re.compile(
    r"^<Report (?P<who>\S+) (?P<year>\S+) template=(?P<template>\S+) "
    r"observations=(?P<table>\d+) table \+ (?P<prose>\d+) prose(?: \+ \d+ derived)?, "
    r"unmapped=(?P<unmapped>\d+), findings=(?P<findings>\d+) \((?P<errors>\d+) errors\)>$"
)


def test_repr_is_one_readable_line() -> None:
    report = parse_report(seed_text("001"))
    m = _REPR.match(repr(report))
    assert m is not None, repr(report)
    assert (m["who"], m["year"], m["template"], m["table"]) == ("根河市", "2016", "'pre2019'", "58")
    assert int(m["errors"]) == len(report.errors) == 1
    assert "\n" not in repr(report)


def test_repr_of_an_empty_report() -> None:
    report = parse_report("没有统计数字的一段文字。")
    assert repr(report).startswith("<Report unknown ? template=None observations=0 table")


def test_repr_html_summary() -> None:
    report = parse_report(seed_text("001"), name="001.txt")
    html = report._repr_html_()
    assert html.startswith("<div class='gxgk-report'>") and html.endswith("</div>")
    assert "<caption>metadata</caption>" in html and "根河市" in html
    assert "<code>proactive.total</code>" in html
    assert "(一)主动公开政府信息数" in html or "（一）主动公开政府信息数" in html
    assert "sum-mismatch" in html and "findings (" in html
    assert "source: <code>001.txt</code>" in html


def test_repr_html_escapes_what_came_from_the_page() -> None:
    evil = "<script>alert(1)</script>"
    report = Report(
        metadata=Metadata(title=evil, agency=evil),
        template=None,
        observations=[
            Observation(indicator=evil, value=None, unit=evil, raw="", span=(0, 0), line=1)
        ],
        source=evil,
    )
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_repr_html_limits_rows() -> None:
    report = parse_report(seed_text("000"))
    html = report._repr_html_()
    assert html.count("<tr><td><code>") == len(report.observations)
    from gxgk_parse.display import report_html

    short = report_html(report, max_rows=3)
    assert short.count("<tr><td><code>") == 3
    assert f"(first 3, {len(report.observations) - 3} more)" in short


def test_reports_pickle_and_compare() -> None:
    report = parse_report(seed_text("000"))
    back = pickle.loads(pickle.dumps(report))
    assert back == report
    assert back["requests.received"] == report["requests.received"]
    assert attrs.evolve(report, source="x") != report
