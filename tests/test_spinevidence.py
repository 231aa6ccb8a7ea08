"""The article-level spin evidence (newslint/spinevidence.py): the verdict's posterior and the prior it lends."""
from newslint.checks.machine_paraphrased import EXAMPLES
from newslint.document import Document
from newslint.spinevidence import article, candidate_traces, shift
from newslint.swaps import fitted

SPUN, CLEAN = Document(EXAMPLES["fail"][0], "a.txt"), Document(EXAMPLES["pass"][0], "b.txt")


def test_a_spun_article_reads_as_spun_and_its_original_does_not():
    (spun, p_spun), (clean, p_clean) = article(SPUN, ()), article(CLEAN, ())
    assert spun["swaps"] > clean["swaps"] and spun["article_slips"] > clean["article_slips"] == 0
    assert p_spun >= fitted()["verdict"]["threshold"] > 0.5 > p_clean


def test_the_prior_moves_suspects_up_in_spun_copy_down_in_clean_copy_and_not_at_all_in_short_text():
    assert shift(SPUN, ()) > 0 > shift(CLEAN, ())
    assert shift(Document("Sales of unsettled phones rose sharply last year.", "c.txt"), ()) == 0.0


def test_the_left_out_population_traces_are_figures_per_article():
    spun, clean = candidate_traces(SPUN.text, SPUN.word_count), candidate_traces(CLEAN.text, CLEAN.word_count)
    assert set(spun) == set(clean) == {"suspect_llr", "rare_entries", "rare_share", "mean_unigram", "phrase_entries"}
    # The spinner's words are rarer than the writer's.
    assert spun["mean_unigram"] < clean["mean_unigram"] < 0
