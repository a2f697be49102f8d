"""Render the three post-2019 tables from the schema, damage them, parse them back.

Values come back exactly (a blank or a dash is ``None``, never 0), in every layout; every
number of a detected table is accounted for; the rules stay silent on consistent tables and
fire on a broken cell; derived values never stand in for printed ones.
"""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gxgk_parse import parse_report
from gxgk_parse.model import Report
from gxgk_parse.schema import get_schema

from .checks import check_report
from .strategies_post2019 import (
    LAYOUTS,
    Rendered,
    consistent_values,
    post2019_reports,
    render_report,
)


def _wrong(rendered: Rendered, report: Report) -> dict[str, object]:
    got = report.values(origin="table")
    return {
        k: (v, got.get(k, "missing"))
        for k, v in rendered.values.items()
        if got.get(k, "missing") != v
    }


@given(post2019_reports(damage=False))
def test_rendered_report_round_trips(rendered: Rendered) -> None:
    report = parse_report(rendered.text)
    assert report.template == rendered.template, rendered.layout
    assert _wrong(rendered, report) == {}, rendered.layout
    assert set(report.values(origin="table")) == set(rendered.values)


@given(post2019_reports())
def test_damaged_report_round_trips(rendered: Rendered) -> None:
    report = parse_report(rendered.text)
    assert report.template == rendered.template, rendered.layout
    assert _wrong(rendered, report) == {}, rendered.layout
    for obs in report.observations:
        assert rendered.text[obs.span[0] : obs.span[1]] == obs.raw


@given(st.data(), st.sampled_from(sorted(LAYOUTS)))
def test_every_layout(data: st.DataObject, layout: str) -> None:
    rendered = data.draw(post2019_reports(layouts=(layout,)))
    report = parse_report(rendered.text)
    assert report.template == rendered.template
    assert _wrong(rendered, report) == {}


@given(post2019_reports())
def test_every_number_is_kept(rendered: Rendered) -> None:
    """Conservation: a number of a detected table is a table observation or unmapped."""
    check_report(rendered.text, parse_report(rendered.text))


@given(post2019_reports())
def test_derived_values_are_marked_and_never_from_blanks(rendered: Rendered) -> None:
    report = parse_report(rendered.text)
    schema = get_schema(rendered.template)
    table = report.values(origin="table")
    for obs in report.observations:
        if obs.origin != "derived":
            continue
        assert obs.match is not None and obs.match.method == "derived"
        assert obs.raw == "" and obs.span[0] == obs.span[1]
        operands = obs.match.label.split(" + ")
        values = [table.get(i, report.values(origin="derived").get(i)) for i in operands]
        assert None not in values, obs.indicator
        assert obs.value == sum(v for v in values if v is not None)
        assert obs.indicator not in schema.value_ids, "a printed cell is never derived"


@given(st.sampled_from(("2019", "2021")), st.sampled_from(sorted(LAYOUTS)), st.randoms())
def test_rules_silent_on_consistent_tables(template: str, layout: str, rnd: random.Random) -> None:
    values = consistent_values(template, rnd.randint)
    report = parse_report(render_report(template, values, LAYOUTS[layout]))
    rules = [f for f in report.findings if f.code in ("sum-mismatch", "bound-violation")]
    assert rules == []
    assert not [f for f in report.findings if f.code == "not-assessable"]


# Cells a reader can break: a row-wise total, a printed outcome total, a table 四 total,
# and a leaf (which breaks its row's 总计 and the column identities).
_BREAKABLE = (
    "requests.new.total",
    "requests.processed.natural_person",
    "requests.carried_forward.commercial",
    "review.total",
    "litigation.after_review.pending",
    "requests.result.unable.not_held.research",
)


@given(
    st.sampled_from(("2019", "2021")),
    st.sampled_from(sorted(LAYOUTS)),
    st.sampled_from(_BREAKABLE),
    st.integers(1, 9),
    st.randoms(),
)
def test_rules_fire_on_a_broken_cell(
    template: str, layout: str, cell: str, delta: int, rnd: random.Random
) -> None:
    values = consistent_values(template, rnd.randint)
    broken = values[cell]
    assert isinstance(broken, int)
    values[cell] = broken + delta
    report = parse_report(render_report(template, values, LAYOUTS[layout]))
    assert report.values(origin="table")[cell] == broken + delta
    fired = [f for f in report.findings if f.code == "sum-mismatch" and cell in f.indicators]
    assert fired
    assert all(f.severity == "error" and f.rule is not None for f in fired)
    assert {f.rule.difference for f in fired if f.rule} <= {delta, -delta}


@given(st.sampled_from(("2019", "2021")), st.sampled_from(sorted(LAYOUTS)), st.randoms())
def test_money_is_decimal(template: str, layout: str, rnd: random.Random) -> None:
    values = consistent_values(template, rnd.randint)
    report = parse_report(render_report(template, values, LAYOUTS[layout]))
    schema = get_schema(template)
    for obs in report.observations:
        if obs.origin == "table" and obs.value is not None and schema.is_money(obs.indicator):
            assert isinstance(obs.value, Decimal)
