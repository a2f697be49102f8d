"""The JSON Schema of Report.to_dict(): generated from the model, shipped with the package,
and met by every report (checked with a small validator for the subset the generator uses)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import gxgk_parse
from gxgk_parse import parse_file, parse_report
from gxgk_parse.jsonschema import (
    load_report_json_schema,
    report_json_schema,
    report_json_schema_text,
)

from .conftest import FIXTURES, SEEDS, seed_text

SHIPPED = Path(gxgk_parse.__file__).with_name("report.schema.json")

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}
_KNOWN = {
    "$schema", "$defs", "$ref", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "enum", "anyOf", "pattern",
    "format",
}  # fmt: skip


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> None:
    """Raise AssertionError at the first place *value* breaks *schema* (the subset used)."""
    unknown = set(schema) - _KNOWN
    assert not unknown, f"the validator does not know {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        validate(value, root["$defs"][name], root, path)
        return
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                validate(value, option, root, path)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{path}: matches no option: {errors}")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        assert any(_is_type(value, t) for t in types), f"{path}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if "pattern" in schema and isinstance(value, str):
        assert re.search(schema["pattern"], value), f"{path}: {value!r} !~ {schema['pattern']}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key!r}"
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                validate(item, props[key], root, f"{path}.{key}")
            elif extra is False:
                raise AssertionError(f"{path}: unexpected property {key!r}")
            elif isinstance(extra, dict):
                validate(item, extra, root, f"{path}.{key}")
    if isinstance(value, list):
        if "minItems" in schema:
            assert len(value) >= schema["minItems"], f"{path}: too few items"
        if "maxItems" in schema:
            assert len(value) <= schema["maxItems"], f"{path}: too many items"
        if "items" in schema:
            for i, item in enumerate(value):
                validate(item, schema["items"], root, f"{path}[{i}]")


def test_shipped_file_is_the_generated_one() -> None:
    # After a model change: gxgk-parse --json-schema > src/gxgk_parse/report.schema.json
    assert SHIPPED.read_text("utf-8") == report_json_schema_text()
    assert load_report_json_schema() == report_json_schema()


def test_schema_shape() -> None:
    schema = report_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["$defs"]) == {
        "Cell", "Finding", "MatchInfo", "Metadata", "Observation", "Row", "RuleDetail",
        "Table", "UnmappedCell",
    }  # fmt: skip
    obs = schema["$defs"]["Observation"]["properties"]
    assert obs["origin"] == {"type": "string", "enum": ["table", "prose", "derived"]}
    assert obs["span"]["minItems"] == obs["span"]["maxItems"] == 2
    assert "_preferred" not in schema["properties"]


@pytest.mark.parametrize("key", SEEDS)
def test_every_seed_validates(key: str) -> None:
    schema = load_report_json_schema()
    report = parse_report(seed_text(key))
    validate(report.to_dict(), schema, schema)
    validate(json.loads(report.to_json()), schema, schema)


@pytest.mark.parametrize("name", ["pre2019_001.html", "y2019.html", "y2021.html"])
def test_html_reports_validate(name: str) -> None:
    schema = load_report_json_schema()
    report = parse_file(FIXTURES / "html" / name)
    validate(json.loads(report.to_json()), schema, schema)


def test_decimal_values_validate_as_strings() -> None:
    schema = load_report_json_schema()
    data = parse_report(seed_text("000")).to_dict()
    money = [o for o in data["observations"] if isinstance(o["value"], str)]
    assert money, "seed 000 has 万元 values"
    validate(data, schema, schema)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("metadata"),
        lambda d: d.update(template=3),
        lambda d: d.update(surprise=True),
        lambda d: d["observations"][0].update(value="twelve"),
        lambda d: d["observations"][0].update(span=[1, 2, 3]),
        lambda d: d["observations"][0].update(origin="guess"),
        lambda d: d["metadata"].update(period_start="31/12/2016"),
    ],
)
def test_the_validator_rejects_broken_reports(breakage: Any) -> None:
    schema = load_report_json_schema()
    data = json.loads(parse_report(seed_text("001")).to_json())
    breakage(data)
    with pytest.raises(AssertionError):
        validate(data, schema, schema)
