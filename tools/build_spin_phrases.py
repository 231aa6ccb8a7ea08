"""Build newslint/data/spinphrases.tsv.gz: the trigram log10 probability inside each multiword phrase of the spin model.

usage: python tools/build_spin_phrases.py --pocketsphinx WHEEL_OR_DIR [--out FILE]
       (run with a Python that has pocketsphinx installed, after tools/build_spin_model.py)

The spin table holds bigrams only (pocketsphinx's ARPA export dies on the trigrams), and a
bigram model cannot see an idiom whole: "rank and file" costs log10 -5.5 as three bigrams, -1.5
with the model's trigrams, so the scorer read every multiword idiom as a swap. NGramModel.prob()
scores given word triples without the export, so for every multiword entry and candidate of the
table this writes log10 P(w2 | w1) + log10 P(w3 | w1 w2) ... (the phrase's inside, its first word
excluded) from the model's own trigrams: one line "phrase<TAB>thousandths of log10". Source: the
pocketsphinx wheel's en-us.lm.bin (BSD-2-Clause), as for the main table.
"""
from __future__ import annotations

import argparse
import gzip
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from build_spin_model import load_model  # noqa: E402
from newslint.spinmodel import PHRASES, model  # noqa: E402

TO_LOG10 = math.log10(1.0001)  # NGramModel.prob() is in logmath base 1.0001


def inside(lm, words: list[str]) -> float:
    """log10 P of words[1:] given the words before them, with up to two words of history."""
    # prob() takes the word first, then its history, nearest first.
    return sum(lm.prob(list(reversed(words[max(0, i - 2):i + 1]))) * TO_LOG10 for i in range(1, len(words)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pocketsphinx", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "newslint" / "data" / PHRASES)
    args = parser.parse_args()
    table = model()
    phrases = {p for entry, found in table.entries.items() for p in (entry, *found.split("|")) if " " in p}
    with tempfile.TemporaryDirectory() as work:
        lm, _ = load_model(args.pocketsphinx, Path(work))
        lines = [f"{p}\t{round(inside(lm, p.split()) * 1000)}" for p in sorted(phrases)]
    # A fixed mtime keeps the build reproducible.
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines)} phrases -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
