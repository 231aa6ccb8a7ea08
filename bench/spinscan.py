"""CPU time of the spin scan alone (swaps.analyse), by stage, and its suspects against a reference checkout
(a benchmark for speed work on the scan, not a test).

usage: python bench/spinscan.py FOLDER [--base CHECKOUT] [--repeat N] [--rounds N] [--python]

Each tree (this one, and --base, e.g. /work/wt/main1) runs in a fresh process of its own
(PYTHONPATH=tree), the trees in turn for --rounds rounds (the machine is noisy: compare trees within a
round). A process reads every .txt/.md file of FOLDER, loads the spin tables, scans every text once to
warm them (the tables become dicts after their first lookups, the entries' candidate rows are
built: a corpus run pays for that first scan, printed as "first scan"), then times --repeat scans of all texts
(best of them), and one scan split into its stages: the token context, choosing the spans, scoring them.
A scan goes through the texts in batches, as a corpus run does (runner.BATCH_FILES files: swaps.prepare, in
a tree that has it, scores a batch's spans at once over arrays once the process has scored
swaps.ARRAYS_AFTER spans); --python keeps this tree on the pure-Python path throughout (the stages below
are always the Python path's). With --base, every text's suspects (index, words, original, margin, confidence, features) and its count
of scored spans are compared between the trees; exit 1 if any differs.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def texts(folder: str) -> list[str]:
    paths = sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def scan(swaps, corpus: list[str], batch: int) -> list:
    """Every text's analysis, a batch at a time (swaps.prepare first, where the tree has it)."""
    prepare, found = getattr(swaps, "prepare", None), []
    for start in range(0, len(corpus), batch):
        texts = corpus[start:start + batch]
        if prepare is not None:
            prepare(texts)
        found.extend(swaps.analyse.__wrapped__(t) for t in texts)
    return found


def measure(folder: str, repeat: int, dump: str, python: bool) -> dict:
    """Runs inside the child process."""
    from newslint import runner, swaps
    from newslint.spinmodel import model, trigrams

    if python:
        swaps.ARRAYS_AFTER = float("inf")
    batch = getattr(runner, "BATCH_FILES", 32)
    corpus = texts(folder)
    lm = model()
    trigrams()
    started = time.process_time()
    found = scan(swaps, corpus, batch)
    first = time.process_time() - started
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        scan(swaps, corpus, batch)
        best = min(best, time.process_time() - started)
    stages = [0.0, 0.0, 0.0]
    for text in corpus:
        a = time.process_time()
        ctx = swaps._Context(text, lm)
        b = time.process_time()
        spans = list(swaps._spans(lm, ctx))
        c = time.process_time()
        for k, n, entry in spans:
            swaps._best(lm, ctx, k, n, entry)
        stages[0] += b - a
        stages[1] += c - b
        stages[2] += time.process_time() - c
    with open(dump, "wb") as out:
        pickle.dump([(a.scored, [(s.index, s.words, s.original, s.margin, s.confidence, s.features)
                                 for s in a.suspects]) for a in found], out)
    return {"texts": len(corpus), "mb": sum(len(t.encode()) for t in corpus) / 1e6, "cpu": best, "first": first,
            "stages": stages, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "numpy": "numpy" in sys.modules, "suspects": sum(len(a.suspects) for a in found), "scored": sum(a.scored for a in found)}


def child(tree: Path, args: argparse.Namespace, dump: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(Path(__file__).resolve()), args.folder, "--child", dump, "--repeat", str(args.repeat)]
    command += ["--python"] if args.python and tree == HERE else []
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{tree}: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--base")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--python", action="store_true", help="this tree on the pure-Python scan")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.folder, args.repeat, args.child, args.python)))
        return 0
    trees = [("this tree", HERE)] + ([("base", Path(args.base).resolve())] if args.base else [])
    differs = False
    with tempfile.TemporaryDirectory(prefix="newslint-spinscan-") as scratch:
        for round_ in range(args.rounds):
            figures = {}
            for name, tree in trees:
                figures[name] = child(tree, args, str(Path(scratch) / f"{name}.pickle"))
                f = figures[name]
                context, spans, scoring = f["stages"]
                print(f"round {round_ + 1}, {name} ({tree}): {f['texts']} texts, {f['mb']:.2f} MB; scan {f['cpu']:.3f} s CPU "
                      f"(best of {args.repeat}; first scan {f['first']:.3f}); stages: context {context:.3f}, spans {spans:.3f}, scoring {scoring:.3f} s; "
                      f"{f['scored']} spans scored, {f['suspects']} suspects; peak {f['peak_mib']:.0f} MiB"
                      + ("; numpy imported" if f["numpy"] else ""))
            if args.base:
                mine, theirs = (pickle.loads((Path(scratch) / f"{n}.pickle").read_bytes()) for n, _ in trees)
                same = mine == theirs
                differs |= not same
                ratio = figures["base"]["cpu"] / figures["this tree"]["cpu"]
                cold = figures["base"]["first"] / figures["this tree"]["first"]
                print(f"round {round_ + 1}: scan CPU base / this tree {ratio:.2f}x (first scan {cold:.2f}x); suspects "
                      + ("identical, field by field" if same else
                         f"DIFFER in {sum(a != b for a, b in zip(mine, theirs))} texts"))
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
