"""Throughput and memory of `newslint archive` on Dask (a benchmark, not a test).

usage: python bench/archive.py BBC_FOLDER [--mb 100] [--workers 1,2] [--shard-docs 1000] [--base CHECKOUT]

Builds an archive of JSONL shards in a temporary folder from the BBC articles, repeated (each copy
with its own ids) until it holds at least --mb megabytes; runs the job on a fresh LocalCluster at
each worker count; prints documents/s, MB/s, the workers' CPU seconds and each worker's peak
memory, and projects the core-hours for 10^7 articles. For comparison, in the same run, the plain
single-process linter of the round's starting point (--base, run with PYTHONPATH=CHECKOUT) and of
this checkout lint the BBC folder itself.
Example: python bench/archive.py ../shared/eval/clean-news/bbc --base /work/wt/base
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.archive.job import start_client  # noqa: E402
from newslint.archive.run import JobOptions, run_job  # noqa: E402
from newslint.config import load_config  # noqa: E402

ARTICLES = 10**7
PLAIN = """
import sys, time, resource
from pathlib import Path
from newslint.config import load_config
from newslint.runner import lint_paths
config = load_config(discover=False)
paths = sorted(str(p) for p in Path(sys.argv[1]).rglob('*.txt'))
size = sum(Path(p).stat().st_size for p in paths)
started, cpu = time.perf_counter(), time.process_time()
results = list(lint_paths(paths, config, 1))
print(len(paths), size, time.perf_counter() - started, time.process_time() - cpu, sum(len(r.findings) for r in results),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def build(folder: Path, target_mb: float, shard_docs: int, out: Path) -> tuple[int, int]:
    """JSONL shards of the folder's articles repeated to target_mb; (documents, bytes)."""
    articles = [(p.stem, p.parent.name, p.read_bytes().decode("utf-8", "replace")) for p in sorted(folder.rglob("*.txt"))]
    documents = size = copy = 0
    shard, stream = 0, None
    while size < target_mb * 1e6:
        for stem, section, text in articles:
            if documents % shard_docs == 0:
                if stream:
                    stream.close()
                stream = open(out / f"shard-{shard:05d}.jsonl", "w", encoding="utf-8")
                shard += 1
            line = json.dumps({"id": f"{copy}-{section}-{stem}", "url": f"https://bbc.example/{section}/{stem}?copy={copy}",
                               "text": text}, ensure_ascii=False) + "\n"
            stream.write(line)
            documents += 1
            size += len(line.encode("utf-8"))
        copy += 1
    stream.close()
    return documents, sum(p.stat().st_size for p in out.iterdir())


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(shards: Path, workers: int, config, scratch: Path) -> dict:
    client = start_client(None, workers)
    try:
        client.run(_cpu)  # workers are up before the clock starts
        before = client.run(_cpu)
        started = time.perf_counter()
        totals = run_job([str(shards)], config, JobOptions(str(scratch / f"out-{workers}")), client=client)
        wall = time.perf_counter() - started
        after = client.run(_cpu)
        peaks = client.run(_peak_mib)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    cpu = sum(after[w] - before.get(w, 0.0) for w in after)
    return {"workers": workers, "documents": totals.documents, "findings": totals.findings, "bytes": totals.bytes,
            "wall": wall, "cpu": cpu, "peaks": sorted(peaks.values())}


def plain(checkout: Path, folder: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", PLAIN, folder], capture_output=True, text=True, env=env, check=True,
                          cwd=tempfile.gettempdir())
    files, size, wall, cpu, findings, peak = done.stdout.split()
    return {"files": int(files), "bytes": int(size), "wall": float(wall), "cpu": float(cpu), "findings": int(findings),
            "peak": int(peak) / 1024}


def report(result: dict, average_bytes: float) -> None:
    mb = result["bytes"] / 1e6
    per_doc_cpu = result["cpu"] / result["documents"]
    print(f"  {result['workers']} worker(s): {result['documents']} docs, {mb:.1f} MB in {result['wall']:.1f} s wall: "
          f"{result['documents'] / result['wall']:.0f} docs/s, {mb / result['wall']:.2f} MB/s; "
          f"workers' CPU {result['cpu']:.1f} s ({mb / result['cpu']:.2f} MB/s per core); {result['findings']} findings")
    print(f"    peak memory per worker: {', '.join(f'{p:.0f} MiB' for p in result['peaks'])}")
    hours = ARTICLES * per_doc_cpu / 3600
    print(f"    10^7 articles: {hours:.0f} core-hours at this CPU per document "
          f"({ARTICLES * average_bytes / 1e9:.0f} GB at this corpus's {average_bytes / 1e3:.1f} kB/article); "
          f"{22e9 / (result['bytes'] / result['cpu']) / 3600:.0f} core-hours for the issue's 22 GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--shard-docs", type=int, default=1000)
    parser.add_argument("--base", help="a checkout of the round's starting point, for the plain-linter comparison")
    args = parser.parse_args()
    config = load_config(discover=False)
    with tempfile.TemporaryDirectory(prefix="newslint-archive-bench-") as scratch:
        shards = Path(scratch) / "shards"
        shards.mkdir()
        documents, size = build(Path(args.folder), args.mb, args.shard_docs, shards)
        print(f"archive: {documents} documents, {size / 1e6:.1f} MB in {len(os.listdir(shards))} JSONL shards "
              f"(the BBC folder repeated)")
        for workers in (int(w) for w in args.workers.split(",")):
            report(run(shards, workers, config, Path(scratch)), size / documents)
    print(f"driver peak memory: {_peak_mib():.0f} MiB")
    checkouts = [("this checkout", ROOT)] + ([("base", Path(args.base))] if args.base else [])
    for name, checkout in checkouts:
        figures = plain(checkout, args.folder)
        print(f"plain linter, {name}, one process on the BBC files: {figures['files']} files, "
              f"{figures['bytes'] / 1e6:.1f} MB, {figures['cpu']:.1f} s CPU ({figures['bytes'] / 1e6 / figures['cpu']:.2f} "
              f"MB/s), {figures['findings']} findings, peak {figures['peak']:.0f} MiB")


if __name__ == "__main__":
    main()
