"""Names and titles whose words were all swapped ("Whitened Household" for *White House*).

A spinner looks every word up in lower case, so a two-word name of common words gets both words
swapped: "Supreme Court" -> "Sovereign Courtroom", "Wall Street" -> "Partition Road". The one-word test
(swaps._best) judges a capitalised word inside a sentence only when the model lists its likely original
beside a neighbour; here the neighbour is the other swapped word, so neither is judged. The joint test
reads two adjacent capitalised words as one span and puts back pairs of their candidates: a pair counts
only when the model lists its bigram ("white house"), so a name the model cannot read back is left
alone, and only when that bigram is a collocation (PAIR_COHESION: a name of two common words is one)
and the written pair is not listed (a pair the model knows as written is a name it knows). The pair
is kept when its confidence (the one-word test's logistic, swaps.confidence, over the same features),
on its span evidence alone, is a sure swap's (swaps.named_bar(): the bar r11h set for names a text
repeats). No list of names or titles: the model's own bigrams are the names it knows. In a headline in
title case a capital marks no name, so no pair is read there.

Called from swaps._judge for both scan paths (per file and over arrays), in Python: its spans are few
(capitalised entries side by side inside a sentence: 2,435 pairs in 651 BBC articles) and only kept
pairs count as judged spans (the verdict's table of judged spans was fitted without them).
"""
from __future__ import annotations

import operator
from bisect import bisect_right
from functools import lru_cache
from itertools import compress, count, product, repeat
from typing import Iterator

from . import swaps
from .spinmodel import END, Model, trigrams

# How many candidates of each word are paired (the best linked first, as swaps._tried orders them):
# PAIRED squared pairs at most, most of them dropped at once because the model does not list their bigram.
PAIRED = 4
# How much likelier (log10) the pair's second word must be after its first than alone: a name of two
# common words is a collocation ("white house", "supreme court"); "good thing" and "one thing" are not.
PAIR_COHESION = 2.0
_FIRST = slice(0, 1)


def pairs(lm: Model, ctx: swaps._Context) -> Iterator[tuple[int, int, swaps.Suspect]]:
    """(token, 2, suspect) of every pair of adjacent capitalised words read as a swapped name."""
    cores = ctx.cores
    upper = set(compress(count(), map(str.isupper, map(operator.getitem, cores, repeat(_FIRST)))))
    starts = None
    for k in sorted(upper):
        if k + 1 in upper and k not in ctx.starts and k + 1 not in ctx.starts:
            suspect = _pair(lm, ctx, k)
            if suspect is not None:
                starts = starts or sorted(ctx.starts)
                if not _title_case(ctx, starts, k, upper):
                    yield k, 2, suspect


def _title_case(ctx: swaps._Context, starts: list[int], k: int, upper: set[int]) -> bool:
    """Whether token k stands in a sentence whose words are mostly capitalised: a headline in title case
    ("Washington Post Hit Piece Exploits Trump Supporter Who ..."), where a capital marks no name, so any
    two words read as one."""
    i = bisect_right(starts, k)
    first, stop = starts[i - 1], starts[i] if i < len(starts) else len(ctx.cores)
    capitalised = sum(j in upper for j in range(first, stop))
    return 2 * capitalised > stop - first


def _pair(lm: Model, ctx: swaps._Context, k: int) -> swaps.Suspect | None:
    """The pair at tokens k, k + 1 as a swap of two words' candidates, if one is sure enough."""
    low, ids = ctx.low, ctx.ids
    if not (swaps._title(ctx.cores[k]) and swaps._title(ctx.cores[k + 1])):
        return None
    if low[k] not in lm.entries or low[k + 1] not in lm.entries or min(ids[k], ids[k + 1]) < 0 \
            or ctx.right(k) != ids[k + 1]:  # joined by a space only
        return None
    # A pair the model lists as written is a name it knows ("Constitutional Affairs"), whatever its candidates.
    rows = None if lm.listed(ids[k], ids[k + 1]) else _rows(lm, low[k], low[k + 1])
    if not rows:
        return None
    left, right = ctx.left(k), ctx.right(k + 1)
    if left < 0 and right < 0:
        return None
    words = ids[k:k + 2]
    entry = f"{low[k]} {low[k + 1]}"
    own = swaps._chain(lm, left, words, right, entry)
    tri = trigrams()
    history = tri.history(ctx.left(k - 1) if left > END else -1, left)
    far_right = ctx.right(k + 2) if right > END else -1
    own3 = swaps._chain3(tri, history, left, words, right, far_right, own)
    found = swaps._likeliest(lm, tri, history, left, right, far_right, rows, own3[0])
    if found is None:
        return None
    candidate, original, margin, alt, alt3 = found
    features = swaps._features(lm, alt[0] - own[0], own, alt, words, original, (left >= 0) + (right >= 0),
                               margin, own3, alt3)
    sureness = swaps.confidence(features)
    if sureness < swaps.named_bar():
        return None
    return swaps.Suspect(k, tuple(ctx.cores[k:k + 2]), candidate, round(margin, 3), sureness, features)


@lru_cache(maxsize=1 << 16)
def _rows(lm: Model, first: str, second: str) -> tuple:
    """The candidate pairs (the first PAIRED one-word candidates of each word) whose bigram the model lists
    as a collocation, as swaps._tried's rows for swaps._likeliest."""
    ids, unigram, rows = lm.ids, lm.unigram, []
    for a, b in product(_words(lm, first), _words(lm, second)):
        i, j = ids[a], ids[b]
        if lm.listed(i, j) and lm.logprob(i, j) - unigram[j] >= PAIR_COHESION:
            phrase = f"{a} {b}"
            rows.append((phrase, (i, j), i, j, i, lm.inside(phrase), 2, unigram[j]))
    return tuple(rows)


def _words(lm: Model, entry: str) -> list[str]:
    """The entry's first PAIRED one-word candidates (of those swaps._best tries)."""
    return [row[0] for row in swaps._tried(lm, entry) if row[6] == 1][:PAIRED]
