"""The indicator reference lists every id of the schema data, and the API page every public
name, so that neither can go stale."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import gxgk_parse
from gxgk_parse import SCHEMAS, TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

sys.path.insert(0, str(DOCS / "_ext"))
import gxgk_indicators  # noqa: E402  (the generator of docs/reference/indicators/*.rst)


@pytest.fixture(scope="module", params=TEMPLATES)
def page(request: pytest.FixtureRequest) -> tuple[str, str]:
    template: str = request.param
    return template, gxgk_indicators.render_template(template)


def test_every_indicator_id_has_an_entry(page: tuple[str, str]) -> None:
    template, text = page
    # Each indicator is a link target of its page: _`id`.
    missing = [i.id for i in SCHEMAS[template] if f"_`{i.id}`" not in text]
    assert missing == []


def test_every_value_id_is_listed(page: tuple[str, str]) -> None:
    template, text = page
    schema = SCHEMAS[template]
    listed = set(re.findall(r"``([A-Za-z0-9_.]+)``", text)) | set(
        re.findall(r"_`([A-Za-z0-9_.]+)`", text)
    )
    missing = [v for v in schema.value_ids if v not in listed]
    assert missing == []


def test_post2019_cell_ids_are_listed_with_their_rows() -> None:
    text = gxgk_indicators.render_template("2019")
    schema = SCHEMAS["2019"]
    row = schema["requests.new"]
    for column in row.columns:
        assert f"``{schema.cell_id(row.id, column)}``" in text
    # Row groups print no cells, but their (derived) cell ids are listed too.
    assert "``requests.result.refused.total``" in text


def test_labels_units_and_rules_are_shown() -> None:
    text = gxgk_indicators.render_template("pre2019")
    received = SCHEMAS["pre2019"]["requests.received"]
    assert received.label in text
    assert "`requests.received.by_mail`_" in text  # a part of its sum, linked
    assert "sum-mismatch" in text and "bound-violation" in text


def test_the_pages_are_valid_restructuredtext() -> None:
    docutils_core = pytest.importorskip("docutils.core")
    for template in TEMPLATES:
        text = gxgk_indicators.render_template(template)
        # report_level 2: warnings and errors become system messages in the output.
        out = docutils_core.publish_doctree(
            text, settings_overrides={"report_level": 2, "halt_level": 5}
        )
        problems = [
            node.astext()
            for node in out.findall()
            if node.tagname == "system_message" and int(node["level"]) >= 2
        ]
        assert problems == [], template


def test_write_pages_is_idempotent(tmp_path: Path) -> None:
    first = gxgk_indicators.write_pages(tmp_path)
    mtimes = [p.stat().st_mtime_ns for p in first]
    second = gxgk_indicators.write_pages(tmp_path)
    assert [p.name for p in first] == [f"{t}.rst" for t in TEMPLATES]
    assert [p.stat().st_mtime_ns for p in second] == mtimes


def test_the_templates_page_links_every_indicator_page() -> None:
    text = (DOCS / "reference" / "templates.md").read_text(encoding="utf-8")
    for template in TEMPLATES:
        assert f"indicators/{template}\n" in text


def test_every_public_name_is_in_the_api_reference() -> None:
    api = (DOCS / "reference" / "api.rst").read_text(encoding="utf-8")
    missing = [
        name
        for name in gxgk_parse.__all__
        if not re.search(rf"gxgk_parse\.{re.escape(name)}\b", api)
    ]
    assert missing == [], "add these to docs/reference/api.rst"
