"""The statistics-table schemas, as data.

One :class:`Schema` per template — ``pre2019`` (the 2014–2018 national table), ``2019`` (the
2019 trial format) and ``2021`` (the revised format) — built from ``data/indicators.json``
(the project's reference, ids unchanged) plus ``data/aliases.json`` (label variants seen in
the wild since). Code never spells an indicator label: it asks the schema.

Ids are the public contract: a value cell of a multi-column row has the id
``<row id>.<column key>`` (``requests.new.natural_person``, ``review.total``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cached_property
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "SCHEMAS",
    "SCHEMA_VERSION",
    "TEMPLATES",
    "Check",
    "Indicator",
    "Schema",
    "get_schema",
]

#: Version of the schema data; bump on any change of ids, units or rules.
SCHEMA_VERSION = "1.0.0"

#: The template names, oldest first.
TEMPLATES: tuple[str, ...] = ("pre2019", "2019", "2021")

_TEMPLATE_ALIASES = {"y2019": "2019", "y2021": "2021", "pre-2019": "pre2019", "2014": "pre2019"}

MONEY_UNITS = frozenset({"万元", "元", "萬元"})


@attrs.frozen
class Check:
    """A rule of an indicator other than its ``sum_of`` identity.

    Attributes:
        rule: ``le`` (this ≤ ``other``), ``le_sum`` (max of ``of`` ≤ this ≤ Σ ``of``: a
            de-duplicated total) or ``eq_expr`` (``expr`` holds, e.g.
            ``"requests.new + requests.carried_over == requests.processed +
            requests.carried_forward"``).
        severity: the severity of the finding when the rule does not hold.
        other: for ``le``, the id of the bound.
        of: for ``le_sum``, the ids of the parts.
        expr: for ``eq_expr``, the identity in indicator ids.
        per_column: for ``eq_expr`` on a post-2019 row, check the identity in every column.
        note: why the rule is what it is.
    """

    rule: str
    severity: str
    other: str | None = None
    of: tuple[str, ...] = ()
    expr: str | None = None
    per_column: bool = False
    note: str | None = None


@attrs.frozen
class Indicator:
    """One row, column, header or derived value of a template.

    Attributes:
        id: the stable id (the public contract).
        kind: ``value`` (a one-number pre-2019 row), ``row`` (a post-2019 row with value
            cells), ``row_group`` (a rowspan label without cells of its own), ``header``,
            ``column``, ``column_group``, ``column_header`` or ``derived``.
        label: the canonical printed label; ``aliases``: variants seen in real reports.
        unit: the template's unit (``None`` for headers and for unprinted units).
        parent: the id of the enclosing row or header (hierarchy).
        sum_of: ids whose sum this indicator must equal (per column for rows, per row for
            columns).
        columns: for ``row`` kinds, the column indicator ids of its value cells.
        key: for columns, the key that makes a cell id ``<row id>.<key>``.
        printed: ``False`` for values the template never prints (derived on request).
        order: position in the template, in reading order.
        template: the template the indicator belongs to.
        section: the template section (一、主动公开情况 …) the indicator is printed in.
        checks: the rules other than ``sum_of`` (:class:`Check`).
        column_set: for ``row`` kinds, the name of the set of columns it shares with others.
        note: caveats on the indicator (an unconfirmed unit, a wording seen only once).

    Example:
        >>> from gxgk_parse import get_schema
        >>> ind = get_schema("pre2019")["requests.received"]
        >>> ind.label, ind.unit, ind.parent
        ('（一）收到申请数', '件', 'requests')
        >>> ind.sum_of
        ('requests.received.in_person', 'requests.received.by_fax', 'requests.received.online', 'requests.received.by_mail')
    """

    id: str
    template: str
    kind: str
    label: str
    section: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    parent: str | None = None
    sum_of: tuple[str, ...] | None = None
    checks: tuple[Check, ...] = ()
    columns: tuple[str, ...] = ()
    column_set: str | None = None
    key: str | None = None
    printed: bool = True
    note: str | None = None
    order: int = 0

    @property
    def labels(self) -> tuple[str, ...]:
        """The canonical label followed by every alias."""
        return (self.label, *self.aliases)

    @property
    def is_money(self) -> bool:
        """Whether the unit is money (万元, 元): values are ``Decimal``."""
        return self.unit in MONEY_UNITS


@attrs.frozen
class Schema:
    """All indicators of one template, with lookups by id and structure.

    ``schema[id]`` gives an :class:`Indicator`, ``id in schema`` tests for one, and iterating
    gives the indicators in template order. Cell ids of post-2019 rows
    (``requests.new.total``) are not indicators: :attr:`value_ids`, :meth:`label_of` and
    :meth:`unit_of` know them.

    Attributes:
        template: ``"pre2019"``, ``"2019"`` or ``"2021"``.
        indicators: every row, column, header and derived value, in template order.

    Example:
        >>> from gxgk_parse import get_schema
        >>> schema = get_schema("2021")
        >>> schema["proactive.fees"].label
        '行政事业性收费'
        >>> schema.label_of("proactive.fees.amount"), schema.unit_of("proactive.fees.amount")
        ('行政事业性收费 / 本年收费金额（单位：万元）', '万元')
    """

    template: str
    indicators: tuple[Indicator, ...]

    @cached_property
    def _by_id(self) -> Mapping[str, Indicator]:
        return MappingProxyType({i.id: i for i in self.indicators})

    def __getitem__(self, indicator_id: str) -> Indicator:
        """The indicator of that id.

        Raises:
            KeyError: no indicator of that id (cell ids are not indicators).
        """
        return self._by_id[indicator_id]

    def __contains__(self, indicator_id: object) -> bool:
        """Whether the template has an indicator of that id."""
        return indicator_id in self._by_id

    def __iter__(self) -> Iterator[Indicator]:
        """The indicators, in template order."""
        return iter(self.indicators)

    def __len__(self) -> int:
        """The number of indicators (cells not counted)."""
        return len(self.indicators)

    def get(self, indicator_id: str) -> Indicator | None:
        """The indicator of that id, or ``None``."""
        return self._by_id.get(indicator_id)

    def of_kind(self, *kinds: str) -> tuple[Indicator, ...]:
        """The indicators of the given kinds (``"value"``, ``"row"``, ``"header"``, …)."""
        return tuple(i for i in self.indicators if i.kind in kinds)

    def children(self, indicator_id: str) -> tuple[Indicator, ...]:
        """The indicators whose parent is *indicator_id*, in template order."""
        return tuple(i for i in self.indicators if i.parent == indicator_id)

    @cached_property
    def related(self) -> Mapping[str, frozenset[str]]:
        """Indicator id → the ids whose mention makes it the likely reading of a shared label:
        its ancestors and its siblings (quirk 17: the same label under two parents)."""
        siblings: dict[str, set[str]] = {}
        for ind in self.indicators:
            if ind.parent:
                siblings.setdefault(ind.parent, set()).add(ind.id)
        return MappingProxyType(
            {
                ind.id: frozenset(self.ancestors(ind.id))
                | frozenset(siblings.get(ind.parent or "", ()))
                for ind in self.indicators
            }
        )

    def ancestors(self, indicator_id: str) -> tuple[str, ...]:
        """Ids of the parents of *indicator_id*, nearest first."""
        out: list[str] = []
        current = self._by_id.get(indicator_id)
        while current is not None and current.parent is not None and current.parent not in out:
            out.append(current.parent)
            current = self._by_id.get(current.parent)
        return tuple(out)

    @cached_property
    def value_ids(self) -> tuple[str, ...]:
        """Every id that carries a printed number: pre-2019 values and post-2019 cells."""
        out: list[str] = []
        for ind in self.indicators:
            if ind.kind == "value":
                out.append(ind.id)
            elif ind.kind == "row":
                out.extend(self.cell_id(ind.id, col) for col in ind.columns)
        return tuple(out)

    def cell_id(self, row_id: str, column_id: str) -> str:
        """The id of the cell of row *row_id* in column *column_id* (``<row>.<key>``)."""
        return f"{row_id}.{self._by_id[column_id].key}"

    def unit_of(self, value_id: str) -> str | None:
        """The template unit of a value id (a pre-2019 value or a post-2019 cell)."""
        ind = self._by_id.get(value_id)
        if ind is not None and ind.kind in ("value", "derived"):
            return ind.unit
        column = self._cell_column(value_id)
        if column is not None:
            return column.unit
        return ind.unit if ind is not None else None

    def is_money(self, value_id: str) -> bool:
        """Whether a value id (cells included) is counted in money."""
        return self.unit_of(value_id) in MONEY_UNITS

    def _cell_column(self, value_id: str) -> Indicator | None:
        row_id, _, key = value_id.rpartition(".")
        row = self._by_id.get(row_id)
        if row is None or not row.columns:
            return None
        for col_id in row.columns:
            col = self._by_id[col_id]
            if col.key == key:
                return col
        return None

    def label_of(self, value_id: str) -> str:
        """A human label for any id, cells included (``row label / column label``)."""
        ind = self._by_id.get(value_id)
        if ind is not None:
            return ind.label
        column = self._cell_column(value_id)
        if column is not None:
            row = self._by_id[value_id.rpartition(".")[0]]
            return f"{row.label} / {column.label}"
        return value_id


def _indicator_from_json(entry: Mapping[str, Any], order: int, extra: tuple[str, ...]) -> Indicator:
    checks = tuple(
        Check(
            rule=c["rule"],
            severity=c.get("severity", "warning"),
            other=c.get("other"),
            of=tuple(c.get("of", ())),
            expr=c.get("expr"),
            per_column=bool(c.get("per_column", False)),
            note=c.get("note"),
        )
        for c in entry.get("checks", ())
    )
    aliases = tuple(dict.fromkeys((*entry.get("aliases_zh", ()), *extra)))
    sum_of = entry.get("sum_of")
    return Indicator(
        id=entry["id"],
        template=entry["template"],
        kind=entry["kind"],
        label=entry["label_zh"],
        section=entry.get("section") or "",
        aliases=aliases,
        unit=entry.get("unit"),
        parent=entry.get("parent"),
        sum_of=tuple(sum_of) if sum_of else None,
        checks=checks,
        columns=tuple(entry.get("columns", ())),
        column_set=entry.get("column_set"),
        key=entry.get("key"),
        printed=bool(entry.get("printed", True)),
        note=entry.get("note"),
        order=order,
    )


def _load() -> Mapping[str, Schema]:
    data_dir = resources.files(__package__).joinpath("data")
    entries = json.loads(data_dir.joinpath("indicators.json").read_text(encoding="utf-8"))
    extra = json.loads(data_dir.joinpath("aliases.json").read_text(encoding="utf-8"))
    by_template: dict[str, list[Indicator]] = {t: [] for t in TEMPLATES}
    for entry in entries:
        template = entry["template"]
        more = tuple(extra.get(template, {}).get(entry["id"], ()))
        items = by_template[template]
        items.append(_indicator_from_json(entry, len(items), more))
    return MappingProxyType(
        {t: Schema(template=t, indicators=tuple(items)) for t, items in by_template.items()}
    )


#: Template name → :class:`Schema`. Read-only.
SCHEMAS: Mapping[str, Schema] = _load()


def get_schema(template: str) -> Schema:
    """The schema of a template.

    Args:
        template: ``"pre2019"``, ``"2019"`` or ``"2021"`` (``"y2019"``, ``"y2021"`` and
            ``"pre-2019"`` work too).

    Raises:
        KeyError: for an unknown template name.

    Example:
        >>> from gxgk_parse import get_schema
        >>> get_schema("y2019").template
        '2019'
    """
    name = _TEMPLATE_ALIASES.get(template, template)
    try:
        return SCHEMAS[name]
    except KeyError:
        raise KeyError(f"unknown template {template!r}; expected one of {TEMPLATES}") from None
