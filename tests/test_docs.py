"""Build the documentation: HTML with warnings as errors, and every example through doctest.

A few seconds each. Skipped when the docs dependencies (``pip install -e ".[docs,pandas]"``)
are not installed; .ci/run builds the docs in any case.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("sphinx")
pytest.importorskip("myst_parser")
pytest.importorskip("furo")
pytest.importorskip("pandas")


def _sphinx(builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            builder,
            "-d",
            str(out / ".doctrees"),
            str(ROOT / "docs"),
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_html_builds_without_warnings(tmp_path: Path) -> None:
    done = _sphinx("html", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reference" / "indicators" / "2021.html").exists()


def test_every_documentation_example_runs(tmp_path: Path) -> None:
    done = _sphinx("doctest", tmp_path)
    output = (tmp_path / "output.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, done.stderr + output
    assert "0 failures in tests" in output
