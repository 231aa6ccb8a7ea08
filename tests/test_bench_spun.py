"""bench/spun.py's spinners: the consistent spinner swaps every occurrence of a word the same way."""
import random
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import spun  # noqa: E402

# A stand-in for the thesauri's interface only (Thesauri reads Moby's sdist and WordNet, not in a fresh clone).
TH = SimpleNamespace(moby={"shooting": ["taking pictures", "firing", "gunfire"]}, spared={"the"},
                     wordnet_synonyms=lambda word: {"shooting": ("shot", "filming", "darting")}.get(word, ()),
                     reporting=False, reporting_verbs={})
TEXT = "The shooting began. Police said the shooting was one shooting too many, and more shooting followed. " * 4


def _swapped(text: str, spinner: str, consistent: bool, seed: int) -> list[tuple[str, str]]:
    spun_text, swaps = spun.spin_swaps(text, spinner, 0.5, random.Random(seed), TH, True, consistent)
    words = spun_text.split()
    return [(original, " ".join(words[i:i + n])) for i, n, original in swaps]


def test_consistent_spinner_swaps_every_occurrence_alike():
    for spinner in spun.SPINNERS:
        for seed in range(5):
            swaps = _swapped(TEXT, spinner, True, seed)
            shooting = [put for original, put in swaps if original.lower() == "shooting"]
            # All 16 occurrences swapped, or none; and one synonym for all.
            assert len(shooting) in (0, 16) and len(set(shooting)) <= 1, (spinner, seed, swaps)
    assert any(_swapped(TEXT, "wordnet", True, seed) for seed in range(5))


def test_independent_spinner_decides_each_occurrence():
    swaps = [put for seed in range(5) for original, put in _swapped(TEXT, "moby", False, seed)]
    assert 0 < len(swaps) < 5 * 16 and len(set(swaps)) > 1


def test_consistent_spinner_keeps_the_rate_per_word():
    # Over many articles (seeds) a word is swapped in about `rate` of them.
    swapped = sum(bool(_swapped("The shooting began.", "wordnet", True, seed)) for seed in range(400))
    assert 140 < swapped < 260



def test_inflecting_spinner_swaps_inflected_words_only_keeping_their_inflection():
    # A stand-in for Thesauri.inflected_synonyms (lemminflect over Moby and WordNet, in the bench itself).
    inflected = {"said": ("stated", "mentioned"), "won": ("received",)}
    th = SimpleNamespace(moby=TH.moby, spared={"the"}, wordnet_synonyms=TH.wordnet_synonyms,
                         inflected_synonyms=lambda word: inflected.get(word, ()), reporting=False, reporting_verbs={})
    text = "Police said the team won the shooting contest. " * 20
    put = set()
    for seed in range(3):
        spun_text, swaps = spun.spin_swaps(text, "inflect", 0.5, random.Random(seed), th)
        words = spun_text.split()
        put.update((original, words[i]) for i, _, original in swaps)
    # Every swap is an inflected word's, in its inflection; "shooting" (no inflected synonyms here) stays.
    assert put and put <= {("said", "stated"), ("said", "mentioned"), ("won", "received")}


def test_the_left_out_population_traces_are_figures_per_article():
    from newslint.checks.machine_paraphrased import EXAMPLES
    from newslint.document import Document

    spun_doc, clean_doc = Document(EXAMPLES["fail"][0], "a.txt"), Document(EXAMPLES["pass"][0], "b.txt")
    spun_traces = spun.candidate_traces(spun_doc.text, spun_doc.word_count)
    clean_traces = spun.candidate_traces(clean_doc.text, clean_doc.word_count)
    assert set(spun_traces) == set(clean_traces) == {
        "suspect_llr", "rare_entries", "rare_share", "mean_unigram", "phrase_entries"}
    # The spinner's words are rarer than the writer's.
    assert spun_traces["mean_unigram"] < clean_traces["mean_unigram"] < 0


def _reporting_thesauri(reporting: bool):
    # A stand-in for Thesauri.reporting_synonyms: per source, the reporting sense's synonyms in the inflection.
    table = {("said", "wordnet"): ("stated",), ("said", "moby"): ("mentioned",), ("said", "both"): ("stated", "mentioned"),
             ("told", "wordnet"): ("informed",), ("told", "moby"): ("informed",), ("told", "both"): ("informed",)}
    return SimpleNamespace(moby=TH.moby, spared={"the", "said", "told"}, wordnet_synonyms=TH.wordnet_synonyms,
                           inflected_synonyms=lambda word: (), reporting=reporting,
                           reporting_verbs={"said": (("say", "VBD"),), "told": (("tell", "VBD"),)},
                           reporting_synonyms=lambda word, source: table.get((word, source), ()))


def test_spinners_swap_spared_reporting_verbs_for_their_reporting_synonyms():
    text = "Police said the shooting was over and told the crowd to leave. " * 20
    for spinner, allowed in (("wordnet", {"stated", "informed"}), ("moby", {"mentioned", "informed"}),
                             ("inflect", {"stated", "mentioned", "informed"})):
        th = _reporting_thesauri(True)
        spun_text, swapped, _, reporting = spun.spin(text, spinner, 0.3, random.Random(1), th)
        words = spun_text.split()
        put = {words[i] for i in reporting}
        # "said" and "told" are spared words, yet swapped at about the rate, each for its own source's synonym.
        assert put and put <= allowed, (spinner, put)
        assert 0.1 < len(reporting) / 40 < 0.5 and reporting <= swapped


def test_no_reporting_keeps_the_spared_reporting_verbs():
    text = "Police said the shooting was over and told the crowd to leave. " * 20
    spun_text, swapped, _, reporting = spun.spin(text, "wordnet", 0.3, random.Random(1), _reporting_thesauri(False))
    assert "said" in spun_text and "stated" not in spun_text and "informed" not in spun_text and not reporting


def test_name_plantings_swap_both_words_of_a_two_word_name_inside_a_sentence(tmp_path):
    th = SimpleNamespace(moby={}, spared=set(), reporting=False, reporting_verbs={},
                         wordnet_synonyms=lambda word: {"white": ("whitened",), "house": ("household",),
                                                        "court": ("courtroom",)}.get(word, ()))
    path = tmp_path / "a.txt"
    path.write_text("White House staff said the White House and the High Court would meet, and a White Paper.\n",
                    encoding="utf-8")
    planted = [(line[start:end], put, original) for line, start, end, put, original
               in spun.name_plantings([path], th, "wordnet")]
    # Not the sentence's first words (no name there), nor a pair with one word the thesaurus lacks.
    assert planted == [("White House", "Whitened Household", "White House")]


def _gated(text: str) -> dict[str, str]:
    """gate_cause() of every lower-case entry word the gate skips in the text, by word."""
    from newslint import swaps
    from newslint.spinmodel import model

    lm = model()
    ctx = swaps._Context(text, lm)
    kept = {k for k, n, _ in swaps._spans(lm, ctx)}
    return {ctx.low[k]: spun.gate_cause(lm, ctx, k) for k in range(1, len(ctx.low) - 1)
            if ctx.entry[k] and ctx.lower[k] and k not in kept}


def test_gate_causes_tell_anti_associated_listed_bigrams_from_the_filters_collisions():
    from newslint.spinmodel import model

    lm = model()
    # "the again" and "again of" are both in the table, far below chance: skipped as if they fitted.
    causes = _gated("He was shot from the again of the pinnacle of the building, a police spokesman said.")
    assert causes["again"] == "listed, PMI < -1"
    assert causes["pinnacle"] == "listed, PMI >= 0"
    # "now volume" is no bigram of the table, but the filter's structured hash lets it through.
    ids = lm.ids
    assert lm.maybe_listed([ids["now"]], [ids["volume"]]) == [1] and not lm.listed(ids["now"], ids["volume"])
    assert _gated("Trading is now volume the analysts said.")["volume"] == "filter false positive"
    # Fluent copy: skipped because it fits.
    assert set(_gated("Sales rose sharply in the third quarter.").values()) == {"listed, PMI >= 0"}
