"""machine-paraphrased: the whole article reads as the output of a synonym-swapping spinner.

One odd word pair proves little; dozens in one article are a signature. The rule weighs the
traces a spinner leaves over the article, each per 1,000 words: the expected number of synonym
swaps (the confidences of every `unlikely-collocation` suspect added up), the sure swaps (the
suspects of confidence 0.9 or more, plus every finding of the paraphrase lexicon rules such as
`spun-phrases`), words chosen far rarer than an everyday
synonym ("bedchamber"), and "a" before a vowel ("a everlasting", where the spinner swapped a
word that began with a consonant). A logistic model fitted on articles spun by a synonym swapper
(bench/spun.py) turns them into a probability, the `score` of the JSON report's `documents`
entry; the `verdict` is true when the score reaches `threshold`, and the rule then reports one
warning on line 1. Articles shorter than `min-words` get no verdict.

The entry also carries `paraphrase_per_1000_words`, the paraphrase findings of the other rules
per 1,000 words; when `findings-per-1000` is above 0, an article with at least that many also
gets the verdict.
"""
from __future__ import annotations

import math
import re
from typing import Iterator

from ..collocations import rare_choices, scan, unlisted_share

ID = "machine-paraphrased"
CATEGORY = "paraphrase"
SEVERITY = "warning"
STAGE = "summary"
OPTIONS = {"threshold": (int, float), "min-words": int, "findings-per-1000": (int, float)}
DEFAULTS = {"threshold": 0.9, "min-words": 100, "findings-per-1000": 0}
EXAMPLES = {
    "fail": ["The minister is scheduled to fulfill with union leaders on Monday to debate the necessity for a "
             "everlasting settlement. Officials said the two sides would fulfill with mediators in the approaching "
             "days, and a delegation is anticipated to fulfill with the mayor quite than the governor. The union "
             "said it would take motion if the talks failed, and that a short lived deal was not sufficient. Its "
             "leader said the members wanted a everlasting answer quite than promises. A spokesman said the "
             "government would fulfill with the union again next week to discuss a variety of issues, including "
             "pay and pensions, and would attempt to reach a deal before the strike."],
    "pass": ["The minister is scheduled to meet with union leaders on Monday to discuss the need for a permanent "
             "settlement. Officials said the two sides would meet with mediators in the coming days, and a "
             "delegation is expected to meet with the mayor rather than the governor. The union said it would "
             "take action if the talks failed, and that a temporary deal was not enough. Its leader said the "
             "members wanted a permanent answer rather than promises. A spokesman said the government would meet "
             "with the union again next week to discuss a number of issues, including pay and pensions, and would "
             "try to reach a deal before the strike."],
}

# Logistic weights over (1, *FEATURES), each per 1,000 words; fitted by
# bench/spun.py on the development half of the spun set.
WEIGHTS = (-4.41, 0.24, 0.495, 0.003, 0.819, 0.042)
FEATURES = ("swaps", "sure_swaps", "rare_choices", "article_slips", "unlisted_pairs")
# A suspect this confident counts as a sure swap, as does every finding of the lexicon rules.
SURE = 0.9
OWN_RULES = {ID, "unlikely-collocation", "unlikely-collocation-hint"}
# "a" before a vowel, but not before a vowel that sounds like a consonant ("a one-off", "a union").
_A_BEFORE_VOWEL = re.compile(r"(?<![\w'’-])a (?!one|once|uni|use|usu|eu|ewe|ubi|uti|ure)[aeiou][a-z]")


def traces(document, findings) -> dict[str, float]:
    """The spinner's traces in the article, each per 1,000 words."""
    per = 1000 / max(document.word_count, 1)
    return {
        "swaps": round(sum(s.confidence for s in scan(document.text)) * per, 2),
        "sure_swaps": round(likely_swaps(document, findings) * per, 2),
        "rare_choices": round(rare_choices(document.text) * per, 2),
        "article_slips": round(len(_A_BEFORE_VOWEL.findall(document.text)) * per, 2),
        "unlisted_pairs": round(100 * unlisted_share(document.text), 2),
    }


def likely_swaps(document, findings) -> int:
    """The lexicon rules' findings plus the suspects of confidence SURE or more."""
    lexicon = sum(1 for f in findings if f.category == "paraphrase" and f.rule not in OWN_RULES)
    return lexicon + sum(1 for s in scan(document.text) if s.confidence >= SURE)


def score(values: dict[str, float]) -> float:
    z = WEIGHTS[0] + sum(w * values[k] for w, k in zip(WEIGHTS[1:], FEATURES))
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def measure(document, options, findings) -> dict:
    values = traces(document, findings)
    probability = round(score(values), 3)
    garbled = [f for f in findings if f.category == "paraphrase" and f.rule != ID]
    per_1000 = round(len(garbled) * 1000 / max(document.word_count, 1), 2)
    long_enough = document.word_count >= options["min-words"]
    by_count = 0 < options["findings-per-1000"] <= per_1000
    return {"score": probability, "verdict": long_enough and (probability >= options["threshold"] or by_count),
            "paraphrase_per_1000_words": per_1000, "likely_swaps": likely_swaps(document, findings),
            "traces": values}


def check(document, options, findings) -> Iterator:
    from ..model import Hit

    figures = measure(document, options, findings)
    if figures["verdict"]:
        first_line_end = document.text.find("\n")
        end = first_line_end if first_line_end > 0 else len(document.text)
        yield Hit(0, end, f"reads as machine-paraphrased: {figures['likely_swaps']} likely synonym swaps in "
                          f"{document.word_count} words (score {figures['score']:.2f})")
