"""The traces a synonym-swapping spinner leaves, found with the collocation table; shared by the paraphrase rules.

A spinner swaps a word for a synonym of the wrong sense, and the swap leaves a pair English
rarely uses ("fulfill with") beside a synonym pair it uses all the time ("meet with"). analyse()
reads a text once (cached, since three rules ask) and returns every such suspect pair, with a
confidence, and the counts of words chosen far rarer than a synonym and of obscure words. Pairs
are two lower-case words side by side with only a space between them: capitalised words (names,
sentence starts) and words with punctuation attached are not in the table, so they are never
judged.
"""
from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from typing import Iterator

from .collocations import ID_BITS, Table, table
from .model import Hit

# Logistic weights of a suspect's confidence over the features of _features(); fitted by
# bench/spun.py --fit pairs on the development half of the spun set.
WEIGHTS = (-0.499, 0.96, 0.522, 0.438, 0.293, -0.401, -0.956, -0.207)
# The share of suspects that were swaps in that set.
PRIOR = 0.55
# A swap must make the pair at least this many centi-log units (50: about 3 times) more common.
MIN_GAIN = 50
# The two halves of a merged suspect share features, so the weaker counts for half its weight.
MERGE_WEIGHT = 0.5
# A rare choice has a synonym at least 100 times as common (200 centi-log units: "bedchamber"
# beside "bedroom"); an obscure word is seen fewer than 10^5 times in Google Books (500).
RARE_GAP = 200
OBSCURE_BELOW = 500
_TOKEN = re.compile(r"\S+")


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


@dataclass(frozen=True)
class Analysis:
    suspects: tuple[Suspect, ...]
    suspect_pairs: tuple[Suspect, ...]  # before merging, for fitting the weights
    rare_choices: int  # words with a synonym at least 100 times as frequent ("bedchamber")
    obscure_words: int  # words with a commoner synonym that are themselves obscure


def _features(tb: Table, word: int, kept: int, swap: tuple[str, int, int], alt: int) -> tuple:
    """Features of reading an unlisted pair as a spinner's rewrite of the pair with `word` (an id) replaced by `swap`."""
    values, header, seen = tb.word_values, tb.header, tb.pair_floor
    swap_value, word_value, kept_value = swap[2], values[word], values[kept]
    # Association: how likely the kept word is beside the swapped one, given the swapped word's frequency
    # (for the unlisted pair, an upper bound from the smallest listed count).
    gain = (alt - swap_value) - (seen - word_value)
    chance = swap_value + kept_value - 2 * header["word_total"] + header["pair_total"]
    return (1.0, (alt - seen) / 100, gain / 100, (swap_value - word_value) / 100, (alt - chance) / 100,
            (kept_value - 800) / 100, (word_value - 600) / 100, tb.synonym_count(word) / 10)


def confidence(features: tuple[float, ...]) -> float:
    return _sigmoid(sum(map(operator.mul, WEIGHTS, features)))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def _best_swap(tb: Table, k: int, tokens: list[str], a: int, b: int) -> Suspect | None:
    """The most likely original of the unlisted pair of word ids (a, b) at token k, if a synonym swap explains it."""
    get, floor = tb.pairs.get, tb.pair_floor + MIN_GAIN
    # The cheap test first: most synonyms make no commoner pair.
    left = [(s, alt) for s in tb.commoner(a) if (alt := get(s[1] << ID_BITS | b, 0)) >= floor]
    right = [(s, alt) for s in tb.commoner(b) if (alt := get(a << ID_BITS | s[1], 0)) >= floor]
    best = None
    for swapped, on_left in ((left, True), (right, False)):
        word, kept = (a, b) if on_left else (b, a)
        for swap, alt in swapped:
            features = _features(tb, word, kept, swap, alt)
            score = confidence(features)
            if best is None or score > best.confidence:
                original = (swap[0], tokens[k + 1]) if on_left else (tokens[k], swap[0])
                best = Suspect(k, (tokens[k], tokens[k + 1]), original, score, features)
    return best


def _merge(first: Suspect, second: Suspect) -> Suspect | None:
    """'to fulfill' + 'fulfill with', both undoing the same swap, make one suspect 'to fulfill with'."""
    if second.index != first.index + 1 or first.original[1] != second.original[0] or first.original[1] == first.words[1]:
        return None
    # Two pieces of evidence for one swap: the log-odds add, less the prior (damped: not independent).
    low, high = sorted((_logit(first.confidence), _logit(second.confidence)))
    merged = _sigmoid(high + MERGE_WEIGHT * max(low - _logit(PRIOR), 0))
    return Suspect(first.index, (*first.words, second.words[1]), (*first.original, second.original[1]), merged,
                   first.features)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


@lru_cache(maxsize=8)
def analyse(text: str) -> Analysis:
    """Every suspect pair of the text (two pairs undoing one swap merged), and the article-wide figures."""
    tb = table()
    tokens = text.split()
    hot, ids, listed = tb.swappable, tb.ids.get, tb.pairs
    # Only the pairs around a swappable word are looked at. Built-in maps do the per-word work.
    positions = list(compress(count(), map(hot.__contains__, tokens)))
    starts = sorted({k for p in positions for k in (p - 1, p) if 0 <= k < len(tokens) - 1})
    firsts = map(ids, map(tokens.__getitem__, starts), repeat(-1))
    seconds = map(ids, map(tokens.__getitem__, map((1).__add__, starts)), repeat(-1))
    # A listed pair is common enough: a swap almost never scores high there (bench/spun.py), so only
    # the unlisted pairs of known words are judged.
    pairs = [suspect for k, a, b in zip(starts, firsts, seconds)
             if a >= 0 and b >= 0 and a << ID_BITS | b not in listed
             and (suspect := _best_swap(tb, k, tokens, a, b)) is not None]
    values = tb.word_values
    chosen = [hot[tokens[p]] for p in positions]
    rare = sum(1 for i in chosen if tb.commoner(i) and tb.commoner(i)[0][2] - values[i] >= RARE_GAP)
    obscure = sum(1 for i in chosen if values[i] < OBSCURE_BELOW)
    return Analysis(_merged(pairs), tuple(pairs), rare, obscure)


def _merged(pairs: list[Suspect]) -> tuple[Suspect, ...]:
    merged: list[Suspect] = []
    for suspect in pairs:
        joined = _merge(merged[-1], suspect) if merged else None
        if joined is not None:
            merged[-1] = joined
        else:
            merged.append(suspect)
    return tuple(merged)


def scan(text: str) -> tuple[Suspect, ...]:
    return analyse(text).suspects


def hits(document, findings, low: float, high: float, sure: float = 2.0) -> Iterator[Hit]:
    """A Hit for every suspect whose confidence is in [low, high) and that no paraphrase finding covers yet.

    A suspect below `sure` is demoted one severity level (a warning rule reports it as a suggestion).
    """
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
                              f"(confidence {suspect.confidence:.2f})", (suspect.fix,),
                  demote=int(suspect.confidence < sure))


def _covered(document, findings, start: int, end: int) -> bool:
    """Whether one of the findings overlaps the span."""
    line, column, end_line, end_column = document.span_position(start, end)
    return any((f.line, f.column) < (end_line, end_column) and (line, column) < (f.end_line, f.end_column)
               for f in findings)
