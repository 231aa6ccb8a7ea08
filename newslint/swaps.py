"""The traces a synonym-swapping spinner leaves, found with a language model; shared by the paraphrase rules.

A spinner replaces a word (or a phrase) with a thesaurus synonym, often of the wrong sense, and
the sentence becomes less likely: "unsettled phones" for *mobile phones*, "beside the mark" for *off*.
The reverse-synonym test: for every word or phrase the model's thesauri list as a synonym of a
commoner one, put each commoner one back and ask the language model how much likelier the
words around it become, two words out on each side (the margin, in log10 units). A large margin,
with the features that tell a swap from rare but right wording, gives a confidence that the span
is a swap and names its likely original. analyse() reads a text once (cached, since two rules ask).

Inside a multiword span the model's trigrams score the words (newslint/data/spinphrases.tsv.gz):
as a chain of bigrams every idiom ("rank and file", "weather the storm") looked unlikely.

Across the span's edges the bigrams are corrected by the model's trigrams (newslint/data/spintrigrams.bin.gz,
read on first use): a swap that fits its neighbour may not fit the word beyond it ("rank and register").

Context is up to two words on each side, across nothing but a space: punctuation, digits and words the
model does not know break it (they are never evidence on their own), a sentence end is "</s>"
and a sentence start "<s>". A capitalised word is judged by its lower-case form, as a spinner looked it
up: a sentence's first word always ("Moreover," for *also*), a word inside a sentence (a name, a title:
"Invoice Nye") only when the model lists the bigram of its likely original with a neighbour ("bill
nye"), so an unknown name is never judged on the model's ignorance. A word the text capitalises inside
other sentences too is likely a name, or a swap a spinner repeated at every occurrence: it is kept only
when its span evidence alone is sure. The fix keeps the word's case.
"""
from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass
from bisect import bisect_left
from functools import cached_property, lru_cache
from pathlib import Path
from itertools import compress, count, repeat
from typing import Iterator

from .model import Hit
from .sentences import LOWER_ABBREVIATIONS, is_abbreviation
from .spinmodel import END, START, Model, Trigrams, model, trigrams

# Logistic weights over the features of _features(); fitted by bench/spun.py --fit spans on the
# development half of the spun sets.
WEIGHTS = (-5.222, -0.19, 0.009, -0.378, 0.944, 0.215, 0.267, -0.299, 0.332, 1.347, 0.363, -0.547, -0.888, 0.714,
           -0.601, -0.567, -1.069, -0.045, 0.093)
# A margin below this (log10: a factor of 3) is no suspect at all.
MIN_MARGIN = 0.5
# A span more than this much likelier than chance beside each neighbour (log10 PMI: a factor of 3)
# fits its context: bench/spun.py finds 3% of the swaps it can name above it, and 10% of all spans.
BOUND = 0.0
# How many of an entry's candidates (the best linked first) are tried.
TRIED = 8
# Spans a process scores in Python before it scores the rest over arrays (swaparray.py, numpy). The switch
# costs about 0.1 s (numpy's import, the candidates' columns) and the arrays save about 10 us a span, so
# it pays 10,000 spans later; at 20,000 spans (some 350 articles, about 2.5 s of run) a run that ends
# soon after the switch pays at most about 4% more (docs/performance.md, branch r17v).
ARRAYS_AFTER = 20_000
# A text scored alone (not in a batch, prepare()) goes to the arrays with this many spans or more: below
# that, numpy's cost per call is more than the Python loop costs.
ARRAYS_MIN = 60
# The rules that read analyse(): the runner scans a corpus's files in batches (prepare()) when one is on.
SCANNED_BY = ("unlikely-collocation", "machine-paraphrased")
_scanned = 0  # spans this process has scored
_prepared: dict[str, Analysis] = {}  # prepare()'s batch, until analyse() is asked for each text
# Punctuation stripped from a token's ends; what is stripped breaks the context on that side.
PUNCT = "\"'“”‘’()[]{},.;:!?…*–—-/"
SENTENCE_END = ".!?"
_FIRST, _LAST = slice(0, 1), slice(-1, None)
# Distinct tokens the memo of folded tokens (Model.folded) holds at most, about 260 bytes each (13 MB at
# most); once full it keeps what it has. BBC's 1,313 files hold 46,171 (11.9 MB), PolNeAR's 924 texts 60,075.
# A token not found is folded for its text alone, which costs more than folding without a memo: with
# 30,000 (13% of BBC's tokens not found) the token context cost about as much as without the memo
# (docs/performance.md, branch r17q).
FOLDED = 50_000
# Capitalised words _Context._inside counts one at a time before it counts them all (see there).
COUNTED = 16
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Suspect:
    """Words that read as a synonym swap: where they start (index in text.split()), what they likely were."""

    index: int
    words: tuple[str, ...]
    original: str
    margin: float
    confidence: float
    features: tuple[float, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def fix(self) -> str:
        """The original in the span's case: "Bill" for "Invoice", "White House" for "Whitened Household"."""
        if len(self.words) > 1 and all(map(_title, self.words)):
            return " ".join(w[:1].upper() + w[1:] for w in self.original.split())
        return self.original[:1].upper() + self.original[1:] if self.words[0][:1].isupper() else self.original


@dataclass(frozen=True)
class Analysis:
    suspects: tuple[Suspect, ...]  # every span with a margin of MIN_MARGIN or more, best candidate only
    scored: int  # words and phrases the test was run on


class _Context:
    """The tokens of a text, folded to the model's vocabulary, with what breaks context between them: per
    token (tuples) its core (punctuation stripped), lower-case core, id (-1: not in the vocabulary), whether
    it is an entry and one that reports (_reports), and whether its core starts lower-case."""

    def __init__(self, text: str, lm: Model) -> None:
        tokens = self.tokens = text.split()
        # What each token folds to comes from the model's memo of distinct tokens (news repeats its words:
        # BBC's 484,656 tokens are 46,171 distinct), one dict lookup a token; only the text's new tokens
        # are folded, with the same built-in maps as before, a text at a time.
        folded = lm.folded
        rows = list(map(folded.get, tokens))
        if None in rows:
            new: dict[str, tuple] = {}
            _fold(lm, new, list(set(compress(tokens, map(operator.not_, rows)))))
            for i in compress(count(), map(operator.not_, rows)):
                rows[i] = new[tokens[i]]
            # Bounded: once full, the memo keeps the words it has (the commonest come first) and a text's
            # other words are folded for that text alone.
            if len(folded) + len(new) <= FOLDED:
                folded.update(new)
        (self.cores, self.low, self.ids, self.lead, self.trail, self.lower, self.entry, self.reports, ends,
         abbreviated) = tuple(zip(*rows)) or ((),) * 10
        # Where a sentence starts (its first word's left context is "<s>"): the text's first token and
        # every token after one that ends a sentence, which a title's or a month's full stop does not
        # ("Mr. Gallant", "Jan. 5": as the sentence splitter reads them).
        cores = self.cores
        self.ends = set(compress(count(), ends))
        for k in compress(count(), abbreviated):
            if is_abbreviation(tokens[k][:-1], cores[k + 1] if k + 1 < len(tokens) else ""):
                self.ends.discard(k)
        self.starts = {0, *map((1).__add__, self.ends)}
        self._insides: dict[str, int] = {}  # _inside()'s answers

    def left(self, k: int) -> int:
        """The id of the word before token k as its context, START, or -1 (no context)."""
        if not self.lead[k]:
            return -1
        if k in self.starts:
            return START
        return self.ids[k - 1] if self.trail[k - 1] else -1

    def right(self, k: int) -> int:
        if k in self.ends:
            return END
        if not self.trail[k] or k + 1 >= len(self.tokens):
            return -1
        return self.ids[k + 1] if self.lead[k + 1] else -1

    def judged(self, k: int) -> bool:
        """Lower-case, or capitalised (not an acronym: "US" is no "us"); a capitalised word is judged by its
        lower-case form, inside a sentence only if vouched(), and held to a stricter bar if marked()."""
        return self.lower[k] or _title(self.cores[k])

    def marked(self, k: int) -> bool:
        """Whether the text itself shows the capitalised word k to be a name: capitalised inside another
        sentence too ("Glazer makes ... said Mr Glazer"). A spinner that keeps one table per article
        repeats its swap the same way ("Invoice Nye ... Mr Invoice"), so this mark is no proof: a marked
        word is judged, but kept only as _repeated() decides (sure on its own, and read as a swap at half
        its occurrences or more)."""
        core = self.cores[k]
        return not self.lower[k] and core[:1].isupper() and self._inside(core) > self.named(k)

    def _inside(self, core: str) -> int:
        """How often the capitalised word stands inside a sentence (not first): a name's mark. An article
        asks about a few words, each counted on its own; a long text (a window of a huge file) asks about
        thousands, and a count of the whole text for each would be quadratic, so past COUNTED words
        every capitalised word is counted at once."""
        found = self._insides.get(core)
        if found is None:
            if len(self._insides) < COUNTED:
                found = self._insides[core] = self.cores.count(core) - self._first_words[core]
            else:
                found = self._capitalised[core] - self._first_words[core]
        return found

    @cached_property
    def _first_words(self) -> Counter:
        return Counter(self.cores[k] for k in self.starts if k < len(self.cores))

    @cached_property
    def _capitalised(self) -> Counter:
        return Counter(compress(self.cores, map(operator.not_, self.lower)))

    @cached_property
    def counts(self) -> Counter:
        """How often each word stands in the text, as written (punctuation stripped)."""
        return Counter(self.cores)

    def named(self, k: int) -> bool:
        """A capitalised word inside a sentence (not its first word): perhaps a name or a title."""
        return not self.lower[k] and k not in self.starts

    def vouched(self, lm: Model, k: int, n: int, originals: list[list[int]]) -> bool:
        """Whether the model lists the bigram of one of the likely originals (id lists) with a neighbour
        (a word, not a sentence edge): "Invoice Nye" read back as "bill nye". A name the model does not
        know that way is left alone, whatever its margin."""
        left, right = self.left(k), self.right(k + n - 1)
        listed = lm.listed
        return any(left > END and listed(left, ids[0]) or right > END and listed(ids[-1], right) for ids in originals)

    def vouchable(self, lm: Model, k: int, n: int, entry: str) -> bool:
        """Whether a named() span is vouched() for one of the candidates _best tries (else it is not
        worth scoring)."""
        return self.vouched(lm, k, n, [row[1] for row in _tried(lm, entry)])


def _maybe_abbreviation(token: str) -> bool:
    """A cheap first test for sentences.is_abbreviation: a short capitalised word ("Mr.", "Jan."), a
    list number, one of its lower-case abbreviations, a dotted form ("U.S.") or a party tag ("R-Texas.")."""
    return token[-1] == "." and (len(token) < 8 and (not token[0].islower() or token[:-1] in LOWER_ABBREVIATIONS)
                                 or "." in token[:-1] or "-" in token)


def _fold(lm: Model, folded: dict, new: list[str]) -> None:
    """Fold the tokens into the memo (token -> what _Context keeps of it): core, lower-case core, id,
    nothing stripped from its start, nothing from its end, a lower-case start, an entry, a reporting entry,
    a sentence end (its last character), a sentence end to test as an abbreviation."""
    cores = list(map(str.strip, new, repeat(PUNCT)))
    # A core already in lower case (most words) is kept once: str.lower() makes a copy of it.
    low = [core if word == core else word for core, word in zip(cores, map(str.lower, cores))]
    lead = map(operator.eq, map(operator.itemgetter(0), new), map(operator.getitem, cores, repeat(_FIRST)))
    trail = map(operator.eq, map(operator.itemgetter(-1), new), map(operator.getitem, cores, repeat(_LAST)))
    lower = map(str.islower, map(operator.getitem, cores, repeat(_FIRST)))
    entry = list(map(lm.entries.__contains__, low))
    reports = [False] * len(new)
    for i in compress(count(), entry):
        reports[i] = _reports(lm, low[i])
    ends = list(map(SENTENCE_END.__contains__, map(operator.itemgetter(-1), new)))
    abbreviated = [False] * len(new)
    for i in compress(count(), ends):
        abbreviated[i] = _maybe_abbreviation(new[i])
    folded.update(zip(new, zip(cores, low, map(lm.ids.get, low, repeat(-1)), lead, trail, lower, entry, reports,
                               ends, abbreviated)))


def _title(word: str) -> bool:
    """Capitalised like a name or a sentence's first word ("Bill", "However"), not like "BBC" or "I"."""
    return word[:1].isupper() and word[1:].islower()


def _chain(lm: Model, left: int, words: list[int], right: int, phrase: str) -> tuple[float, float, float, float]:
    """log10 P of the words (of `phrase`) between the contexts, and how much likelier than chance the outer
    words are beside them (pointwise mutual information on each side, log10; 0 without context), and the phrase's cohesion.

    Called for every span the scan tries: Model.logprob is inlined for the edges (the same values)."""
    unigram, backoff, logs, values, offsets, seconds = lm.unigram, lm.backoff, lm._logs, lm._values, lm._offsets, lm._seconds
    w0 = words[0]
    if left >= 0:
        hi = offsets[left + 1]
        j = bisect_left(seconds, w0, offsets[left], hi)
        first = logs[values[j]] if j < hi and seconds[j] == w0 else backoff[left] + unigram[w0]
    else:
        first = unigram[w0]
    total = first
    if len(words) == 1:
        total += 0.0
        cohesion = total - first - 0
    else:
        # Inside a phrase the trigrams speak: a bigram chain reads every idiom ("rank and file") as unlikely.
        inside = lm.inside(phrase)
        if inside is not None:
            total += inside
        else:
            for a, b in zip(words, words[1:]):
                total += lm.logprob(a, b)
        # How much likelier than chance the phrase's words are together (log10; 0 for one word): an idiom's mark.
        cohesion = total - first - sum(unigram[w] for w in words[1:])
    if right < 0:
        return total, first - unigram[w0], 0.0, cohesion
    last = words[-1]
    if last < 0:  # a word the model does not know: Model.logprob's unigram
        step = unigram[right]
    else:
        hi = offsets[last + 1]
        j = bisect_left(seconds, right, offsets[last], hi)
        step = logs[values[j]] if j < hi and seconds[j] == right else backoff[last] + unigram[right]
    return total + step, first - unigram[w0], step - unigram[right], cohesion


def _features(lm: Model, margin: float, own: tuple, alt: tuple, entry: list[int], original: list[int],
              sides: int, margin3: float, own3: tuple, alt3: tuple) -> tuple:
    """Features of reading a span as the spinner's rewrite of `original` (id lists), given both bigram
    chains, the trigram margin, and both chains' trigram corrections (_chain3)."""
    unigram = lm.unigram.__getitem__
    rarity = sum(map(unigram, entry)) - sum(map(unigram, original))
    return (1.0, margin, own[1], own[2], min(own[1], own[2]), alt[1], alt[2], rarity, sides,
            len(entry) - 1.0, len(original) - 1.0, lm.unigram[entry[0]] + 3, own[3],
            margin3, own3[1], own3[2], min(own3[1], own3[2]), float(own3[3]), float(alt3[3]))


def confidence(features: tuple[float, ...]) -> float:
    z = sum(map(operator.mul, WEIGHTS, features))
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def _best(lm: Model, ctx: _Context, k: int, n: int, entry: str) -> Suspect | None:
    """The likeliest original of the n-token span at token k, if one makes its context likelier."""
    left, right = ctx.left(k), ctx.right(k + n - 1)
    if left < 0 and right < 0:
        return None
    words = ctx.ids[k:k + n]
    own = _chain(lm, left, words, right, entry)
    # Words bound to their context on every side it has are no swap (and skipping them keeps the scan fast).
    if min(own[1] if left >= 0 else 9, own[2] if right >= 0 else 9) > BOUND:
        return None
    # The trigram context: the second word on each side, where the first is a word (not a sentence edge).
    far_left = ctx.left(k - 1) if left > END else -1
    far_right = ctx.right(k + n) if right > END else -1
    tri = trigrams()
    history = tri.history(far_left, left)
    own3 = _chain3(tri, history, left, words, right, far_right, own)
    found = _likeliest(lm, tri, history, left, right, far_right, _tried(lm, entry), own3[0])
    if found is None:
        return None
    candidate, ids, margin, alt, alt3 = found
    features = _features(lm, alt[0] - own[0], own, alt, words, ids, (left >= 0) + (right >= 0), margin, own3, alt3)
    return Suspect(k, tuple(ctx.cores[k:k + n]), candidate, round(margin, 3), confidence(features), features)


def _tried(lm: Model, entry: str) -> tuple:
    """The candidates _best tries for the entry, with what its loop reads of each: (candidate, ids, first id,
    last id, id before the last or -1, inside or None, words, the unigrams after the first summed). Cached in
    the model (bounded by its entries).

    Only the TRIED candidates, and a one-word candidate (98%) with one dict lookup: a corpus builds some ten
    thousand entries' rows; a one-word candidate has no inside and no tail (sum() of nothing is the int 0).
    The ids are a tuple, not a list: a row of ints, floats and strings only is one the garbage collector
    stops tracking, so the rows a corpus keeps are not walked again at every collection."""
    found = lm.tried.get(entry)
    if found is None:
        ids, unigram, rows = lm.ids, lm.unigram, []
        for c in lm.candidates(entry)[:TRIED]:
            words = c.split()
            if len(words) == 1:
                i = ids[c]
                rows.append((c, (i,), i, i, -1, 0.0, 1, 0))
            else:
                w = tuple([ids[x] for x in words])
                rows.append((c, w, w[0], w[-1], w[-2], lm.inside(c), len(w), sum(unigram[x] for x in w[1:])))
        found = lm.tried[entry] = tuple(rows)
    return found


def _likeliest(lm: Model, tri: Trigrams, history, left: int, right: int, far_right: int, tried: tuple,
               own: float) -> tuple | None:
    """(candidate, ids, margin, its _chain, its _chain3) of the candidate with the largest margin (MIN_MARGIN
    or more) over `own`, the span's own corrected total (_chain3's first value), or None.

    The hot loop of the scan: each candidate's total is _chain's and _chain3's, the same sums in the same
    order (so the same floats), with their lookups inlined and what the span fixes (the left context's
    ranges, the trigram history) read once; the winner's features are computed afterwards."""
    unigram, backoff, logs, values = lm.unigram, lm.backoff, lm._logs, lm._values
    offsets, seconds, logprob = lm._offsets, lm._seconds, lm.logprob
    keys, codes, deltas, offsets3 = tri._keys, tri._codes, tri._deltas, tri._offsets
    s1, s2, bloom, prime = tri._shift1, tri._shift2, tri._bloom, tri._prime
    if left >= 0:
        lo_left, hi_left = offsets[left], offsets[left + 1]
        lo3_left, hi3_left = offsets3[left], offsets3[left + 1]
    if history is not None:
        prefix, h_lo, h_hi = history
    best = best_margin = None
    step = 0.0
    for row in tried:
        candidate, ids, c0, last_id, before_last, inside, size, tail = row
        if left >= 0:
            j = bisect_left(seconds, c0, lo_left, hi_left)
            first = logs[values[j]] if j < hi_left and seconds[j] == c0 else backoff[left] + unigram[c0]
        else:
            first = unigram[c0]
        total = first
        if size == 1:
            total += 0.0
        elif inside is not None:
            total += inside
        else:
            for a, b in zip(ids, ids[1:]):
                total += logprob(a, b)
        inner = total
        if right >= 0:
            hi = offsets[last_id + 1]
            j = bisect_left(seconds, right, offsets[last_id], hi)
            step = logs[values[j]] if j < hi and seconds[j] == right else backoff[last_id] + unigram[right]
            total = inner + step
        # _chain3: the trigram history's word, then the two trigrams over the right edge.
        tri_first = last = after = 0.0
        # Each trigram is looked for only where the filter (Trigrams.maybe) may hold it.
        if history is not None:
            key = prefix | c0
            h = key % prime
            if bloom[h >> 3] >> (h & 7) & 1:
                j = bisect_left(keys, key, h_lo, h_hi)
                if j < h_hi and keys[j] == key:
                    tri_first = deltas[codes[j]]
        if right >= 0:
            if size == 1:
                if left >= 0 and lo3_left != hi3_left:
                    key = left << s2 | c0 << s1 | right
                    h = key % prime
                    if bloom[h >> 3] >> (h & 7) & 1:
                        j = bisect_left(keys, key, lo3_left, hi3_left)
                        if j < hi3_left and keys[j] == key:
                            last = deltas[codes[j]]
            else:
                last = tri.delta(before_last, last_id, right)
            if far_right >= 0:
                lo, hi = offsets3[last_id], offsets3[last_id + 1]
                if lo != hi:
                    key = last_id << s2 | right << s1 | far_right
                    h = key % prime
                    if bloom[h >> 3] >> (h & 7) & 1:
                        j = bisect_left(keys, key, lo, hi)
                        if j < hi and keys[j] == key:
                            after = deltas[codes[j]]
        margin = total + tri_first + last + after - own
        if margin >= MIN_MARGIN and (best is None or margin > best_margin):
            best, best_margin = (row, first, inner, step, total, tri_first, last, after), margin
    if best is None:
        return None
    # The winner's _chain and _chain3 tuples, from the same values by the same expressions.
    (candidate, ids, c0, _, _, _, _, tail), first, inner, step, total, tri_first, last, after = best
    cohesion = inner - first - tail
    if right < 0:
        alt = (inner, first - unigram[c0], 0.0, cohesion)
    else:
        alt = (total, first - unigram[c0], step - unigram[right], cohesion)
    alt3 = (alt[0] + tri_first + last + after, alt[1] + tri_first if left >= 0 else 0.0,
            alt[2] + last + after if right >= 0 else 0.0, (tri_first != 0) + (last != 0) + (after != 0))
    return candidate, ids, best_margin, alt, alt3


def _chain3(tri: Trigrams, history, left: int, words: list[int], right: int, far_right: int,
            chain: tuple) -> tuple[float, float, float, int]:
    """The span's chain (from _chain) corrected by the trigrams across its edges: log10 P(x | w-2 w-1),
    P(w+1 | w-1 x) (or the phrase's last two words) and P(w+2 | x w+1) in place of their bigrams
    (history: Trigrams.history(w-2, w-1)); with the corrected fit on each side (log10 PMI, 0 without
    context) and how many of the three trigrams the table lists (those that differ from the bigrams)."""
    delta = tri.delta
    first = last = after = 0.0
    if history is not None:
        first = tri.after(history, words[0])
    if right >= 0:
        last = delta(words[-2] if len(words) > 1 else left, words[-1], right)
        # No word beyond (far_right < 0) is no trigram: delta() would find none.
        after = delta(words[-1], right, far_right) if far_right >= 0 else 0.0
    fit_left = chain[1] + first if left >= 0 else 0.0
    fit_right = chain[2] + last + after if right >= 0 else 0.0
    return chain[0] + first + last + after, fit_left, fit_right, (first != 0) + (last != 0) + (after != 0)


def _spans(lm: Model, ctx: _Context, maybe_listed=None) -> list[tuple[int, int, str]]:
    """(token, length, entry) of every word and phrase the test applies to (maybe_listed: Model.maybe_listed,
    or swaparray's, the same answers over arrays)."""
    maybe_listed = maybe_listed or lm.maybe_listed
    entries, starts, low, ids = lm.entries, lm.phrase_starts, ctx.low, ctx.ids
    # Built-in maps find the candidates' positions; only they reach Python code. A word that forms a
    # listed bigram with both neighbours fits its context: skipped. The filter also passes most unlisted
    # pairs of common words (its hash collides by structure), so it skips 61% of clean entry spans and
    # 19-40% of swapped words (dev, 0.1); an exact or PMI-barred gate was measured (docs/spin-model.md,
    # "Gate by association"): +0.3-0.7 points at equal clean load for 42% more scan CPU, not taken.
    # Not the last token (it has no word after it); compress() stops where the shorter of its inputs does.
    single = list(compress(range(len(low) - 1), ctx.entry))
    get = ids.__getitem__
    before, here, after = list(map(get, map((-1).__add__, single))), list(map(get, single)), map(get, map((1).__add__, single))
    # A sentence's first word is gated on its bigram with "<s>", not with the last sentence's last word.
    for i in compress(count(), map(ctx.starts.__contains__, single)):
        before[i] = START
    bound = map(operator.and_, maybe_listed(before, here), maybe_listed(here, list(after)))
    hot = set(compress(single, map(operator.not_, bound)))
    # A synonym of "say" or "tell" ("stated", "alleged") reads fluently beside any speaker, so the gate
    # would skip it; real spinners swap reporting verbs wherever they stand, so it is always scored.
    hot.update(compress(range(len(low) - 1), ctx.reports))
    # Where a multiword entry may start: its first two words are one of the entries' prefixes. Elsewhere
    # no phrase is looked for (most entry words start a phrase entry, few start one here).
    pairs = list(map(" ".join, zip(low, low[1:])))
    prefixed = set(compress(count(), map(lm.prefixes.__contains__, pairs)))
    hot.update(prefixed)
    lower, entry = ctx.lower, ctx.entry
    at = sorted(hot)
    # Lower-case entry words, the common case, are spans as they stand (built-in maps again); a capitalised
    # word only if judged(), and vouchable() where named().
    plain = list(compress(at, map(operator.and_, map(lower.__getitem__, at), map(entry.__getitem__, at))))
    found = list(zip(plain, repeat(1), map(low.__getitem__, plain)))
    named: dict[int, bool] = {}  # the capitalised words judged, and whether named()
    for k in compress(at, map(operator.not_, map(lower.__getitem__, at))):
        if ctx.judged(k):
            named[k] = is_named = ctx.named(k)
            if entry[k] and (not is_named or ctx.vouchable(lm, k, 1, low[k])):
                found.append((k, 1, low[k]))
    for k in prefixed:
        if lower[k]:
            is_named = False
        elif k in named:
            is_named = named[k]
        else:
            continue
        # The phrase grows a word at a time; its words must be each other's context (right(j) is the next
        # word), and where they are not, no longer phrase from k can be a span either.
        phrase, linked = pairs[k], k
        for n in range(2, min(starts.get(low[k], 0), len(low) - k) + 1):
            if n > 2:
                phrase = phrase + " " + low[k + n - 1]
            if phrase in entries:
                while linked < k + n - 1 and ctx.right(linked) == ids[linked + 1] >= 0:
                    linked += 1
                if linked < k + n - 1:
                    break
                if not is_named or ctx.vouchable(lm, k, n, phrase):
                    found.append((k, n, phrase))
    found.sort()  # by token, then length: (token, length) is unique
    return found


# The plain reporting verbs: an entry the table lists as a synonym of one of them passes the gate.
PLAIN_REPORTING = frozenset({"say", "says", "said", "saying", "tell", "tells", "told"})
_REPORTS: dict[str, bool] = {}


def _reports(lm: Model, entry: str) -> bool:
    """Whether the model's table lists a plain reporting verb among the entry's candidates (cached per word)."""
    found = _REPORTS.get(entry)
    if found is None:
        found = _REPORTS[entry] = not PLAIN_REPORTING.isdisjoint(lm.candidates(entry))
    return found


@lru_cache(maxsize=1)
def fitted() -> dict:
    """The detector's fitted thresholds and verdict weights, from rules/data/spin.yaml (through the
    config cache: a cached run needs no PyYAML for them)."""
    from .configcache import cached, rules_dir

    # As config.rules_root(), which the rules cannot import at load time (config imports them).
    path = rules_dir(Path(__file__).resolve().parent) / "data" / "spin.yaml"
    return cached(f"spin:{path}", lambda: (_read_fitted(path), [path]))


def _read_fitted(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def named_bar() -> float:
    """The confidence a word the text marks as a name (_Context.marked) must reach on its span evidence
    alone, before the article prior: the verdict's `sure` (rules/data/spin.yaml), the bar of a sure swap.

    Why a bar and not a name list or a new feature: the mark cannot tell "Bill" from the "Invoice" a
    consistent spinner writes for it at every occurrence, but the model's margin can, and a swap it reads
    as sure ("Invoice Nye": "bill nye" is a bigram of the model, "invoice nye" is not) is rare for a real
    name. On the dev half (651 BBC and 445 PolNeAR originals, docs/spin-model.md) the words so marked
    gave 1,453 suspects, one of them sure (a "Duchy" read as *government*, which _repeated() drops);
    the rest sit below it ("Mr Glazer" read as *potter* at 0.56-0.77, "Trump" as *better* at 0.5-0.7).
    Of the consistent spinners' marked swaps that became suspects (260 / 198 / 254: wordnet / moby /
    mixed at 0.1) 37 / 51 / 49 are sure."""
    return fitted()["verdict"]["sure"]


@lru_cache(maxsize=8)
def analyse(text: str) -> Analysis:
    """Every suspect span of the text (the likeliest reading where spans overlap), and how many were scored."""
    found = _prepared.pop(text, None)
    if found is not None:
        return found
    lm = model()
    return _analysis(lm, _Context(text, lm))


def prepare(texts: list[str]) -> None:
    """Scan a batch of texts at once, over arrays, for analyse() to answer from: the runner calls it with
    the next files of a run (runner.lint_paths). Only once this process has scored ARRAYS_AFTER spans (a
    small run never imports numpy) and numpy is installed; else analyse() scans each text when asked.
    The batch replaces the last one: what is kept is bounded by the runner's batch."""
    global _scanned
    _prepared.clear()
    if not batching():
        return
    lm = model()
    contexts = [_Context(text, lm) for text in texts]
    spans = [_spans(lm, ctx, _arrays().maybe_listed) for ctx in contexts]
    _scanned += sum(map(len, spans))
    for text, ctx, found, suspects in zip(texts, contexts, spans, _arrays().best_many(lm, list(zip(contexts, spans)))):
        _prepared[text] = _analysis(lm, ctx, found, suspects)


def batching() -> bool:
    """Whether prepare() scans a batch (this process has scored ARRAYS_AFTER spans, numpy is installed):
    the runner reads files ahead only then."""
    return _scanned >= ARRAYS_AFTER and _arrays() is not None


def _analysis(lm: Model, ctx: _Context, spans: list | None = None, suspects: list | None = None) -> Analysis:
    judged = [suspect for _, _, suspect in _judge(lm, ctx, spans, suspects)]
    return Analysis(_untangled(list(filter(None, judged))), len(judged))


def _judge(lm: Model, ctx: _Context, spans: list | None = None,
           suspects: list | None = None) -> Iterator[tuple[int, int, Suspect | None]]:
    """(token, length, suspect or None) of every span the test judges (the spans and their _best
    suspects, if prepare() has them already).

    A span of a word the text marks as a name (_Context.marked) counts only when _repeated() keeps its
    suspect: such words were never judged before, and the verdict's table of judged spans (spin.yaml
    `verdict.ratios`, `quiet`) was fitted without them; counted as quiet spans they cost the default
    spinners 0.6-1.5 points of verdicts on dev."""
    marked, lower = [], ctx.lower
    spans = _spans(lm, ctx) if spans is None else spans
    for (k, n, _), suspect in zip(spans, _scored(lm, ctx, spans) if suspects is None else suspects):
        if lower[k]:  # lower-case words, the common case: neither named() nor marked()
            yield k, n, suspect
            continue
        if suspect is not None and ctx.named(k) and not ctx.vouched(lm, k, n, [[lm.ids[w] for w in suspect.original.split()]]):
            suspect = None
        if ctx.marked(k):
            marked.append((k, n, suspect))
        else:
            yield k, n, suspect
    if marked:
        yield from _repeated(ctx, marked)
    # Two adjacent capitalised words both swapped ("Sovereign Courtroom"), judged as one span: only kept
    # pairs are yielded, as for marked words. Imported here: swapnames reads this module's parts.
    from .swapnames import pairs

    yield from pairs(lm, ctx)


def _scored(lm: Model, ctx: _Context, spans: list[tuple[int, int, str]]) -> list[Suspect | None]:
    """_best of every span: in Python, or over arrays (swaparray.py, numpy: the same suspects, field for
    field) for a text of ARRAYS_MIN spans or more, once this process has scored ARRAYS_AFTER spans and
    numpy is installed. A one-file run scores a few dozen spans and never imports numpy (about 0.1 s of
    CPU, more than its whole scan); a corpus pays that once."""
    global _scanned
    _scanned += len(spans)
    if len(spans) >= ARRAYS_MIN and _scanned >= ARRAYS_AFTER and _arrays() is not None:
        return _arrays().best_all(lm, ctx, spans)
    return [_best(lm, ctx, k, n, entry) for k, n, entry in spans]


@lru_cache(maxsize=1)
def _arrays():
    """The array scorer (newslint/swaparray.py), or None without numpy (the `fast` extra)."""
    try:
        from . import swaparray
    except ImportError:
        return None
    return swaparray


def _repeated(ctx: _Context, marked: list) -> Iterator[tuple[int, int, Suspect]]:
    """The spans of marked words (k, n, suspect or None) whose suspect is kept: sure on its span evidence
    alone (named_bar()), and a word whose occurrences (capitalised, anywhere in the text) are suspects at
    half of them or more.

    Why the second test: a spinner with one table per article writes its swap at every occurrence, so
    wherever the context can vouch for the original ("Invoice Nye" at each), it reads wrong; a name the
    author uses reads right at most of its places ("the Borough of Kendal ... Borough officials said": a
    sure swap of *government* at the sentence start only), and the text's other uses of it vouch for it."""
    bar, cores = named_bar(), ctx.cores
    suspected = Counter(cores[k] for k in {k for k, _, suspect in marked if suspect is not None})
    occurrences = ctx.counts
    for k, n, suspect in marked:
        if suspect is not None and suspect.confidence >= bar and 2 * suspected[cores[k]] >= occurrences[cores[k]]:
            yield k, n, suspect


def _untangled(found: list[Suspect]) -> tuple[Suspect, ...]:
    """Overlapping suspects keep the most confident one."""
    kept: list[Suspect] = []
    taken: set[int] = set()
    for suspect in sorted(found, key=lambda s: -s.confidence):
        span = range(suspect.index, suspect.index + len(suspect.words))
        if taken.isdisjoint(span):
            kept.append(suspect)
            taken.update(span)
    return tuple(sorted(kept, key=lambda s: s.index))


def hits(document, findings, low: float, sure: float, quotes: bool = False, shift: float = 0.0) -> Iterator[Hit]:
    """A Hit for every suspect of confidence `low` or more that no paraphrase finding covers yet,
    outside quoted speech unless `quotes`.

    `shift` (log-odds) is added to every suspect's confidence first: the article's prior (spinevidence.py).
    A suspect below `sure` is demoted one severity level (a warning rule reports it as a suggestion).
    """
    chosen = [(s, _shifted(s.confidence, shift)) for s in analyse(document.text).suspects]
    chosen = [(s, c) for s, c in chosen if c >= low]
    if not chosen:
        return
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(document.text)]
    # Another rule has already said it (the lexicon's "fulfill with"): one finding is enough.
    taken = [f for f in findings if f.category == "paraphrase"]
    for suspect, sureness in chosen:
        start, end = _core(document.text, spans[suspect.index][0], spans[suspect.index + len(suspect.words) - 1][1])
        if taken and _covered(document, taken, start, end) or not quotes and document.in_quote(start):
            continue
        yield Hit(start, end, f"unlikely wording '{document.text[start:end]}': reads as a synonym swap of "
                              f"'{suspect.fix}' (confidence {sureness:.2f})", (suspect.fix,),
                  demote=int(sureness < sure))


def _shifted(confidence: float, shift: float) -> float:
    """The confidence with `shift` added to its log-odds."""
    if not shift:
        return confidence
    z = math.log(max(confidence, 1e-9) / max(1 - confidence, 1e-9)) + shift
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the punctuation at its ends."""
    while start < end and text[start] in PUNCT:
        start += 1
    while end > start and text[end - 1] in PUNCT:
        end -= 1
    return start, end


def _covered(document, findings, start: int, end: int) -> bool:
    """Whether one of the findings overlaps the span."""
    line, column, end_line, end_column = document.span_position(start, end)
    return any((f.line, f.column) < (end_line, end_column) and (line, column) < (f.end_line, f.end_column)
               for f in findings)
