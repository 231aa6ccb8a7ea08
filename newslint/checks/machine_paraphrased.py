"""machine-paraphrased: the whole article reads as the output of a synonym-swapping spinner.

One odd word proves little; dozens in one article are a signature. The rule weighs the evidence
of the language-model spin test (newslint/swaps.py) over the article (newslint/spinevidence.py),
each per 1,000 words: the expected number of swaps (the confidences of every suspect added up),
the sure swaps (suspects of confidence `sure` or more, plus every finding of the paraphrase
lexicon rules such as `spun-phrases`), the likelihood margins added up (how much likelier the
sentences become with the likely originals put back), and "a" before a vowel ("a everlasting",
where the spinner swapped a word that began with a consonant); and, per judged span, a
likelihood-ratio test over every span the test judged: how much likelier the article's suspects
(by confidence) and its quiet spans are if a share of them are swaps than if none are. A logistic
model fitted on the development half of articles spun by three spinners and on clean news
(bench/spun.py) turns them into a probability, the `score` of the JSON report's `documents` entry; the weights and the default
thresholds are in rules/data/spin.yaml. The `verdict` is true when the score reaches `threshold`,
and the rule then reports one warning on line 1 that names the likeliest swaps with their likely
originals. Articles shorter than `min-words`, or with fewer than `min-flagged-swaps` likely swaps
(lexicon findings plus the suspects of confidence `flagged` or more), get no verdict: a verdict
should point at something the editor can see. The same score is the article's prior for the
word-level findings of `unlikely-collocation`.

The entry also carries `paraphrase_per_1000_words`, the paraphrase findings of the other rules
per 1,000 words; when `findings-per-1000` is above 0, an article with at least that many also
gets the verdict.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..spinevidence import OWN_RULES, lexicon_count, posterior, traces
from ..swaps import analyse, fitted
from .common import counted

ID = "machine-paraphrased"
CATEGORY = "paraphrase"
SEVERITY = "warning"
STAGE = "summary"
OPTIONS = {"threshold": (int, float), "min-words": int, "min-flagged-swaps": int, "findings-per-1000": (int, float)}
DEFAULTS = {"threshold": fitted()["verdict"]["threshold"], "min-words": 100, "min-flagged-swaps": 1,
            "findings-per-1000": 0}
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

# How many of the likeliest swaps the verdict names.
NAMED = 3


@lru_cache(maxsize=1)  # one Document: more would keep their cached views alive (30x the text each)
def figures(document, lexicon: int, garbled: int) -> dict:
    """Score, traces and counts of an article with `lexicon` lexicon findings and `garbled` paraphrase
    findings in all (cached, by document identity: check and measure both ask)."""
    analysis, verdict = analyse(document.text), fitted()["verdict"]
    words = document.word_count
    values = traces(document.text, words, lexicon)
    likely = lexicon + sum(1 for s in analysis.suspects if s.confidence >= verdict["sure"])
    flagged = lexicon + sum(1 for s in analysis.suspects if s.confidence >= verdict["flagged"])
    likeliest = sorted((s for s in analysis.suspects if s.confidence >= verdict["flagged"]),
                       key=lambda s: -s.confidence)
    examples = list(dict.fromkeys(f"'{s.text}' for '{s.fix}'" for s in likeliest))[:NAMED]
    return {"score": round(posterior(values), 3), "paraphrase_per_1000_words": round(garbled * 1000 / max(words, 1), 2),
            "likely_swaps": likely, "flagged_swaps": flagged, "traces": values, "words": words,
            "examples": examples}


def measure(document, options, findings) -> dict:
    lexicon = lexicon_count(findings)
    garbled = sum(1 for f in findings if f.category == "paraphrase" and f.rule != ID)
    result = dict(figures(document, lexicon, garbled))
    # The lexicon's findings are the surest swaps to name; the statistical suspects fill up.
    named = [_named(document, f) for f in sorted(findings) if f.category == "paraphrase" and f.rule not in OWN_RULES
             and len(f.replacements) == 1]
    result["examples"] = list(dict.fromkeys(named + result["examples"]))[:NAMED]
    by_count = 0 < options["findings-per-1000"] <= result["paraphrase_per_1000_words"]
    # A high score from diffuse rare wording alone is no proof: name at least a few likely swaps.
    evidence = result["words"] >= options["min-words"] and result["flagged_swaps"] >= options["min-flagged-swaps"]
    result["verdict"] = evidence and (result["score"] >= options["threshold"] or by_count)
    return result


def _named(document, finding) -> str:
    start = document.offset(finding.line, finding.column)
    end = document.offset(finding.end_line, finding.end_column)
    return f"'{document.text[start:end]}' for '{finding.replacements[0]}'"


def check(document, options, findings) -> Iterator:
    from ..model import Hit

    result = measure(document, options, findings)
    if result["verdict"]:
        first_line_end = document.text.find("\n")
        end = first_line_end if first_line_end > 0 else len(document.text)
        examples = f", such as {', '.join(result['examples'])}" if result["examples"] else ""
        phrases = counted(result["flagged_swaps"], "garbled or unlikely phrase")
        yield Hit(0, end, f"reads as machine-paraphrased: {phrases} "
                          f"in {counted(result['words'], 'word')} (score {result['score']:.2f}){examples}")
