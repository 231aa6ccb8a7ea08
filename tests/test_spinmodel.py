"""The packaged spin model (newslint/spinmodel.py) and the reverse-synonym test over it (newslint/swaps.py)."""
from newslint.spinmodel import END, START, model
from newslint.swaps import analyse


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
