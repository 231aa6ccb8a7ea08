"""unlikely-collocation: a word or phrase that reads as a thesaurus swap of a commoner one ("unsettled phones").

A spinner swaps words for synonyms, often of the wrong sense, and the sentence gets less likely:
"unsettled phones" for *mobile phones*, "beside the mark" for *off*. For every word or phrase of up to
three words that the Moby thesaurus or WordNet lists as a synonym of a commoner one, the rule
puts each commoner one back and asks a language model (CMU Sphinx's US English model: its
bigrams, shipped pruned, and its trigrams inside each phrase; made by tools/build_spin_model.py
and tools/build_spin_phrases.py) how much likelier the words around it become. A confidence from 0 to 1, fitted on articles spun by three spinners
(bench/spun.py), weighs that margin against how well the word fits its neighbours; the finding
names the likely original and the confidence.

Confident hits (confidence at least `warn-confidence`) are warnings, at the rule's severity;
hits from `min-confidence` up to that are one level lower (suggestions); both defaults are in
rules/data/spin.yaml. The confidence also weighs the whole article (newslint/spinevidence.py): in an
article that reads as spun (the `machine-paraphrased` score is high) a suspect is likelier a swap,
in one that does not it is likelier a rare but right word, so the article's log-odds, times the
fitted `weight` of spin.yaml's `prior`, are added to the span's in texts of 100 words or more
(`article-prior: false` turns that off). A capitalised word is read in lower case, as a spinner looked
it up: a sentence's first word always ("Moreover" for *also*); a word inside a sentence (a name or a
title, "Invoice Nye") only when the model lists its likely original beside a neighbour ("bill nye"); a
word the text capitalises inside other sentences too (a name, or a swap a spinner repeated at every
occurrence) only when its span alone is a sure swap and half its occurrences read as swaps. The fix
keeps the word's case. Punctuation,
digits and unknown words break the context, and a span that another paraphrase rule has already
flagged (the lexicon's "fulfill with") is left to it: the rule runs after the text rules and sees
their findings. Quoted speech is the speaker's wording, which an editor does not change, and a
rare word in it is often the speaker's own ("then and there"): it is left alone unless
`in-quotes` is true (the verdict still weighs it). One odd word proves little; the
`machine-paraphrased` rule weighs them over the
whole article.
"""
from __future__ import annotations

from typing import Iterator

from ..spinevidence import shift
from ..swaps import fitted, hits

ID = "unlikely-collocation"
CATEGORY = "paraphrase"
SEVERITY = "warning"
STAGE = "summary"
# A statistical guess at the original wording: shown as a replacement, never applied by --fix.
FIXABLE = False
OPTIONS = {"min-confidence": (int, float), "warn-confidence": (int, float), "in-quotes": bool, "article-prior": bool}
DEFAULTS = {**fitted()["phrases"], "in-quotes": False, "article-prior": True}
EXAMPLES = {
    "fail": ["The firm said extrinsic investment would double.", "The bank will pay beside the mark its debts."],
    "pass": ["The firm said foreign investment would double.", "The bank will pay off its debts.",
             "The talks went quite well."],
}


def check(document, options, findings) -> Iterator:
    prior = shift(document, findings) if options["article-prior"] else 0.0
    return hits(document, findings, options["min-confidence"], options["warn-confidence"], options["in-quotes"], prior)
