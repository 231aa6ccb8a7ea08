"""tools/inflect.py and the spin table builder's inflected candidates (no registry data: tiny thesauri)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

pytest.importorskip("lemminflect")  # in the test extra; the build's only inflection source

from build_spin_model import candidates  # noqa: E402
from inflect import Inflector, moby_pairs, wordnet_pairs  # noqa: E402

VOCAB = {"said": -2.6, "stated": -4.0, "mentioned": -4.2, "says": -3.0, "states": -3.5, "won": -3.1,
         "received": -3.6, "persons": -5.0, "individuals": -4.5, "fans": -4.0, "followers": -4.6,
         "say": -3.0, "state": -3.2, "win": -3.4, "receive": -4.0, "fan": -4.4, "follower": -5.2,
         "mention": -4.4, "saying": -3.4, "stating": -5.0, "tell": -3.3, "told": -3.0, "tells": -4.0}


def test_irregular_and_regular_forms_are_paired_by_tag():
    inflector = Inflector(VOCAB)
    pairs = set(inflector.pairs("state", "say"))
    assert {("stated", "said"), ("states", "says"), ("stating", "saying")} <= pairs
    assert ("won", "received") in inflector.pairs("win", "receive")  # irregular past
    assert ("fans", "followers") in inflector.pairs("fan", "follower")
    # The lemmas' own forms are the thesauri's literal pairs, not re-made here.
    assert not any(a in ("state", "say") for a, _ in pairs)


def test_forms_the_model_does_not_know_are_dropped():
    inflector = Inflector({"said": -2.6})
    assert inflector.forms("say", "VERB") == {"VBD": "said", "VBN": "said"}
    assert inflector.pairs("state", "say") == []  # "stated" is not in the vocabulary


def test_a_word_reads_as_its_lemma_and_tag():
    inflector = Inflector(VOCAB)
    assert ("say", "VERB", "VBD") in inflector.readings("said")
    assert inflector.readings("say") == ()  # a lemma's own form is no inflection


def test_moby_and_wordnet_pairs_come_in_every_shared_inflection():
    inflector = Inflector(VOCAB)
    usable = VOCAB.__contains__
    assert {("stated", "said"), ("said", "stated")} <= moby_pairs({"state": ["say"], "say": ["state"]}, inflector, usable)
    # Listed one way only, a Moby pair is too loose to inflect ("sack" under "get").
    assert moby_pairs({"say": ["state"]}, inflector, usable) == set()
    found = wordnet_pairs({("v", "1"): ["state", "say", "tell"]}, inflector, usable)
    assert {("stated", "said"), ("said", "stated"), ("told", "said"), ("stated", "told")} <= found
    # A part of speech the synset does not have makes no pair ("says" as a noun plural does not exist).
    assert wordnet_pairs({("n", "1"): ["state", "say"]}, inflector, usable) == set()


def test_the_builder_links_inflected_entries_to_their_commoner_originals():
    unigrams = {w: (lp, 0.0) for w, lp in VOCAB.items()}
    wordnet = ({("say", "v"): ["1"], ("state", "v"): ["1"], ("tell", "v"): ["1"]},
               {("v", "1"): ["say", "state", "tell"]}, {})
    found = candidates({}, wordnet, unigrams, {})
    # WordNet's synset in every inflection, the irregular "said" and "told" too; commoner first.
    assert found["stated"] == ["said", "told"] and found["states"] == ["says"]  # "tells" is rarer
    assert "said" not in found  # a candidate is commoner than its entry


def test_moby_adds_its_links_to_an_inflected_pair_only_where_wordnet_agrees():
    unigrams = {w: (lp, 0.0) for w, lp in VOCAB.items()}
    wordnet = ({("say", "v"): ["1"], ("state", "v"): ["1"], ("tell", "v"): ["1"]},
               {("v", "1"): ["say", "state", "tell"]}, {})
    # Moby lists state ~ tell both ways: "told" gains Moby's two links over "said" (WordNet's one).
    moby = {"state": ["tell"], "tell": ["state"], "receive": ["win"], "win": ["receive"]}
    found = candidates(moby, wordnet, unigrams, {})
    assert found["stated"] == ["told", "said"]
    # receive ~ win is Moby's alone: its lemmas are linked, not their inflections ("won" for "received").
    assert found["receive"] == ["win"] and "received" not in found
