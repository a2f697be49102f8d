"""Rendering a Report for notebooks (``_repr_html_``).

Everything taken from the report is escaped: labels, raw text and metadata come from web
pages, and a notebook must show them, not run them.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .model import METADATA_FIELDS

if TYPE_CHECKING:
    from .model import Report

__all__ = ["report_html"]


_SEVERITY_COLOUR = {"error": "#b00020", "warning": "#8a6d00", "info": "#555"}


def _text(value: object) -> str:
    return escape("" if value is None else str(value))


def report_html(report: Report, *, max_rows: int = 400) -> str:
    """An HTML summary of *report*: metadata, observations and findings.

    Args:
        report: the report.
        max_rows: show at most this many observations and findings (the rest are counted).

    Returns:
        An HTML fragment (a ``<div>``) for Jupyter's ``_repr_html_``.
    """
    meta = report.metadata
    parts = ["<div class='gxgk-report'>"]
    parts.append(f"<strong>{_text(repr(report))}</strong>")
    about = [
        f"{label}: <code>{_text(value)}</code>"
        for label, value in (("source", report.source), ("encoding", report.encoding))
        if value
    ]
    if about:
        parts.append(f"<p>{', '.join(about)}</p>")
    rows = "".join(
        f"<tr><th style='text-align:left'>{name}</th><td>{_text(getattr(meta, name))}</td></tr>"
        for name in METADATA_FIELDS
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
            f"<td><code>{_text(obs.indicator)}</code></td><td>{_text(label)}</td>"
            f"<td style='text-align:right'>{_text(obs.value)}</td>"
            f"<td>{_text(obs.unit)}</td><td>{_text(obs.origin)}</td><td>{obs.line}</td>"
            "</tr>"
        )
    if body:
        head = (
            "<tr><th>indicator</th><th>label</th><th>value</th><th>unit</th>"
            "<th>origin</th><th>line</th></tr>"
        )
        more = len(report.observations) - max_rows
        caption = "observations" + (f" (first {max_rows}, {more} more)" if more > 0 else "")
        parts.append(f"<table><caption>{caption}</caption>{head}{''.join(body)}</table>")
    if report.findings:
        items = "".join(
            f"<li><b style='color:{_SEVERITY_COLOUR.get(f.severity, '#555')}'>"
            f"{_text(f.severity)}</b> <code>{_text(f.code)}</code> "
            f"{'line ' + str(f.line) + ': ' if f.line else ''}{_text(f.message)}</li>"
            for f in report.findings[:max_rows]
        )
        more = len(report.findings) - max_rows
        if more > 0:
            items += f"<li>… {more} more</li>"
        parts.append(
            f"<details open><summary>findings ({len(report.findings)})</summary>"
            f"<ul>{items}</ul></details>"
        )
    if report.unmapped:
        parts.append(f"<p>{len(report.unmapped)} unmapped numeric cells</p>")
    parts.append("</div>")
    return "".join(parts)
