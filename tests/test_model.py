"""The result model's internal fast factories build exactly what the attrs constructors do."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxgk_parse.model import Cell, MatchInfo, Observation, Row, new_cell, new_observation, new_row

SPANS = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))


@given(st.text(max_size=20), SPANS, st.integers(1, 10**6))
def test_new_cell_equals_the_constructor(text: str, span: tuple[int, int], line: int) -> None:
    made = new_cell(text, span, line)
    built = Cell(text=text, span=span, line=line)
    assert made == built
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert attrs.asdict(made) == attrs.asdict(built)


@given(
    st.text(max_size=30),
    st.one_of(st.none(), st.integers(-(10**9), 10**9)),
    st.one_of(st.none(), st.sampled_from(["件", "万元"])),
    SPANS,
    st.sampled_from(["table", "prose", "derived"]),
    st.one_of(st.none(), st.builds(MatchInfo, method=st.just("exact"))),
    st.sampled_from(["number", "zero", "blank", "na", "text"]),
)
def test_new_observation_equals_the_constructor(
    indicator: str,
    value: int | None,
    unit: str | None,
    span: tuple[int, int],
    origin: str,
    match: MatchInfo | None,
    kind: str,
) -> None:
    args = (indicator, value, unit, "raw", span, 7, origin, match, kind)
    made = new_observation(*args)  # type: ignore[arg-type]
    built = Observation(*args)  # type: ignore[arg-type]
    assert made == built
    assert hash(made) == hash(built)
    assert attrs.asdict(made) == attrs.asdict(built)


def test_factories_are_frozen_like_the_classes() -> None:
    cell = new_cell("0", (3, 4), 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.text = "1"  # type: ignore[misc]


@given(st.lists(st.builds(new_cell, st.text(max_size=5), SPANS, st.integers(1, 99)), max_size=4))
def test_new_row_equals_the_constructor(cells: list[Cell]) -> None:
    made = new_row(tuple(cells), 3)
    built = Row(cells=cells, line=3)
    assert made == built
    assert hash(made) == hash(built)
