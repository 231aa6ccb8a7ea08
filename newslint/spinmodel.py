"""The prebuilt bigram language model and reverse-synonym candidates the spin detector reads.

The table (newslint/data/spinmodel.bin.gz, made by tools/build_spin_model.py) holds the bigrams of
CMU Sphinx's US English model (pocketsphinx's en-us.lm.bin, BSD-2-Clause), pruned to those that
differ from their back-off estimate, and, for each word or phrase a thesaurus (Moby, WordNet)
lists as a synonym of a commoner one, those commoner ones: what a spinner may have replaced with
it. It is read once, when a rule first asks for it. Layout: gzip of a JSON header line, then eight
sections whose byte lengths the header lists: the vocabulary (newline-separated, "<s>" and "</s>"
first, then most probable first; a word's id is its position), unigram log10 probabilities and
back-off weights as int16 thousandths, the bigrams as uint32 offsets (word a's successors run
from offsets[a] to offsets[a + 1]) into sorted uint32 successor ids with one uint8 each (-log10 p
in steps of header["step"]), the entries as lines "entry<TAB>candidate|candidate", and a Bloom filter of the bigrams (bit
(key % prime) for each of header["bloom_primes"], key = first id << id_bits | second id).

A second, small table (newslint/data/spinphrases.tsv.gz, made by tools/build_spin_phrases.py) holds
the trigram log10 probability inside each multiword entry and candidate, read on first use; a third
(newslint/data/spintrigrams.bin.gz, tools/build_spin_trigrams.py) the model's trigrams across a
span's edges, as corrections of the bigrams, read by trigrams() on first use.

newslint/swaps.py reads it to score how much likelier a sentence becomes with a candidate put back.
"""
from __future__ import annotations

import gzip
import json
import operator
import sys
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from itertools import repeat

TABLE = "spinmodel.bin.gz"
# The trigram log10 probability inside each multiword phrase (tools/build_spin_phrases.py).
PHRASES = "spinphrases.tsv.gz"
# The trigrams the swap test can use, as corrections to the bigrams (tools/build_spin_trigrams.py).
TRIGRAMS = "spintrigrams.bin.gz"
START, END = 0, 1  # ids of "<s>" and "</s>"


class Model:
    """Bigram log10 probabilities with back-off, and the candidates of each entry."""

    def __init__(self, raw: bytes) -> None:
        head, _, body = raw.partition(b"\n")
        self.header = json.loads(head)
        parts, offset = [], 0
        for size in self.header["sections"]:
            parts.append(body[offset:offset + size])
            offset += size
        self.vocab = parts[0].decode("utf-8").split("\n")
        self.ids = {word: i for i, word in enumerate(self.vocab)}
        scale = self.header["scale"]
        self.unigram = [v / scale for v in _uint(parts[1], "h")]
        self.backoff = [v / scale for v in _uint(parts[2], "h")]
        self._offsets, self._seconds, self._values = _uint(parts[3], "I"), _uint(parts[4], "I"), parts[5]
        self._logs = [-q * self.header["step"] for q in range(256)]
        self._candidate_ids: dict[str, tuple] = {}
        self._inside: dict[str, float] | None = None
        self._bloom, self._primes, self._id_bits = parts[7], self.header["bloom_primes"], self.header["id_bits"]
        lines = parts[6].decode("utf-8").split("\n")
        self.entries = dict(line.split("\t") for line in lines if line)
        # The longest multiword entry that starts with a word, for the words that start one.
        self.phrase_starts: dict[str, int] = {}
        self.prefixes: set[str] = set()  # the first two words of each multiword entry
        for entry in self.entries:
            if " " in entry:
                words = entry.split(" ")
                self.phrase_starts[words[0]] = max(len(words), self.phrase_starts.get(words[0], 0))
                self.prefixes.add(" ".join(words[:2]))

    def logprob(self, a: int, b: int) -> float:
        """log10 P(b | a); a < 0 means no context (the unigram)."""
        if a < 0:
            return self.unigram[b]
        seconds, hi = self._seconds, self._offsets[a + 1]
        j = bisect_left(seconds, b, self._offsets[a], hi)
        return self._logs[self._values[j]] if j < hi and seconds[j] == b else self.backoff[a] + self.unigram[b]

    def listed(self, a: int, b: int) -> bool:
        """Whether the model holds the bigram itself (not only its back-off estimate)."""
        lo, hi = self._offsets[a], self._offsets[a + 1]
        j = bisect_left(self._seconds, b, lo, hi)
        return j < hi and self._seconds[j] == b

    def maybe_listed(self, firsts: list[int], seconds: list[int]) -> list[int]:
        """For each pair of ids, 1 if the model may list the bigram (a Bloom filter: about 4% false
        positives, no false negatives), else 0. Built-in maps only: it runs over every word of a text."""
        found = None
        for prime in self._primes:
            h = list(map(operator.mod, map(operator.or_, map(operator.lshift, firsts, repeat(self._id_bits)), seconds),
                         repeat(prime)))
            bits = list(map(operator.and_, map(operator.rshift, map(self._bloom.__getitem__,
                                                                    map(operator.rshift, h, repeat(3))),
                                               map(operator.and_, h, repeat(7))), repeat(1)))
            found = bits if found is None else list(map(operator.and_, found, bits))
        return found

    def inside(self, phrase: str) -> float | None:
        """log10 P of a multiword phrase's words after its first, from the trigrams (None if not listed)."""
        if self._inside is None:
            raw = gzip.decompress((resources.files("newslint") / "data" / PHRASES).read_bytes()).decode("utf-8")
            self._inside = {p: int(v) / 1000 for p, v in (line.split("\t") for line in raw.splitlines())}
        return self._inside.get(phrase)

    def candidates(self, entry: str) -> tuple[str, ...]:
        """The commoner words or phrases a spinner may have replaced with the entry, commonest first."""
        found = self.entries.get(entry)
        return () if found is None else tuple(found.split("|"))

    def candidate_ids(self, entry: str) -> tuple[tuple[str, list[int]], ...]:
        """(candidate, its word ids) for each candidate of the entry (cached)."""
        found = self._candidate_ids.get(entry)
        if found is None:
            found = self._candidate_ids[entry] = tuple((c, [self.ids[w] for w in c.split()])
                                                       for c in self.candidates(entry))
        return found


def _uint(data: bytes, code: str) -> array:
    values = array(code)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, loaded on first use."""
    raw = (resources.files("newslint") / "data" / TABLE).read_bytes()
    return Model(gzip.decompress(raw))


class Trigrams:
    """Corrections of the bigram table by the model's trigrams (newslint/data/spintrigrams.bin.gz).

    Only the trigrams with a word of some entry or candidate in them that differ from the bigram
    estimate by a factor of 10^header["prune"] or more are listed; any other is the bigram estimate.
    """

    def __init__(self, stream) -> None:
        """Read from a binary stream (the gunzipped table), straight into the arrays: the table is
        read whole on first use, and no second copy of its 7 MB raises the run's peak memory."""
        self.header = json.loads(stream.readline())
        count, bits = self.header["count"], self.header["id_bits"]
        self._keys = _filled(stream, array("Q", [0]) * count)
        self._codes = bytes(_filled(stream, array("B", [0]) * count))
        self._offsets = _filled(stream, array("I", [0]) * (self.header["vocab"] + 1))  # keys after a: offsets[a:a + 2]
        step = self.header["step"]
        # The int8 codes are read as bytes: 0-127 as they are, 128-255 as the negative ones.
        self._deltas = [c * step for c in range(128)] + [c * step for c in range(-128, 0)]
        self._shift1, self._shift2 = bits, 2 * bits

    def delta(self, a: int, b: int, c: int) -> float:
        """log10 P(c | a b) minus the bigram table's log10 P(c | b): 0 where the table lists no
        trigram, or a or b is no word (< 0)."""
        if a < 0 or b < 0:
            return 0.0
        offsets = self._offsets
        lo, hi = offsets[a], offsets[a + 1]
        if lo == hi:
            return 0.0
        key = a << self._shift2 | b << self._shift1 | c
        keys = self._keys
        j = bisect_left(keys, key, lo, hi)
        return self._deltas[self._codes[j]] if j < hi and keys[j] == key else 0.0

    def history(self, a: int, b: int) -> tuple[int, int, int] | None:
        """(key prefix, start, end) of the listed trigrams after "a b", or None if there are none:
        the swap test asks one history about every candidate."""
        if a < 0 or b < 0:
            return None
        offsets, keys = self._offsets, self._keys
        lo, hi = offsets[a], offsets[a + 1]
        if lo == hi:
            return None
        prefix = a << self._shift2 | b << self._shift1
        start = bisect_left(keys, prefix, lo, hi)
        end = bisect_left(keys, prefix + (1 << self._shift1), start, hi)
        return (prefix, start, end) if start < end else None

    def after(self, history: tuple[int, int, int] | None, c: int) -> float:
        """delta() for the history history() found."""
        if history is None:
            return 0.0
        key = history[0] | c
        j = bisect_left(self._keys, key, history[1], history[2])
        return self._deltas[self._codes[j]] if j < history[2] and self._keys[j] == key else 0.0

    def logprob(self, lm: Model, a: int, b: int, c: int) -> float:
        """log10 P(c | a b); a < 0 means the bigram, b < 0 the unigram."""
        return lm.unigram[c] if b < 0 else lm.logprob(b, c) + self.delta(a, b, c)


def _filled(stream, values: array) -> array:
    """values, filled from the stream (little-endian)."""
    view, done = memoryview(values).cast("B"), 0
    while done < len(view):
        got = stream.readinto(view[done:])
        if not got:
            raise ValueError(f"{TRIGRAMS}: truncated")
        done += got
    if sys.byteorder == "big":
        values.byteswap()
    return values


@lru_cache(maxsize=1)
def trigrams() -> Trigrams:
    """The packaged trigram corrections, loaded when the swap test first needs one."""
    with (resources.files("newslint") / "data" / TRIGRAMS).open("rb") as raw, gzip.GzipFile(fileobj=raw) as stream:
        return Trigrams(stream)
