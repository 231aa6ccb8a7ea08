"""unlikely-collocation-hint: a word pair that may be a synonym swap, below the confidence of a warning.

The less confident findings of `unlikely-collocation` (see `newslint rules --explain
unlikely-collocation`): a pair rarer than a synonym pair, with a confidence from `min-confidence`
up to (not including) `max-confidence`. Keep `max-confidence` equal to the `min-confidence` of
`unlikely-collocation` so that no pair is reported twice or missed. Suggestions: many are plain
English that the frequency table knows too little about (about 30 per 100 clean news articles),
so the rule is off by default: `--select unlikely-collocation-hint` or `rules:
{unlikely-collocation-hint: enable}` switches it on.
"""
from __future__ import annotations

from typing import Iterator

from ..swaps import hits

ID = "unlikely-collocation-hint"
CATEGORY = "paraphrase"
SEVERITY = "suggestion"
ENABLED = False
STAGE = "summary"
OPTIONS = {"min-confidence": (int, float), "max-confidence": (int, float)}
DEFAULTS = {"min-confidence": 0.8, "max-confidence": 0.94}
EXAMPLES = {
    "fail": ["Hamas agreed to a gradual quite than immediate withdrawal."],
    "pass": ["Hamas agreed to a gradual rather than immediate withdrawal."],
}


def check(document, options, findings) -> Iterator:
    return hits(document, findings, options["min-confidence"], options["max-confidence"])
