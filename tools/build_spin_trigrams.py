"""Build newslint/data/spintrigrams.bin.gz: the trigrams of the spin model that the swap test can use.

usage: python tools/build_spin_trigrams.py --pocketsphinx WHEEL_OR_DIR [--prune 0.75] [--out FILE] [--check 3000]
       (needs numpy, and pocketsphinx for the check; run after tools/build_spin_model.py)

Source: the trigrams of en-us.lm.bin in the pocketsphinx wheel (CMU Sphinx US English, BSD-2-Clause),
read by tools/lm_trie.py (the model's ARPA export dies on the trigrams). The reader is checked
against NGramModel.prob() on random listed triples and on random triples that back off; the
largest difference is printed, and the build stops if it exceeds 0.001 (log10).

Kept: trigrams (a b c) with a word of some entry or candidate of the spin table in them (the swap
test asks P(x | a b), P(c | a x) and P(c | x b) for a span x), whose log10 probability differs
from the packaged bigram table's estimate of P(c | b) by at least --prune. The run-time estimate
of an unlisted trigram is that bigram estimate: the history's own back-off weight is left out
(86% of the model's bigram back-offs are 0, 99% are above -0.35 log10).

Layout: gzip (mtime 0) of a JSON header line, then the keys, sorted uint64 little-endian, each
a << 2 * id_bits | b << id_bits | c in the spin table's word ids, then one int8 per key: log10 P(c | a b)
minus the bigram table's log10 P(c | b), in steps of header["step"], then uint32 offsets: the keys
with first word a run from offsets[a] to offsets[a + 1] (a lookup searches only those).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import lm_trie  # noqa: E402
from newslint.spinmodel import TRIGRAMS, model  # noqa: E402

PRUNE = 0.75
STEP = 0.05


def check(trie: lm_trie.Trie, wheel: Path, samples: int) -> float:
    """The largest |log10| difference between the reader and NGramModel.prob() over listed and random triples."""
    from build_spin_model import load_model

    scorer = lm_trie.Scorer(trie)
    rng = random.Random(11)
    vocab, worst = trie.vocab, 0.0
    with tempfile.TemporaryDirectory() as work:
        lm, _ = load_model(wheel, Path(work))
        for _ in range(samples):
            i = rng.randrange(len(trie.tri_prob))
            p = int(trie.tri_parent[i])
            listed = (int(trie.tri_first[i]), int(trie.bi_before[p]), int(trie.bi_word[p]))
            unlisted = (rng.randrange(len(vocab)), listed[1], rng.randrange(len(vocab)))
            for a, b, c in (listed, unlisted):
                # prob() takes the word first, then its history, nearest first; logmath base 1.0001.
                ref = lm.prob([vocab[c], vocab[b], vocab[a]]) * lm_trie.TO_LOG10
                worst = max(worst, abs(ref - scorer.prob(c, b, a)))
    return worst


def bigram_estimate(table, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The packaged table's log10 P(c | b), as spinmodel.Model.logprob() computes it (vectorised)."""
    offsets = np.frombuffer(table._offsets.tobytes(), np.uint32).astype(np.int64)
    seconds = np.frombuffer(table._seconds.tobytes(), np.uint32).astype(np.int64)
    values = np.frombuffer(table._values, np.uint8).astype(np.float64)
    bits = table.header["id_bits"]
    firsts = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    keys = firsts << bits | seconds
    query = b << bits | c
    j = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    listed = keys[j] == query
    unigram, backoff = np.array(table.unigram), np.array(table.backoff)
    return np.where(listed, -values[j] * table.header["step"], backoff[b] + unigram[c])


def build(trie: lm_trie.Trie, prune: float) -> tuple[bytes, dict]:
    table = model()
    swap_words = {w for entry, found in table.entries.items() for p in (entry, *found.split("|")) for w in p.split()}
    to_table = np.array([table.ids.get(w, -1) for w in trie.vocab])
    usable = np.zeros(len(table.vocab), bool)
    usable[[table.ids[w] for w in swap_words]] = True
    p = trie.tri_parent
    a, b, c = to_table[trie.tri_first], to_table[trie.bi_before[p]], to_table[trie.bi_word[p]]
    known = (a >= 0) & (b >= 0) & (c >= 0)
    a, b, c, prob = a[known], b[known], c[known], trie.tri_prob[known]
    delta = prob - bigram_estimate(table, b, c)
    keep = (usable[a] | usable[b] | usable[c]) & (np.abs(delta) >= prune)
    bits = table.header["id_bits"]
    keys = (a[keep].astype(np.uint64) << np.uint64(2 * bits)) | (b[keep].astype(np.uint64) << np.uint64(bits)) \
        | c[keep].astype(np.uint64)
    codes = np.clip(np.round(delta[keep] / STEP), -127, 127).astype(np.int8)
    order = np.argsort(keys, kind="stable")
    keys, codes = keys[order], codes[order]
    stats = {"trigrams": int(len(trie.tri_prob)), "usable": int((usable[a] | usable[b] | usable[c]).sum()),
             "kept": int(len(keys)), "clipped": int((np.abs(np.round(delta[keep] / STEP)) > 127).sum())}
    header = {"version": 1, "id_bits": bits, "step": STEP, "prune": prune, "count": int(len(keys)),
              "vocab": len(table.vocab)}
    firsts = (keys >> np.uint64(2 * bits)).astype(np.int64)
    offsets = np.searchsorted(firsts, np.arange(len(table.vocab) + 1)).astype("<u4")
    body = (json.dumps(header, sort_keys=True).encode() + b"\n" + keys.astype("<u8").tobytes() + codes.tobytes()
            + offsets.tobytes())
    return body, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pocketsphinx", type=Path, required=True)
    parser.add_argument("--prune", type=float, default=PRUNE)
    parser.add_argument("--check", type=int, default=3000, help="triples checked against NGramModel.prob()")
    parser.add_argument("--out", type=Path, default=ROOT / "newslint" / "data" / TRIGRAMS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = lm_trie.extract(args.pocketsphinx, Path(work))
        trie = lm_trie.read(path)
    if args.check:
        worst = check(trie, args.pocketsphinx, args.check)
        print(f"reader against NGramModel.prob(): {2 * args.check} triples, largest difference {worst:.6f} (log10)")
        if worst > 0.001:
            sys.exit("the trie reader disagrees with pocketsphinx")
    body, stats = build(trie, args.prune)
    args.out.write_bytes(gzip.compress(body, mtime=0))
    print(f"{stats}; -> {args.out} ({args.out.stat().st_size:,} bytes, {len(body):,} raw)")


if __name__ == "__main__":
    main()
