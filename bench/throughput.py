"""Throughput and peak memory of newslint on a folder (a benchmark, not a test).

usage: python bench/throughput.py FOLDER [--config FILE] [--select X] [--ignore X] [--jobs N] [--repeat N] [--one-line]
Prints files, MB, seconds (best of --repeat), MB/s, findings, and peak RSS.
Example: python bench/throughput.py ../shared/eval/clean-news/bbc
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.config import load_config, select_rules  # noqa: E402
from newslint.runner import lint_paths  # noqa: E402
from newslint.sources import discover  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--config")
    parser.add_argument("--select", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one-line", action="store_true",
                        help="also lint the whole folder joined into one line (catches work that grows "
                             "faster than the text: it should take about as long as the folder)")
    args = parser.parse_args()

    started = time.perf_counter()
    config = load_config(args.config, discover=False) if args.config else load_config(discover=False)
    config = select_rules(config, [s for s in args.select.split(",") if s], [s for s in args.ignore.split(",") if s])
    load_seconds = time.perf_counter() - started
    paths = list(discover([args.folder], config.include, config.exclude))
    size = sum(Path(p).stat().st_size for p in paths)
    best, best_cpu, findings = float("inf"), float("inf"), 0
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        results = list(lint_paths(paths, config, args.jobs))
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)  # steadier on a busy machine (jobs=1 only)
        findings = sum(len(r.findings) for r in results)
    peak_kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"rules:      {len(config.rules)} active (config load {load_seconds:.2f} s)")
    print(f"files:      {len(paths)}")
    print(f"size:       {size / 1e6:.2f} MB")
    print(f"time:       {best:.2f} s wall (best of {args.repeat}, jobs={args.jobs})"
          + (f", {best_cpu:.2f} s CPU" if args.jobs == 1 else ""))
    print(f"throughput: {size / 1e6 / best:.2f} MB/s, {len(paths) / best:.0f} files/s")
    print(f"findings:   {findings}")
    print(f"peak RSS:   {peak_kib / 1024:.1f} MiB")
    if args.one_line:
        one_line(paths, config)


def one_line(paths: list[str], config) -> None:
    from newslint.runner import lint_document, make_document

    text = " ".join(Path(p).read_text(encoding="utf-8", errors="replace").replace("\n", " ") for p in paths)
    started = time.process_time()
    result = lint_document(make_document(text, "one-line.txt"), config)
    seconds = time.process_time() - started
    print(f"one line:   {len(text) / 1e6:.2f} MB in {seconds:.2f} s CPU, {len(result.findings)} findings")


if __name__ == "__main__":
    main()
