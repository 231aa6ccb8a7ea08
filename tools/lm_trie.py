"""A reader of pocketsphinx's binary "Trie Language Model" format (en-us.lm.bin), trigrams included.

pocketsphinx's own ARPA export dies on the trigrams, so the spin tools read the file directly.
The layout, from pocketsphinx 5.1.1's src/lm/ngram_model_trie.c, lm_trie.c, lm_trie_quant.c and
util/bitarr.c (all little-endian):

- the 19 bytes "Trie Language Model", the order (uint8), the counts of each order (uint32);
- the quantiser: an int32 (unused), then float32 bins: for each middle order 65,536 probabilities
  and 65,536 back-off weights, then 65,536 probabilities of the longest order;
- the unigrams: counts[0] + 1 records (float32 prob, float32 backoff, uint32 next), where "next"
  opens the unigram's run of bigram nodes (the run ends at the next unigram's "next");
- the bit-packed n-gram memory: for each middle order, (count + 1) records of total_bits each
  (word id, 16-bit back-off bin in the low bits then 16-bit probability bin, pointer to the next
  order's run), then 8 bytes of padding; for the longest order, (count + 1) records (word id,
  16-bit probability bin), then 8 bytes. A field at bit offset o is read as the little-endian
  uint64 at byte o >> 3, shifted right by o & 7;
- the vocabulary: a uint32 byte count, then NUL-terminated words (id = position).

The trie is reversed: a unigram node is the predicted word c, its bigram nodes are the words b
before it (log10 P(c | b) and the back-off of the history "b c"), their trigram nodes the words a
before those (log10 P(c | a b)). Scores are stored as logmath floats (base 1.0001 for en-us.lm.bin);
read() converts them to log10. Bigram nodes the builder added only to reach a trigram carry the
back-off estimate as their probability and a zero back-off, as in the model itself.
Needs numpy (a development tool only).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEADER = b"Trie Language Model"
BINS = 1 << 16
TO_LOG10 = math.log10(1.0001)  # logmath base of the file's floats


@dataclass
class Trie:
    """A trigram model as flat arrays (log10)."""

    vocab: list[str]
    unigram: np.ndarray  # log10 P(w)
    backoff: np.ndarray  # log10 back-off weight of the history w
    # bigrams: the predicted word, the word before it, log10 P, back-off of the history (before, word)
    bi_word: np.ndarray
    bi_before: np.ndarray
    bi_prob: np.ndarray
    bi_backoff: np.ndarray
    # trigrams (a b c): c, b, a and log10 P(c | a b); tri_parent indexes the bigram node (c | b)
    tri_parent: np.ndarray
    tri_first: np.ndarray
    tri_prob: np.ndarray

    def ids(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.vocab)}


def required_bits(value: int) -> int:
    return value.bit_length()


def _fields(mem: np.ndarray, offsets: np.ndarray, mask: int) -> np.ndarray:
    """The bit fields at the given bit offsets (each fits in the 64 bits from its byte)."""
    starts = (offsets >> 3).astype(np.int64)
    words = mem[starts[:, None] + np.arange(8)].copy().view("<u8").ravel()
    return (words >> (offsets & 7).astype(np.uint64)) & np.uint64(mask)


def read(path: Path) -> Trie:
    raw = path.read_bytes()
    if not raw.startswith(HEADER):
        raise ValueError(f"{path}: not a pocketsphinx trie language model")
    at = len(HEADER)
    order = raw[at]
    if order != 3:
        raise ValueError(f"{path}: order {order}, this reader handles trigram models only")
    at += 1
    counts = [int(c) for c in np.frombuffer(raw, "<u4", order, at)]
    at += 4 * order + 4  # the counts, then the quantiser's unused int32
    quant = np.frombuffer(raw, "<f4", 3 * BINS, at).astype(np.float64) * TO_LOG10
    mid_prob_bins, mid_bo_bins, long_prob_bins = quant[:BINS], quant[BINS:2 * BINS], quant[2 * BINS:]
    at += 4 * 3 * BINS
    uni = np.frombuffer(raw, np.dtype([("prob", "<f4"), ("bo", "<f4"), ("next", "<u4")]), counts[0] + 1, at)
    at += 12 * (counts[0] + 1)
    word_bits = required_bits(counts[0])
    next_bits = required_bits(counts[2])
    mid_bits = word_bits + 32 + next_bits
    mid_size = ((1 + counts[1]) * mid_bits + 7) // 8 + 8
    long_bits = word_bits + 16
    long_size = ((1 + counts[2]) * long_bits + 7) // 8 + 8
    mem = np.frombuffer(raw, np.uint8, mid_size + long_size, at)
    at += mid_size + long_size
    size = int(np.frombuffer(raw, "<u4", 1, at)[0])
    vocab = raw[at + 4:at + 4 + size].decode("utf-8").split("\0")[:counts[0]]
    if at + 4 + size != len(raw) or len(vocab) != counts[0]:
        raise ValueError(f"{path}: sizes do not add up")

    mid, longest = mem[:mid_size], mem[mid_size:]
    base = np.arange(counts[1] + 1, dtype=np.uint64) * np.uint64(mid_bits)
    mid_word = _fields(mid, base, (1 << word_bits) - 1)
    mid_bo = _fields(mid, base + np.uint64(word_bits), BINS - 1)
    mid_prob = _fields(mid, base + np.uint64(word_bits + 16), BINS - 1)
    mid_next = _fields(mid, base + np.uint64(word_bits + 32), (1 << next_bits) - 1).astype(np.int64)
    base = np.arange(counts[2], dtype=np.uint64) * np.uint64(long_bits)
    long_word = _fields(longest, base, (1 << word_bits) - 1)
    long_prob = _fields(longest, base + np.uint64(word_bits), BINS - 1)

    # The header's counts may exceed what the pointers reach (en-us.lm.bin: 2,051,547 bigrams counted,
    # 2,051,541 reachable); what no pointer reaches is never scored.
    starts = uni["next"].astype(np.int64)
    n_bi = int(starts[-1])
    bi_word = np.repeat(np.arange(counts[0]), np.diff(starts))
    tri_parent = np.repeat(np.arange(n_bi), np.diff(mid_next[:n_bi + 1]))
    n_tri = len(tri_parent)
    if n_bi > counts[1] or n_tri > counts[2]:
        raise ValueError(f"{path}: the trie's pointers run past its n-grams")
    return Trie(vocab, uni["prob"][:-1] * TO_LOG10, uni["bo"][:-1] * TO_LOG10,
                bi_word, mid_word[:n_bi].astype(np.int64), mid_prob_bins[mid_prob[:n_bi].astype(np.int64)],
                mid_bo_bins[mid_bo[:n_bi].astype(np.int64)], tri_parent, long_word[:n_tri].astype(np.int64),
                long_prob_bins[long_prob[:n_tri].astype(np.int64)])


class Scorer:
    """log10 P(c | a b) with back-off, from a Trie (to check it against the model's own scores)."""

    def __init__(self, trie: Trie) -> None:
        self.t = trie
        self.bigram = {(int(b), int(c)): i for i, (b, c) in enumerate(zip(trie.bi_before, trie.bi_word))}
        self.trigram = {(int(trie.tri_first[i]), int(trie.bi_before[p]), int(trie.bi_word[p])): i
                        for i, p in enumerate(trie.tri_parent)}

    def prob(self, c: int, b: int | None = None, a: int | None = None) -> float:
        t = self.t
        if b is None:
            return float(t.unigram[c])
        if a is not None and (a, b, c) in self.trigram:
            return float(t.tri_prob[self.trigram[(a, b, c)]])
        history = 0.0
        if a is not None and (a, b) in self.bigram:
            history = float(t.bi_backoff[self.bigram[(a, b)]])
        j = self.bigram.get((b, c))
        low = float(t.bi_prob[j]) if j is not None else float(t.backoff[b] + t.unigram[c])
        return low + history


def extract(wheel: Path, work: Path) -> Path:
    """The path of en-us.lm.bin: inside a pocketsphinx wheel (extracted to work) or an unpacked folder."""
    import zipfile

    if wheel.is_dir():
        return next(wheel.rglob("en-us.lm.bin"))
    path = work / "en-us.lm.bin"
    with zipfile.ZipFile(wheel) as archive:
        path.write_bytes(archive.read("pocketsphinx/model/en-us/en-us.lm.bin"))
    return path
