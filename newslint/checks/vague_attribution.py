"""vague-attribution: a claim put on nobody in particular ("reportedly", "sources say", "experts say").

"Reportedly killed 20" tells the reader that someone said so, not who. The rule flags vague
attribution phrases: "reportedly", "it is believed / thought / understood", "is said to",
"sources say", "according to reports", "some analysts", "experts say" and the like (bare
"analysts said", the financial desk's word for the market consensus, is not). When the
sentence carries a figure the message names it, since an unsourced toll is what an editor
queries first. Phrases inside quoted speech are the speaker's words and are left alone.

Option `vague-phrases` tunes the built-in list in rules/data/attribution.yaml: entries are added,
and an entry written "-phrase" removes one (e.g. "-it is understood" for a house style that
allows it).
"""
from __future__ import annotations

from typing import Iterator

from ..attribution import claim_figures, vocabulary_for

ID = "vague-attribution"
CATEGORY = "attribution"
SEVERITY = "suggestion"
OPTIONS = {"vague-phrases": list}
DEFAULTS = {"vague-phrases": []}
EXAMPLES = {
    "fail": [
        "In Lebanon, strikes reportedly killed 20, including three children.",
        "Some analysts say the administration has lost its leverage.",
        "The minister is said to be furious.",
    ],
    "pass": [
        "In Lebanon, strikes killed 20, the health ministry said.",
        "Analysts at Barclays say the bank has lost its lead.",
        "“Some analysts say we are finished,” she said.",
    ],
}


def check(document, options) -> Iterator:
    from ..model import Hit

    vocab = vocabulary_for(options)
    text = document.text
    folded = document.folded  # lowercase phrases, matched case-sensitively on lowered text: faster
    found = vocab.vague_folded.finditer(folded) if folded is not None else vocab.vague.finditer(text)
    for m in found:
        if document.in_quote(m.start()):
            continue
        start, end = document.sentence_at(m.start())
        figure = next(claim_figures(text, start, end, vocab), None)
        phrase = " ".join(text[m.start():m.end()].split())
        if figure is not None:
            message = f"'{phrase}' leaves '{figure.text}' without a named source: say who gives the figure"
        else:
            message = f"'{phrase}' is a vague source: name who says so, or why they cannot be named"
        yield Hit(m.start(), m.end(), message)
