"""The article-level spin evidence (newslint/spinevidence.py): the verdict's posterior and the prior it lends."""
from newslint.checks.machine_paraphrased import EXAMPLES
from newslint.document import Document
from newslint.spinevidence import article, evidence, shift
from newslint.swaps import fitted

SPUN, CLEAN = Document(EXAMPLES["fail"][0], "a.txt"), Document(EXAMPLES["pass"][0], "b.txt")


def test_a_spun_article_reads_as_spun_and_its_original_does_not():
    (spun, p_spun), (clean, p_clean) = article(SPUN, ()), article(CLEAN, ())
    assert spun["swaps"] > clean["swaps"] and spun["article_slips"] > clean["article_slips"] == 0
    assert p_spun >= fitted()["verdict"]["threshold"] > 0.5 > p_clean


def test_the_prior_moves_suspects_up_in_spun_copy_down_in_clean_copy_and_not_at_all_in_short_text():
    assert shift(SPUN, ()) > 0 > shift(CLEAN, ())
    assert shift(Document("Sales of unsettled phones rose sharply last year.", "c.txt"), ()) == 0.0


def test_the_likelihood_ratio_test_weighs_spun_copy_above_its_original():
    (spun, _), (clean, _) = article(SPUN, ()), article(CLEAN, ())
    assert spun["evidence"] > clean["evidence"] >= 0
    assert 0 < spun["swap_share"] <= fitted()["verdict"]["max-share"]
    assert spun["judged"] > 0 and clean["judged"] > 0


def test_the_test_needs_more_suspects_among_more_judged_spans():
    verdict = fitted()["verdict"]
    sure = [0.99, 0.95, 0.9]
    assert evidence([], 0, 80, verdict) == (0.0, 0.0)
    # Weak suspects among many quiet spans are no evidence; the same sure ones count for less among more spans.
    assert evidence([0.05, 0.1], 0, 80, verdict)[1] == 0.0
    short, long = evidence(sure, 0, 30, verdict)[1], evidence(sure, 0, 300, verdict)[1]
    assert short > long >= 0
    # A lexicon finding counts as a suspect of the top bin.
    assert evidence(sure, 2, 30, verdict)[1] > short


def test_the_share_of_swaps_is_the_maximum_of_the_likelihood():
    import math

    verdict = fitted()["verdict"]
    confidences, judged = [0.97, 0.8, 0.6, 0.3, 0.1], 60
    rho, value = evidence(confidences, 0, judged, verdict)
    table = verdict["ratios"]
    ratios = [math.exp(table["suspect"][int(c * len(table["suspect"]))]) for c in confidences]
    quiet = math.exp(table["quiet"])

    def loglik(r):
        return sum(math.log(1 + r * (x - 1)) for x in ratios) + (judged - 5) * math.log(1 + r * (quiet - 1))

    grid = [i * verdict["max-share"] / 1000 for i in range(1001)]
    best = max(grid, key=loglik)
    assert abs(rho - best) < 2e-3 and abs(value - loglik(best)) < 1e-4 and value > 0


def test_the_lexicon_counts_once_and_a_handful_of_judged_spans_is_read_as_min_judged():
    from newslint.spinevidence import trace_values

    verdict = fitted()["verdict"]
    # One lexicon finding in a text the model judged nothing of: a sure swap, but no test evidence.
    alone = trace_values([], 1, 0, 0, 206, verdict)
    assert alone["sure_swaps"] > 0 and alone["evidence"] == 0.0
    # The same suspects among 5 judged spans weigh as among min-judged, not six times as much.
    sure = [(0.97, 3.0)]
    few, floor = trace_values(sure, 0, 5, 0, 150, verdict), trace_values(sure, 0, verdict["min-judged"], 0, 150, verdict)
    raw = evidence([0.97], 0, 5, verdict)[1]
    assert few["evidence"] == round(raw / verdict["min-judged"], 4) > floor["evidence"] > 0
