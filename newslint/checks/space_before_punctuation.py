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

# The mark itself, then a break; the spaces and the word before it are read in check().
_MARK = re.compile(r"(?:[,;:?!”]|\.(?![.\w]))(?=[\s\"“”’)]|$)")


def check(document, options) -> Iterator[Hit]:
    text = document.text
    for m in _MARK.finditer(text):
        window = text[max(0, m.start() - 8):m.start()]
        gap = len(window) - len(window.rstrip(" \t\u00a0"))
        if not gap or gap == len(window):
            continue
        mark, before = m.group(), text[m.start() - gap - 1]
        if not (before.isalnum() or before in "_.,!?%)"):
            continue
        if mark != "”" and before in ".,;:!?":
            continue  # ". ." and ". ," are stray-punctuation's
        if mark == "." and text[m.end():m.end() + 2].lstrip().startswith("."):
            continue  # spaced ellipsis ". . ."
        start = m.start() - gap - 1
        yield Hit(start, m.end(), f"space before '{mark}': '{text[start:m.end()]}'", (before + mark,))
