"""The packaged spin model (newslint/spinmodel.py) and the reverse-synonym test over it (newslint/swaps.py)."""
import os
import zlib

import pytest

from newslint.spinmodel import END, START, model
from newslint.swaps import _Context, analyse


def test_bigrams_beat_their_back_off_and_unknown_pairs_back_off():
    lm = model()
    ids = lm.ids
    assert lm.vocab[START] == "<s>" and lm.vocab[END] == "</s>"
    listed = lm.logprob(ids["united"], ids["states"])
    assert lm.listed(ids["united"], ids["states"]) and listed > -0.5  # "united states" is near certain
    assert not lm.listed(ids["unsettled"], ids["phones"])
    backed_off = lm.logprob(ids["unsettled"], ids["phones"])
    assert backed_off == lm.backoff[ids["unsettled"]] + lm.unigram[ids["phones"]]
    assert lm.logprob(-1, ids["phones"]) == lm.unigram[ids["phones"]]


def test_candidates_are_commoner_thesaurus_entries_single_and_multiword():
    lm = model()
    assert "mobile" in lm.candidates("unsettled")
    assert "off" in lm.candidates("beside the mark")
    assert lm.phrase_starts["beside"] >= 3
    assert lm.candidates("zzzq") == ()


def test_the_suspect_names_its_original_and_the_margin_is_a_likelihood_gain():
    [suspect] = [s for s in analyse("Sales of unsettled phones rose sharply last year.").suspects if s.confidence > 0.5]
    assert (suspect.index, suspect.text, suspect.fix) == (2, "unsettled", "mobile")
    assert suspect.margin > 1  # the sentence is more than ten times likelier with "mobile"


def test_digits_unknown_words_and_punctuation_are_never_evidence_on_their_own():
    # The only neighbours are a digit, an unknown word and punctuation: no context, nothing judged.
    assert analyse("2,000 unsettled xqzv.").suspects == ()
    assert analyse("They were (unsettled) today.").suspects == ()


def test_trigrams_correct_the_bigrams_where_the_model_lists_them():
    from newslint.spinmodel import trigrams

    lm, tri = model(), trigrams()
    ids = lm.ids
    rank, and_, file = ids["rank"], ids["and"], ids["file"]
    # As bigrams "and file" is rare; after "rank" the model's trigram makes "file" near certain.
    assert lm.logprob(and_, file) < -4 and tri.logprob(lm, rank, and_, file) > -1
    # A trigram the table does not list is the bigram estimate; no history is the bigram or the unigram.
    assert tri.logprob(lm, ids["at"], ids["the"], ids["same"]) == lm.logprob(ids["the"], ids["same"])
    assert tri.logprob(lm, -1, and_, file) == lm.logprob(and_, file)
    assert tri.logprob(lm, -1, -1, file) == lm.unigram[file]


def test_the_trie_reader_unpacks_little_endian_bit_fields():
    import sys
    from pathlib import Path

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from lm_trie import _fields

    # Fields of 17 bits at bit offsets 0, 17, 34 (values 5, 70000, 1), then the 8 bytes of padding.
    packed = 5 | 70000 << 17 | 1 << 34
    mem = np.frombuffer(packed.to_bytes(8, "little") + bytes(8), np.uint8)
    offsets = np.array([0, 17, 34], dtype=np.uint64)
    assert _fields(mem, offsets, (1 << 17) - 1).tolist() == [5, 70000, 1]


def test_the_trigram_context_reaches_the_second_word_before_a_swap():
    # "file" for "register" after "rank and": one word back the bigrams barely prefer "file" (below
    # the suspect margin); two words back the trigram P(file | rank and) names it.
    [suspect] = analyse("The rank and register voted against the deal.").suspects
    assert (suspect.text, suspect.fix) == ("register", "file")
    assert suspect.margin > 2 and suspect.features[1] < 0.5  # trigram margin; the bigram margin
    # A comma breaks the context two words back: the bigrams alone do not name "file".
    assert all(s.fix != "file" for s in analyse("The rank, and register voted against the deal.").suspects)


def _packed_table() -> bytes:
    """A tiny table in the packed layout tools/build_spin_model.py writes (see spinmodel.py)."""
    import json
    from array import array

    vocab = ["<s>", "</s>", "the", "cat", "sat", "feline", "perched"]
    unigram = array("h", [-990, -1500, -1200, -3000, -3100, -4800, -4500])
    backoff = array("h", [-300, 0, -250, -200, -210, -100, -120])
    offsets = array("I", [0, 1, 1, 2, 3, 3, 3, 3])  # <s> -> the, the -> cat, cat -> sat
    seconds = array("I", [2, 3, 4])
    values = bytes([10, 40, 25])
    entries = b"feline\tcat\nperched\tsat|sit\nsat down\tsat\n"
    bloom = bytes(8)
    parts = ["\n".join(vocab).encode(), unigram.tobytes(), backoff.tobytes(), offsets.tobytes(), seconds.tobytes(),
             values, entries, bloom]
    header = {"sections": [len(p) for p in parts], "scale": 1000, "step": 0.04, "bloom_primes": [61, 59], "id_bits": 3}
    return json.dumps(header).encode() + b"\n" + b"".join(parts)


def test_the_unpacked_tables_answer_as_dicts_would_before_and_after_they_become_dicts(monkeypatch):
    from newslint import spinmodel

    lm = spinmodel.Model(spinmodel.unpack(_packed_table()))
    assert lm.vocab[3] == "cat" and lm.unigram[3] == -3.0 and lm.backoff[2] == -0.25
    viewed = lm.ids
    assert not isinstance(viewed, dict) and viewed["feline"] == 5 and viewed.get("dog", -1) == -1 and "cat" in viewed
    assert dict(viewed.items()) == {w: i for i, w in enumerate(lm.vocab)}
    assert lm.candidates("perched") == ("sat", "sit") and lm.candidates("dog") == () and "sat down" in lm.entries
    assert lm.phrase_starts == {"sat": 2} and not isinstance(lm.prefixes, set)
    assert "sat down" in lm.prefixes and not any(p in lm.prefixes for p in ("sat", "sat dow", "sat down ", "sat downs", "", "zz"))
    assert lm.logprob(2, 3) == -40 * 0.04 and lm.logprob(2, 4) == -0.25 + -3.1 and lm.listed(3, 4)
    monkeypatch.setattr(spinmodel, "PROMOTE", 0)
    monkeypatch.setattr(spinmodel, "PROMOTE_PREFIXES", 0)
    assert isinstance(lm.ids, dict) and lm.ids == dict(viewed.items()) and lm.prefixes == {"sat down"}
    assert lm.entries == {"feline": "cat", "perched": "sat|sit", "sat down": "sat"}


def test_the_model_is_unpacked_once_into_the_cache_folder_or_kept_in_memory(monkeypatch, tmp_path):
    import gzip
    import mmap

    from newslint import spinmodel

    packed = tmp_path / "table.bin.gz"
    packed.write_bytes(gzip.compress(_packed_table()))
    monkeypatch.setattr(spinmodel, "_packed", lambda name=None: packed)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    spinmodel.model.cache_clear()
    try:
        first = spinmodel.model()
        [unpacked] = (tmp_path / "cache").glob("spinmodel-*.bin")
        assert isinstance(first._data, mmap.mmap)  # the first run, too, maps what it wrote
        spinmodel.model.cache_clear()
        mapped = spinmodel.model()
        assert isinstance(mapped._data, mmap.mmap) and mapped.candidates("feline") == first.candidates("feline")
        unpacked.write_bytes(unpacked.read_bytes()[:100])  # a damaged file is unpacked again
        spinmodel.model.cache_clear()
        assert spinmodel.model().ids["sat"] == 4
        (tmp_path / "blocked").write_text("a file where the folder should be")
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "blocked"))
        spinmodel.model.cache_clear()
        assert spinmodel.model().ids["sat"] == 4
    finally:
        spinmodel.model.cache_clear()


def test_the_phrase_table_view_answers_as_its_dict(monkeypatch):
    from newslint import spinmodel

    data = spinmodel.unpack_phrases("a belief\t-3907\na better place\t-3706\n")
    _, at = spinmodel._sections(data)
    assert set(at) == {"keys", "key_starts", "slots", "values"}
    monkeypatch.setattr(spinmodel, "_load", lambda *args: data)
    viewed = spinmodel._phrases(None)
    assert viewed.get("a better place") == -3.706 and viewed.get("a bel") is None and len(viewed) == 2
    assert spinmodel._phrases(viewed) == {"a belief": -3.907, "a better place": -3.706}


def test_a_title_s_full_stop_starts_no_sentence():
    ctx = _Context("They met Mr. Gallant there. Gallant left.", model())
    # After "Mr." the name is inside the sentence (no "<s>", and the stop breaks the context); after
    # "there." a sentence starts.
    assert (ctx.left(3), ctx.named(3)) == (-1, True)
    assert (ctx.left(5), ctx.named(5)) == (START, False)


def test_the_trigram_filter_never_hides_a_listed_trigram_and_lookups_match_a_plain_search():
    from bisect import bisect_left

    import gzip

    from newslint.spinmodel import TRIGRAMS, Trigrams, _packed, unpack_trigrams

    raw = gzip.decompress(_packed(TRIGRAMS).read_bytes())
    tri = Trigrams(unpack_trigrams(raw))
    keys, offsets, bits = tri._keys, tri._offsets, tri.header["id_bits"]
    sample = range(0, len(keys), max(1, len(keys) // 5000))
    assert all(tri.maybe(keys[j]) and tri.maybe(keys[j] >> bits << bits) for j in sample)
    # Every sampled trigram, and the same history with a neighbouring last word (mostly unlisted), reads as a
    # bisect over the whole table would read it.
    mask = (1 << bits) - 1
    for j in sample:
        a, b, c = keys[j] >> 2 * bits, keys[j] >> bits & mask, keys[j] & mask
        for last in (c, c + 1, c + 7):
            key = a << 2 * bits | b << bits | last
            i = bisect_left(keys, key, offsets[a], offsets[a + 1])
            plain = tri._deltas[tri._codes[i]] if i < offsets[a + 1] and keys[i] == key else 0.0
            assert tri.delta(a, b, last) == plain
            assert tri.after(tri.history(a, b), last) == plain
    assert sum(not tri.maybe(k) for k in range(1, 200_000, 7)) > 0.9 * len(range(1, 200_000, 7))
    # Unfiltered (a process without a cache folder), every key may be there: the same answers, by search.
    everything = Trigrams(unpack_trigrams(raw, filtered=False))
    assert all(map(everything.maybe, range(1, 200_000, 7)))
    assert all(everything.delta(k >> 2 * bits, k >> bits & mask, k & mask) == tri.delta(k >> 2 * bits, k >> bits & mask,
                                                                                         k & mask)
               for k in (keys[j] for j in sample))


def test_an_entry_s_candidate_rows_are_its_mapped_candidates():
    # swaps._tried builds the rows from the candidates' words; they must hold what mapping each candidate's words gives,
    # for one-word and multiword candidates alike ("beside the mark" -> "off", "walk out" -> "leave" ...).
    from newslint.swaps import TRIED, _tried

    lm = model()
    entries = ["unsettled", "beside the mark", "extrinsic", "perched"]
    entries += [e for e in list(lm.entries)[:3000] if any(" " in c for c in lm.candidates(e)[:TRIED])][:20]
    multiword = 0
    for entry in entries:
        expected = tuple((c, tuple(ids), ids[0], ids[-1], ids[-2] if len(ids) > 1 else -1,
                          lm.inside(c) if len(ids) > 1 else 0.0, len(ids), sum(lm.unigram[w] for w in ids[1:]))
                         for c, ids in ((c, [lm.ids[w] for w in c.split()]) for c in lm.candidates(entry)[:TRIED]))
        rows = _tried(lm, entry)
        assert rows == expected and [type(v) for r in rows for v in r] == [type(v) for r in expected for v in r]
        multiword += sum(row[6] > 1 for row in rows)
    assert multiword >= 10


def test_the_sorted_prefix_lines_answer_as_their_set_does():
    import random

    from newslint import spinmodel

    lm = spinmodel.model()
    lines = lm._lines("prefixes")
    view, every = spinmodel._SortedLines(lm._data, *lm._at["prefixes"]), set(lines)
    draw = random.Random(17)
    near = [p[:-1] for p in lines[::97]] + [p + " x" for p in lines[::89]] + [p + "s" for p in lines[::83]]
    pairs = [f"{draw.choice(lm.vocab)} {draw.choice(lm.vocab)}" for _ in range(3000)]
    for key in lines[:40] + lines[-40:] + lines[::53] + near + pairs + ["", "\uffff", "a\udcff b"]:
        assert (key in view) == (key in every), key


def test_a_new_table_keeps_the_newest_older_version_beside_it_and_removes_the_rest(tmp_path):
    from newslint import spinmodel

    folder = tmp_path / "cache"
    folder.mkdir()
    for age, name in enumerate(("spinmodel-1-old-7.bin", "spinmodel-1-older-7.bin")):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    (folder / "spinmodel-2-other-layout.bin").write_bytes(b"x")
    spinmodel._store(folder / "spinmodel-1-new-7.bin", b"table")
    assert sorted(p.name for p in folder.iterdir()) == [
        "spinmodel-1-new-7.bin", "spinmodel-1-old-7.bin", "spinmodel-2-other-layout.bin"]


def test_the_packed_tables_gunzip_as_gzip_does_and_a_damaged_one_is_an_error(tmp_path):
    import gzip

    from newslint import spinmodel

    for name in (spinmodel.TABLE, spinmodel.TRIGRAMS, spinmodel.PHRASES):
        packed = spinmodel._packed(name)
        assert spinmodel._gunzipped(packed) == gzip.decompress(packed.read_bytes())
    cut = tmp_path / "cut.gz"
    data = gzip.compress(b"a table " * 1000)
    cut.write_bytes(data[:40] + data[-8:])  # its trailer promises what the stream no longer holds
    with pytest.raises((ValueError, zlib.error)):
        spinmodel._gunzipped(cut)


def _fresh_columns(lm, text: str) -> tuple:
    """What _Context keeps of each token, by the definitions, without the memo."""
    from newslint import swaps

    tokens = text.split()
    cores = [t.strip(swaps.PUNCT) for t in tokens]
    low = [c.lower() for c in cores]
    return (tuple(cores), tuple(low), tuple(lm.ids.get(w, -1) for w in low),
            tuple(t[0] == c[:1] for t, c in zip(tokens, cores)), tuple(t[-1] == c[-1:] for t, c in zip(tokens, cores)),
            tuple(c[:1].islower() for c in cores), tuple(w in lm.entries for w in low),
            tuple(w in lm.entries and not swaps.PLAIN_REPORTING.isdisjoint(lm.candidates(w)) for w in low))


def _columns(ctx) -> tuple:
    return ctx.cores, ctx.low, ctx.ids, ctx.lead, ctx.trail, ctx.lower, ctx.entry, ctx.reports


def test_the_token_memo_folds_as_a_fresh_read_and_keeps_to_its_bound(monkeypatch):
    from newslint import swaps

    lm = model()
    texts = ["\u201cUnsettled phones,\u201d she stated (quietly). Mr. Glazer met him on Jan. 5 -- the rank and register!",
             "US officials alleged: the unsettled phones... Moreover, 2,000 xqzv-ish (phones) us."]
    monkeypatch.setattr(lm, "folded", {})
    first = [_Context(text, lm) for text in texts]  # an empty memo, then one that holds the first text
    again = [_Context(text, lm) for text in texts]  # every token from the memo
    for ctx, text in zip(first + again, texts * 2):
        assert _columns(ctx) == _fresh_columns(lm, text)
    assert any(first[0].reports) and any(first[0].entry) and -1 in first[1].ids and not all(first[1].lead)
    assert first[0].ends == again[0].ends and first[0].starts == again[0].starts
    # Full (a bound of 3 tokens): it keeps what it has, the rest is folded for each text alone.
    monkeypatch.setattr(lm, "folded", {})
    monkeypatch.setattr(swaps, "FOLDED", 3)
    for text in ["a b c", *texts, *texts]:
        assert _columns(_Context(text, lm)) == _fresh_columns(lm, text)
    assert set(lm.folded) == {"a", "b", "c"}


def _spans_by_the_loop(lm, ctx) -> list:
    """swaps._spans as one loop over the positions (its form before the built-in maps took the lower-case
    words), from the same gate: the reference the faster form must match."""
    from newslint import swaps

    low, hot = ctx.low, set()
    for k in range(len(low) - 1):
        if ctx.entry[k]:
            before = START if k in ctx.starts else ctx.ids[k - 1]
            listed = lm.maybe_listed([before], [ctx.ids[k]])[0] and lm.maybe_listed([ctx.ids[k]], [ctx.ids[k + 1]])[0]
            if not listed or swaps._reports(lm, low[k]):
                hot.add(k)
        if " ".join(low[k:k + 2]) in lm.prefixes:
            hot.add(k)
    found = []
    for k in sorted(hot):
        named = not ctx.cores[k][:1].islower()
        if named:
            if not ctx.judged(k):
                continue
            named = ctx.named(k)
        if low[k] in lm.entries and (not named or ctx.vouchable(lm, k, 1, low[k])):
            found.append((k, 1, low[k]))
        for n in range(2, min(lm.phrase_starts.get(low[k], 0), len(low) - k) + 1):
            phrase = " ".join(low[k:k + n])
            if phrase in lm.entries and all(ctx.right(j) == ctx.ids[j + 1] >= 0 for j in range(k, k + n - 1)) \
                    and (not named or ctx.vouchable(lm, k, n, phrase)):
                found.append((k, n, phrase))
    return found


def test_the_spans_are_those_of_the_plain_loop():
    import random

    from newslint import swaps

    lm = model()
    words = ["rank", "and", "register", "file", "beside", "the", "mark", "weather", "storm", "in", "a", "nutshell",
             "Rank", "The", "Beside", "Invoice", "Nye", "bill", "stated", "said", "unsettled", "phones", "as", "well",
             "of", "course", "at", "last", "Mr.", "US", "2,000", "xqzv"]
    marks = ["", "", "", ",", ".", "!", "\"", "(", ")"]
    rng = random.Random(17)
    texts = [" ".join(rng.choice(words) + rng.choice(marks) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    texts += ["the rank and register voted; the rank and, register", "Beside the mark. Rank and file", ""]
    spans = [swaps._spans(lm, _Context(text, lm)) for text in texts]
    assert sum(n > 1 for found in spans for _, n, _ in found) >= 10  # phrases, not only words
    assert sum(not c.lower[k] for c, found in zip(map(lambda t: _Context(t, lm), texts), spans) for k, _, _ in found) >= 30
    assert spans == [_spans_by_the_loop(lm, _Context(text, lm)) for text in texts]


def test_a_name_s_mark_is_the_same_counted_one_at_a_time_or_all_at_once(monkeypatch):
    # A text asks about many capitalised words: past COUNTED they are counted all at once (a window of a
    # huge file asked about thousands, each counted over the whole text: quadratic).
    from newslint import swaps

    text = ("Court met. The Court and the House sat. House left. Mr House spoke to Court officials. "
            "Bill Nye and Bill Gates came. Nye spoke, and Gates too, before the House rose. Mr. Gates left.")
    lm = model()

    def marks():
        ctx = _Context(text, lm)
        return [ctx.marked(k) for k in range(len(ctx.cores))]

    one_at_a_time = marks()
    monkeypatch.setattr(swaps, "COUNTED", 0)
    assert marks() == one_at_a_time
    assert any(one_at_a_time) and not all(one_at_a_time)
