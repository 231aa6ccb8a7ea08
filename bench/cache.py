"""A cold and a warm run of the command line over many files, with and without the cache (a benchmark, not a test).

usage: python bench/cache.py BBC_FOLDER [--files 10000] [--base CHECKOUT]

Copies the folder's articles into a temporary folder until it holds --files files (each copy its
own file), then times `newslint --format json` on it as a user runs it (a new process each time):
without the cache, a first run that fills it, a second run over the unchanged files, and a run
after one file was edited; with --base, the round's starting point too (it has no cache). Prints
wall and CPU seconds (the children's CPU: worker processes included) and checks that every
report is the same.
Example: python bench/cache.py ../shared/eval/clean-news/bbc --base /work/wt/base
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, count: int, out: Path) -> int:
    sources = sorted(folder.rglob("*.txt"))
    for n in range(count):
        shutil.copyfile(sources[n % len(sources)], out / f"{n:06d}.txt")
    return sum(p.stat().st_size for p in out.iterdir())


def timed(checkout: Path, files: Path, *args: str) -> tuple[float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", *args, str(files)],
                          capture_output=True, text=True, env=env, cwd=files.parent)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        sys.exit(f"newslint failed: {done.stderr.strip()}")
    return wall, cpu, hashlib.sha256(done.stdout.encode()).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--base", help="a checkout of the round's starting point")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-cache-bench-") as scratch:
        files = Path(scratch) / "articles"
        files.mkdir()
        size = build(Path(args.folder), args.files, files)
        print(f"{args.files} files, {size / 1e6:.1f} MB")
        runs = []
        if args.base:
            runs.append(("base (no cache)", Path(args.base), ()))
        runs += [("this checkout, --no-cache", ROOT, ("--no-cache",)), ("first run (fills the cache)", ROOT, ()),
                 ("second run, nothing changed", ROOT, ())]
        reports = set()
        figures = {}
        for name, checkout, extra in runs:
            wall, cpu, digest = timed(checkout, files, *extra)
            figures[name] = (wall, cpu)
            reports.add(digest)
            print(f"  {name:32} {wall:7.2f} s wall {cpu:7.2f} s CPU  report {digest}")
        (files / "000007.txt").write_text("An edited article. The the minister spoke.\n")
        wall, cpu, _ = timed(ROOT, files)
        print(f"  {'one file edited':32} {wall:7.2f} s wall {cpu:7.2f} s CPU")
        cold, warm = figures["first run (fills the cache)"], figures["second run, nothing changed"]
        print(f"warm/cold: {warm[0] / cold[0]:.3f} wall, {warm[1] / cold[1]:.3f} CPU; "
              f"reports identical: {'yes' if len(reports) == 1 else 'NO'}")
        stored = list((Path(scratch) / ".newslint_cache").glob("lint-*.json"))  # one file, or buckets (FORMAT 3 and 4)
        print(f"cache: {sum(p.stat().st_size for p in stored) / 1e6:.1f} MB in {len(stored)} files")


if __name__ == "__main__":
    main()
