"""Values the post-2019 template does not print, computed from the printed ones.

Three kinds, all read from the schema's ``sum_of`` data:

- a **row group** (``requests.result.refused``: a rowspan label without cells) gets one
  value per column, the sum of its sub-rows in that column;
- a **column group** (``t3.col.legal_person``: a spanning header without cells) gets one
  value per row, the sum of its sub-columns in that row (row groups included);
- a **derived** indicator (``litigation.total``) is the sum of the cells it names.

Derived observations are kept apart from printed ones: ``origin="derived"`` and
``match.method == "derived"`` (``match.label`` holds the formula). They are never produced
when an operand is blank, a dash or missing — a blank is not a zero. Such a value has no
printed text of its own, so its ``raw`` is ``""`` and its ``span`` is the empty span
``(s, s)`` at the start ``s`` of its first operand's cell (``line`` is that cell's line):
``text[span[0]:span[1]] == raw`` holds, and the span still points a reader at the table.
The validator never sees derived values (it checks printed cells only).
"""

from __future__ import annotations

from collections.abc import Sequence

from .extract import Sink
from .model import MatchInfo, Observation
from .schema import Indicator, Schema

__all__ = ["derive"]


def derive(sink: Sink, schema: Schema) -> None:
    """Append the derivable unprinted values of *schema* to ``sink.observations``."""
    known = {o.indicator: o for o in sink.observations if o.origin in ("table", "derived")}
    made: list[Observation] = []

    def add(target: str, operands: Sequence[str], unit: str | None) -> None:
        if target in known:
            return
        obs = _sum(target, [known.get(i) for i in operands], operands, unit)
        if obs is not None:
            known[target] = obs
            made.append(obs)

    # Groups nested in groups would need their parts first: walk the template backwards.
    for ind in reversed(schema.indicators):
        if ind.kind == "row_group" and ind.sum_of:
            for col_id in ind.columns:
                col = schema[col_id]
                add(f"{ind.id}.{col.key}", [f"{p}.{col.key}" for p in ind.sum_of], col.unit)
    for ind in schema.indicators:
        if ind.kind == "column_group" and ind.sum_of:
            keys = [schema[c].key for c in ind.sum_of]
            for row in _rows_with(schema, ind.sum_of):
                add(f"{row.id}.{ind.key}", [f"{row.id}.{k}" for k in keys], ind.unit)
    for ind in schema.indicators:
        if ind.kind == "derived" and ind.sum_of:
            add(ind.id, list(ind.sum_of), ind.unit)
    sink.observations.extend(made)


def _rows_with(schema: Schema, columns: Sequence[str]) -> list[Indicator]:
    wanted = set(columns)
    return [
        ind
        for ind in schema.indicators
        if ind.kind in ("row", "row_group") and wanted <= set(ind.columns)
    ]


def _sum(
    target: str,
    found: Sequence[Observation | None],
    operands: Sequence[str],
    unit: str | None,
) -> Observation | None:
    parts = [o for o in found if o is not None]
    if len(parts) != len(operands) or any(o.value is None for o in parts):
        return None
    total = sum((o.value for o in parts if o.value is not None), start=0)
    units = {o.unit for o in parts}
    first = parts[0]
    start = first.span[0]
    return Observation(
        indicator=target,
        value=total,
        unit=units.pop() if len(units) == 1 else unit,
        raw="",
        span=(start, start),
        line=first.line,
        origin="derived",
        match=MatchInfo(method="derived", label=" + ".join(operands)),
        kind="zero" if total == 0 else "number",
    )
