"""Parse a folder of reports with dask.bag and write the records as JSON Lines.

The parsing function is :func:`gxgk_parse.batch.parse_path_to_records`, the one the
``gxgk-parse`` command line runs: a pure function of a path, picklable, returning JSON-ready
records (or one error record for a file that fails). So the records written here are the
command line's, line for line::

    python examples/dask_bag.py crawl/ -o records/              # local processes
    python examples/dask_bag.py crawl/ -o records/ --scheduler sync
    cat records/*.jsonl  ==  gxgk-parse crawl/ --format jsonl

On a cluster, start a ``dask.distributed.Client`` before computing (and give the workers a
path they can all read: a shared file system or object storage URLs opened by the
function); nothing else changes. Needs ``pip install "gxgk_parse[dask]"``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import dask.bag as db

from gxgk_parse.batch import expand_inputs, parse_path_to_records, record_to_json


def build_bag(inputs: Sequence[str], partitions: int | None = None) -> db.Bag:
    """A bag of JSON lines, one per record, in input order (partitions keep the order)."""
    paths = expand_inputs(inputs)
    if not paths:
        raise SystemExit("no input files")
    npartitions = partitions or max(1, min(len(paths), (os.cpu_count() or 1) * 4))
    return (
        db.from_sequence(paths, npartitions=npartitions)
        .map(parse_path_to_records)
        .flatten()
        .map(record_to_json)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files, folders or glob patterns")
    parser.add_argument(
        "-o", "--output", required=True, help="folder for the part files (part-00000.jsonl …)"
    )
    parser.add_argument(
        "--scheduler",
        choices=("sync", "processes", "threads"),
        default="processes",
        help="dask scheduler (default: processes; sync runs in this process)",
    )
    parser.add_argument("--partitions", type=int, help="number of partitions")
    args = parser.parse_args(argv)

    bag = build_bag(args.inputs, args.partitions)
    os.makedirs(args.output, exist_ok=True)
    # One text file per partition, named so that sorting the names keeps the input order.
    bag.to_textfiles(
        os.path.join(args.output, "part-*.jsonl"),
        name_function=lambda i: f"{i:05d}",
        encoding="utf-8",
        last_endline=True,  # JSON Lines: every record ends with a line feed
        compute=True,
        scheduler=args.scheduler,
    )
    print(f"wrote {bag.npartitions} part file(s) to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
