"""Generate the indicator reference pages from ``gxgk_parse.SCHEMAS``.

One reST page per template (``pre2019``, ``2019``, ``2021``) listing every indicator id, its
printed label, the label variants recognised, unit, parent and arithmetic rules; for
post-2019 rows also the cell ids (``<row id>.<column key>``). Nothing on those pages is
written by hand: the pages are produced at build time from the schema data.

Used as a Sphinx extension (``builder-inited`` writes ``docs/reference/indicators/*.rst``,
a git-ignored directory, rewriting a file only when its text changed) and as a plain module
(``render_template()``), which ``tests/test_docs_reference.py`` imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gxgk_parse import SCHEMAS, TEMPLATES
from gxgk_parse.schema import SCHEMA_VERSION, Indicator, Schema

try:  # the matcher's own key: numbering, spaces, punctuation width, traditional characters
    from gxgk_parse.match import label_key
except ImportError:  # pragma: no cover - a renamed helper must not break the docs

    def label_key(text: str) -> str:
        return "".join(text.split())


__all__ = ["OUTPUT_DIR", "render_template", "write_pages"]

#: Where the pages go, relative to the Sphinx source directory.
OUTPUT_DIR = Path("reference") / "indicators"

# What each template is. Prose about the template, not about its rows: the rows come from
# the schema data.
_ABOUT = {
    "pre2019": (
        "pre2019 — 政府信息公开情况统计表 (2014–2018)",
        "The national statistics table of 2014 (国办发〔2014〕32号), attached to the reports of "
        "the years 2014 to 2018. Three columns — 统计指标, 单位, 统计数 — so every row carries "
        "one value and its indicator id is the id of the row.",
    ),
    "2019": (
        "2019 — 年度报告格式（试行） (reports for 2019–2020)",
        "The trial format of 国办公开办函〔2019〕60号: section 二 as small tables keyed by "
        "条例 第二十条 items, section 三 as one table with seven applicant columns, section 四 "
        "as one row of fifteen numbers. A value is a cell: its id is "
        "``<row id>.<column key>``.",
    ),
    "2021": (
        "2021 — 年度报告格式 (reports for 2021 onwards)",
        "The revised format of 国办公开办函〔2021〕30号, first used for the 2021 reports. "
        "Same shape as the 2019 format; section 二 has other columns, section 三 splits "
        "（六）其他处理 into three rows. A value is a cell: its id is "
        "``<row id>.<column key>``.",
    ),
}

_ROW_KINDS = ("header", "value", "row", "row_group", "derived")
_COLUMN_KINDS = ("column_header", "column_group", "column")

_KIND_TEXT = {
    "header": "header (no value)",
    "value": "value",
    "row": "row",
    "row_group": "group of rows (derived, not printed)",
    "derived": "derived (not printed)",
    "column": "column",
    "column_group": "column group (derived, not printed)",
    "column_header": "column header (no value)",
}

_RST_SPECIAL = re.compile(r"([\\*`|_])")
_LIST_START = re.compile(r"^(?:[-*+#]\s|\d+[.)]\s|[A-Za-z][.)]\s)")


def _text(value: str) -> str:
    """Escape free text (labels, notes) for reST."""
    out = _RST_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    if _LIST_START.match(out):
        out = "\\" + out
    return out


def _target(indicator_id: str) -> str:
    """An inline target, so that parents and rules can link to the row."""
    return f"_`{indicator_id}`"


def _ref(schema: Schema, indicator_id: str) -> str:
    """A link to an indicator of the same page, or the id as a literal."""
    if indicator_id in schema:
        return f"`{indicator_id}`_"
    return f"``{indicator_id}``"


def _refs(schema: Schema, ids: Iterable[str], sep: str = " + ") -> str:
    return sep.join(_ref(schema, i) for i in ids)


def _rules(schema: Schema, ind: Indicator) -> list[str]:
    """The arithmetic rules attached to *ind*, one line each."""
    lines: list[str] = []
    if ind.sum_of:
        parts = _refs(schema, ind.sum_of)
        if ind.kind == "value":
            lines.append(f"= {parts} (error: ``sum-mismatch``)")
        elif ind.kind == "row":
            lines.append(f"= {parts}, in every column (error: ``sum-mismatch``)")
        elif ind.kind == "column":
            lines.append(f"= {parts}, in every row (error: ``sum-mismatch``)")
        else:
            lines.append(f"Derived: = {parts}")
    for check in ind.checks:
        if check.rule == "le" and check.other:
            text = f"≤ {_ref(schema, check.other)} ({check.severity}: ``bound-violation``)"
        elif check.rule == "le_sum" and check.of:
            text = (
                f"max of the parts ≤ this ≤ {_refs(schema, check.of)} "
                f"({check.severity}: ``bound-violation``)"
            )
        elif check.rule == "eq_expr" and check.expr:
            where = ", in every column" if check.per_column else ""
            text = f"``{check.expr}``{where} ({check.severity}: ``sum-mismatch``)"
        else:  # a rule kind this page does not know yet: show it as data
            text = f"``{check.rule}`` ({check.severity})"
        if check.note:
            text += f" — {_text(check.note)}"
        lines.append(text)
    return lines


def _label_cell(ind: Indicator) -> list[str]:
    lines = [_text(ind.label)]
    # Variants that differ from the label only in what the matcher ignores are not shown.
    seen = {label_key(ind.label)}
    variants = []
    for alias in ind.aliases:
        key = label_key(alias)
        if key not in seen:
            seen.add(key)
            variants.append(_text(alias))
    if variants:
        lines.append("Variants: " + " · ".join(variants))
    if ind.note:
        lines.append(f"*Note:* {_text(ind.note)}")
    return lines


def _id_cell(ind: Indicator) -> list[str]:
    lines = [_target(ind.id), f"*{_KIND_TEXT.get(ind.kind, ind.kind)}*"]
    if not ind.printed and ind.kind not in ("row_group", "derived", "column_group"):
        lines.append("*not printed*")
    return lines


def _cells(schema: Schema, ind: Indicator) -> tuple[list[str], str]:
    """The cell ids of a post-2019 row, and the unit text of the row."""
    if not ind.columns:
        return [], ind.unit or ""
    cell_ids = [schema.cell_id(ind.id, col) for col in ind.columns]
    units = [schema.unit_of(c) for c in cell_ids]
    distinct = {u for u in units if u}
    lines = []
    for cell_id, unit in zip(cell_ids, units, strict=True):
        suffix = f" ({unit})" if len(distinct) > 1 and unit else ""
        lines.append(f"``{cell_id}``{suffix}")
    if ind.kind != "row":
        lines.append("*derived, never printed*")
    if ind.unit:
        unit_text = ind.unit
    elif len(distinct) == 1:
        unit_text = distinct.pop()
    elif distinct:
        unit_text = "per column"
    else:
        unit_text = ""
    return lines, unit_text


def _cell(lines: list[str], first: str) -> list[str]:
    """A list-table cell: paragraphs separated by blank lines, indented under ``first``."""
    if not lines:
        return [first.rstrip()]
    out = [f"{first}{lines[0]}"]
    indent = " " * len(first)
    for line in lines[1:]:
        out.extend(["", f"{indent}{line}"])
    return out


def _table(header: list[str], rows: list[list[list[str]]], widths: list[int]) -> list[str]:
    out = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(str(w) for w in widths)}",
        "   :class: gxgk-indicators",
        "",
    ]
    for row in [[[h] for h in header], *rows]:
        for i, cell in enumerate(row):
            out.extend(_cell(cell, "   * - " if i == 0 else "     - "))
    out.append("")
    return out


def _heading(title: str, char: str) -> list[str]:
    # East Asian characters are two columns wide; an over-long underline is always fine.
    return [title, char * (2 * len(title) + 2), ""]


def _sections(schema: Schema) -> list[tuple[str, list[Indicator]]]:
    order: dict[str, list[Indicator]] = {}
    for ind in schema.indicators:
        order.setdefault(ind.section, []).append(ind)
    return list(order.items())


def render_template(template: str) -> str:
    """The reST page of one template: every indicator of ``SCHEMAS[template]``.

    Args:
        template: ``"pre2019"``, ``"2019"`` or ``"2021"``.

    Returns:
        The page as reST text.
    """
    schema = SCHEMAS[template]
    title, about = _ABOUT.get(template, (template, ""))
    kinds: dict[str, int] = {}
    for ind in schema.indicators:
        kinds[ind.kind] = kinds.get(ind.kind, 0) + 1
    lines = [
        ".. This page is generated from gxgk_parse.SCHEMAS by docs/_ext/gxgk_indicators.py.",
        "   Do not edit it: change the schema data instead.",
        "",
        f".. _indicators-{template}:",
        "",
        *_heading(title, "="),
        about,
        "",
        f"Template name ``{template}`` (``gxgk_parse.get_schema({template!r})``), schema "
        f"version {SCHEMA_VERSION}: {len(schema)} indicators "
        f"({', '.join(f'{n} {k}' for k, n in kinds.items())}) and "
        f"{len(schema.value_ids)} value ids.",
        "",
        "Labels are quoted as printed in the template; *Variants* are the other wordings the "
        "parser recognises (typos, truncations, older wordings). Matching also ignores "
        "numbering, spaces, punctuation width and traditional characters, so those are not "
        "listed. Rules are checked on table values only; a blank operand makes a rule "
        "``not-assessable``, never zero.",
        "",
    ]
    post2019 = any(i.kind in ("row", "column") for i in schema.indicators)
    for section, members in _sections(schema):
        lines += _heading(section or "Other", "-")
        rows = [i for i in members if i.kind in _ROW_KINDS or i.kind not in _COLUMN_KINDS]
        columns = [i for i in members if i.kind in _COLUMN_KINDS]
        if post2019:
            if rows:
                lines += _heading(f"Rows of {section}" if section else "Rows", "~")
                body = []
                for ind in rows:
                    cells, unit = _cells(schema, ind)
                    parent = [_ref(schema, ind.parent)] if ind.parent else []
                    body.append(
                        [
                            _id_cell(ind),
                            _label_cell(ind),
                            [unit] if unit else [],
                            parent,
                            cells,
                            _rules(schema, ind),
                        ]
                    )
                lines += _table(
                    ["Id", "Printed label", "Unit", "Parent", "Cell ids", "Rules"],
                    body,
                    [18, 22, 6, 14, 22, 18],
                )
            if columns:
                lines += _heading(f"Columns of {section}" if section else "Columns", "~")
                body = []
                for ind in columns:
                    users = [r.id for r in schema.indicators if ind.id in r.columns]
                    key = [f"``{ind.key}``"] if ind.key else []
                    body.append(
                        [
                            _id_cell(ind),
                            _label_cell(ind),
                            [ind.unit] if ind.unit else [],
                            key,
                            [_ref(schema, ind.parent)] if ind.parent else [],
                            [_refs(schema, users, ", ")] if users else [],
                            _rules(schema, ind),
                        ]
                    )
                lines += _table(
                    ["Id", "Printed label", "Unit", "Key", "Parent", "Used by rows", "Rules"],
                    body,
                    [18, 20, 6, 10, 12, 20, 14],
                )
        else:
            body = []
            for ind in members:
                body.append(
                    [
                        _id_cell(ind),
                        _label_cell(ind),
                        [ind.unit] if ind.unit else [],
                        [_ref(schema, ind.parent)] if ind.parent else [],
                        _rules(schema, ind),
                    ]
                )
            lines += _table(
                ["Id", "Printed label", "Unit", "Parent", "Rules"], body, [22, 34, 6, 16, 22]
            )
    return "\n".join(lines).rstrip() + "\n"


def write_pages(srcdir: str | Path) -> list[Path]:
    """Write one page per template under ``<srcdir>/reference/indicators/``.

    A file is rewritten only when its text changed, so incremental builds stay incremental.

    Returns:
        The paths of the pages.
    """
    outdir = Path(srcdir) / OUTPUT_DIR
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for template in TEMPLATES:
        path = outdir / f"{template}.rst"
        text = render_template(template)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _on_builder_inited(app: Any) -> None:
    write_pages(app.srcdir)


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
