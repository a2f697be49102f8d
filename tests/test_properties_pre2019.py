"""Render the pre-2019 table from the schema, damage it, parse it back: same values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gxgk_parse import parse_report

from .checks import check_report
from .strategies import LAYOUTS, RenderedTable, damaged, rendered_pre2019


def _check_values(table: RenderedTable, text: str) -> None:
    report = parse_report(text)
    assert report.template == "pre2019", (table.layout, report.findings)
    got = report.values(origin="table")
    wrong = {
        k: (v, got.get(k, "missing"))
        for k, v in table.expected.items()
        if got.get(k, "missing") != v
    }
    assert wrong == {}, (table.layout, wrong)
    check_report(text, report)


@given(st.data())
def test_rendered_table_round_trips(data: st.DataObject) -> None:
    table = data.draw(rendered_pre2019())
    _check_values(table, table.text)


@given(st.data())
def test_damaged_document_round_trips(data: st.DataObject) -> None:
    table = data.draw(rendered_pre2019())
    text = data.draw(damaged(table.text))
    _check_values(table, text)


@given(st.data(), st.sampled_from(sorted(LAYOUTS)))
def test_every_layout(data: st.DataObject, layout: str) -> None:
    table = data.draw(rendered_pre2019(layouts=(layout,)))
    _check_values(table, table.text)
