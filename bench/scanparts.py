"""Where the pure-Python spin scan spends its CPU, part by part, and what the garbage collector costs it
(a benchmark for speed work on the default install's scan, not a test).

usage: python bench/scanparts.py FOLDER [--repeat N]

In one process (the tree first on sys.path): every .txt/.md file of FOLDER is read, the spin tables
loaded, and the texts scanned once on the Python path (swaps.analyse, arrays off: what an install
without numpy runs), which builds the memos a corpus run builds (printed as "first pass", beside a
second, warm pass). Then, best of --repeat passes over the warm texts: the token context (_Context),
the spans (_spans), and the scoring split at the bound test: each span's contexts and own chain up to
the test (what every span pays), and the whole of swaps._best (the spans past the test also pay for
their trigram context and the candidates' loop). Each part's garbage collections (generations 0/1/2)
are counted on its last pass.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from newslint import swaps  # noqa: E402
from newslint.spinmodel import model, trigrams  # noqa: E402
from spinscan import texts as read_texts  # noqa: E402  (bench/ is this script's folder: first on sys.path)


def _to_bound(lm, ctx, k: int, n: int, entry: str) -> bool:
    """swaps._best up to its bound test: whether the span goes on to the candidates' loop."""
    left, right = ctx.left(k), ctx.right(k + n - 1)
    if left < 0 and right < 0:
        return False
    own = swaps._chain(lm, left, ctx.ids[k:k + n], right, entry)
    return min(own[1] if left >= 0 else 9, own[2] if right >= 0 else 9) <= swaps.BOUND


def _timed(repeat: int, work) -> tuple[float, list[int]]:
    """Best CPU seconds of `repeat` calls, and the collections of each generation in the last."""
    best = float("inf")
    for _ in range(repeat):
        before = [s["collections"] for s in gc.get_stats()]
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best, [s["collections"] - b for s, b in zip(gc.get_stats(), before)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = read_texts(args.folder)
    swaps.ARRAYS_AFTER = float("inf")  # the Python path throughout, as without numpy
    lm = model()
    trigrams()
    first, gcs = _timed(1, lambda: [swaps.analyse.__wrapped__(t) for t in texts])
    warm, _ = _timed(1, lambda: [swaps.analyse.__wrapped__(t) for t in texts])
    print(f"{len(texts)} texts, {sum(map(len, texts)) / 1e6:.2f} MB; first pass {first:.3f} s CPU "
          f"(collections {gcs}), warm pass {warm:.3f} s; memo {len(lm.folded)} tokens, {len(lm.tried)} entries")
    contexts = [swaps._Context(t, lm) for t in texts]
    spans = [swaps._spans(lm, ctx) for ctx in contexts]
    pairs = list(zip(contexts, spans))
    total = sum(map(len, spans))
    past = sum(_to_bound(lm, ctx, *span) for ctx, found in pairs for span in found)
    parts = [
        ("context (_Context)", lambda: [swaps._Context(t, lm) for t in texts]),
        ("spans (_spans)", lambda: [swaps._spans(lm, ctx) for ctx in contexts]),
        (f"scoring to the bound test ({total} spans)",
         lambda: [_to_bound(lm, ctx, *span) for ctx, found in pairs for span in found]),
        (f"scoring, all of _best ({past} spans past the test)",
         lambda: [swaps._best(lm, ctx, *span) for ctx, found in pairs for span in found]),
    ]
    for name, work in parts:
        cpu, collections = _timed(args.repeat, work)
        print(f"  {name:52s} {cpu:.3f} s  collections {collections}")


if __name__ == "__main__":
    main()
