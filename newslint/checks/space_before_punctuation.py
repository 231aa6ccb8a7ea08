"""space-before-punctuation: a space before a comma, full stop or closing quote ("uses. ”", "said , he").

English sets no space before , . ; : ? ! or a closing quotation mark; a space there is the
mark of text stitched back together by a rewriter or an extractor. Spaced ellipses, a dash
or number after the space (" .5", " .com"), and a straight quote (which may open a quotation)
are left alone. Only a curly closing quote that ends a word run is checked.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Hit

ID = "space-before-punctuation"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["“They are not words he typically uses. ” he said.", "The plan , he said, was ready."],
    "pass": ["“It is ready,” he said.", "He paused . . . then spoke.", "Visit example .com today",
             "Tickets cost £5 . . . or less.", "He said: “No.” Then he left."],
}

# Spaces, then a mark that should touch the word before, then a break; the word is checked after.
_SPACED = re.compile(r"([^\S\n]+)([,;:?!]|\.(?![.\w])|”)(?=[\s\"“”’)]|$)")


def check(document, options) -> Iterator[Hit]:
    text = document.text
    for m in _SPACED.finditer(text):
        mark, before = m.group(2), text[m.start() - 1:m.start()]
        if not before or not (before.isalnum() or before in "_.,!?%)"):
            continue
        if mark != "”" and text[m.start() - 1] in ".,;:!?":
            continue  # ". ." and ". ," are stray-punctuation's
        if mark == "." and text[m.end():m.end() + 2].lstrip().startswith("."):
            continue  # spaced ellipsis ". . ."
        start = m.start() - 1
        yield Hit(start, m.end(), f"space before '{mark}': '{text[start:m.end()]}'", (text[start] + mark,))
