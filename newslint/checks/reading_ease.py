"""reading-ease: an article whose Flesch reading ease is below min-ease (default 30, "very difficult").

Reading ease is 206.835 - 1.015 x words per sentence - 84.6 x syllables per word: 60-70 is
plain English, 30-50 is hard, below 30 reads like an academic paper. BBC News articles median
54; 2 in 1,313 fall below 30. Counting is as for reading-grade (newslint's words and
sentences, textstat's syllables with the CMU dictionary, loaded only when the rule is on);
articles shorter than min-words are skipped. The figure goes into the JSON report's
"documents" entry as "reading_ease". Off by default.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Hit
from ..readability import HARD_EXAMPLE, PLAIN_EXAMPLE, article_span, scores

ID = "reading-ease"
CATEGORY = "readability"
SEVERITY = "suggestion"
ENABLED = False
OPTIONS = {"min-ease": (int, float), "min-words": int}
DEFAULTS = {"min-ease": 30, "min-words": 100}
EXAMPLES = {"fail": [HARD_EXAMPLE], "pass": [PLAIN_EXAMPLE]}


def measure(document, options) -> dict[str, Any]:
    return {"reading_ease": scores(document).ease}


def check(document, options) -> Iterator[Hit]:
    figures = scores(document)
    if figures.words >= options["min-words"] and figures.ease < options["min-ease"]:
        start, end = article_span(document)
        yield Hit(start, end, f"reading ease {figures.ease:g} (Flesch) is below {options['min-ease']:g}: "
                              f"{figures.syllables_per_word:.2f} syllables a word, prefer short words and sentences")
