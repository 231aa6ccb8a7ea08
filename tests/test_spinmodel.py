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
