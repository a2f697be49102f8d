"""The findings catalogue (docs/reference/findings.md) names every code the source can emit.

The codes are collected from the source itself, so a new finding code, unmapped reason or
error code fails this test until the catalogue explains it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "gxgk_parse"
CATALOGUE = ROOT / "docs" / "reference" / "findings.md"


def _str_constant(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _strings(node: ast.AST | None, index: int | None = None) -> Iterator[str]:
    """The string constants *node* can evaluate to: ``"x"``, ``"x" if c else "y"``, and the
    *index*-th element of a tuple (for ``code, reason = ("x", "y")``)."""
    if isinstance(node, ast.IfExp):
        yield from _strings(node.body, index)
        yield from _strings(node.orelse, index)
    elif index is not None and isinstance(node, (ast.Tuple, ast.List)):
        if index < len(node.elts):
            yield from _strings(node.elts[index])
    elif index is None and (value := _str_constant(node)):
        yield value


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _positional(call: ast.Call, keyword: str) -> ast.AST | None:
    """The argument of *call* that carries a code or reason by position, if any."""
    name = _call_name(call).lower()
    index = None
    if keyword == "code" and "finding" in name:
        index = 0  # sink.finding("x", severity, message, ...)
    elif keyword == "code" and name == "error_record":
        index = 1  # error_record(source, "x", message)
    elif keyword == "reason" and name in ("unmap", "_unmap"):
        index = 2  # sink.unmap(cell, cv, "x") — usually given as reason=
    if index is None or len(call.args) <= index:
        return None
    return call.args[index]


def _defaults(args: ast.arguments) -> list[tuple[ast.arg, ast.expr]]:
    positional = [*args.posonlyargs, *args.args]
    pairs = list(
        zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
    )
    pairs += [
        (arg, default)
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        if default is not None
    ]
    return pairs


def _codes_in(tree: ast.AST, keyword: str) -> Iterator[str]:
    """String constants given as *keyword* (``code`` / ``reason``), however spelled.

    Covers ``Finding(code="x")``, ``sink.finding("x", ...)`` (a first positional argument of
    a call whose name mentions findings), ``error_record(source, "x", message)``,
    ``{"code": "x"}``, ``code = "x"`` (also in a conditional or a tuple assignment),
    ``code: str = "x"`` and argument defaults.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == keyword:
                    yield from _strings(kw.value)
            yield from _strings(_positional(node, keyword))
        elif isinstance(node, ast.Dict):
            for key, val in zip(node.keys, node.values, strict=True):
                if _str_constant(key) == keyword:
                    yield from _strings(val)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == keyword:
                    yield from _strings(node.value)
                elif isinstance(target, ast.Tuple):
                    for i, elt in enumerate(target.elts):
                        if isinstance(elt, ast.Name) and elt.id == keyword:
                            yield from _strings(node.value, i)
        elif isinstance(node, ast.AnnAssign):
            if isinstance(node.target, ast.Name) and node.target.id == keyword:
                yield from _strings(node.value)
        elif isinstance(node, ast.arguments):
            for arg, default in _defaults(node):
                if arg.arg == keyword:
                    yield from _strings(default)


def emitted(keyword: str) -> set[str]:
    """Every ``code``/``reason`` string the package's source can produce."""
    found: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found.update(_codes_in(tree, keyword))
    return found


def catalogue() -> str:
    return CATALOGUE.read_text(encoding="utf-8")


def test_the_grep_finds_the_known_codes() -> None:
    # Guards the collector itself: if these disappear, the AST walk above broke.
    codes = emitted("code")
    assert {"sum-mismatch", "unknown-row", "no-statistics", "undecodable"} <= codes
    assert {"unknown-row", "extra-cell", "header-row"} <= emitted("reason")


@pytest.mark.parametrize("code", sorted(emitted("code")))
def test_every_code_is_in_the_catalogue(code: str) -> None:
    assert f"`{code}`" in catalogue(), (
        f"finding/error code {code!r} is emitted in src/ but not explained in "
        f"{CATALOGUE.relative_to(ROOT)}"
    )


@pytest.mark.parametrize("reason", sorted(emitted("reason")))
def test_every_unmapped_reason_is_in_the_catalogue(reason: str) -> None:
    text = catalogue()
    section = text[text.index("## Unmapped numbers") :]
    assert f"`{reason}`" in section, (
        f"unmapped reason {reason!r} is used in src/ but not listed under 'Unmapped numbers' "
        f"in {CATALOGUE.relative_to(ROOT)}"
    )


def test_every_catalogued_finding_has_a_section() -> None:
    text = catalogue()
    summary = text[text.index("## Summary") : text.index("## Rule findings")]
    codes = [line.split("`")[1] for line in summary.splitlines() if line.startswith("| [`")]
    assert codes, "the summary table lists no code"
    for code in codes:
        assert f"({code})=\n### `{code}`" in text, f"no section for {code!r}"
