"""WordNet 3.0 synonyms in a word's inflection, read from Debian's wordnet-base (/usr/share/wordnet).

Used at build time by tools/build_spin_model.py (candidate originals) and by bench/spun.py (the
WordNet spinner); never at run time. `apt-get install wordnet-base`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

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
