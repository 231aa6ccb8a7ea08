"""The prebuilt table of word and word-pair frequencies and synonyms the paraphrase detectors read.

The table (newslint/data/collocations.bin.gz, made by tools/build_collocations.py) holds Google
Books word and pair frequencies and WordNet synonyms. It is read once, when a rule first asks
for it. Layout: gzip of a JSON header line, then seven sections whose byte lengths the header
lists: the words (newline-separated, most frequent first, a word's id is its position), their
counts as uint16 round(100 * log10(count)), the pairs as sorted uint64 keys (first id << 17 |
second id), the pairs' counts as uint16 centi-logs, the synonyms as uint32 offsets (word i's run
from offsets[i] to offsets[i + 1]) into uint32 synonym ids (most frequent first), and one byte
per word: how many of its synonyms are commoner than it (low 7 bits), and whether the commonest
is at least ten times as common (high bit).

newslint/swaps.py reads it to find the pairs a synonym-swapping spinner leaves.
"""
from __future__ import annotations

import gzip
import json
import sys
from array import array
from functools import cached_property, lru_cache
from pathlib import Path

ID_BITS = 17
TABLE = "collocations.bin.gz"
# Words this common are never taken for a spinner's choice: they seldom are (bench/spun.py finds
# about 1% of the confident swaps there), and skipping them keeps the scan fast.
SWAPPABLE_BELOW = 800


class Table:
    """Word and pair frequencies (centi-log counts) and synonyms, as parsed from the packaged file."""

    def __init__(self, raw: bytes) -> None:
        head, _, body = raw.partition(b"\n")
        self.header = json.loads(head)
        parts, offset = [], 0
        for size in self.header["sections"]:
            parts.append(body[offset:offset + size])
            offset += size
        self.vocab = parts[0].decode("utf-8").split("\n")
        self.ids = {word: i for i, word in enumerate(self.vocab)}
        self.word_values = _uint(parts[1], "H")
        self.pairs = dict(zip(_uint(parts[2], "Q"), _uint(parts[3], "H")))
        self._offsets, self._synonyms = _uint(parts[4], "I"), _uint(parts[5], "I")
        self._flags = parts[6]
        self.pair_floor = self.header["pair_floor"]
        self._commoner: dict[int, tuple[tuple[str, int, int], ...]] = {}

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

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The word's synonyms in its inflection, most frequent first."""
        i = self.ids.get(word)
        return () if i is None else tuple(self.vocab[s] for s in self._synonyms[self._offsets[i]:self._offsets[i + 1]])

    def synonym_count(self, i: int) -> int:
        return self._offsets[i + 1] - self._offsets[i]

    def commoner_synonyms(self, word: str) -> tuple[str, ...]:
        """Synonyms more frequent than the word: what a spinner would have replaced with it."""
        i = self.ids.get(word)
        return () if i is None else tuple(swap for swap, _, _ in self.commoner(i))

    def commoner(self, i: int) -> tuple[tuple[str, int, int], ...]:
        """(synonym, its id, its centi-log count) for each synonym of word id i commoner than it."""
        found = self._commoner.get(i)
        if found is None:
            start = self._offsets[i]
            ids = self._synonyms[start:start + (self._flags[i] & 127)]
            found = self._commoner[i] = tuple((self.vocab[s], s, self.word_values[s]) for s in ids)
        return found

    @cached_property
    def swappable(self) -> dict[str, int]:
        """word -> id for the words a spinner may have put in: those with a commoner synonym, and not
        themselves among the commonest (centi-log count below SWAPPABLE_BELOW, 10^8)."""
        values, flags = self.word_values, self._flags
        return {w: i for i, w in enumerate(self.vocab) if flags[i] and values[i] < SWAPPABLE_BELOW}

    def rare(self, i: int) -> bool:
        """Whether word id i has a synonym at least ten times as common ("bedchamber" beside "bedroom")."""
        return self._flags[i] >= 128


def _uint(data: bytes, code: str) -> array:
    values = array(code)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


@lru_cache(maxsize=1)
def table() -> Table:
    """The packaged table, loaded on first use."""
    # The package's own folder: what importlib.resources gives for an installed package, without
    # the 20-80 ms its import costs a one-file run.
    raw = (Path(__file__).resolve().parent / "data" / TABLE).read_bytes()
    return Table(gzip.decompress(raw))
