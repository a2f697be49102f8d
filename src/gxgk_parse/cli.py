"""The ``gxgk-parse`` command: reports in, one table of statistics out.

The command line owns input, output, progress and messages; the library does none of them.
Every file goes through :func:`gxgk_parse.batch.parse_path_to_records`, the same pure function
an engine such as dask runs, so a batch gives the same records on one machine or many.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TextIO

import attrs

from . import samples
from ._version import __version__
from .batch import (
    ERROR_FIELDS,
    RECORD_FIELDS,
    is_error,
    parse_path_to_records,
    parse_path_to_report_dicts,
    parse_source_to_records,
    parse_source_to_report_dicts,
    record_to_json,
)
from .schema import TEMPLATES

__all__ = ["build_parser", "main"]

PROG = "gxgk-parse"

# Below this many files a progress bar is more noise than help.
_PROGRESS_MIN_FILES = 5

_EPILOG = """\
output:
  jsonl and json write one record per observation (long format): the report's
  source, title, region, agency, year and template, then indicator, value, unit,
  origin, kind, raw, line, start, end, match and match_score. A decimal value is
  written as its exact string ("976.81"). csv writes the same columns plus error
  and message. With --full, jsonl and json write one complete report per file
  instead (metadata, observations, tables, unmapped cells, findings).

  A file that cannot be parsed gives an error record instead,
  {"source": PATH, "error": CODE, "message": TEXT}, and the batch goes on. Codes:
  not-found, is-a-directory, permission-denied, unreadable, empty-input,
  binary-input, undecodable, unknown-encoding, internal-error, and with --strict
  the code of the first error finding (e.g. sum-mismatch).

exit status:
  0 every file was parsed, 1 at least one file failed (a last line on stderr
  says how many), 2 the command line was wrong or the output cannot be written.

examples:
  gxgk-parse report.txt                      one report, JSON Lines to stdout
  gxgk-parse crawl/ -o stats.csv --format csv --jobs 8
  gxgk-parse 'crawl/**/*.html' --format json -o stats.json
  gxgk-parse --full saved_page.html          everything, one JSON per report
  curl -s URL | gxgk-parse - --encoding gb18030
  gxgk-parse --demo --format csv             the bundled sample reports
  gxgk-parse --json-schema > report.schema.json
"""


@attrs.frozen
class _Options:
    """What one file's parse needs, picklable for worker processes."""

    template: str | None
    strict: bool
    encoding: str | None
    full: bool


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gxgk-parse`` (for documentation tools and tests)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse Chinese government information-disclosure annual reports "
        "(政府信息公开工作年度报告) into statistics: text, GB18030 exports and saved web "
        "pages in; JSON Lines, JSON or CSV out.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="report files, folders (read recursively) or glob patterns; '-' reads stdin",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("jsonl", "json", "csv"),
        default="jsonl",
        help="output format (default: jsonl)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="write to FILE (default: stdout)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes (default: 1; 0 = one per CPU); output stays in input order",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a report with error findings (totals that do not add up) is a failed file",
    )
    parser.add_argument(
        "--template",
        choices=TEMPLATES,
        help="force the statistics-table template instead of detecting it",
    )
    parser.add_argument(
        "--encoding", metavar="CODEC", help="force the input encoding (default: detect)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="jsonl/json: one complete report per file instead of one record per value",
    )
    parser.add_argument(
        "--demo", action="store_true", help="parse the sample reports bundled with the package"
    )
    parser.add_argument(
        "--json-schema",
        action="store_true",
        help="print the JSON Schema of a --full report and exit",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar, no per-file messages; only the final failure count",
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


# -- work items -----------------------------------------------------------------------------


@attrs.frozen
class _Item:
    """One input: a path to read, or text already read (stdin, a bundled sample)."""

    name: str
    data: bytes | None = None


def _run_item(item: _Item, options: _Options) -> list[dict[str, Any]]:
    """Parse one input (module level, so that worker processes can unpickle it)."""
    kwargs: dict[str, Any] = {
        "template": options.template,
        "strict": options.strict,
        "encoding": options.encoding,
    }
    if item.data is None:
        parse_path = parse_path_to_report_dicts if options.full else parse_path_to_records
        return parse_path(item.name, **kwargs)
    parse_source = parse_source_to_report_dicts if options.full else parse_source_to_records
    return parse_source(item.data, name=item.name, **kwargs)


def _results(
    items: Sequence[_Item], options: _Options, jobs: int
) -> Iterator[list[dict[str, Any]]]:
    work: Callable[[_Item], list[dict[str, Any]]] = functools.partial(_run_item, options=options)
    if jobs <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(items)))
    try:
        # map() keeps the input order; a chunk per task keeps the overhead down on many
        # small files without making the progress bar jump.
        chunksize = max(1, min(16, len(items) // (jobs * 8)))
        yield from pool.map(work, items, chunksize=chunksize)
    finally:
        # On Ctrl-C (or a closed pipe) drop the files not started yet instead of parsing
        # them all before exiting.
        pool.shutdown(wait=True, cancel_futures=True)


# -- output ---------------------------------------------------------------------------------


class _Writer:
    """Streams records in one of the formats, so that a batch never sits in memory."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            fields = [*RECORD_FIELDS, *(f for f in ERROR_FIELDS if f not in RECORD_FIELDS)]
            self._csv = csv.DictWriter(
                stream, fieldnames=fields, lineterminator="\n", extrasaction="ignore"
            )
            self._csv.writeheader()
        elif fmt == "json":
            stream.write("[")

    def write(self, record: dict[str, Any]) -> None:
        if self._csv is not None:
            self._csv.writerow(record)
        elif self.fmt == "json":
            self.stream.write(("\n" if self.count == 0 else ",\n") + record_to_json(record))
        else:
            self.stream.write(record_to_json(record) + "\n")
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path != "-":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    stdout = sys.stdout
    encoding = (getattr(stdout, "encoding", None) or "").lower().replace("_", "-")
    buffer = getattr(stdout, "buffer", None)
    if encoding in ("utf-8", "utf8") or buffer is None:
        yield stdout
        return
    # Chinese text must come out as UTF-8 whatever the locale says (a C locale would make
    # stdout ASCII and the first label a UnicodeEncodeError).
    stdout.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


class _Progress:
    """A one-line progress bar on stderr: ``[#####.....] 120/400 files, 3 failed``."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self._shown = -1

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if not self.enabled:
            return
        # Redraw at most once per thousandth, so that 100 000 files are not 100 000 writes.
        step = self.done * 1000 // max(self.total, 1)
        if step == self._shown and self.done != self.total:
            return
        self._shown = step
        filled = self.done * self.WIDTH // max(self.total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        failed_text = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files{failed_text}")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self._shown >= 0:
            self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r")
            self.stream.flush()
            self._shown = -1


def _items(args: argparse.Namespace) -> list[_Item]:
    from .batch import expand_inputs

    items: list[_Item] = []
    if args.demo:
        for key in samples.names():
            entry = samples.path(key)
            items.append(_Item(name=f"samples/{entry.name}", data=entry.read_bytes()))
    paths = [p for p in args.inputs if p != "-"]
    if "-" in args.inputs:
        items.append(_Item(name="-", data=sys.stdin.buffer.read()))
    items.extend(_Item(name=p) for p in expand_inputs(paths))
    return items


def _report_failure(stream: TextIO, record: dict[str, Any]) -> None:
    stream.write(f"{PROG}: {record['source']}: {record['error']}: {record['message']}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some file failed, 2 usage).

    Args:
        argv: the arguments without the program name (default: ``sys.argv[1:]``).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.json_schema:
        from .jsonschema import report_json_schema_text

        sys.stdout.write(report_json_schema_text())
        return 0
    if not args.inputs and not args.demo:
        parser.error("no input: give files, folders or patterns, '-' for stdin, or --demo")
    if args.full and args.format == "csv":
        parser.error("--full writes nested reports: use --format jsonl or json")
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            parser.error(f"unknown encoding: {args.encoding!r}")

    options = _Options(
        template=args.template, strict=args.strict, encoding=args.encoding, full=args.full
    )
    stderr = sys.stderr
    items = _items(args)
    if args.output != "-":
        # A rerun with -o inside the input folder must not read its own previous output.
        target = os.path.realpath(args.output)
        items = [i for i in items if i.data is not None or os.path.realpath(i.name) != target]
    show_progress = not args.quiet and len(items) >= _PROGRESS_MIN_FILES and _is_terminal(stderr)
    progress = _Progress(len(items), stderr, show_progress)
    failures = 0
    without = 0  # files parsed without a single statistic (no table, no figure in prose)
    try:
        with _output(args.output) as stream:
            writer = _Writer(stream, args.format)
            for records in _results(items, options, args.jobs):
                failed = bool(records) and is_error(records[0])
                failures += failed
                without += not records
                for record in records:
                    writer.write(record)
                if failed and not args.quiet:
                    progress.clear()
                    _report_failure(stderr, records[0])
                progress.advance(failed)
            writer.close()
    except BrokenPipeError:
        # The reader went away (``gxgk-parse … | head``): stop quietly, as Unix tools do.
        _silence_stdout()
        return 1
    except OSError as exc:  # the output cannot be written: a missing folder, a full disk
        progress.clear()
        stderr.write(f"{PROG}: cannot write {args.output}: {exc.strerror or exc}\n")
        return 2
    except KeyboardInterrupt:
        progress.clear()
        stderr.write(f"{PROG}: interrupted\n")
        return 130
    progress.clear()
    _summary(stderr, len(items), failures, without, writer.count, args.quiet)
    return 1 if failures else 0


def _summary(
    stream: TextIO, files: int, failures: int, without: int, records: int, quiet: bool
) -> None:
    noun = "file" if files == 1 else "files"
    empty = f" ({without} without statistics)" if without else ""
    if failures:
        stream.write(
            f"{PROG}: {failures} of {files} {noun} failed{empty}; {records} records written\n"
        )
    elif not quiet:
        stream.write(f"{PROG}: {files} {noun} parsed{empty}; {records} records written\n")


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _silence_stdout() -> None:
    # Python would complain again while flushing stdout at exit; point it at devnull.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
