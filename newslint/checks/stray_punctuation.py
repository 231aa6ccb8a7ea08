"""stray-punctuation: a second mark right after a full stop ("residence. .", "discussion. ,"), left by a rewriter.

A full stop followed by a space and another full stop, comma, semicolon or colon is debris from
a sentence that was cut or merged. Ellipses written with spaces (". . .") and dotted
abbreviations ("p.m. .", rare but real at a sentence end) are left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit

ID = "stray-punctuation"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["A drone attacked his private residence. .", "This is a matter of discussion. , the official said."],
    "pass": ["He paused . . . and went on.", "I am showing my age. :-)", "The talks ended. Both sides left.",
             "Wait... what?"],
}

# ". ." or ". ," but not a spaced ellipsis (". . .") nor the dots of one.
# Starts with the full stop so the scan skips ahead; what stands before it is checked in check().
_STRAY = LazyRegex(r"\.([^\S\n]+)([.,;:])(?![^\S\n]*\.)(?![-()DPp])")  # not an emoticon ":-)"
module_patterns(_STRAY)


def check(document, options) -> Iterator[Hit]:
    for m in _STRAY.finditer(document.text):
        if not m.start() or document.text[m.start() - 1] in ". \t\n":
            continue  # part of an ellipsis, or a stop standing alone
        before = document.text[max(0, m.start() - 4):m.start()]
        if re.search(r"\b[a-zA-Z]\.[a-zA-Z]$", before):  # "p.m. ." ends an abbreviation and a sentence
            continue
        mark = m.group(2)
        yield Hit(m.start(), m.end(), f"stray '{mark}' after a full stop: '{m.group()}'", (".",))
