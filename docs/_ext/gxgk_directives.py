"""Small directives for documenting pieces of gxgk_parse that may not exist in every tree.

``gxgk-if-available``
    Parse the directive's content only when its target exists: a module
    (``gxgk_parse.cli``), a module attribute (``gxgk_parse:to_frame``) or a file of the
    repository (``file:examples/dask_bag.py``). Otherwise the content is left out (logged at
    info level), so that a page can document a piece as soon as it lands without breaking the
    ``-W`` build before. The content must not contain headings.

``gxgk-command-output``
    Run ``python -m <argument…>`` with the interpreter of the build and show its standard
    output as a literal block (the CLI reference shows ``--help`` this way, so it cannot go
    stale). A failing command is a build warning.
"""

from __future__ import annotations

import importlib
import importlib.util
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

__all__ = ["is_available"]

logger = logging.getLogger(__name__)


def is_available(target: str, root: Path) -> bool:
    """Whether *target* (``pkg.module``, ``pkg.module:attribute`` or ``file:path``) exists."""
    if target.startswith("file:"):
        return (root / target[len("file:") :]).is_file()
    module, _, attribute = target.partition(":")
    try:
        if importlib.util.find_spec(module) is None:
            return False
    except ModuleNotFoundError:
        return False
    if not attribute:
        return True
    return hasattr(importlib.import_module(module), attribute)


class IfAvailable(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0]
        root = Path(self.env.srcdir).parent
        if target.startswith("file:"):
            self.env.note_dependency(str(root / target[len("file:") :]))
        if not is_available(target, root):
            logger.info("gxgk-if-available: %s not found, content left out", target)
            return []
        holder = nodes.container()
        nested_parse_with_titles(self.state, self.content, holder, self.content_offset)
        return list(holder.children)


class CommandOutput(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "cwd": directives.unchanged,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        args = [sys.executable, "-m", *shlex.split(self.arguments[0])]
        cwd = Path(self.env.srcdir).parent / self.options.get("cwd", ".")
        shown = "python -m " + self.arguments[0]
        try:
            done = subprocess.run(
                args,
                cwd=cwd,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            logger.warning("%s failed: %s", shown, exc, location=self.get_location())
            return []
        if done.returncode != 0:
            logger.warning(
                "%s exited with %s: %s",
                shown,
                done.returncode,
                done.stderr.strip(),
                location=self.get_location(),
            )
            return []
        text = f"$ {shown}\n{done.stdout.rstrip()}"
        block = nodes.literal_block(text, text)
        block["language"] = self.options.get("language", "text")
        return [block]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("gxgk-if-available", IfAvailable)
    app.add_directive("gxgk-command-output", CommandOutput)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
