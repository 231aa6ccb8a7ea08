"""Build newslint/data/collocations.bin.gz: word and word-pair frequencies and a synonym map.

usage: python tools/build_collocations.py [--symspell WHEEL_OR_DIR] [--wordnet DIR] [--out FILE]

Sources (registry packages only, used here at build time, never at run time):
- word and pair frequencies (Google Books n-grams) from symspellpy's wheel:
  frequency_dictionary_en_82_765.txt and frequency_bigramdictionary_en_243_342.txt
  (`pip download --no-deps symspellpy`; pass the wheel or the unpacked folder);
- synonyms from WordNet 3.0 as Debian's wordnet-base installs it (/usr/share/wordnet:
  `apt-get install wordnet-base`).

The table holds, for every lower-case alphabetic word of the frequency list, its count, every
listed pair of such words, and the word's WordNet synonyms (most frequent first) in the same inflection (a synonym of
"approaching" is "coming", of "fulfilled" is "met" only where a regular rule or WordNet's
exception list gives the form) that are themselves in the frequency list. Counts are stored as
round(100 * log10(count)) to keep the file small, and pairs as integer keys of word ids, so
the package loads the table in a few hundredths of a second; the pair list holds only the top 243k pairs,
so a pair's absence means "rarer than the smallest listed pair", not "never".
"""
from __future__ import annotations

import argparse
import sys
from array import array
import gzip
import json
import math
import re
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_FILE = "frequency_dictionary_en_82_765.txt"
PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"
WORD = re.compile(r"[a-z]+")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's detachment rules (morphy): inflected ending -> base ending, per part of speech.
SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}
MAX_SYNONYMS = 16
# A pair is stored as one integer: the first word's id above ID_BITS, the second's below.
ID_BITS = 17
ID_MASK = (1 << ID_BITS) - 1
# A word with a synonym this many centi-log units (ten times) more frequent is a "rare choice".
RARE_GAP = 100


def read_member(source: Path, name: str) -> str:
    if source.is_dir():
        return next(source.rglob(name)).read_text(encoding="utf-8")
    with zipfile.ZipFile(source) as wheel:
        member = next(n for n in wheel.namelist() if n.endswith("/" + name))
        return wheel.read(member).decode("utf-8")


def read_counts(text: str, arity: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != arity + 1 or not all(WORD.fullmatch(p) for p in parts[:arity]):
            continue
        key = " ".join(parts[:arity])
        counts[key] = max(counts.get(key, 0), int(parts[arity]))
    return counts


# British spellings the US-heavy counts undervalue ("modernise", "labour"): count them as their US form.
BRITISH = [(re.compile(p), r) for p, r in [
    (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able)?$", r"or\1"),
    (r"(?<=[a-z]{3})tre(s)?$", r"ter\1"), (r"(?<=[aeiou])ll(ed|ing|er|ers)$", r"l\1"), (r"ence(s)?$", r"ense\1"),
    (r"ogue(s)?$", r"og\1"), (r"yse(d|s)?$", r"yze\1"), (r"ae(?=[a-z]{3})", "e"),
]]


def us_forms(words: dict[str, int]) -> dict[str, str]:
    """British spelling -> its US form, when that form is listed and commoner."""
    found = {}
    for word, count in words.items():
        for pattern, replacement in BRITISH:
            us = pattern.sub(replacement, word)
            if us != word and words.get(us, 0) > count:
                found[word] = us
                break
    return found


def with_british(words: dict[str, int], pairs: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """Words and pairs with each British spelling counted as often as its US form."""
    british = defaultdict(list)
    for word, us in us_forms(words).items():
        british[us].append(word)
    words = {**words, **{b: words[us] for us, bs in british.items() for b in bs}}
    added = {}
    for pair, count in pairs.items():
        a, b = pair.split()
        for x in [a, *british.get(a, [])]:
            for y in [b, *british.get(b, [])]:
                if f"{x} {y}" not in pairs:
                    added[f"{x} {y}"] = max(count, added.get(f"{x} {y}", 0))
    return words, {**pairs, **added}


def read_wordnet(folder: Path) -> tuple[dict, dict, dict]:
    """(index: (lemma, pos) -> synset offsets, synsets: (pos, offset) -> lemmas, exceptions: (form, pos) -> lemmas)."""
    index: dict[tuple[str, str], list[str]] = {}
    synsets: dict[tuple[str, str], list[str]] = {}
    exceptions: dict[tuple[str, str], list[str]] = defaultdict(list)
    heads: dict[tuple[str, str], list[str]] = {}
    for pos, name in POS_FILES.items():
        for line in (folder / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            count = int(parts[2])
            index[(parts[0], pos)] = parts[-count:]
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            count = int(parts[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).lower() for i in range(count)]
            synsets[(pos, parts[0])] = lemmas
            if parts[2] == "s":
                heads[(pos, parts[0])] = _similar_to(parts[4 + 2 * count:])
        for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            form, *lemmas = line.split()
            exceptions[(form, pos)].extend(lemmas)
    # A satellite adjective ("everlasting") also takes the words of its head ("permanent, lasting").
    for key, offsets in heads.items():
        synsets[key] = synsets[key] + [w for offset in offsets for w in synsets.get(("a", offset), [])]
    return index, synsets, exceptions


def _similar_to(pointers: list[str]) -> list[str]:
    """The synset offsets a satellite adjective's "&" (similar to) pointers name."""
    count = int(pointers[0])
    fields = pointers[1:1 + 4 * count]
    return [fields[i + 1] for i in range(0, len(fields), 4) if fields[i] == "&"]


def analyses(word: str, pos: str, index: dict) -> list[tuple[str, str, str]]:
    """(lemma, inflected ending, base ending) readings of a word in one part of speech."""
    found = [(word, "", "")] if (word, pos) in index else []
    for ending, base in SUFFIXES[pos]:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            lemma = word[: len(word) - len(ending)] + base
            if (lemma, pos) in index:
                found.append((lemma, ending, base))
    return found


def synonyms_of(word: str, vocab: dict, index: dict, synsets: dict, exceptions: dict) -> list[str]:
    """The word's single-word WordNet synonyms, in the word's inflection, that the frequency list knows."""
    found: set[str] = set()
    for pos in POS_FILES:
        readings = analyses(word, pos, index)
        readings += [(lemma, None, None) for lemma in exceptions.get((word, pos), [])]
        for lemma, ending, base in readings:
            for offset in index.get((lemma, pos), []):
                for other in synsets[(pos, offset)]:
                    if other == lemma or not WORD.fullmatch(other):
                        continue
                    if ending is None:
                        continue  # an irregular form: no rule re-inflects its synonyms
                    if base and not other.endswith(base):
                        continue
                    form = other[: len(other) - len(base)] + ending if base else other + ending
                    if form != word and form in vocab:
                        found.add(form)
    return sorted(found, key=lambda s: (-vocab[s], s))[:MAX_SYNONYMS]


def centilog(count: int) -> int:
    return round(100 * math.log10(max(count, 1)))


def build(symspell: Path, wordnet: Path) -> tuple[dict, list[bytes]]:
    """The header and sections of the table (see newslint/collocations.py for the layout)."""
    words, pairs = with_british(read_counts(read_member(symspell, WORDS_FILE), 1),
                                read_counts(read_member(symspell, PAIRS_FILE), 2))
    assert len(words) < 1 << ID_BITS
    index, synsets, exceptions = read_wordnet(wordnet)
    vocab = sorted(words, key=lambda w: (-words[w], w))
    ids = {w: i for i, w in enumerate(vocab)}
    values = [centilog(words[w]) for w in vocab]
    keys = sorted(ids[a] << ID_BITS | ids[b] for a, b in (p.split() for p in pairs))
    pair_values = [centilog(pairs[f"{vocab[k >> ID_BITS]} {vocab[k & ID_MASK]}"]) for k in keys]
    offsets, synonym_ids, flags = [0], [], []
    for i, word in enumerate(vocab):
        found = [ids[s] for s in synonyms_of(word, words, index, synsets, exceptions)]  # most frequent first
        synonym_ids.extend(found)
        offsets.append(len(synonym_ids))
        commoner = sum(1 for s in found if values[s] > values[i])
        rare = commoner and values[found[0]] - values[i] >= RARE_GAP
        flags.append(min(commoner, 127) | (128 if rare else 0))
    header = {
        "version": 2,
        "sources": {"words": WORDS_FILE, "pairs": PAIRS_FILE, "synonyms": "WordNet 3.0 (wordnet-base)"},
        "word_total": centilog(sum(words.values())),
        "pair_total": centilog(sum(pairs.values())),
        "pair_floor": centilog(min(pairs.values())),
    }
    sections = [
        "\n".join(vocab).encode("utf-8"),
        little_endian(array("H", values)),
        little_endian(array("Q", keys)),
        little_endian(array("H", pair_values)),
        little_endian(array("I", offsets)),
        little_endian(array("I", synonym_ids)),
        bytes(flags),
    ]
    return header, sections


def encode(header: dict, sections: list[bytes]) -> bytes:
    header = {**header, "sections": [len(s) for s in sections]}
    return json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + b"".join(sections)


def little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symspell", type=Path, required=True, help="symspellpy wheel or unpacked folder")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=ROOT / "newslint" / "data" / "collocations.bin.gz")
    args = parser.parse_args()
    header, sections = build(args.symspell, args.wordnet)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same sources give the same bytes.
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as out:
        out.write(encode(header, sections))
    print(f"{args.out}: {len(sections[1]) // 2} words, {len(sections[2]) // 8} pairs, "
          f"{len(sections[5]) // 4} synonym links, {args.out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
