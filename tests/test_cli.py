"""The ``gxgk-parse`` command line: folders in, records out, failures reported, nothing lost."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gxgk_parse import __version__, samples
from gxgk_parse.batch import (
    ERROR_FIELDS,
    RECORD_FIELDS,
    expand_inputs,
    is_error,
    parse_path_to_records,
)
from gxgk_parse.cli import _Progress, main

from .conftest import SEEDS, seed_path, seed_text

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seeds, an empty file, a binary file and a GB18030 file (in a subfolder)."""
    root = tmp_path / "crawl"
    root.mkdir()
    for key in SEEDS:
        (root / seed_path(key).name).write_bytes(seed_path(key).read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(BINARY)
    sub = root / "gbk"
    sub.mkdir()
    (sub / "000_gb18030.txt").write_bytes(seed_text("000").encode("gb18030"))
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # hidden: not a report
    return root


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_folder_gives_records_and_error_records(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "out.jsonl"
    status, out, err = _run([str(folder), "-o", str(out_file)], capsys)
    assert status == 1
    assert out == ""
    records = _jsonl(out_file.read_text("utf-8"))

    files = expand_inputs([str(folder)])
    assert len(files) == len(SEEDS) + 3
    # Nothing lost: every file has records, in input order, and they are the batch API's.
    assert [r["source"] for r in records] == [
        r["source"] for path in files for r in parse_path_to_records(path)
    ]
    assert records == [r for path in files for r in parse_path_to_records(path)]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_source.setdefault(r["source"], []).append(r)
    assert set(by_source) == set(files)

    errors = {Path(r["source"]).name: r for r in records if is_error(r)}
    assert set(errors) == {"empty.txt", "image.png"}
    assert errors["empty.txt"]["error"] == "empty-input"
    assert errors["image.png"]["error"] == "binary-input"
    assert all(set(r) == set(ERROR_FIELDS) for r in errors.values())
    assert all(list(r) == list(RECORD_FIELDS) for r in records if not is_error(r))

    # The GB18030 copy of seed 000 reads like the UTF-8 one.
    gbk = [r for r in records if r["source"].endswith("000_gb18030.txt")]
    utf8 = [r for r in records if r["source"].endswith(seed_path("000").name)]
    assert [(r["indicator"], r["value"], r["raw"]) for r in gbk] == [
        (r["indicator"], r["value"], r["raw"]) for r in utf8
    ]

    lines = err.strip().splitlines()
    assert lines[-1].startswith("gxgk-parse: 2 of 8 files failed")
    assert any("empty.txt: empty-input" in line for line in lines)


def test_csv_loads_in_pandas(folder: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out_file = tmp_path / "out.csv"
    assert main([str(folder), "--format", "csv", "-o", str(out_file), "-q"]) == 1
    frame = pd.read_csv(out_file)
    assert list(frame.columns) == [*RECORD_FIELDS, "error", "message"]
    records = [r for p in expand_inputs([str(folder)]) for r in parse_path_to_records(p)]
    assert len(frame) == len(records)
    assert sorted(frame["error"].dropna()) == ["binary-input", "empty-input"]
    total = frame[(frame.indicator == "proactive.total") & (frame.origin == "table")]
    assert total["value"].astype(int).tolist() == [5533, 8359, 5533]


def test_json_array_equals_jsonl(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, jsonl, _ = _run([str(folder), "-q"], capsys)
    _, array, _ = _run([str(folder), "--format", "json", "-q"], capsys)
    assert json.loads(array) == _jsonl(jsonl)


def test_jobs_keep_the_input_order(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status1, one, _ = _run([str(folder), "-q"], capsys)
    status2, many, _ = _run([str(folder), "-q", "--jobs", "3"], capsys)
    assert (status1, status2) == (1, 1)
    assert many == one


def test_globs_missing_paths_and_duplicates(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pattern = str(folder / "**" / "000_*.txt")
    missing = str(folder / "nope.txt")
    status, out, err = _run([pattern, missing, str(folder / "gbk"), "-q"], capsys)
    records = _jsonl(out)
    sources = list(dict.fromkeys(r["source"] for r in records))
    assert sources == [
        str(folder / seed_path("000").name),
        str(folder / "gbk" / "000_gb18030.txt"),
        missing,
    ]
    assert records[-1] == {
        "source": missing,
        "error": "not-found",
        "message": "No such file or directory",
    }
    assert status == 1
    assert err.strip() == "gxgk-parse: 1 of 3 files failed; " + (f"{len(records)} records written")


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = seed_text("001").encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, err = _run(["-"], capsys)
    assert status == 0
    records = _jsonl(out)
    assert {r["source"] for r in records} == {"-"}
    table = {r["indicator"]: r["value"] for r in records if r["origin"] == "table"}
    assert table["proactive.total"] == 8359
    assert "1 file parsed" in err


def test_strict_turns_error_findings_into_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / seed_path("001").name
    path.write_bytes(seed_path("001").read_bytes())
    status, out, _ = _run([str(path), "--strict"], capsys)
    assert status == 1
    (record,) = _jsonl(out)
    assert record["error"] == "sum-mismatch"
    assert "line 97" in record["message"]
    assert _run([str(path)], capsys)[0] == 0


def test_full_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text(seed_text("000"), "utf-8")
    status, out, _ = _run([str(path), str(tmp_path / "none.txt"), "--full"], capsys)
    report, error = _jsonl(out)
    assert status == 1
    assert report["source"] == str(path)
    assert report["template"] == "pre2019"
    assert {"metadata", "observations", "tables", "findings"} <= set(report)
    assert error["error"] == "not-found"


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["--demo", "--format", "csv"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split(",")[:3] == ["source", "title", "region"]
    assert {line.split(",")[0] for line in lines[1:]} == {
        f"samples/{samples.path(k).name}" for k in samples.names()
    }
    assert err.startswith("gxgk-parse: 5 files parsed")


def test_progress_bar_only_on_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main([str(folder), "-o", os.devnull])
    shown = terminal.getvalue()
    assert "\r[" in shown and "8/8 files, 2 failed" in shown
    assert shown.rstrip().splitlines()[-1].startswith("gxgk-parse: 2 of 8 files failed")

    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    main([str(folder), "-o", os.devnull])
    assert "\r[" not in plain.getvalue()  # not a terminal: no bar


def test_progress_counts() -> None:
    stream = io.StringIO()
    bar = _Progress(4, stream, enabled=True)
    for failed in (False, True, False, False):
        bar.advance(failed)
    assert stream.getvalue().endswith("] 4/4 files, 1 failed")
    assert (bar.done, bar.failed) == (4, 1)
    bar.clear()
    assert stream.getvalue().endswith("\r")


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["--demo", "--full", "--format", "csv"], ["--demo", "--jobs", "-1"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["--demo", "--encoding", "no-such-codec"])
    assert info.value.code == 2
    assert "unknown encoding" in capsys.readouterr().err


def test_output_is_not_read_back_and_must_be_writable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(seed_text("001"), "utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path), "-o", str(out), "-q"]) == 0
    first = out.read_text("utf-8")
    assert main([str(tmp_path), "-o", str(out), "-q"]) == 0  # out.jsonl is not an input
    assert out.read_text("utf-8") == first
    status = main([str(tmp_path), "-o", str(tmp_path / "missing" / "out.jsonl")])
    assert status == 2
    assert "cannot write" in capsys.readouterr().err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and "gxgk-parse crawl/" in text and "exit status:" in text
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"gxgk-parse {__version__}"


def test_json_schema_option(capsys: pytest.CaptureFixture[str]) -> None:
    from gxgk_parse.jsonschema import report_json_schema

    status, out, _ = _run(["--json-schema"], capsys)
    assert status == 0
    assert json.loads(out) == report_json_schema()


def test_python_m_gxgk_parse_demo() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gxgk_parse", "--demo"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},  # output is UTF-8 whatever the locale
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    expected = [r for key in samples.names() for r in parse_path_to_records(str(samples.path(key)))]
    assert len(records) == len(expected)
    assert [(r["indicator"], r["value"]) for r in records] == [
        (r["indicator"], r["value"]) for r in expected
    ]
    assert b"5 files parsed" in result.stderr
