"""When a second worker process pays: wall and CPU time of --jobs 1 against --jobs N on growing file counts.

usage: python bench/jobs.py FOLDER [--jobs 2] [--counts 16,64,256,1024] [--repeat 3]
Each (count, jobs) pair runs `python -m newslint --format json` in a fresh process on the first
COUNT files of FOLDER (sorted) and reports the median wall seconds, CPU seconds (the process and
its workers) and peak RSS (the largest process). Run it on an idle machine: on a loaded one the
workers compete with other work for the same cores.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def run(paths: list[str], jobs: int) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "--exit-zero", "--jobs", str(jobs), *paths],
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(HERE)}, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--counts", default="16,64,256,1024")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.folder).rglob("*.txt"))
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    for count in (int(c) for c in args.counts.split(",")):
        paths = files[:count]
        row = {}
        for jobs in (1, args.jobs):
            runs = [run(paths, jobs) for _ in range(args.repeat)]
            row[jobs] = [statistics.median(r[i] for r in runs) for i in range(2)] + [max(r[2] for r in runs)]
        (w1, c1, _), (wn, cn, mn) = row[1], row[args.jobs]
        print(f"{len(paths):6} files: jobs=1 {w1:6.2f} s wall {c1:6.2f} s CPU; jobs={args.jobs} {wn:6.2f} s wall "
              f"{cn:6.2f} s CPU; wall ratio {wn / w1:.2f}, CPU ratio {cn / c1:.2f}; peak RSS so far {mn:.0f} MiB")


if __name__ == "__main__":
    main()
