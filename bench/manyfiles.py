"""Peak memory and CPU of one folder run as the folder grows (a benchmark, not a test).

usage: python bench/manyfiles.py BBC_FOLDER [--counts 1000,10000] [--base CHECKOUT]
           [--format json] [--jobs 1] [--cache] [--scratch /tmp/newslint-manyfiles]

Builds folders of COUNT files (written under --scratch, never into the repository), each of 5-10
paragraphs drawn at random (fixed seed) from the folder's articles, so no two files are copies;
then runs `python -m newslint --format FORMAT --jobs N FOLDER` in a fresh process for this tree
and, with --base, for another checkout, one after the other for each count. Prints the child's
CPU seconds (its workers included) and peak RSS (the largest of the process and its workers),
the ratio of the largest count to the smallest for both trees, and whether the two trees'
reports are byte-identical. Runs are --no-cache unless --cache is given (then a first run
fills a fresh cache folder and a second is answered from it; both are printed).
Example: python bench/manyfiles.py ../shared/eval/clean-news/bbc --base /work/wt/main2
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(folder: Path) -> list[str]:
    """Every paragraph (a non-blank line after the headline) of the folder's articles."""
    found = []
    for path in sorted(folder.rglob("*.txt")):
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
        found += [line.strip() for line in lines[1:] if line.strip()]
    return found


def build(pool: list[str], count: int, out: Path) -> int:
    """COUNT files of 5-10 random paragraphs each, a blank line between them; the bytes written."""
    if out.exists() and len(list(out.iterdir())) == count:
        return sum(p.stat().st_size for p in out.iterdir())  # the same seed built it before
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    draw = random.Random(count)
    for n in range(count):
        text = "\n\n".join(draw.sample(pool, draw.randint(5, 10))) + "\n"
        (out / f"{n:05d}.txt").write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in out.iterdir())


def run(checkout: Path, folder: Path, args: argparse.Namespace, cache: Path | None) -> tuple[float, float, str]:
    """(CPU seconds, peak RSS in MiB, report digest) of one newslint process and its workers."""
    command = [sys.executable, "-m", "newslint", "--format", args.format, "--jobs", str(args.jobs), str(folder)]
    command[3:3] = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    with tempfile.TemporaryFile() as out:
        # Started from a small interpreter, not from this process: Linux carries the peak RSS of the
        # process that forks into the child's ru_maxrss, and this one holds the paragraph pool and
        # read the last report (6 MB at 10,000 files), above what an all-cached run peaks at.
        done = subprocess.run([sys.executable, "-c", _MEASURE, *command], stdout=out, stderr=subprocess.PIPE,
                              env=env, cwd=folder.parent, text=True, check=False)
        code, cpu, peak = done.stderr.split()[-3:]
        if int(code) not in (0, 1):
            sys.exit(f"{checkout}: newslint exited {code}")
        out.seek(0)
        digest = hashlib.sha256()
        for chunk in iter(lambda: out.read(1 << 20), b""):
            digest.update(chunk)
    return float(cpu), int(peak) / 1024, digest.hexdigest()[:12]


_MEASURE = ("import os, subprocess, sys\n"
            "child = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)\n"
            "_, status, usage = os.wait4(child.pid, 0)\n"
            "print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss, file=sys.stderr)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--base", help="another checkout, run in turn with this tree")
    parser.add_argument("--format", default="json")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--cache", action="store_true", help="run through a fresh result cache (cold, then warm)")
    parser.add_argument("--scratch", default=os.path.join(tempfile.gettempdir(), "newslint-manyfiles"))
    args = parser.parse_args()
    pool = paragraphs(Path(args.folder))
    trees = [("this tree", ROOT)] + ([("base", Path(args.base))] if args.base else [])
    counts = [int(c) for c in args.counts.split(",")]
    peaks: dict[tuple[str, str], list[float]] = {}
    print(f"format {args.format}, --jobs {args.jobs}, {'cache' if args.cache else '--no-cache'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    for count in counts:
        folder = Path(args.scratch) / f"files-{count}"
        size = build(pool, count, folder)
        digests = set()
        for name, checkout in trees:
            for phase, cache in _phases(args, name):
                cpu, rss, digest = run(checkout, folder, args, cache)
                digests.add(digest)
                peaks.setdefault((name, phase), []).append(rss)
                print(f"{count:7} files ({size / 1e6:5.1f} MB)  {name:10} {phase:5} {cpu:7.2f} s CPU  "
                      f"peak {rss:6.1f} MiB  report {digest}")
        print(f"        reports identical: {'yes' if len(digests) == 1 else 'NO'}")
    for (name, phase), rss in peaks.items():
        print(f"{name} {phase}: peak RSS {counts[-1]}/{counts[0]} files = {rss[-1] / rss[0]:.3f}")


def _phases(args: argparse.Namespace, name: str):
    if not args.cache:
        yield "", None
        return
    folder = Path(tempfile.mkdtemp(prefix=f"newslint-cache-{name.replace(' ', '-')}-"))
    yield "cold", folder
    yield "warm", folder
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
