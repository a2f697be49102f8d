"""The three post-2019 tables rendered from the schema, in every text layout, then damaged.

The rendering follows the printed template (schema.md §3-§5): table 二 as blocks headed
``第二十条第（X）项`` with a ``信息内容`` header row; table 三 with its three header rows,
the group label of a rowspan printed on the line of its first sub-row (quirk 6); table 四
as three header rows over one line of 15 values. Labels come from the schema, never typed
here, except the two header cells the schema does not model (``信息内容`` and the 勾稽 note).

:func:`render_report` is deterministic (used to build the static fixtures);
:func:`post2019_reports` draws values, layout and damage with hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

from gxgk_parse.schema import Indicator, Schema, get_schema

Value = int | Decimal | None

INFO_HEADER = "信息内容"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
FULL_TO_HALF = str.maketrans("（）：，", "():,")


# -- the printed structure ------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One value cell of a printed table: its id and how the column reads it."""

    id: str
    column: Indicator


@dataclass
class Grid:
    """A table as printed: rows of cells, each cell a label text or a value slot."""

    rows: list[list[str | Slot]] = field(default_factory=list)


def _children(schema: Schema, parent: str, kinds: tuple[str, ...]) -> list[Indicator]:
    return [i for i in schema.children(parent) if i.kind in kinds]


def _slots(schema: Schema, row: Indicator) -> list[Slot]:
    return [Slot(f"{row.id}.{schema[c].key}", schema[c]) for c in row.columns]


def table2(schema: Schema) -> Grid:
    grid = Grid()
    section = schema["proactive"].section
    blocks = [
        h
        for h in schema.indicators
        if h.kind == "header" and h.section == section and _children(schema, h.id, ("row",))
    ]
    for block in blocks:
        rows = _children(schema, block.id, ("row",))
        grid.rows.append([block.label])
        grid.rows.append([INFO_HEADER, *(schema[c].label for c in rows[0].columns)])
        for row in rows:
            grid.rows.append([row.label, *_slots(schema, row)])
    return grid


def table3(schema: Schema) -> Grid:
    grid = Grid()
    cols = [schema[c] for c in schema["requests.new"].columns]
    group = next(i for i in schema.indicators if i.kind == "column_group")
    applicants = next(i for i in schema.indicators if i.kind == "column_header")
    top = [c for c in cols if c.parent != group.id]
    sub = [c for c in cols if c.parent == group.id]
    grid.rows.append([T3_NOTE, applicants.label])
    grid.rows.append([top[0].label, group.label, *(c.label for c in top[1:])])
    grid.rows.append([c.label for c in sub])

    def walk(parent: str, prefix: list[str]) -> None:
        for ind in schema.children(parent):
            if ind.kind == "row":
                grid.rows.append([*prefix, ind.label, *_slots(schema, ind)])
                prefix = []
            elif ind.kind in ("row_group", "header"):
                walk(ind.id, [*prefix, ind.label])
                prefix = []

    walk("requests", [])
    return grid


def table4(schema: Schema) -> Grid:
    rows = [i for i in schema.indicators if i.kind == "row" and i.column_set == "t4"]
    cols = [schema[c] for c in rows[0].columns]
    heads = sorted({r.parent for r in rows if r.parent}, key=lambda p: schema[p].order)
    top = [schema[h] for h in heads]
    # Row 1: 行政复议 | 行政诉讼 — the review row's own label stands for its header.
    first = [rows[0].label, *(h.label for h in top if h.id != rows[0].parent)]
    second = [*(c.label for c in cols), *(r.label for r in rows[1:])]
    third = [c.label for c in cols] * (len(rows) - 1)
    values: list[str | Slot] = [s for r in rows for s in _slots(schema, r)]
    return Grid(rows=[list(first), list(second), list(third), values])


def slots_of(grids: Sequence[Grid]) -> list[Slot]:
    return [c for g in grids for r in g.rows for c in r if isinstance(c, Slot)]


# -- values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How values are printed: signs of changes (quirk 13) and units in money cells (14)."""

    plus: str = "+"
    minus: str = "-"
    money_unit: str = ""


PLAIN = Style()


def value_text(slot: Slot, value: Value, *, style: Style = PLAIN) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}{style.money_unit}"
    if is_signed_column(slot) and value > 0:
        return f"{style.plus}{value}"
    if value < 0:
        return f"{style.minus}{-value}"
    return str(value)


def is_signed_column(slot: Slot) -> bool:
    """The 本年增/减 column: the one whose label is a change (its key says so)."""
    return slot.column.key == "change"


# -- layouts ------------------------------------------------------------------------------

Blank = str  # how a layout prints an empty value cell
Render = Callable[[list[list[str]]], str]


def _pipe(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def _tabbed(rows: list[list[str]]) -> str:
    return "\n\n".join("\n".join("\t" + c for c in r) for r in rows)


def _vertical(rows: list[list[str]]) -> str:
    return "\n\n".join("\n".join(c if c else " " for c in r) for r in rows)


def _pipe_cells(rows: list[list[str]]) -> str:
    return "\n".join("\n".join(f"{c} |" for c in r) + "\n|||" for r in rows)


def _bars_between(rows: list[list[str]]) -> str:
    return "\n\n".join("\n|\n".join(r) for r in rows)


def _spaced(rows: list[list[str]]) -> str:
    return "\n".join(" ".join(r) for r in rows)


@dataclass(frozen=True)
class Layout:
    name: str
    render: Render
    blank: Blank  # an empty cell as this layout can print it


LAYOUTS: dict[str, Layout] = {
    "pipe": Layout("pipe", _pipe, ""),
    "tabbed": Layout("tabbed", _tabbed, ""),
    "vertical": Layout("vertical", _vertical, ""),
    # One cell per line closed by a bar, and a lone bar between cells: a line holding only
    # bars closes a row, so an empty cell cannot be printed empty; PDF-derived text loses
    # empty cells entirely. These layouts print a dash.
    "pipe-cells": Layout("pipe-cells", _pipe_cells, "—"),
    "bars-between": Layout("bars-between", _bars_between, "—"),
    "spaced": Layout("spaced", _spaced, "—"),
}


def grid_text(grid: Grid, values: dict[str, Value], layout: Layout, style: Style = PLAIN) -> str:
    rows: list[list[str]] = []
    for row in grid.rows:
        cells: list[str] = []
        for cell in row:
            if isinstance(cell, Slot):
                text = value_text(cell, values[cell.id], style=style)
                cells.append(text or layout.blank)
            else:
                cells.append(cell)
        rows.append(cells)
    return layout.render(rows)


# -- whole reports ------------------------------------------------------------------------

PROSE = {
    "title": "某县交通运输局{year}年政府信息公开工作年度报告",
    "intro": (
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限"
        "自{year}年1月1日起至{year}年12月31日止。"
    ),
    "one": "一、总体情况",
    "one_text": (
        "{year}年，我局坚持以公开为常态、不公开为例外，进一步规范政府信息公开工作，"
        "完善依申请公开办理流程，加强平台建设和监督保障。"
    ),
    "two": "二、主动公开政府信息情况",
    "two_text": "我局通过门户网站、政务新媒体等渠道主动公开政府信息，具体情况如下表。",
    "three": "三、收到和处理政府信息公开申请情况",
    "three_text": "本年度收到的政府信息公开申请均已在法定期限内答复，具体情况如下表。",
    "four": "四、政府信息公开行政复议、行政诉讼情况",
    "four_text": "本年度因政府信息公开工作被申请行政复议、提起行政诉讼的情况如下表。",
    "five": "五、存在的主要问题及改进情况",
    "five_text": "主动公开的深度和广度还需拓展。下一步，我局将加强培训，提升公开质量。",
    "six": "六、其他需要报告的事项",
    "six_text": "本年度无其他需要报告的事项。",
}


def grids(schema: Schema) -> tuple[Grid, Grid, Grid]:
    return table2(schema), table3(schema), table4(schema)


def render_report(
    template: str,
    values: dict[str, Value],
    layout: Layout,
    *,
    year: int | None = None,
    prose_between: bool = True,
    style: Style = PLAIN,
) -> str:
    schema = get_schema(template)
    t2, t3, t4 = grids(schema)
    year = year or (2019 if template == "2019" else 2021)
    p = {k: v.format(year=year) for k, v in PROSE.items()}
    parts = [
        p["title"],
        p["intro"],
        p["one"],
        p["one_text"],
        p["two"],
        p["two_text"],
        grid_text(t2, values, layout, style),
        p["three"],
        p["three_text"],
        grid_text(t3, values, layout, style),
        p["four"],
        p["four_text"],
        grid_text(t4, values, layout, style),
        p["five"],
        p["five_text"],
        p["six"],
        p["six_text"],
    ]
    if not prose_between:
        parts = [x for x in parts if x not in (p["two_text"], p["three_text"], p["four_text"])]
    return "\n\n".join(parts) + "\n"


# -- hypothesis ---------------------------------------------------------------------------


IntSource = Callable[[int, int], int]


def consistent_values(template: str, ints: IntSource, *, blanks: bool = False) -> dict[str, Value]:
    """Values for every cell that satisfy every rule of §6 (totals, the 勾稽 rule).

    *ints(lo, hi)* supplies the free choices (hypothesis or a seeded ``random.Random``).
    With *blanks*, some free cells of table 二 are left blank (no rule reads them).
    """
    schema = get_schema(template)
    out: dict[str, Value] = {}
    for slot in slots_of([table2(schema)]):
        if blanks and ints(0, 9) == 0:
            out[slot.id] = None
        elif slot.column.is_money:
            out[slot.id] = Decimal(ints(0, 10**6)) / 100
        elif is_signed_column(slot):
            out[slot.id] = ints(-50, 50)
        elif slot.column.key == "public_total" and isinstance(out.get(_sibling(slot)), int):
            # §6.4: what is public in total includes what was published this year.
            out[slot.id] = _int(out[_sibling(slot)]) + ints(0, 3000)
        else:
            out[slot.id] = ints(0, 3000)
    processed = schema["requests.processed"]
    parts = [c for c in processed.columns if c != "t3.col.total"]
    keys = [schema[c].key for c in parts]
    t3_rows = [
        i.id for i in schema.indicators if i.kind == "row" and i.column_set == processed.column_set
    ]
    leaves = [*(processed.sum_of or ()), "requests.new", "requests.carried_over"]
    for row in t3_rows:
        for key in keys:
            if row in leaves:
                out[f"{row}.{key}"] = ints(0, 60)
    for key in keys:
        done = sum(_int(out[f"{leaf}.{key}"]) for leaf in processed.sum_of or ())
        out[f"requests.processed.{key}"] = done
        have = _int(out[f"requests.new.{key}"]) + _int(out[f"requests.carried_over.{key}"])
        if have < done:
            out[f"requests.new.{key}"] = _int(out[f"requests.new.{key}"]) + done - have
            have = done
        out[f"requests.carried_forward.{key}"] = have - done
    for row in t3_rows:
        out[f"{row}.total"] = sum(_int(out[f"{row}.{k}"]) for k in keys)
    for t4 in (i for i in schema.indicators if i.kind == "row" and i.column_set == "t4"):
        own = [schema[c].key for c in t4.columns if schema[c].key != "total"]
        for key in own:
            out[f"{t4.id}.{key}"] = ints(0, 20)
        out[f"{t4.id}.total"] = sum(_int(out[f"{t4.id}.{k}"]) for k in own)
    return out


def _sibling(slot: Slot) -> str:
    return slot.id.rpartition(".")[0] + ".published"


def _int(value: Value) -> int:
    assert isinstance(value, int)
    return value


@st.composite
def cell_value(draw: st.DrawFn, slot: Slot) -> Value:
    # Blank one cell in ten (not the first choice: a table with no number is no table).
    if draw(st.integers(0, 9)) == 9:
        return None
    if slot.column.is_money:
        cents = draw(st.integers(0, 10**6))
        return Decimal(cents) / 100
    n = draw(st.integers(0, 3000))
    if is_signed_column(slot) and draw(st.booleans()):
        n = -n
    return n


@st.composite
def table_values(draw: st.DrawFn, template: str) -> dict[str, Value]:
    return {s.id: draw(cell_value(s)) for s in slots_of(grids(get_schema(template)))}


def expected_value(value: Value, layout: Layout) -> Value:
    """What the parser must read back (a dash is missing, like a blank)."""
    return value


@dataclass
class Rendered:
    template: str
    layout: str
    text: str
    values: dict[str, Value]


@st.composite
def damaged(draw: st.DrawFn, text: str, layout: str) -> str:
    """Damage that must not change any value: width, spaced headers, CRLF, blank lines."""
    if draw(st.booleans()):
        text = text.translate(FULL_TO_HALF)
    if draw(st.booleans()):
        # Spaced-out header characters (quirk 10), as in "商 业 企 业".
        for word in draw(st.lists(st.sampled_from(SPACEABLE), max_size=3, unique=True)):
            text = text.replace(word, " ".join(word))
    if draw(st.booleans()):
        # Wrapped headers that kept their first line only (quirk 11).
        text = text.replace("本年新制作数量", "本年新").replace("本年新公开数量", "本年新")
    if draw(st.booleans()):
        text = text.replace("\n\n", "\n\n\n")  # stray blank lines between rows
    if draw(st.booleans()):
        top = draw(st.sampled_from(CHROME_TOP))
        bottom = draw(st.sampled_from(CHROME_BOTTOM))
        text = f"{top}{text}{bottom}"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 3)) == 0:
        text = text.translate(FULLWIDTH_DIGITS)
    return text


# Web chrome around the report (quirk 22).
CHROME_TOP = (
    "当前位置：首页 > 政府信息公开 > 政府信息公开年报\n索 引 号 11341702486344515H/202201-00013\n\n",
    "发布机构 某县交通运输局 公开日期 2022-01-20\n\n",
)
CHROME_BOTTOM = ("\n打印本页 关闭窗口\n", "\n主办：某县人民政府办公室 ICP备05001234号\n")

# Header words a report may print spaced out; all are column headers of tables 二-四.
SPACEABLE = ("商业企业", "科研机构", "自然人", "总计", "结果维持", "尚未审结")


@st.composite
def post2019_reports(
    draw: st.DrawFn,
    templates: tuple[str, ...] = ("2019", "2021"),
    layouts: tuple[str, ...] = tuple(LAYOUTS),
    damage: bool = True,
) -> Rendered:
    template = draw(st.sampled_from(templates))
    layout = draw(st.sampled_from(layouts))
    if draw(st.booleans()):
        values = consistent_values(template, lambda lo, hi: draw(st.integers(lo, hi)))
    else:
        values = draw(table_values(template))
    style = Style(
        plus=draw(st.sampled_from(["+", "增", ""])),
        minus=draw(st.sampled_from(["-", "减", "減", "−"])),
        money_unit=draw(st.sampled_from(["", "万元"])),
    )
    text = render_report(template, values, LAYOUTS[layout], style=style)
    if damage:
        text = draw(damaged(text, layout))
    return Rendered(template, layout, text, values)
