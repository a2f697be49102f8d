"""Invariants every report must satisfy, shared by the property and fuzz tests."""

from __future__ import annotations

from gxgk_parse import Report
from gxgk_parse.numbers import read_cell


def check_report(text: str, report: Report) -> None:
    """The invariants every report of a ``str`` input must satisfy."""
    n = len(text)
    table_spans = {o.span for o in report.observations if o.origin == "table"}
    unmapped_spans = {u.span for u in report.unmapped}
    for obs in report.observations:
        start, end = obs.span
        assert 0 <= start <= end <= n, obs
        assert text[start:end] == obs.raw, obs
    for cell in report.unmapped:
        start, end = cell.span
        assert 0 <= start <= end <= n, cell
        assert text[start:end] == cell.raw, cell
    for table in report.tables:
        start, end = table.span
        assert 0 <= start <= end <= n, table.span
        for row in table.rows:
            for c in row.cells:
                assert 0 <= c.span[0] <= c.span[1] <= n, c
                if read_cell(c.text).is_numeric:
                    assert c.span in table_spans or c.span in unmapped_spans, (
                        f"numeric cell {c.text!r} at {c.span} (line {c.line}) is neither "
                        "a table observation nor unmapped"
                    )
    for finding in report.findings:
        if finding.span is not None:
            assert 0 <= finding.span[0] <= finding.span[1] <= n, finding
