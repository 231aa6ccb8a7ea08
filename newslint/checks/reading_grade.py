"""reading-grade: an article whose Flesch-Kincaid grade is above max-grade (default 14).

The grade is 0.39 x words per sentence + 11.8 x syllables per word - 15.59: roughly the US
school year that reads the text with ease. BBC News articles (1,313, 2004-05) have a
median of 10.7, and fewer than 1 in 200 go above 14. Words and sentences are newslint's own
(textstat's sentence rule miscounts news copy); syllables come from textstat with the CMU
pronouncing dictionary, loaded only when this rule is on (most of a second, about 75 MB).
Articles shorter than min-words are skipped: a score of a few sentences means little.
The figure also goes into the JSON report's "documents" entry as "grade". Off by default.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Hit
from ..readability import HARD_EXAMPLE, PLAIN_EXAMPLE, article_span, scores

ID = "reading-grade"
CATEGORY = "readability"
SEVERITY = "suggestion"
ENABLED = False
OPTIONS = {"max-grade": (int, float), "min-words": int}
DEFAULTS = {"max-grade": 14, "min-words": 100}
EXAMPLES = {"fail": [HARD_EXAMPLE], "pass": [PLAIN_EXAMPLE]}


def measure(document, options) -> dict[str, Any]:
    return {"grade": scores(document).grade}


def check(document, options) -> Iterator[Hit]:
    figures = scores(document)
    if figures.words >= options["min-words"] and figures.grade > options["max-grade"]:
        start, end = article_span(document)
        yield Hit(start, end, f"reading grade {figures.grade:g} (Flesch-Kincaid) is above {options['max-grade']:g}: "
                              f"{figures.words_per_sentence:.0f} words a sentence, shorten sentences and words")
