"""How much a whole article reads as spun: the verdict's evidence, its posterior, and the prior it lends to word findings.

One odd word proves little; many in one article are a signature. The evidence is what the
reverse-synonym test (swaps.analyse(), cached, so nothing is scanned twice) found in the article:
per 1,000 words, the expected number of swaps (the suspects' confidences added up), the sure swaps
(suspects of confidence `sure` or more, plus every finding of the paraphrase lexicon rules), the
likelihood margins added up (capped) and "a" before a vowel ("a everlasting", where the spinner
swapped a word that began with a consonant); and a likelihood-ratio test over the spans the test
judged. A spinner swaps a share of the eligible words, so of the judged spans of a spun article
some share rho are swaps, of a clean one none. Each judged span's likelihood ratio (swap against
clean) comes from a table fitted on the development sets: by the suspect's confidence bin, a lower
one for a judged span that became no suspect at all (a lexicon finding counts once, as a sure swap). The test
is the log of prod(1 - rho + rho * ratio), maximised over rho in [0, max-share]; the verdict weighs
it per judged span (the `evidence` trace), since the number of words the scan can judge at all
varies from article to article. A logistic model over the five, fitted on articles spun by three
spinners and on clean news (`bench/spun.py --part dev --fit articles`), gives the article's
posterior that it was spun: the verdict's score (machine-paraphrased).

The posterior is also a prior for each word-level suspect (unlikely-collocation): a span is likelier
a swap in an article that reads as spun, and likelier a rare but right word in one that does not.
The suspect's log-odds move by `weight` times the article's log-odds over `center` (shift()), in texts
of `min-words` or more.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .swaps import analyse, fitted

FEATURES = ("swaps", "sure_swaps", "margins", "article_slips", "evidence")
# A margin counts up to this much (log10): one absurd swap should not carry a verdict alone.
MARGIN_CAP = 4.0
# The spin rules themselves: their findings are the evidence's outcome, not its input.
OWN_RULES = frozenset({"machine-paraphrased", "unlikely-collocation"})
# "a" before a vowel, but not before a vowel that sounds like a consonant ("a one-off", "a union").
# A literal start keeps the search fast; "a" opening a line or sentence is left out.
_A_BEFORE_VOWEL = re.compile(r" a (?!one|once|uni|use|usu|eu|ewe|ubi|uti|ure)[aeiou][a-z]")


def lexicon_count(findings) -> int:
    """Paraphrase findings of the lexicon rules (spun-phrases and the like): the surest swaps."""
    return sum(1 for f in findings if f.category == "paraphrase" and f.rule not in OWN_RULES)


@lru_cache(maxsize=8)
def traces(text: str, words: int, lexicon: int) -> dict[str, float]:
    """The verdict's evidence for a text of `words` words with `lexicon` lexicon findings."""
    analysis = analyse(text)
    return trace_values([(s.confidence, s.margin) for s in analysis.suspects], lexicon, analysis.scored,
                        len(_A_BEFORE_VOWEL.findall(text)), words, fitted()["verdict"])


def trace_values(suspects, lexicon: int, judged: int, slips: int, words: int, verdict: dict) -> dict[str, float]:
    """The traces from counts (bench/spun.py refits from them): suspects as (confidence, margin) pairs; four
    sums per 1,000 words, the likelihood-ratio test per judged span (evidence, nats), the share of swaps
    it estimates and the judged spans."""
    per = 1000 / max(words, 1)
    # The lexicon's findings count once, as sure swaps: the test reads what the language model judged.
    share, value = evidence([c for c, _ in suspects], 0, judged, verdict)
    return {
        "swaps": round(sum(c for c, _ in suspects) * per, 2),
        "sure_swaps": round((lexicon + sum(1 for c, _ in suspects if c >= verdict["sure"])) * per, 2),
        "margins": round(sum(min(m, MARGIN_CAP) for _, m in suspects) * per, 2),
        "article_slips": round(slips * per, 2),
        # Per judged span: the test's sum grows with the length even in clean copy whose suspect rate sits a
        # little above the fitted one (PolNeAR's long US pieces against BBC's), so its rate is what is weighed;
        # over at least `min-judged` spans, since the rate of a handful is noise.
        "evidence": round(value / max(judged, verdict["min-judged"]), 4),
        "swap_share": round(share, 4), "judged": judged,
    }


def evidence(confidences, lexicon: int, judged: int, verdict: dict) -> tuple[float, float]:
    """(rho, log-likelihood ratio) of the test: the suspects' ratios by confidence bin, `lexicon` more at the top
    bin's (the verdict passes none: trace_values()), and the judged spans that are no suspect at the quiet
    ratio; rho maximises it in [0, max-share]."""
    table = verdict["ratios"]
    bins = table["suspect"]
    ratios = [math.exp(bins[min(int(c * len(bins)), len(bins) - 1)]) for c in confidences]
    ratios += [math.exp(bins[-1])] * lexicon
    return _maximised(ratios, max(judged - len(confidences), 0), math.exp(table["quiet"]), verdict["max-share"])


def _maximised(ratios: list[float], quiet: int, quiet_ratio: float, top: float) -> tuple[float, float]:
    """The maximum over rho in [0, top] of sum log(1 - rho + rho * r), with `quiet` more terms of quiet_ratio.
    The sum is concave in rho, so its slope, falling, is bisected for zero."""
    def slope(rho: float) -> float:
        return sum((r - 1) / (1 + rho * (r - 1)) for r in ratios) + quiet * (quiet_ratio - 1) / (1 + rho * (quiet_ratio - 1))

    if slope(0.0) <= 0:
        return 0.0, 0.0
    low, high = 0.0, top
    if slope(top) >= 0:
        low = top
    for _ in range(40 if low < top else 0):
        middle = (low + high) / 2
        low, high = (middle, high) if slope(middle) > 0 else (low, middle)
    rho = (low + high) / 2
    return rho, sum(math.log(1 + rho * (r - 1)) for r in ratios) + quiet * math.log(1 + rho * (quiet_ratio - 1))


def posterior(values: dict[str, float]) -> float:
    """The calibrated probability that the article was spun, from its traces."""
    weights = fitted()["verdict"]["weights"]
    z = weights["intercept"] + sum(weights[k] * values[k] for k in FEATURES)
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def article(document, findings) -> tuple[dict[str, float], float]:
    """(traces, posterior) of a document given the findings of the rules that ran before."""
    values = traces(document.text, document.word_count, lexicon_count(findings))
    return values, posterior(values)


def shift(document, findings) -> float:
    """The log-odds a word-level suspect gains (or loses) in this article: none in a text too short for
    its rates per 1,000 words to mean anything (the verdict's own minimum)."""
    prior = fitted()["prior"]
    if document.word_count < prior["min-words"]:
        return 0.0
    return prior["weight"] * (_logit(article(document, findings)[1]) - _logit(prior["center"]))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


