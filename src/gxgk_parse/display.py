"""Rendering a Report for notebooks (``_repr_html_``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Report

__all__ = ["report_html"]

_META_FIELDS = (
    "title",
    "region",
    "agency",
    "year",
    "period_start",
    "period_end",
    "publisher",
    "published",
    "index_number",
    "filled_by",
    "filled_date",
)


def report_html(report: Report, *, max_rows: int = 400) -> str:
    meta = report.metadata
    parts = ["<div class='gxgk-report'>"]
    parts.append(f"<strong>{escape(repr(report))}</strong>")
    rows = "".join(
        f"<tr><th style='text-align:left'>{name}</th><td>{escape(str(getattr(meta, name)))}</td></tr>"
        for name in _META_FIELDS
        if getattr(meta, name) is not None
    )
    if rows:
        parts.append(f"<table><caption>metadata</caption>{rows}</table>")
    schema = report.schema
    body = []
    for obs in report.observations[:max_rows]:
        label = schema.label_of(obs.indicator) if schema else ""
        body.append(
            "<tr>"
            f"<td><code>{escape(obs.indicator)}</code></td><td>{escape(label)}</td>"
            f"<td style='text-align:right'>{escape('' if obs.value is None else str(obs.value))}</td>"
            f"<td>{escape(obs.unit or '')}</td><td>{obs.origin}</td><td>{obs.line}</td>"
            "</tr>"
        )
    if body:
        head = "<tr><th>indicator</th><th>label</th><th>value</th><th>unit</th><th>origin</th><th>line</th></tr>"
        more = len(report.observations) - max_rows
        caption = "observations" + (f" (first {max_rows}, {more} more)" if more > 0 else "")
        parts.append(f"<table><caption>{caption}</caption>{head}{''.join(body)}</table>")
    if report.findings:
        items = "".join(
            f"<li><b>{escape(f.severity)}</b> <code>{escape(f.code)}</code> "
            f"{'line ' + str(f.line) + ': ' if f.line else ''}{escape(f.message)}</li>"
            for f in report.findings
        )
        parts.append(
            f"<details open><summary>findings ({len(report.findings)})</summary><ul>{items}</ul></details>"
        )
    if report.unmapped:
        parts.append(f"<p>{len(report.unmapped)} unmapped numeric cells</p>")
    parts.append("</div>")
    return "".join(parts)
