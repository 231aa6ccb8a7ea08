"""Word-pair statistics for the paraphrase detectors: the prebuilt table and one scan per document.

The table (newslint/data/collocations.bin.gz, made by tools/build_collocations.py) holds Google
Books word and pair frequencies and WordNet synonyms. It is read once, when a rule first asks
for it. Layout: gzip of a JSON header line, then five sections whose byte lengths the header
lists: the words (newline-separated, most frequent first, a word's id is its position), their
counts as uint16 round(100 * log10(count)), the pairs as sorted uint64 keys (first id << 17 |
second id), the pairs' counts as uint16 centi-logs, and the synonym lines ("word syn syn ...").

A spinner swaps a word for a synonym of the wrong sense; the trace is a pair English rarely uses
("fulfill with") beside a synonym pair it uses all the time ("meet with"). scan() finds such
pairs: both words lower case and side by side with nothing but a space between them.
"""
from __future__ import annotations

import dataclasses
import gzip
import math
import re
import json
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from .model import Hit

ID_BITS = 17
TABLE = "collocations.bin.gz"
_TOKEN = re.compile(r"\S+")
# A swap must make the pair at least this many log10 units more common to be considered at all.
MIN_LOG_RATIO = 0.5
# The share of suspects that were swaps in the set the weights were fitted on.
PRIOR = 0.24
# The two halves of a merged suspect share features, so the weaker one counts for only part of its weight.
MERGE_WEIGHT = 0.5


@dataclass(frozen=True)
class Suspect:
    """Words that read as a synonym swap: where they start (index in text.split()), what they likely were."""

    index: int
    words: tuple[str, ...]
    original: tuple[str, ...]
    confidence: float
    features: tuple[float, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def fix(self) -> str:
        return " ".join(self.original)


class Table:
    """Word and pair frequencies (centi-log counts) and synonyms, as parsed from the packaged file."""

    def __init__(self, raw: bytes) -> None:
        head, _, body = raw.partition(b"\n")
        self.header = json.loads(head)
        parts, offset = [], 0
        for size in self.header["sections"]:
            parts.append(body[offset:offset + size])
            offset += size
        vocab = parts[0].decode("utf-8").split("\n")
        self.ids = {word: i for i, word in enumerate(vocab)}
        self.word_values = _uint(parts[1], "H")
        self.pairs = dict(zip(_uint(parts[2], "Q"), _uint(parts[3], "H")))
        self._synonym_lines = dict(line.split(" ", 1) for line in parts[4].decode("utf-8").split("\n"))
        self.pair_floor = self.header["pair_floor"]

    def word(self, word: str) -> int:
        """Centi-log count of a word, 0 if unknown."""
        i = self.ids.get(word)
        return 0 if i is None else self.word_values[i]

    def pair(self, first: str, second: str) -> int:
        """Centi-log count of a pair, 0 if it is not among the listed pairs."""
        a, b = self.ids.get(first), self.ids.get(second)
        if a is None or b is None:
            return 0
        return self.pairs.get(a << ID_BITS | b, 0)

    @lru_cache(maxsize=65536)
    def commoner_synonyms(self, word: str) -> tuple[str, ...]:
        """Synonyms more frequent than the word: what a spinner would have replaced with it."""
        line = self._synonym_lines.get(word)
        if not line:
            return ()
        own = self.word(word)
        return tuple(s for s in line.split() if self.word(s) > own)

    def synonyms(self, word: str) -> tuple[str, ...]:
        line = self._synonym_lines.get(word)
        return tuple(line.split()) if line else ()


def _uint(data: bytes, code: str) -> array:
    values = array(code)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


@lru_cache(maxsize=1)
def table() -> Table:
    """The packaged table, loaded on first use."""
    raw = (resources.files("newslint") / "data" / TABLE).read_bytes()
    return Table(gzip.decompress(raw))


# Logistic weights of a suspect's confidence over (1, ratio, association gain, listed, rarity,
# the original pair's association, the kept word's frequency); fitted by bench/spun.py on the
# development half of the spun set.
WEIGHTS = (0.12, 0.955, 0.745, -1.255, 0.21, 0.034, -0.36, -1.141, -0.111, -0.126)


def _features(tb: Table, a: str, b: str, swap: str, left: bool) -> tuple[float, ...] | None:
    """Features of reading pair (a, b) as a spinner's rewrite of the pair with a (left) or b replaced by swap."""
    s, t = (swap, b) if left else (a, swap)
    alt = tb.pair(s, t)
    if not alt:
        return None
    word, kept = (a, b) if left else (b, a)
    seen = max(tb.pair(a, b), tb.pair_floor)
    # Association: how likely the kept word is beside the swapped one, given the swapped word's frequency.
    gain = (alt - tb.word(swap)) - (seen - tb.word(word))
    rarity = tb.word(swap) - tb.word(word)
    chance = tb.word(swap) + tb.word(kept) - 2 * tb.header["word_total"] + tb.header["pair_total"]
    listed = float(tb.pair(a, b) > 0)
    return (1.0, (alt - seen) / 100, gain / 100, listed, rarity / 100, (alt - chance) / 100,
            (tb.word(kept) - 800) / 100, (tb.word(word) - 600) / 100, listed * (alt - seen) / 100,
            len(tb.synonyms(word)) / 10)


def confidence(features: tuple[float, ...]) -> float:
    z = sum(w * x for w, x in zip(WEIGHTS, features))
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def best_swap(tb: Table, index: int, a: str, b: str) -> Suspect | None:
    """The most likely original of the pair (a, b), if a synonym swap of either word explains it."""
    best: Suspect | None = None
    for left, word in ((True, a), (False, b)):
        for swap in tb.commoner_synonyms(word):
            features = _features(tb, a, b, swap, left)
            if features is None or features[1] < MIN_LOG_RATIO:
                continue
            score = confidence(features)
            if best is None or score > best.confidence:
                best = Suspect(index, (a, b), (swap, b) if left else (a, swap), score, features)
    return best


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _merge(first: Suspect, second: Suspect) -> Suspect | None:
    """'to fulfill' + 'fulfill with', both undoing the same swap, make one suspect 'to fulfill with'."""
    if second.index != first.index + 1 or first.original[1] != second.original[0] or first.original[1] == first.words[1]:
        return None
    # Two pieces of evidence for one swap: the log-odds add, less the prior counted twice (damped: not independent).
    low, high = sorted((_logit(first.confidence), _logit(second.confidence)))
    z = high + MERGE_WEIGHT * max(low - _logit(PRIOR), 0)
    merged = 1 / (1 + math.exp(-max(min(z, 30), -30)))
    return Suspect(first.index, (*first.words, second.words[1]), (*first.original, second.original[1]), merged,
                   first.features)


def suspect_pairs(text: str) -> Iterator[Suspect]:
    """Every pair of adjacent lower-case words that reads as a synonym swap of a common pair."""
    tb = table()
    tokens = text.split()
    # Capitalised words (names, sentence starts) and words with punctuation attached are not in the table.
    known = [t in tb.ids and bool(tb.commoner_synonyms(t)) for t in tokens]
    for i in range(len(tokens) - 1):
        if (known[i] or known[i + 1]) and tokens[i] in tb.ids and tokens[i + 1] in tb.ids:
            suspect = best_swap(tb, i, tokens[i], tokens[i + 1])
            if suspect is not None:
                yield suspect


@lru_cache(maxsize=8)
def scan(text: str) -> tuple[Suspect, ...]:
    """The suspect pairs, with two pairs that undo the same swap merged into one suspect of three words.

    Cached: the warning rule, the hint rule and the article verdict all read the same scan.
    """
    found: list[Suspect] = []
    for suspect in suspect_pairs(text):
        merged = _merge(found[-1], suspect) if found else None
        if merged is not None:
            found[-1] = merged
        else:
            found.append(suspect)
    return tuple(found)


def hits(document, findings, low: float, high: float) -> Iterator[Hit]:
    """A Hit for every suspect whose confidence is in [low, high) and that no paraphrase finding covers yet."""
    chosen = [s for s in scan(document.text) if low <= s.confidence < high]
    if not chosen:
        return
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(document.text)]
    # Another rule has already said it (the lexicon's "fulfill with"): one finding is enough.
    taken = [f for f in findings if f.category == "paraphrase"]
    for suspect in chosen:
        start, end = spans[suspect.index][0], spans[suspect.index + len(suspect.words) - 1][1]
        if taken and _covered(document, taken, start, end):
            continue
        yield Hit(start, end, f"unlikely wording '{suspect.text}': reads as a synonym swap of '{suspect.fix}' "
                              f"(confidence {suspect.confidence:.2f})", (suspect.fix,))


def _covered(document, findings, start: int, end: int) -> bool:
    """Whether one of the findings overlaps the span."""
    line, column, end_line, end_column = document.span_position(start, end)
    return any((f.line, f.column) < (end_line, end_column) and (line, column) < (f.end_line, f.end_column)
               for f in findings)


@lru_cache(maxsize=8)
def rare_choices(text: str) -> int:
    """Lower-case words with a synonym at least ten times as frequent: a spinner's taste ("bedchamber")."""
    tb = table()
    count = 0
    for token in text.split():
        if token in tb.ids:
            commoner = tb.commoner_synonyms(token)
            if commoner and tb.word(commoner[0]) - tb.word(token) >= 100:
                count += 1
    return count


@lru_cache(maxsize=8)
def unlisted_share(text: str) -> float:
    """Of the pairs of adjacent lower-case words the table knows, the share it does not list as a pair."""
    tb = table()
    ids = [tb.ids.get(t, -1) for t in text.split()]
    pairs = [a << ID_BITS | b for a, b in zip(ids, ids[1:]) if a >= 0 and b >= 0]
    if not pairs:
        return 0.0
    listed = tb.pairs
    return sum(1 for p in pairs if p not in listed) / len(pairs)
