"""The spin scan's scoring over arrays (numpy): every span of a batch of files at once, for corpus runs.

swaps._best scores one span at a time in Python bytecode: its own chain (_chain, _chain3), the bound
test, then each candidate's chain and margin (_likeliest), then the winner's features. best_many() computes
the same values for all the spans of a batch of texts with array operations: a span's own words and each
candidate are "rows" (swaps._tried's values, once per entry, as columns), and one formula gives both a
row's chain and its trigram corrections, as _likeliest's loop does for a candidate and _chain/_chain3
for the span's own words. What stays in Python: the logistic confidence (swaps.confidence: Python's
sum() over the products is what the other path adds, and its rounding changed in Python 3.12), the
rare multiword row whose inside the phrase table lacks (Model.logprob's chain, summed in Python), and
spans whose first word the model does not know (swaps._best itself).

Why the results are the same, bit for bit: every value is the same IEEE double operations in the same
order as the Python code (numpy's float64 add and subtract round as Python's float does, and nothing
is summed by a reduction; min() is a comparison, as Python's); the winner is the first candidate of the
largest margin, as the loop's strict `>` picks it. The lookups give the same answers: the ranges the
Python code bisects (a first word's bigram successors, its trigram keys) are searched as they are, by a
binary search of all of them at once, and the Bloom filters both paths test first have no false
negatives. tests/test_swaparray.py holds the two paths to the same suspects.

Imported only through swaps._arrays (swaps.prepare, swaps._scored), once a process has scored enough
spans to pay for numpy.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import swaps
from .spinmodel import END, START, Model, model, trigrams



class Tables:
    """The model's arrays as numpy views (zero-copy over the mapped tables) and the rows (swaps._tried's
    values) as columns."""

    def __init__(self, lm: Model) -> None:
        tri = trigrams()
        self.offsets = np.frombuffer(lm._offsets, dtype=np.uint32)
        self.seconds = np.frombuffer(lm._seconds, dtype=np.uint32)
        self.values = np.frombuffer(lm._values, dtype=np.uint8)
        self.logs = np.array(lm._logs)
        self.unigram = np.frombuffer(lm.unigram, dtype=np.float64)
        self.backoff = np.frombuffer(lm.backoff, dtype=np.float64)
        self.bloom, self.primes, self.id_bits = np.frombuffer(lm._bloom, dtype=np.uint8), lm._primes, lm._id_bits
        self.keys3 = np.frombuffer(tri._keys, dtype=np.uint64).view(np.int64)  # keys < 2^51: the same order
        self.codes3 = np.frombuffer(tri._codes, dtype=np.uint8)
        self.offsets3 = np.frombuffer(tri._offsets, dtype=np.uint32)
        self.bloom3, self.prime3 = np.frombuffer(tri._bloom, dtype=np.uint8), tri._prime
        self.deltas = np.array(tri._deltas)
        self.s1, self.s2 = tri._shift1, tri._shift2
        self.rows = Rows(lm)

    def bigram(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Model.logprob(a, b) for ids a, b >= 0 (elsewhere a value to mask)."""
        at = _nonzero(self._maybe(a << self.id_bits | b))  # most pairs the filter rules out need no search
        j, listed = _search(self.seconds, self.offsets, a[at], b[at])
        found = self.backoff[a] + self.unigram[b]
        found[at[listed]] = self.logs[self.values[j[listed]]]
        return found

    def maybe_listed(self, firsts: list[int], seconds: list[int]) -> list[int]:
        """Model.maybe_listed (the Bloom filter of the bigrams), over arrays: the gate swaps._spans tests
        every entry word with."""
        keys = np.array(firsts, dtype=np.int64) << self.id_bits | np.array(seconds, dtype=np.int64)
        return self._maybe(keys).astype(np.uint8).tolist()

    def _maybe(self, keys: np.ndarray) -> np.ndarray:
        """Model.maybe_listed's Bloom filter test of bigram keys (a << id_bits | b), as a bool array."""
        found = np.ones(len(keys), dtype=bool)
        for prime in self.primes:  # numpy's % of a negative key (an unknown word's -1) is Python's
            h = keys % prime
            found &= (self.bloom[h >> 3] >> (h & 7) & 1).astype(bool)
        return found

    def delta(self, a: np.ndarray, b: np.ndarray, c: np.ndarray, valid: np.ndarray) -> np.ndarray:
        """Trigrams.delta(a, b, c) where `valid` (every id >= 0), else 0.0."""
        at = _nonzero(valid)
        keys = a[at] << self.s2 | b[at] << self.s1 | c[at]
        h = keys % self.prime3
        maybe = (self.bloom3[h >> 3] >> (h & 7) & 1).astype(bool)  # Trigrams.maybe: 98% find nothing
        at, keys = at[maybe], keys[maybe]
        j, listed = _search(self.keys3, self.offsets3, a[at], keys)
        found = np.zeros(len(a))
        found[at[listed]] = self.deltas[self.codes3[j[listed]]]
        return found


class Rows:
    """Rows as columns that grow by doubling, so a batch's rows are gathered by index: each entry's own
    words (what _chain reads of the span) once, and its candidates (swaps._tried) once a span of it passes
    the bound test (half the spans do not: the Python path never builds their candidates either)."""

    COLUMNS = ("first", "last", "before", "size")  # ids (before: the id before the last, or -1), word count

    def __init__(self, lm: Model) -> None:
        self.lm = lm
        self.owns: dict[str, int] = {}  # entry -> the row of its own words
        self.tried: dict[str, tuple[int, int]] = {}  # entry -> (first row, count) of its candidates
        self.tuples: list[tuple] = []  # the rows as swaps._tried has them, for the winners' candidate and ids
        self.size = 0
        self.ints = np.zeros((1024, 4), dtype=np.int32)  # COLUMNS (ids < 2^31)
        # inside (0.0 for one word: the loop's `total += 0.0`), the unigrams after the first summed (the
        # cohesion's), all the unigrams summed (the rarity's)
        self.floats = np.zeros((1024, 3))
        self.chained = np.zeros(1024, dtype=bool)  # a phrase the phrase table lacks: summed in Python
        self._pending: list[tuple] = []  # rows added, not yet in the columns (flush())

    def own(self, entry: str) -> int:
        found = self.owns.get(entry)
        if found is None:
            lm = self.lm
            words = tuple(map(lm.ids.__getitem__, entry.split()))
            found = self.owns[entry] = self._add([(entry, words, words[0], words[-1], words[-2] if len(words) > 1 else -1,
                                                   lm.inside(entry) if len(words) > 1 else 0.0, len(words),
                                                   sum(lm.unigram[w] for w in words[1:]))])
        return found

    def candidates(self, entry: str) -> tuple[int, int]:
        found = self.tried.get(entry)
        if found is None:
            rows = swaps._tried(self.lm, entry)
            found = self.tried[entry] = (self._add(rows), len(rows))
        return found

    def _add(self, rows) -> int:
        start, unigram = self.size, self.lm.unigram.__getitem__
        for row in rows:
            _, ids, c0, last, before, inside, size, tail = row
            self._pending.append(((c0, last, before, size),
                                  (inside if size > 1 and inside is not None else 0.0, tail, sum(map(unigram, ids))),
                                  size > 1 and inside is None))
            self.tuples.append(row)
        self.size += len(rows)
        return start

    def flush(self) -> None:
        """Write the rows added since the last flush into the columns, all at once (numpy's per-item
        assignment costs microseconds: a corpus adds some 80,000 rows)."""
        if not self._pending:
            return
        start = self.size - len(self._pending)
        self._room(self.size)
        ints, floats, chained = zip(*self._pending)
        self.ints[start:self.size] = ints
        self.floats[start:self.size] = floats
        self.chained[start:self.size] = chained
        self._pending = []

    def _room(self, end: int) -> None:
        if end <= len(self.chained):
            return
        size = max(end, 2 * len(self.chained))
        for name in ("ints", "floats", "chained"):
            old = getattr(self, name)
            new = np.zeros((size, *old.shape[1:]), dtype=old.dtype)
            new[:len(old)] = old
            setattr(self, name, new)


def maybe_listed(firsts: list[int], seconds: list[int]) -> list[int]:
    return tables().maybe_listed(firsts, seconds)


def _search(table: np.ndarray, offsets: np.ndarray, a: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """bisect_left(table, wanted, offsets[a], offsets[a + 1]) for each pair, and whether it found the value:
    a binary search of every range at once, each step over the pairs still searching (a range of n
    takes log2(n) steps). The ranges are those the Python code bisects, so the searches read the pages
    it reads: one sorted array of every bigram pair would be 15 MB more, and a search of the whole
    trigram table touches most of its pages."""
    lo = offsets[a].astype(np.int64)
    end = offsets[a + 1].astype(np.int64)
    hi = end.copy()
    active = _nonzero(lo < hi)
    while len(active):
        mid = (lo[active] + hi[active]) >> 1
        below = table[mid] < wanted[active]
        lo[active[below]] = mid[below] + 1
        hi[active[~below]] = mid[~below]
        active = active[lo[active] < hi[active]]
    listed = lo < end
    listed[listed] = table[lo[listed]] == wanted[listed]
    return lo, listed


def _nonzero(mask: np.ndarray) -> np.ndarray:
    return mask.nonzero()[0]


@lru_cache(maxsize=1)
def tables() -> Tables:
    return Tables(model())


def best_all(lm: Model, ctx: swaps._Context, spans: list[tuple[int, int, str]]) -> list[swaps.Suspect | None]:
    """swaps._best of every span (token, length, entry) of one text, in order."""
    return best_many(lm, [(ctx, spans)])[0]


def best_many(lm: Model, texts: list[tuple[swaps._Context, list]]) -> list[list[swaps.Suspect | None]]:
    """best_all of several texts ((context, spans) each) at once: a corpus run scores a batch of files
    together, so numpy's cost per call is paid per batch, not per file."""
    out: list[list] = [[None] * len(spans) for _, spans in texts]
    columns = [_spans(lm, d, ctx, spans, out[d]) for d, (ctx, spans) in enumerate(texts)]
    columns = [c for c in columns if c is not None]
    if not columns:
        return out
    tables().rows.flush()
    entries = [entry for c in columns for entry in c.pop()]
    doc, span, k, n, w, left, right, far_left, far_right, rows = (np.concatenate(c) for c in zip(*columns))
    won = _winners(lm, tables(), entries, rows, w, left, right, far_left, far_right)
    if won is None:
        return out
    at, *values = won
    for d, i, suspect in zip(doc[at].tolist(), span[at].tolist(),
                             _suspects([texts[d][0] for d in doc[at].tolist()], k[at], n[at], *values)):
        out[d][i] = suspect
    return out


def _spans(lm: Model, d: int, ctx: swaps._Context, spans: list, out: list) -> list[np.ndarray] | None:
    """Text d's spans that have a context, as columns (text, span, token, length, first id, left,
    right, far left, far right, own row) and their entries; a span whose first word the model does not know is scored by
    swaps._best into `out` here."""
    if not spans:
        return None
    t = tables()
    k, n = np.array([s[:2] for s in spans], dtype=np.int64).T
    ids = np.array(ctx.ids, dtype=np.int64)
    for i in _nonzero(ids[k] < 0).tolist():
        out[i] = swaps._best(lm, ctx, *spans[i])
    context = _contexts(ctx, ids, k, k + n - 1)
    todo = _nonzero((ids[k] >= 0) & ((context[0] >= 0) | (context[1] >= 0)))
    if not len(todo):
        return None
    entries = [spans[i][2] for i in todo.tolist()]
    rows = np.array(list(map(t.rows.own, entries)), dtype=np.int64)
    return [np.full(len(todo), d), todo, k[todo], n[todo], ids[k[todo]], *(c[todo] for c in context), rows, entries]


def _winners(lm: Model, t: Tables, entries: list[str], own_rows, w, left, right, far_left,
             far_right) -> tuple | None:
    """(span index of each winner, then what _suspects needs) for the spans (columns), or None."""
    own = _chains(lm, t, own_rows, left, right, far_left, far_right)
    first, inner, step, total, tri_first, last, after = own
    own1, own2 = first - t.unigram[w], np.where(right >= 0, step - t.unigram[np.maximum(right, 0)], 0.0)
    # Bound to the context on every side it has: no swap (swaps._best's test).
    bound = np.minimum(np.where(left >= 0, own1, 9.0), np.where(right >= 0, own2, 9.0)) > swaps.BOUND
    kept = _nonzero(~bound)
    if not len(kept):
        return None
    slots = np.array(list(map(t.rows.candidates, [entries[i] for i in kept.tolist()])), dtype=np.int64)
    t.rows.flush()
    counts = slots[:, 1]
    if not counts.sum():
        return None
    own3 = total + tri_first + last + after
    seg = np.repeat(kept, counts)  # each candidate's span
    ends = np.cumsum(counts)
    rows = np.arange(ends[-1]) - np.repeat(ends - counts, counts) + np.repeat(slots[:, 0], counts)
    alt = _chains(lm, t, rows, left[seg], right[seg], far_left[seg], far_right[seg])
    margin = alt[3] + alt[4] + alt[5] + alt[6] - own3[seg]
    # The first candidate of the largest margin (MIN_MARGIN or more) of each span, as the loop's strict `>`.
    ok = margin >= swaps.MIN_MARGIN
    if not ok.any():
        return None
    masked = np.where(ok, margin, -np.inf)
    best = np.full(len(counts), -np.inf)
    nonempty = counts > 0
    best[nonempty] = np.maximum.reduceat(masked, (ends - counts)[nonempty])
    top = _nonzero(ok & (masked == np.repeat(best, counts)))
    spans_top = seg[top]
    won = top[np.concatenate(([True], spans_top[1:] != spans_top[:-1]))]  # top is in order: each span's first
    at = seg[won]
    return (at, t, own_rows[at], rows[won], left[at] >= 0, right[at] >= 0, [c[at] for c in own],
            [c[won] for c in alt], margin[won], t.unigram[w[at]], t.unigram[np.maximum(right[at], 0)])


def _contexts(ctx: swaps._Context, ids: np.ndarray, k: np.ndarray, end: np.ndarray) -> list[np.ndarray]:
    """_Context.left(k), right(end), and the far contexts _best asks for (left(k - 1) where the left is a
    word, right(end + 1) where the right is), for arrays of tokens: the same tests, token by token."""
    # Whether nothing was stripped from a token's start, or from its end (what breaks context there).
    # (bytes() of the tuples of bools: a sixth of np.array's cost on them)
    lead, trail = np.frombuffer(bytes(ctx.lead), dtype=bool), np.frombuffer(bytes(ctx.trail), dtype=bool)
    size = len(ctx.tokens)
    starts, ends = np.zeros(size + 1, dtype=bool), np.zeros(size + 1, dtype=bool)
    starts[[s for s in ctx.starts if s < size]] = True
    ends[[e for e in ctx.ends if e < size]] = True
    padded = np.append(ids, -1)  # ids[-1] is never read where it would matter; this keeps k + 1 in range

    def left_of(j):
        j = np.maximum(j, 0)
        word = np.where(trail[j - 1], padded[j - 1], -1)
        return np.where(lead[j], np.where(starts[j], START, word), -1)

    def right_of(j):
        j = np.minimum(j, size - 1)
        nxt = np.minimum(j + 1, size - 1)
        word = np.where(trail[j] & (j + 1 < size) & lead[nxt], padded[j + 1], -1)
        return np.where(ends[j], END, word)

    left, right = left_of(k), right_of(end)
    far_left = np.where(left > END, left_of(k - 1), -1)
    far_right = np.where(right > END, right_of(end + 1), -1)
    return [left, right, far_left, far_right]


def _chains(lm: Model, t: Tables, rows, left, right, far_left, far_right) -> tuple:
    """(first, inner, step, total, tri_first, last, after) of each row between its span's contexts:
    _likeliest's loop values for a candidate, _chain's and _chain3's for a span's own words."""
    c0, last_id, before, size = t.rows.ints[rows, :4].astype(np.int64).T
    has_left, has_right = left >= 0, right >= 0
    both = np.concatenate([np.where(has_left, left, 0), last_id]), np.concatenate([c0, np.where(has_right, right, 0)])
    lookups = t.bigram(*both)
    first = np.where(has_left, lookups[:len(rows)], t.unigram[c0])
    inner = first + t.rows.floats[rows, 0]
    for at in _nonzero(t.rows.chained[rows]).tolist():  # a phrase without inside: Model.logprob's chain
        ids, total = t.rows.tuples[rows[at]][1], float(first[at])
        for a, b in zip(ids, ids[1:]):
            total += lm.logprob(a, b)
        inner[at] = total
    step = np.where(has_right, lookups[len(rows):], 0.0)
    total = np.where(has_right, inner + step, inner)
    a = np.where(size == 1, left, before)
    n = len(rows)
    deltas = t.delta(np.concatenate([far_left, a, last_id]), np.concatenate([left, last_id, right]),
                     np.concatenate([c0, right, far_right]),
                     np.concatenate([far_left >= 0, has_right & (a >= 0), far_right >= 0]))
    return first, inner, step, total, deltas[:n], deltas[n:2 * n], deltas[2 * n:]


def _suspects(contexts: list, k, n, t: Tables, own_rows, rows, has_left, has_right, own, alt, margin, unigram_w,
              unigram_right) -> list:
    """The winners' Suspects (each of its text's context): _features' tuple column by column, the
    confidence by swaps.confidence itself."""
    first, inner, step, total, tri_first, last, after = own
    own1, own2 = first - unigram_w, np.where(has_right, step - unigram_right, 0.0)
    own3_1 = np.where(has_left, own1 + tri_first, 0.0)
    own3_2 = np.where(has_right, own2 + last + after, 0.0)
    a_first, a_inner, a_step, a_total, a_tf, a_last, a_after = alt
    c0 = t.rows.ints[rows, 0]
    alt1 = a_first - t.unigram[c0]
    alt2 = np.where(has_right, a_step - unigram_right, 0.0)
    floats = t.rows.floats
    count3 = (tri_first != 0).astype(np.float64) + (last != 0) + (after != 0)
    alt_count3 = (a_tf != 0).astype(np.float64) + (a_last != 0) + (a_after != 0)
    columns = [np.ones(len(rows)), a_total - total, own1, own2, np.where(own2 < own1, own2, own1), alt1, alt2,
               floats[own_rows, 2] - floats[rows, 2], has_left.astype(np.int64) + has_right,
               n - 1.0, t.rows.ints[rows, 3] - 1.0, unigram_w + 3, inner - first - floats[own_rows, 1], margin,
               own3_1, own3_2, np.where(own3_2 < own3_1, own3_2, own3_1), count3, alt_count3]
    features = list(zip(*(c.tolist() for c in columns)))
    tuples = t.rows.tuples
    return [swaps.Suspect(at, tuple(ctx.cores[at:at + width]), tuples[row][0], round(m, 3), swaps.confidence(f), f)
            for ctx, at, width, row, m, f in zip(contexts, k.tolist(), n.tolist(), rows.tolist(), margin.tolist(),
                                                 features)]
