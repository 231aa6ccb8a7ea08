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

Loading it must cost a run next to nothing (a one-file pre-commit run asks for it): the first use
on a machine unpacks it (unpack(): native arrays, and hash tables over the vocabulary and the
entries) into the user's cache folder (configcache.cache_dir()), named by the packed table's
content; every later process maps that file read-only. Without a writable folder each process
unpacks it in memory.

A second, small table (newslint/data/spinphrases.tsv.gz, made by tools/build_spin_phrases.py) holds
the trigram log10 probability inside each multiword entry and candidate, read on first use; a third
(newslint/data/spintrigrams.bin.gz, tools/build_spin_trigrams.py) the model's trigrams across a
span's edges, as corrections of the bigrams, read by trigrams() on first use.

newslint/swaps.py reads it to score how much likelier a sentence becomes with a candidate put back.
"""
from __future__ import annotations

import io
import json
import mmap
import operator
import os
import sys
from array import array
from bisect import bisect_left
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Container, Iterable, Iterator, Mapping
import zlib
from zlib import crc32

TABLE = "spinmodel.bin.gz"
# The trigram log10 probability inside each multiword phrase (tools/build_spin_phrases.py).
PHRASES = "spinphrases.tsv.gz"
# The trigrams the swap test can use, as corrections to the bigrams (tools/build_spin_trigrams.py).
TRIGRAMS = "spintrigrams.bin.gz"
START, END = 0, 1  # ids of "<s>" and "</s>"
# The trigram filter's size in bits (a prime under 2^25: 4 MB; about 3% false positives).
BLOOM3_PRIME = 33_554_393
# The unpacked layout (unpack()); a new number when it changes, so no old cache file is read.
LAYOUT = 1
# The trigram table's sections within that layout (2: with its filter, Trigrams.maybe), in its file's name.
TRIGRAM_LAYOUT = 2
_MAGIC = b"NLSPIN%02d" % LAYOUT
# Lookups a hash-table view answers before the model builds real dicts: a one-file run never pays
# for the dicts (about 25 ms), a corpus pays once, then looks words up at dict speed.
PROMOTE = 20_000
PROMOTE_PREFIXES = 1_000  # a lookup in the sorted lines costs about 1/1,000 of building their set


class Model:
    """Bigram log10 probabilities with back-off, and the candidates of each entry.

    It reads the unpacked layout (unpack()), usually a read-only map of a file in the user's cache
    folder: the arrays are views of it, and words and entries are found through hash tables in it
    until enough lookups make real dicts pay, so loading builds no per-word object."""

    def __init__(self, data) -> None:
        self.header, self._at = _sections(data)
        self._data, self._view = data, memoryview(data)
        self.unigram, self.backoff = self._array("unigram", "d"), self._array("backoff", "d")
        self._offsets, self._seconds = self._cast("offsets", "I"), self._cast("seconds", "I")
        self._values, self._bloom = self._cast("values", "B"), self._cast("bloom", "B")
        self._logs = [-q * self.header["step"] for q in range(256)]
        self._primes, self._id_bits = self.header["bloom_primes"], self.header["id_bits"]
        # entry -> what swaps._tried reads of its candidates (swaps.py fills it)
        self.tried: dict[str, tuple] = {}
        # token -> what swaps._Context keeps of it (swaps.py fills it, bounded by swaps.FOLDED)
        self.folded: dict[str, tuple] = {}
        self._inside: Mapping[str, float] | None = None
        self._inside_of: dict[str, float | None] = {}
        self._ids: dict[str, int] | None = None
        self._entries: dict[str, str] | None = None
        self._prefixes: set[str] | None = None
        self._prefix_view = _SortedLines(data, *self._at["prefixes"])
        self._id_view = _Table(data, self._at["vocab"][0], self._cast("vocab_starts", "I"),
                               self._cast("vocab_slots", "I"))
        self._entry_view = _Table(data, self._at["entry_keys"][0], self._cast("entry_key_starts", "I"),
                                  self._cast("entry_slots", "I"),
                                  (self._at["entry_values"][0], self._cast("entry_value_starts", "I")))

    def _cast(self, name: str, code: str) -> memoryview:
        start, length = self._at[name]
        return self._view[start:start + length].cast(code)

    def _array(self, name: str, code: str) -> array:
        values = array(code)
        values.frombytes(self._cast(name, "B"))
        return values

    def _lines(self, name: str) -> list[str]:
        start, length = self._at[name]
        return bytes(self._view[start:start + length]).decode("utf-8").split("\n") if length else []

    @cached_property
    def vocab(self) -> list[str]:
        """The words; a word's id is its position."""
        return self._lines("vocab")

    @property
    def ids(self) -> Mapping[str, int]:
        """word -> id: the hash table's view until it has answered PROMOTE lookups, then a dict."""
        if self._ids is None:
            if self._id_view.lookups < PROMOTE:
                return self._id_view
            self._ids = {word: i for i, word in enumerate(self.vocab)}
        return self._ids

    @property
    def entries(self) -> Mapping[str, str]:
        """entry -> its candidates joined by "|": a view, then a dict, as `ids`."""
        if self._entries is None:
            if self._entry_view.lookups < PROMOTE:
                return self._entry_view
            self._entries = dict(zip(self._lines("entry_keys"), self._lines("entry_values")))
        return self._entries

    @cached_property
    def phrase_starts(self) -> dict[str, int]:
        """The longest multiword entry that starts with a word, for the words that start one."""
        found = self._lines("phrase_starts")
        return dict(zip(found[::2], map(int, found[1::2])))

    @property
    def prefixes(self) -> Container[str]:
        """The first two words of each multiword entry: a binary search of the table's sorted lines
        until it has answered PROMOTE_PREFIXES lookups, then a set (27,529 strings, about 6 ms to
        build: more than a one-file run's few hundred lookups cost)."""
        if self._prefixes is None:
            if self._prefix_view.lookups < PROMOTE_PREFIXES:
                return self._prefix_view
            self._prefixes = set(self._lines("prefixes"))
        return self._prefixes

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
        """For each pair of ids, 1 if the model may list the bigram (a Bloom filter: no false negatives; about
        5% false positives on random pairs, but most unlisted pairs of common words pass, 68% of those the
        spin scan tests on BBC: the hash, a << id_bits | b modulo primes just under 2^24, is nearly the key
        itself for common first words and collides by structure, docs/spin-model.md "Gate by association"),
        else 0. Built-in maps only: it runs over every word of a text."""
        found = None
        keys = list(map(operator.or_, map(operator.lshift, firsts, repeat(self._id_bits)), seconds))
        for prime in self._primes:
            h = list(map(operator.mod, keys, repeat(prime)))
            bits = list(map(operator.and_, map(operator.rshift, map(self._bloom.__getitem__,
                                                                    map(operator.rshift, h, repeat(3))),
                                               map(operator.and_, h, repeat(7))), repeat(1)))
            found = bits if found is None else list(map(operator.and_, found, bits))
        return found

    def inside(self, phrase: str) -> float | None:
        """log10 P of a multiword phrase's words after its first, from the trigrams (None if not listed).
        Each phrase asked is remembered (the scan asks for the same entries across a corpus, and the
        table's view costs microseconds a lookup until it becomes a dict)."""
        found = self._inside_of.get(phrase, self)  # the model itself: not asked yet
        if found is self:
            if self._inside is None or type(self._inside) is _Table and self._inside.lookups >= PROMOTE:
                self._inside = _phrases(self._inside)
            found = self._inside_of[phrase] = self._inside.get(phrase)
        return found

    def candidates(self, entry: str) -> tuple[str, ...]:
        """The commoner words or phrases a spinner may have replaced with the entry, commonest first."""
        found = self.entries.get(entry)
        return () if found is None else tuple(found.split("|"))


class _SortedLines:
    """Membership in a sorted section of the table (one UTF-8 key a line, as str sorts them, which
    is their bytes' order) by binary search over its bytes: no Python object a line."""

    def __init__(self, data, start: int, length: int):
        self._data, self._lo, self._hi = data, start, start + length
        self.lookups = 0

    def __contains__(self, key) -> bool:
        self.lookups += 1
        if not isinstance(key, str):
            return False
        wanted = key.encode("utf-8", "surrogatepass")
        data, lo, hi = self._data, self._lo, self._hi  # [lo, hi): whole lines, without the last one's "\n"
        while lo < hi:
            start = data.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo  # the line holding the middle
            end = data.find(b"\n", start, hi)
            end = hi if end < 0 else end
            line = data[start:end]
            if line == wanted:
                return True
            if line < wanted:
                lo = end + 1
            else:
                hi = start - 1 if start > lo else lo
        return False


class _Table(Mapping):
    """A read-only str -> id (or -> str) map over an open-addressing hash table in the unpacked
    layout: key i is the UTF-8 at data[base + starts[i]:base + starts[i + 1] - 1], slots hold i + 1
    at crc32(key) & (len(slots) - 1) or after it. No Python object is made until a key is asked for."""

    def __init__(self, data, base: int, starts: memoryview, slots: memoryview, values=None):
        self._data, self._base, self._starts, self._slots = data, base, starts, slots
        self._mask = len(slots) - 1
        # (base, starts) of the values' text, a sequence of values, or None: the value is the index
        self._values = values
        self.lookups = 0

    def _index(self, key) -> int:
        self.lookups += 1
        if not isinstance(key, str):
            return -1
        wanted = key.encode("utf-8", "surrogatepass")
        data, base, starts, slots, mask = self._data, self._base, self._starts, self._slots, self._mask
        j = crc32(wanted) & mask
        while True:
            i = slots[j]
            if not i:
                return -1
            i -= 1
            if data[base + starts[i]:base + starts[i + 1] - 1] == wanted:
                return i
            j = (j + 1) & mask

    def _value(self, i: int):
        if self._values is None:
            return i
        if type(self._values) is not tuple:
            return self._values[i]
        base, starts = self._values
        return bytes(self._data[base + starts[i]:base + starts[i + 1] - 1]).decode("utf-8")

    def __getitem__(self, key):
        i = self._index(key)
        if i < 0:
            raise KeyError(key)
        return self._value(i)

    def get(self, key, default=None):
        i = self._index(key)
        return default if i < 0 else self._value(i)

    def __contains__(self, key) -> bool:
        return self._index(key) >= 0

    def _keys(self) -> list[str]:
        n = len(self._starts) - 1
        if n <= 0:
            return []
        end = self._base + self._starts[n] - 1
        return bytes(self._data[self._base:end]).decode("utf-8").split("\n")

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(self._keys()))

    def __len__(self) -> int:
        return len(dict.fromkeys(self._keys()))


def _uint(data: bytes, code: str) -> array:
    """A little-endian section of the packed table as a native array."""
    values = array(code)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _starts(words: list[bytes]) -> array:
    """Where each word starts in b"\\n".join(words), and one past the end + 1 (word i runs to starts[i + 1] - 1)."""
    starts, at = array("I", [0]), 0
    for word in words:
        at += len(word) + 1
        starts.append(at)
    return starts


def _slots(keys: list[bytes], indexes: Iterable[int]) -> array:
    """The open-addressing table of _Table for distinct keys: index + 1 at crc32 & mask, or the next free slot."""
    size = 1
    while size < 2 * len(keys):
        size *= 2
    slots, mask = array("I", bytes(4 * size)), size - 1
    for key, i in zip(keys, indexes):
        j = crc32(key) & mask
        while slots[j]:
            j = (j + 1) & mask
        slots[j] = i + 1
    return slots


def unpack(raw: bytes) -> bytes:
    """The gunzipped packed table in the layout Model reads: a magic, the JSON length and layout
    (the packed header and each section's offset and length), then 8-aligned native sections."""
    split = raw.index(b"\n")
    header, body = json.loads(raw[:split]), memoryview(raw)[split + 1:]  # slices of a view copy nothing
    parts, offset = [], 0
    for size in header["sections"]:
        parts.append(body[offset:offset + size])
        offset += size
    vocab = str(parts[0], "utf-8").split("\n")
    ids = {word: i for i, word in enumerate(vocab)}  # a repeated word keeps its last id, as a dict would
    scale = header["scale"]
    entries = dict(line.split("\t") for line in str(parts[6], "utf-8").split("\n") if line)
    phrase_starts: dict[str, int] = {}
    prefixes: dict[str, None] = {}
    for entry in entries:
        if " " in entry:
            words = entry.split(" ")
            phrase_starts[words[0]] = max(len(words), phrase_starts.get(words[0], 0))
            prefixes[" ".join(words[:2])] = None
    encoded = [w.encode("utf-8") for w in vocab]
    keys = [k.encode("utf-8") for k in entries]
    values = [v.encode("utf-8") for v in entries.values()]
    sections = [
        ("vocab", parts[0]),
        ("vocab_starts", _starts(encoded).tobytes()),
        # Each distinct word once, at its last position, as `ids` has it.
        ("vocab_slots", _slots([encoded[i] for i in ids.values()], ids.values()).tobytes()),
        ("unigram", array("d", [v / scale for v in _uint(parts[1], "h")]).tobytes()),
        ("backoff", array("d", [v / scale for v in _uint(parts[2], "h")]).tobytes()),
        ("offsets", _uint(parts[3], "I").tobytes()),
        ("seconds", _uint(parts[4], "I").tobytes()),
        ("values", parts[5]),
        ("bloom", parts[7]),
        ("entry_keys", b"\n".join(keys)),
        ("entry_key_starts", _starts(keys).tobytes()),
        ("entry_slots", _slots(keys, range(len(keys))).tobytes()),
        ("entry_values", b"\n".join(values)),
        ("entry_value_starts", _starts(values).tobytes()),
        ("phrase_starts", "\n".join(f"{w}\n{n}" for w, n in phrase_starts.items()).encode("utf-8")),
        ("prefixes", "\n".join(prefixes).encode("utf-8")),
    ]
    return _layout(header, sections)


def unpack_phrases(text: str) -> bytes:
    """The gunzipped phrase table ("phrase<TAB>log10 p in thousandths" lines) in the same layout:
    the phrases, a hash table over them, and their log10 probabilities as doubles."""
    found = {p: int(v) / 1000 for p, v in (line.split("\t") for line in text.splitlines())}
    keys = [p.encode("utf-8") for p in found]
    return _layout({}, [("keys", b"\n".join(keys)), ("key_starts", _starts(keys).tobytes()),
                        ("slots", _slots(keys, range(len(keys))).tobytes()),
                        ("values", array("d", found.values()).tobytes())])


def _layout(header: dict, sections: list[tuple[str, bytes]]) -> bytes:
    """A magic, the JSON length and layout (the header and each section's offset and length), then 8-aligned sections."""
    placed, at = [], 0
    for name, blob in sections:
        placed.append([name, at, len(blob)])
        at += -(-len(blob) // 8) * 8
    # The offsets above are relative to the sections' start; shift them once the layout's length is known.
    layout = json.dumps({"header": header, "sections": placed}).encode()
    first = -(-(16 + len(layout) + 64) // 8) * 8
    for entry in placed:
        entry[1] += first
    layout = json.dumps({"header": header, "sections": placed}).encode()
    assert len(layout) <= first - 16  # the 64 bytes to spare hold the offsets' longer digits
    layout = layout.ljust(first - 16)
    out = bytearray(placed[-1][1] + placed[-1][2] if placed else first)  # written in place: no copies as it grows
    out[:first] = _MAGIC + len(layout).to_bytes(8, "little") + layout
    for (_, start, length), (_, blob) in zip(placed, sections):
        out[start:start + length] = blob
    return out


def _sections(data) -> tuple[dict, dict[str, tuple[int, int]]]:
    """The header and {section: (offset, length)} of an unpacked table; ValueError if it is not one or is cut short."""
    view = memoryview(data)
    if bytes(view[:8]) != _MAGIC:
        raise ValueError("not an unpacked spin table")
    size = int.from_bytes(view[8:16], "little")
    layout = json.loads(bytes(view[16:16 + size]))
    at = {name: (start, length) for name, start, length in layout["sections"]}
    if max(start + length for start, length in at.values()) > len(view):
        raise ValueError("truncated spin table")
    return layout["header"], at


def _phrases(viewed: Mapping[str, float] | None) -> Mapping[str, float]:
    """The phrase table: a view of its unpacked file at first, a dict once the view has answered PROMOTE lookups."""
    if viewed is not None:  # its keys are distinct and in the packed file's order, as the dict's were
        return dict(zip(viewed._keys(), viewed._values))
    data = _load(_packed(PHRASES), "spinphrases", lambda raw: unpack_phrases(raw.decode("utf-8")))
    _, at = _sections(data)
    view = memoryview(data)

    def cast(name: str, code: str) -> memoryview:
        return view[at[name][0]:at[name][0] + at[name][1]].cast(code)

    values = array("d")
    values.frombytes(cast("values", "B"))
    return _Table(data, at["keys"][0], cast("key_starts", "I"), cast("slots", "I"), values)


def _packed(name: str = TABLE) -> Path:
    # What importlib.resources gives for an installed package, without importing it.
    return Path(__file__).resolve().parent / "data" / name


def _stamp(packed: Path) -> str:
    """The packed table's content: gzip's trailer is the CRC-32 and length of what it holds."""
    with packed.open("rb") as handle:
        handle.seek(-8, os.SEEK_END)
        trailer = handle.read(8)
        size = handle.seek(0, os.SEEK_END)
    return f"{trailer.hex()}-{size}-{sys.byteorder}"


def _mapped(path: Path):
    """A read-only map of an unpacked file, or None if it is missing or not a whole unpacked table."""
    try:
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        _sections(data)
        return data
    except (OSError, ValueError):
        return None


def _store(path: Path, data: bytes) -> None:
    """Write the unpacked table atomically (a parallel run never maps half a file) and remove older
    ones; a folder that cannot be written is skipped (the run keeps its copy in memory)."""
    import tempfile  # here, not at the top: only the first run on a machine writes

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        # Older versions of this table in this layout, less the newest of them: two installs of different
        # versions on one machine (or two checkouts) would otherwise remove each other's file on every run.
        # Another layout's file is left to the code that reads it.
        prefix = "-".join(path.name.split("-", 2)[:2])
        older = sorted((p for p in path.parent.glob(f"{prefix}-*.bin") if p != path),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in older[1:]:
            old.unlink(missing_ok=True)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _load(packed: Path, name: str, unpack_raw, layout: int = LAYOUT):
    """The unpacked table: mapped from the user's cache folder, where its first use writes it (named
    by the packed file's content), or unpacked in memory without a usable folder."""
    from .configcache import cache_dir

    folder = cache_dir()
    path = folder / f"{name}-{layout}-{_stamp(packed)}.bin" if folder is not None else None
    found = _mapped(path) if path is not None else None
    if found is not None:
        return found
    data = unpack_raw(_gunzipped(packed))
    if path is not None:
        _store(path, data)
        # Map what was just written and let the unpacked copy go: the run then holds only the pages
        # it reads, as every later run does, not the whole table on the heap.
        found = _mapped(path)
        if found is not None:
            return found
    return data


def _gunzipped(packed: Path) -> bytearray:
    """The packed file's content, decompressed into a buffer of the size its gzip trailer gives
    (gzip.decompress grows its output by copies: 55 MB at its peak for the 17 MB table)."""
    data = packed.read_bytes()
    out = bytearray(int.from_bytes(data[-4:], "little"))
    inflate, at, step = zlib.decompressobj(wbits=31), 0, 1 << 20
    for start in range(0, len(data), step):
        chunk = inflate.decompress(data[start:start + step])
        out[at:at + len(chunk)] = chunk
        at += len(chunk)
    chunk = inflate.flush()
    out[at:at + len(chunk)] = chunk
    if at + len(chunk) != len(out) or not inflate.eof:
        raise ValueError(f"{packed.name}: not one whole gzip member")
    return out


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, loaded on first use (see _load)."""
    return Model(_load(_packed(), "spinmodel", unpack))


class Trigrams:
    """Corrections of the bigram table by the model's trigrams (newslint/data/spintrigrams.bin.gz).

    Only the trigrams with a word of some entry or candidate in them that differ from the bigram
    estimate by a factor of 10^header["prune"] or more are listed; any other is the bigram estimate.
    """

    def __init__(self, data) -> None:
        """Over the unpacked table (unpack_trigrams()), mapped like the model's."""
        self.header, at = _sections(data)
        view = memoryview(data)

        def cast(name: str, code: str) -> memoryview:
            return view[at[name][0]:at[name][0] + at[name][1]].cast(code)

        bits = self.header["id_bits"]
        self._keys, self._codes = cast("keys", "Q"), cast("codes", "B")
        self._offsets = cast("offsets", "I")  # keys after a: offsets[a:a + 2]
        step = self.header["step"]
        # The int8 codes are read as bytes: 0-127 as they are, 128-255 as the negative ones.
        self._deltas = [c * step for c in range(128)] + [c * step for c in range(-128, 0)]
        self._shift1, self._shift2 = bits, 2 * bits
        # A one-hash Bloom filter over every key and every key's "a b" prefix (c = 0): 98% of the
        # lookups the swap test makes find no trigram, and a bit test is a quarter of a bisect.
        self._bloom, self._prime = cast("bloom", "B"), self.header["bloom_prime"]

    def maybe(self, key: int) -> bool:
        """False if no trigram has this key (or, for a key with c = 0, this prefix); True if one may."""
        h = key % self._prime
        return bool(self._bloom[h >> 3] >> (h & 7) & 1)

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
        if c < 0 or not self.maybe(key):
            return 0.0
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
        if not self.maybe(prefix):
            return None
        start = bisect_left(keys, prefix, lo, hi)
        end = bisect_left(keys, prefix + (1 << self._shift1), start, hi)
        return (prefix, start, end) if start < end else None

    def after(self, history: tuple[int, int, int] | None, c: int) -> float:
        """delta() for the history history() found."""
        if history is None:
            return 0.0
        key = history[0] | c
        if not self.maybe(key):
            return 0.0
        j = bisect_left(self._keys, key, history[1], history[2])
        return self._deltas[self._codes[j]] if j < history[2] and self._keys[j] == key else 0.0

    def logprob(self, lm: Model, a: int, b: int, c: int) -> float:
        """log10 P(c | a b); a < 0 means the bigram, b < 0 the unigram."""
        return lm.unigram[c] if b < 0 else lm.logprob(b, c) + self.delta(a, b, c)


def unpack_trigrams(raw: bytes, filtered: bool = True) -> bytes:
    """The gunzipped trigram table (a JSON header line, then little-endian uint64 keys, uint8 codes
    and uint32 offsets) in the layout Trigrams maps; not `filtered`, its filter passes every key
    (building it costs 0.2 s: worth it for a file every later run maps, not for one process)."""
    stream = io.BytesIO(raw)
    header = json.loads(stream.readline())
    count = header["count"]
    keys = _filled(stream, array("Q", [0]) * count)
    codes = stream.read(count)
    offsets = _filled(stream, array("I", [0]) * (header["vocab"] + 1))
    if len(codes) < count:
        raise ValueError(f"{TRIGRAMS}: truncated")
    prime = BLOOM3_PRIME
    bloom = _bloom3(keys, prime, header["id_bits"]) if filtered else b"\xff" * (prime // 8 + 1)
    return _layout({**header, "bloom_prime": prime}, [("keys", keys.tobytes()), ("codes", codes),
                                                      ("offsets", offsets.tobytes()), ("bloom", bloom)])


def _bloom3(keys: array, prime: int, bits: int) -> bytes:
    """Trigrams' filter: bit key % prime set for every key and for every key with its last id cleared."""
    found = bytearray(prime // 8 + 1)
    mask = ~((1 << bits) - 1)
    for key in keys:
        for k in (key, key & mask):
            h = k % prime
            found[h >> 3] |= 1 << (h & 7)
    return bytes(found)


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
    """The packaged trigram corrections, loaded when the swap test first needs one (see _load)."""
    from .configcache import cache_dir

    # Without a cache folder nothing is stored: the process keeps an unfiltered table (the same answers).
    filtered = cache_dir() is not None
    return Trigrams(_load(_packed(TRIGRAMS), "spintrigrams", lambda raw: unpack_trigrams(raw, filtered),
                          TRIGRAM_LAYOUT))
