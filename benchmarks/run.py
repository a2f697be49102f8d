"""Benchmarks of gxgk_parse: throughput, linearity in document size, peak memory.

Run from the repository root (one process, one run; about a minute on a quiet machine)::

    python benchmarks/run.py            # everything
    python benchmarks/run.py --quick    # fewer repeats, no pathological inputs
    python benchmarks/run.py --pathological-scale 0.1   # hostile inputs at a tenth of full size

What it measures, each figure the median of repeated runs:

1. **Throughput** of :func:`gxgk_parse.parse_report` over the bundled samples and every
   ``*.txt`` / ``*.html`` fixture under ``tests/fixtures``, in reports/s and MB/s (UTF-8
   bytes), against a **baseline**: one ``regex`` ``finditer`` pass for ``\\d+`` over the same
   text — the cost floor of reading the text once. ``parse/baseline`` is the ratio of the
   two. It is given twice: *warm* (the library's bounded memos of label keys and label
   matches already hold the labels, as they do after the first reports of a batch run) and
   *cold* (those memos emptied before every parse, as for the first report of a process).
2. **Linearity**: one document made of *k* concatenated reports, k = 1, 4, 16, 64, for each
   sample and for a mix of all of them; ``time(k)/k`` should stay flat.
3. **Peak memory** (``tracemalloc``) per document size, as a multiple of the input size
   (UTF-8 bytes, as on disk).
4. **Pathological inputs** (full size): a 10 MB line without a line feed, 100 000 pipes, a
   million blank lines, a million nested parentheses, tables of 10 000 rows, every Unicode
   whitespace, … (the builders of ``tests/test_pathological.py``) — each timed at full and
   at a quarter size (``t(n)/t(n/4)`` ≈ 4 is linear).

The last line is a one-line summary with the three target figures: parse/baseline on the
samples (target ≤ 10), time(64)/64 ÷ time(1) (target ≤ 1.5), peak memory ÷ input size
(target ≤ 20).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import regex

import gxgk_parse
from gxgk_parse import match as _match
from gxgk_parse import parse_report, samples

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NUMBER = regex.compile(r"\d+")
KS = (1, 4, 16, 64)


# -- helpers ----------------------------------------------------------------------------------


def median_time(
    fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of *fn* over *repeat* runs (``setup`` runs untimed before each)."""
    times: list[float] = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def interleaved(
    text: str, repeat: int, others: list[str] | None = None
) -> tuple[float, float, float, float | None]:
    """Medians of warm, cold and batch parses and of baseline passes, taken in turn.

    On a shared machine the load changes from one millisecond to the next: measuring them
    side by side, round after round, lets them see the same load, so that a spike does not
    land on the baseline alone (a few dozen passes of it take a millisecond). *Batch*
    parses (when *others* is given) come after emptying the memos and parsing every other
    document: what the memos hold then is what a batch run shares between reports (the
    template's labels, common cells), never this document's own text.
    """
    warm: list[float] = []
    cold: list[float] = []
    batch: list[float] = []
    base: list[float] = []

    def after_the_others() -> None:
        clear_memos()
        for other in others or ():
            parse_report(other)

    for _ in range(repeat):
        warm.append(median_time(lambda: parse_report(text), 1))
        cold.append(median_time(lambda: parse_report(text), 1, setup=clear_memos))
        if others is not None:
            batch.append(median_time(lambda: parse_report(text), 1, setup=after_the_others))
        base.extend(median_time(lambda: baseline(text), 1) for _ in range(3))
    return (
        statistics.median(warm),
        statistics.median(cold),
        statistics.median(base),
        statistics.median(batch) if batch else None,
    )


def baseline(text: str) -> int:
    """The cost floor: read the text once, as one ``\\d+`` scan does."""
    return sum(1 for _ in NUMBER.finditer(text))


def clear_memos() -> None:
    """Empty every bounded memo of the library (label keys, label matches, cell readings,
    row readings, …): a cold process. The unbounded ``functools.cache`` ones hold what is
    built once per template (matchers, column plans) and stay, as after the warm-up parse.
    """
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("gxgk_parse"):
            continue
        for obj in vars(module).values():
            params = getattr(obj, "cache_parameters", None)
            if params is not None and params().get("maxsize") is not None:
                obj.cache_clear()
    for obj in gc.get_objects():
        if isinstance(obj, _match.LabelMatcher):
            obj._memo.clear()


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def corpus() -> dict[str, str]:
    texts = {f"sample {name}": samples.read_text(name) for name in samples.names()}
    if FIXTURES.is_dir():
        for pattern in ("*.txt", "*.html"):
            for path in sorted(FIXTURES.rglob(pattern)):
                if path.parent.name == "seeds":
                    continue  # the bundled samples again
                texts[str(path.relative_to(FIXTURES))] = path.read_text(encoding="utf-8")
    return texts


# -- 1. throughput ------------------------------------------------------------------------------


def _others(texts: dict[str, str], name: str) -> list[str]:
    """What a batch has parsed before a sample: every other document of the corpus, but not
    one made from the same seed (``html/pre2019_001.html`` is sample 001 as a web page)."""
    number = name.removeprefix("sample ")
    return [t for n, t in texts.items() if n != name and number not in n]


def throughput(texts: dict[str, str], repeat: int) -> dict[str, float]:
    print(
        f"\n== 1. throughput: parse_report vs one \\d+ finditer pass (median of {repeat} runs) =="
    )
    print(
        f"{'document':40s} {'KB':>7s} {'warm ms':>8s} {'batch ms':>9s} {'cold ms':>8s}"
        f" {'base ms':>8s} {'warm x':>7s} {'batch x':>8s} {'cold x':>7s}"
    )
    rows: list[tuple[str, int, float, float, float, float | None]] = []
    for name, text in texts.items():
        parse_report(text)  # warm: imports, schema, compiled patterns, memos
        others = _others(texts, name) if name.startswith("sample ") else None
        warm, cold, base, batch = interleaved(text, repeat, others)
        rows.append((name, utf8_size(text), warm, cold, base, batch))
        batch_ms = f"{batch * 1e3:9.2f}" if batch is not None else f"{'':9s}"
        batch_x = f"{batch / base:8.1f}" if batch is not None else f"{'':8s}"
        print(
            f"{name[:40]:40s} {utf8_size(text) / 1024:7.1f} {warm * 1e3:8.2f} {batch_ms}"
            f" {cold * 1e3:8.2f} {base * 1e3:8.3f} {warm / base:7.1f} {batch_x} {cold / base:7.1f}"
        )

    out: dict[str, float] = {}
    for label, selected in (
        ("samples", [r for r in rows if r[0].startswith("sample ")]),
        ("all", rows),
    ):
        size = sum(r[1] for r in selected)
        warm = sum(r[2] for r in selected)
        cold = sum(r[3] for r in selected)
        base = sum(r[4] for r in selected)
        n = len(selected)
        line = (
            f"-- {label}: {n} reports, {size / 1e6:.3f} MB: "
            f"warm {n / warm:.0f} reports/s, {size / 1e6 / warm:.2f} MB/s, "
            f"parse/baseline {warm / base:.1f}x | "
        )
        if all(r[5] is not None for r in selected):
            batch = sum(r[5] or 0.0 for r in selected)
            line += (
                f"batch {n / batch:.0f} reports/s, {size / 1e6 / batch:.2f} MB/s, "
                f"parse/baseline {batch / base:.1f}x | "
            )
            out[f"{label}_batch_ratio"] = batch / base
            out[f"{label}_batch_rps"] = n / batch
            out[f"{label}_batch_mbps"] = size / 1e6 / batch
        line += (
            f"cold {n / cold:.0f} reports/s, {size / 1e6 / cold:.2f} MB/s, "
            f"parse/baseline {cold / base:.1f}x | baseline {size / 1e6 / base:.1f} MB/s"
        )
        print(line)
        out[f"{label}_warm_ratio"] = warm / base
        out[f"{label}_cold_ratio"] = cold / base
        out[f"{label}_warm_rps"] = n / warm
        out[f"{label}_mbps"] = size / 1e6 / warm
    return out


# -- 2. linearity ---------------------------------------------------------------------------------


def concatenated(parts: list[str], k: int) -> str:
    return "\n\n".join(parts[i % len(parts)] for i in range(k))


def linearity(repeat: int) -> float:
    print(
        f"\n== 2. linearity: one document of k concatenated reports, time(k)/k in ms "
        f"(median of {repeat}) =="
    )
    names = list(samples.names())
    series: dict[str, list[str]] = {f"sample {n}": [samples.read_text(n)] for n in names}
    series["mix of all"] = [samples.read_text(n) for n in names]
    print(f"{'document':14s} " + " ".join(f"{'k=' + str(k):>9s}" for k in KS) + f" {'64/1':>6s}")
    worst = 0.0
    for label, parts in series.items():
        per: list[float] = []
        for k in KS:
            if label == "mix of all" and k == 1:
                # One report of the mix: the mean of its reports' single times.
                t = statistics.mean(median_time(lambda p=p: parse_report(p), repeat) for p in parts)
            else:
                doc = concatenated(parts, k)
                parse_report(doc)
                reps = repeat if k <= 16 else max(5, repeat // 2)
                t = median_time(lambda d=doc: parse_report(d), reps) / k
            per.append(t)
        ratio = per[-1] / per[0]
        worst = max(worst, ratio)
        print(f"{label:14s} " + " ".join(f"{t * 1e3:9.2f}" for t in per) + f" {ratio:6.2f}")
    print(f"-- worst time(64)/64 ÷ time(1): {worst:.2f}")
    return worst


# -- 3. memory -------------------------------------------------------------------------------------


def peak_memory(text: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        parse_report(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory() -> float:
    print("\n== 3. peak memory (tracemalloc) per document size ==")
    parts = [samples.read_text(n) for n in samples.names()]
    print(f"{'document':22s} {'input KB':>9s} {'peak KB':>9s} {'peak/input':>10s}")
    worst = 0.0
    docs = {f"sample {n}": samples.read_text(n) for n in samples.names()}
    docs.update({f"mix k={k}": concatenated(parts, k) for k in KS[1:]})
    for label, doc in docs.items():
        parse_report(doc)
        size = utf8_size(doc)
        peak = peak_memory(doc)
        worst = max(worst, peak / size)
        print(f"{label:22s} {size / 1024:9.1f} {peak / 1024:9.1f} {peak / size:10.1f}")
    print(f"-- worst peak/input: {worst:.1f}")
    return worst


# -- 4. pathological inputs -------------------------------------------------------------------------


def pathological(scale: float) -> None:
    try:
        # The builders live with the tests that use them (tests/test_pathological.py).
        sys.path.insert(0, str(ROOT))
        from tests.test_pathological import PATHOLOGICAL
    except ImportError as exc:  # an installed package without its tests
        print(f"\n== 4. pathological inputs: skipped ({exc}) ==")
        return
    print(
        "\n== 4. pathological inputs at full size n and at n/4 (lenient; one run each, "
        "t(n)/t(n/4) ≈ 4 is linear) =="
    )
    print(f"{'input':30s} {'n':>10s} {'MB':>7s} {'t(n) s':>8s} {'t(n/4) s':>9s} {'ratio':>6s}")
    for name, case in PATHOLOGICAL.items():
        n = max(4, int(case.full * scale))
        big, quarter = case(n), case(n // 4)
        t_quarter = median_time(lambda q=quarter: parse_report(q), 1)
        t_big = median_time(lambda b=big: parse_report(b), 1)
        print(
            f"{name:30s} {n:10d} {utf8_size(big) / 1e6:7.2f} {t_big:8.2f} {t_quarter:9.3f}"
            f" {t_big / t_quarter:6.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no hostile inputs")
    parser.add_argument("--repeat", type=int, default=None, help="runs per median")
    parser.add_argument(
        "--pathological-scale",
        type=float,
        default=1.0,
        help="size of the hostile inputs relative to the issue's (10 MB line, …)",
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (5 if args.quick else 11)
    print(
        f"gxgk_parse {gxgk_parse.__version__}, Python {sys.version.split()[0]}, "
        f"regex {regex.__version__}"
    )
    t = throughput(corpus(), repeat)
    lin = linearity(repeat)
    mem = memory()
    if not args.quick:
        pathological(args.pathological_scale)
    print(
        f"\nSUMMARY: samples parse/baseline {t['samples_warm_ratio']:.1f}x warm, "
        f"{t['samples_batch_ratio']:.1f}x batch, {t['samples_cold_ratio']:.1f}x cold "
        f"(target ≤ 10x); "
        f"time(64)/64 ÷ time(1) {lin:.2f} (target ≤ 1.5); "
        f"peak memory {mem:.1f}x input (target ≤ 20x); "
        f"{t['samples_batch_rps']:.0f} reports/s, {t['samples_batch_mbps']:.2f} MB/s on the "
        "samples (batch)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
