"""Sphinx configuration for the gxgk_parse documentation.

Build: ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
Run every example: ``python -m sphinx -W --keep-going -b doctest docs docs/_build/doctest``.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import gxgk_parse  # noqa: E402

project = "gxgk_parse"
author = "gxgk_parse developers"
copyright = "gxgk_parse developers"
release = gxgk_parse.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "myst_parser",
    "gxgk_indicators",  # the indicator reference, generated from gxgk_parse.SCHEMAS
    "gxgk_directives",  # gxgk-if-available, gxgk-command-output
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- MyST ----------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc / napoleon --------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
napoleon_use_rtype = False

# -- doctest -------------------------------------------------------------------------------
# Every ``doctest`` / ``testcode`` block of the pages, and every ``>>>`` example of the
# docstrings shown by autodoc, runs in ``sphinx -b doctest`` (CI: .ci/run).
doctest_global_setup = """
import gxgk_parse

try:  # numpy scalars print as 3.0, not np.float64(3.0), whichever numpy is installed
    import numpy
    numpy.set_printoptions(legacy="1.25")
except ImportError:
    pass
"""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)

# -- HTML ----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"gxgk_parse {release}"
html_static_path: list[str] = ["_static"]
html_css_files = ["gxgk.css"]
