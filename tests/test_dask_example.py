"""examples/dask_bag.py runs and writes exactly the command line's records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gxgk_parse.cli import main

from .conftest import SEEDS, seed_path, seed_text

pytest.importorskip("dask.bag")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_bag.py"


def test_dask_example_matches_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for key in SEEDS:
        (folder / seed_path(key).name).write_bytes(seed_path(key).read_bytes())
    (folder / "gbk.txt").write_bytes(seed_text("001").encode("gb18030"))
    (folder / "empty.txt").write_bytes(b"")  # an error record, in both

    out = tmp_path / "parts"
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(folder), "-o", str(out), "--scheduler", "sync"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    assert parts
    from_dask = "".join(p.read_text("utf-8") for p in parts)

    cli_out = tmp_path / "cli.jsonl"
    assert main([str(folder), "-o", str(cli_out), "-q"]) == 1  # the empty file failed
    from_cli = cli_out.read_text("utf-8")
    assert from_cli.count("\n") > 100
    assert from_dask == from_cli
