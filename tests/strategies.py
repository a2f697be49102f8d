"""Hypothesis strategies: statistics tables rendered from the schema, then damaged.

The central property of the test suite: render a table from the schema with random values
in one of the supported layouts, perturb it the way real reports are damaged (quirks.md),
parse it back, and get the same values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

from gxgk_parse.schema import Indicator, Schema, get_schema

PRE2019 = get_schema("pre2019")

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_TO_FULL_PUNCT = str.maketrans("():,", "（）：，")
FULL_TO_HALF_PUNCT = str.maketrans("（）：，", "():,")


def printed_order(schema: Schema) -> list[Indicator]:
    """Indicators in the order the table prints them (depth first over the hierarchy)."""
    children: dict[str | None, list[Indicator]] = {}
    for ind in schema.indicators:
        if ind.kind in ("value", "header"):
            parent = ind.parent if ind.parent in schema else None
            children.setdefault(parent, []).append(ind)
    out: list[Indicator] = []

    def walk(parent: str | None) -> None:
        for ind in children.get(parent, []):
            out.append(ind)
            walk(ind.id)

    walk(None)
    return out


PRE2019_ROWS = printed_order(PRE2019)


@dataclass(repr=False)
class RenderedRow:
    indicator: Indicator
    label: str
    unit: str
    value_text: str  # as printed ("" for a blank cell)
    value: int | Decimal | None  # what the parser must return

    @property
    def id(self) -> str:
        return self.indicator.id

    def __repr__(self) -> str:
        return f"RenderedRow({self.id!r}, {self.label!r}, {self.unit!r}, {self.value_text!r})"

    def _repr_pretty_(self, p: object, cycle: bool) -> None:
        p.text(repr(self))  # type: ignore[attr-defined]


@dataclass
class RenderedTable:
    text: str
    layout: str
    rows: list[RenderedRow] = field(default_factory=list)

    @property
    def expected(self) -> dict[str, int | Decimal | None]:
        return {r.indicator.id: r.value for r in self.rows if r.indicator.kind == "value"}


# -- labels -----------------------------------------------------------------------------


@st.composite
def label_for(draw: st.DrawFn, ind: Indicator) -> str:
    """A printed label: the canonical one or an alias, in full- or half-width, maybe spaced."""
    label = ind.label
    # Aliases of the pre-2019 table drop the item number; keep it so the hierarchy reads.
    if ind.aliases and draw(st.booleans()):
        alias = draw(st.sampled_from(ind.aliases))
        if len(alias) >= 4:
            label = alias
    if draw(st.booleans()):
        label = label.translate(FULL_TO_HALF_PUNCT)
    elif draw(st.booleans()):
        label = label.translate(HALF_TO_FULL_PUNCT)
    if draw(st.integers(0, 5)) == 0:
        # Spaced-out characters (quirk 10), as in "统 计 指 标".
        label = " ".join(label)
    return label


@st.composite
def value_cell(
    draw: st.DrawFn, ind: Indicator, *, allow_missing: bool = True
) -> tuple[str, int | Decimal | None]:
    """A value as printed and as it must be read."""
    choice = draw(st.integers(0 if allow_missing else 2, 19))
    if choice == 0:
        return "", None
    if choice == 1:
        return draw(st.sampled_from(["—", "/", "-", "——"])), None
    if ind.is_money and draw(st.booleans()):
        cents = draw(st.integers(0, 10**7))
        value = Decimal(cents) / 100
        text = f"{value:.2f}"
        return text, Decimal(text)
    n = draw(st.integers(0, 10**6))
    text = str(n)
    if n >= 1000 and draw(st.integers(0, 4)) == 0:
        text = f"{n:,}"  # thousands separators (quirk 15)
    if draw(st.integers(0, 5)) == 0:
        text = text.translate(FULLWIDTH_DIGITS)  # full-width digits (quirk 15)
    return text, (Decimal(n) if ind.is_money else n)


@st.composite
def pre2019_rows(draw: st.DrawFn) -> list[RenderedRow]:
    rows: list[RenderedRow] = []
    for n, ind in enumerate(PRE2019_ROWS):
        label = draw(label_for(ind))
        if ind.kind == "header":
            rows.append(RenderedRow(ind, label, draw(st.sampled_from(["-----", "—"])), "", None))
        else:
            # A table with no number at all is not a table; keep the first rows filled.
            text, value = draw(value_cell(ind, allow_missing=n > 4))
            rows.append(RenderedRow(ind, label, ind.unit or "", text, value))
    return rows


# -- layouts ----------------------------------------------------------------------------


def _split_parenthetical(label: str) -> tuple[str, str] | None:
    for opener in ("（", "("):
        pos = label.find(opener, 2)
        if pos > 0:
            return label[:pos], label[pos:]
    return None


def render_tabbed(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    out = ["\t统计指标\n\t单位\n\t统计数\n"]
    for row in rows:
        indent = " " * draw(st.integers(0, 12))
        parts = _split_parenthetical(row.label)
        if parts and draw(st.booleans()):
            # The parenthetical wrapped onto its own line, after a blank line, without the tab.
            head = f"\t{indent}{parts[0]}\n\n{' ' * draw(st.integers(0, 10))}{parts[1]}\n"
        else:
            head = f"\t{indent}{row.label}\n"
        out.append(f"{head}\t{row.unit}\n\t{row.value_text}\n")
    return "\n".join(out)


def render_untabbed(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    out = ["统计指标\n单位\n统计数\n"]
    for row in rows:
        value = row.value_text if row.value_text else " "
        out.append(f"{row.label}\n{row.unit}\n{value}\n")
    return "政府信息公开情况统计表\n\n" + "\n".join(out)


def render_pipe_rows(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    lead = draw(st.sampled_from(["", "| "]))
    pad = draw(st.sampled_from(["", " |", " | |||||", " ||", "|"]))
    out = [f"{lead}统 计 指 标 | 单位 | 统计数 |{pad}"]
    for row in rows:
        out.append(f"{lead}{row.label} | {row.unit} | {row.value_text} |{pad}")
    return "\n".join(out)


def render_pipe_cells(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    closer = draw(st.sampled_from(["|||", "||", "|"]))
    out = []
    for row in rows:
        value = f"{row.value_text} |" if row.value_text else "|"
        out.append(f"{row.label} |\n{row.unit} |\n{value}\n{closer}")
    return "\n".join(out)


def render_bars_between(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    out = []
    for row in rows:
        cells = [row.label, row.unit] + ([row.value_text] if row.value_text else [])
        out.append("\n|\n".join(cells) + "\n")
    return "\n".join(out)


def render_spaced(rows: list[RenderedRow], draw: st.DrawFn) -> str:
    out = []
    for row in rows:
        value = row.value_text if row.value_text else "—"
        if row.indicator.kind == "header":
            out.append(row.label)
        else:
            out.append(f"{row.label} {row.unit} {value}")
    return "\n".join(out)


LAYOUTS: dict[str, Callable[[list[RenderedRow], st.DrawFn], str]] = {
    "tabbed": render_tabbed,
    "vertical": render_untabbed,
    "pipe": render_pipe_rows,
    "pipe-cells": render_pipe_cells,
    "bars-between": render_bars_between,
    "spaced": render_spaced,
}


def _spaced_compatible(rows: list[RenderedRow]) -> list[RenderedRow]:
    # In the space-separated layout a spaced-out label and a blank value cannot be told from
    # other cells; PDF text prints "—" for them, which the renderer does.
    return rows


@st.composite
def rendered_pre2019(draw: st.DrawFn, layouts: tuple[str, ...] = tuple(LAYOUTS)) -> RenderedTable:
    layout = draw(st.sampled_from(layouts))
    rows = draw(pre2019_rows())
    if layout == "spaced":
        for row in rows:
            row.label = row.label.replace(" ", "")
            if not row.value_text and row.indicator.kind == "value":
                row.value = None
    text = LAYOUTS[layout](rows, draw)
    return RenderedTable(text=text, layout=layout, rows=rows)


# -- document-level damage ----------------------------------------------------------------

CHROME_TOP = [
    "当前位置：首页 > 政府信息公开 > 年度报告\n",
    "索 引 号 014341690/2018-00003 分  类\n发布机构 某区政府办 公开日期 2018-02-24\n",
    "",
]
CHROME_BOTTOM = [
    "\n打印本页 关闭窗口\n",
    "\n主办：某区人民政府办公室 ICP备05001234号 网站标识码1234000001\n",
    "",
]


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """Apply document-level damage that must not change any value."""
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 3)) == 0:
        text = "\ufeff" + text
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n\n", "\n\n\n")  # stray blank lines between rows
    space = draw(st.sampled_from([" ", "\u3000", "\xa0"]))
    text = text.replace("统计指标", f"统{space}计{space}指{space}标")
    top = draw(st.sampled_from(CHROME_TOP))
    bottom = draw(st.sampled_from(CHROME_BOTTOM))
    return f"{top}某区2016年政府信息公开工作年度报告\n\n附件：\n\n{text}\n{bottom}"
