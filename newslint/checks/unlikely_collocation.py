"""unlikely-collocation: a word pair English rarely uses beside a synonym pair it uses all the time ("fulfill with").

A spinner swaps words for synonyms of the wrong sense, and each swap leaves a pair that is rare
against what its words predict, while putting a synonym back gives a common pair: "quite than"
for *rather than*, "fulfill with" for *meet with*. The rule looks up every pair of adjacent
lower-case words in a table of Google Books word and pair frequencies with WordNet synonyms
(shipped in the package, made by tools/build_collocations.py) and scores how likely the pair is
a swap: a confidence from 0 to 1, fitted on articles spun by a synonym swapper (bench/spun.py).
The finding names the likely original and the confidence. Only pairs the frequency list does not
hold are judged (it holds the 243,000 commonest), and the commonest words (10^8 occurrences or
more) are never taken for the spinner's choice.

Confident hits (confidence at least `warn-confidence`, 0.98) are warnings, at the rule's
severity; hits from `min-confidence` (0.83) up to that are one level lower (suggestions). Names and
sentence starts (capitalised words) are never judged, and a pair that another paraphrase rule
has already flagged (the lexicon's "fulfill with") is left to it: the rule runs after the text
rules and sees their findings. One odd pair proves little; the
`machine-paraphrased` rule weighs them over the whole article.
"""
from __future__ import annotations

from typing import Iterator

from ..swaps import hits

ID = "unlikely-collocation"
CATEGORY = "paraphrase"
SEVERITY = "warning"
STAGE = "summary"
# A statistical guess at the original wording: shown as a replacement, never applied by --fix.
FIXABLE = False
OPTIONS = {"min-confidence": (int, float), "warn-confidence": (int, float)}
DEFAULTS = {"min-confidence": 0.83, "warn-confidence": 0.98}
EXAMPLES = {
    "fail": ["Hundreds of families were forced to bequeath their homes."],
    "pass": ["Hundreds of families were forced to leave their homes.", "The talks went quite well."],
}


def check(document, options, findings) -> Iterator:
    return hits(document, findings, options["min-confidence"], 2.0, options["warn-confidence"])
