"""long-sentence: a sentence of more than max-words words (default 40), hard to take in at one reading.

Sentences come from newslint's own splitter, which knows news abbreviations ("Mr.", "U.S.",
"Jan.") and decimals, so a long count means a long sentence, or a full stop lost in rewriting
("residence which was" running on into the next sentence). Words are runs of letters and
digits ("U.S." is two, "don't" one). Split the sentence, or move a clause into its own.
Off by default: 30 in 100 BBC News articles have a sentence over 40 words.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Hit
from ..readability import words_in
from .common import counted

ID = "long-sentence"
CATEGORY = "readability"
SEVERITY = "suggestion"
ENABLED = False  # 30 per 100 BBC articles at 40 words: true, but too many for a default
OPTIONS = {"max-words": int}
DEFAULTS = {"max-words": 40}
EXAMPLES = {
    "fail": [("The minister, who had spent most of the week in talks with officials from the three parties "
              "that make up the coalition and with union leaders who had threatened a strike, said on Friday "
              "that the plan would be put to parliament before the summer recess began.")],
    "pass": [("The minister said on Friday that the plan would go to parliament before the summer recess. "
              "Talks with the coalition parties and union leaders took most of the week.")],
}


def check(document, options) -> Iterator[Hit]:
    limit = options["max-words"]
    for start, end in document.sentences:
        count = words_in(document, start, end)
        if count > limit:
            opening = " ".join(document.text[start:end].split()[:4])
            yield Hit(start, end, f"sentence of {counted(count, 'word')} (more than {limit}) starting '{opening} ...': split it")
