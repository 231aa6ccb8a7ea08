"""Build newslint/data/spinphrases.tsv.gz: trigram scores inside the spin model's phrases, and candidate fan-outs.

usage: PYTHONPATH=. python tools/build_spin_phrases.py --pocketsphinx WHEEL_OR_DIR [--out FILE]
       (run with a Python that has pocketsphinx installed, after tools/build_spin_model.py)

The spin table holds bigrams only (pocketsphinx's ARPA export dies on the trigrams), and a
bigram model cannot see an idiom whole: "rank and file" costs log10 -5.5 as three bigrams, -1.5
with the model's trigrams, so the scorer read every multiword idiom as a swap. NGramModel.prob()
scores given word triples without the export, so for every multiword entry and candidate of the
table this writes log10 P(w2 | w1) + log10 P(w3 | w1 w2) ... (the phrase's inside, its first word
excluded) from the model's own trigrams. It also counts, for every candidate, the entries that
list it (its fan-out): a spinner turns a word with hundreds of synonyms ("something", "get")
into any one of them, so such a word is a weak explanation of any one rare word. One line per
phrase or candidate: "text<TAB>inside, thousandths of log10 (empty for one word)<TAB>fan-out".
Source: the pocketsphinx wheel's en-us.lm.bin (BSD-2-Clause), as for the main table.
"""
from __future__ import annotations

import argparse
import gzip
import math
import sys
import tempfile
from collections import Counter
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
    fanout = Counter(c for found in table.entries.values() for c in found.split("|"))
    with tempfile.TemporaryDirectory() as work:
        lm, _ = load_model(args.pocketsphinx, Path(work))
        lines = [f"{p}\t{round(inside(lm, p.split()) * 1000) if p in phrases else ''}\t{fanout[p]}"
                 for p in sorted(phrases | set(fanout))]
    # A fixed mtime keeps the build reproducible.
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines)} phrases -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
