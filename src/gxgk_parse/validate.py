"""The schema's arithmetic rules → findings. Findings report; numbers are never changed.

Rules are read from the schema data:

- ``sum_of`` on a one-value row (pre-2019) or on a post-2019 row (holds in each column):
  the value equals the sum of its parts → ``sum-mismatch`` (error).
- ``sum_of`` on a column (``总计``): in every row that has the column → ``sum-mismatch``.
- ``checks``: ``le`` (this ≤ other), ``le_sum`` (max(part) ≤ this ≤ Σ parts, a de-duplicated
  total) → ``bound-violation``; ``eq_expr`` (``a + b == c + d``, per column when flagged) →
  ``sum-mismatch``.

A blank or dashed operand makes a rule ``not-assessable`` (info) — blank is missing, not
zero. A rule none of whose operands was printed is skipped silently. Derived values
(``origin="derived"``) are never checked: only printed cells can be wrong.

For the post-2019 templates this covers schema.md §6.2-§6.4: the row-wise 总计 of table 三
(``t3.col.total``'s ``sum_of``) and of table 四 (``t4.col.total``), the outcome sum
(``requests.processed``'s ``sum_of``, per column), the printed 勾稽 rule (an ``eq_expr``
per column) and the soft rules of table 二 (``_TABLE2_SOFT``). Row groups and column groups
(``requests.result.refused``, ``t3.col.legal_person``) are never printed, so their
``sum_of`` is not a rule but how :mod:`gxgk_parse.derive` computes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache

import regex

from .model import Finding, Observation, RuleDetail, Severity, Value
from .schema import SCHEMAS, Schema

__all__ = ["validate"]

_TERM = regex.compile(r"[A-Za-z_][\w.]*")

# schema.md §6.4: soft rules on table 二 that indicators.json does not carry (yet), as
# (template, column set, column key, rule, other column key, severity), checked in every
# row of the set. 2019: what was newly published this year cannot exceed what is public in
# total. (A cross-report rule such as 2021's in_force ≈ last year's + issued − repealed
# needs two reports and is not checked here.)
_TABLE2_SOFT: tuple[tuple[str, str, str, str, str, Severity], ...] = (
    ("2019", "t2019_20_1", "published", "le", "public_total", "info"),
)


def _fmt(value: Value) -> str:
    return "blank" if value is None else str(value)


class _Checker:
    def __init__(self, schema: Schema, values: Mapping[str, Observation]) -> None:
        self.schema = schema
        self.values = values
        self.findings: list[Finding] = []

    def _operands(self, ids: Sequence[str]) -> tuple[list[Observation], list[str]] | None:
        """The observations of *ids*; ``None`` when none of them was printed."""
        present = [self.values[i] for i in ids if i in self.values]
        if not present:
            return None
        missing = [i for i in ids if i not in self.values or self.values[i].value is None]
        return present, missing

    def _not_assessable(self, formula: str, ids: Sequence[str], missing: Sequence[str]) -> None:
        anchor = next((self.values[i] for i in ids if i in self.values), None)
        self.findings.append(
            Finding(
                code="not-assessable",
                severity="info",
                message=f"{formula}: not assessable, {', '.join(missing)} blank or missing",
                span=anchor.span if anchor else None,
                line=anchor.line if anchor else None,
                indicators=tuple(ids),
            )
        )

    def equal(
        self,
        left: Sequence[str],
        right: Sequence[str],
        severity: Severity,
        formula: str | None = None,
    ) -> None:
        ids = [*left, *right]
        found = self._operands(ids)
        if found is None:
            return
        _, missing = found
        formula = formula or f"{' + '.join(left)} = {' + '.join(right)}"
        if missing:
            self._not_assessable(formula, ids, missing)
            return
        lhs = _sum(self.values[i].value for i in left)
        rhs = _sum(self.values[i].value for i in right)
        if lhs == rhs:
            return
        anchor = self.values[left[0]]
        parts = " + ".join(_fmt(self.values[i].value) for i in right)
        self.findings.append(
            Finding(
                code="sum-mismatch",
                severity=severity,
                message=f"{formula}: {_fmt(lhs)} ≠ {parts} = {_fmt(rhs)} (difference {lhs - rhs})",
                span=anchor.span,
                line=anchor.line,
                indicators=tuple(ids),
                rule=RuleDetail(formula=formula, lhs=lhs, rhs=rhs, difference=lhs - rhs),
            )
        )

    def bound(self, this: str, parts: Sequence[str], severity: Severity, mode: str) -> None:
        ids = [this, *parts]
        found = self._operands(ids)
        if found is None:
            return
        _, missing = found
        if mode == "le":
            formula = f"{this} ≤ {parts[0]}"
        else:
            formula = f"max({', '.join(parts)}) ≤ {this} ≤ {' + '.join(parts)}"
        if missing:
            self._not_assessable(formula, ids, missing)
            return
        value = self.values[this].value
        assert value is not None
        other_values = [self.values[p].value for p in parts]
        if mode == "le":
            other = other_values[0]
            assert other is not None
            ok = value <= other
            rhs: Value = other
        else:
            total = _sum(other_values)
            biggest = max(v for v in other_values if v is not None)
            ok = biggest <= value <= total
            rhs = total
        assert rhs is not None
        if ok:
            return
        anchor = self.values[this]
        self.findings.append(
            Finding(
                code="bound-violation",
                severity=severity,
                message=f"{formula} does not hold: {this} = {value}, "
                f"{' + '.join(_fmt(v) for v in other_values)}",
                span=anchor.span,
                line=anchor.line,
                indicators=tuple(ids),
                rule=RuleDetail(formula=formula, lhs=value, rhs=rhs, difference=value - rhs),
            )
        )


def _sum(values: Iterable[Value]) -> int | Decimal:
    total: int | Decimal = 0
    for v in values:
        if v is not None:
            total += v
    return total


def _parse_expr(expr: str) -> tuple[list[str], list[str]]:
    left, _, right = expr.partition("==")
    return _TERM.findall(left), _TERM.findall(right)


# A rule as the checker applies it: ("equal", left ids, right ids, severity, formula or
# None) or ("bound", this id, part ids, severity, mode).
_Rule = tuple[str, Sequence[str], Sequence[str], Severity, str | None]


def validate(schema: Schema, observations: Sequence[Observation]) -> list[Finding]:
    """Apply every rule of *schema* to the table observations (prose is never validated)."""
    values = {o.indicator: o for o in observations if o.origin == "table"}
    checker = _Checker(schema, values)
    for op, first, second, severity, extra in _rules_of(schema):
        if op == "equal":
            checker.equal(first, second, severity, extra)
        else:
            checker.bound(first[0], second, severity, extra or "le")
    return checker.findings


def _rules_of(schema: Schema) -> tuple[_Rule, ...]:
    # The rules follow from the schema alone: a bundled template's are listed once.
    if SCHEMAS.get(schema.template) is schema:
        return _template_rules(schema.template)
    return _rules(schema)


@cache
def _template_rules(template: str) -> tuple[_Rule, ...]:
    return _rules(SCHEMAS[template])


def _rules(schema: Schema) -> tuple[_Rule, ...]:
    """Every rule of *schema*, in the order findings are reported."""
    out: list[_Rule] = []

    def equal(
        left: Sequence[str], right: Sequence[str], severity: Severity, formula: str | None = None
    ) -> None:
        out.append(("equal", tuple(left), tuple(right), severity, formula))

    def bound(this: str, parts: Sequence[str], severity: Severity, mode: str) -> None:
        out.append(("bound", (this,), tuple(parts), severity, mode))

    keys_of_set: dict[str, tuple[str, ...]] = {}
    rows_of_column: dict[str, list[str]] = {}
    for ind in schema.indicators:
        if ind.kind == "row":
            keys = tuple(schema[c].key or "" for c in ind.columns)
            keys_of_set[ind.column_set or ind.id] = keys
            for col in ind.columns:
                rows_of_column.setdefault(col, []).append(ind.id)

    for ind in schema.indicators:
        severity: Severity = "error"
        if ind.sum_of and ind.kind == "value":
            equal([ind.id], list(ind.sum_of), severity)
        elif ind.sum_of and ind.kind == "row":
            for col in ind.columns:
                key = schema[col].key
                equal(
                    [f"{ind.id}.{key}"],
                    [f"{part}.{key}" for part in ind.sum_of],
                    severity,
                    f"{ind.id} = Σ its parts (column {key})",
                )
        elif ind.sum_of and ind.kind == "column":
            part_keys = [schema[c].key for c in ind.sum_of]
            for row_id in rows_of_column.get(ind.id, ()):
                equal(
                    [f"{row_id}.{ind.key}"],
                    [f"{row_id}.{k}" for k in part_keys],
                    severity,
                    f"{row_id}: {ind.key} = Σ columns",
                )
        for check in ind.checks:
            sev: Severity = check.severity  # type: ignore[assignment]
            if check.rule == "le" and check.other:
                bound(ind.id, [check.other], sev, "le")
            elif check.rule == "le_sum" and check.of:
                bound(ind.id, list(check.of), sev, "le_sum")
            elif check.rule == "eq_expr" and check.expr:
                left, right = _parse_expr(check.expr)
                if check.per_column and ind.column_set:
                    for key in keys_of_set.get(ind.column_set, ()):
                        equal(
                            [f"{t}.{key}" for t in left],
                            [f"{t}.{key}" for t in right],
                            sev,
                            f"{check.expr} (column {key})",
                        )
                else:
                    equal(left, right, sev, check.expr)
    for template, column_set, key, rule, other, sev in _TABLE2_SOFT:
        if schema.template != template:
            continue
        for ind in schema.indicators:
            if ind.kind == "row" and ind.column_set == column_set:
                bound(f"{ind.id}.{key}", [f"{ind.id}.{other}"], sev, rule)
    return tuple(out)
