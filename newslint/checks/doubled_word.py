"""doubled-word: the same word twice in a row ("the the"), a common slip of rewriters and scrapers.

Words that English legitimately doubles ("that that", "had had") are allowed by the `allow`
option. Case is ignored. Both words must stand on one line: a headline that ends with the word
its first paragraph starts with is not a slip. Capitalised pairs are names ("Walla Walla").
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from .common import lowered_set

ID = "doubled-word"
CATEGORY = "mangled"
SEVERITY = "warning"
OPTIONS = {"allow": list}
# Particles double legitimately when a phrasal verb meets its preposition ("counting on on Monday",
# "did Romney in in 2012").
DEFAULTS = {"allow": ["that", "had", "bye", "ha", "no", "very", "so", "now", "long", "far", "really",
                      "go", "knock", "tut", "yeah", "boo", "wait", "chop", "hush", "dum", "bla", "blah",
                      "in", "on", "up", "out", "off", "down", "over", "etc", "tsk"]}
EXAMPLES = {
    "fail": ["He said the the talks would resume.", "It was was a long day."],
    "pass": ["She said that that plan had had its day.", "Walla Walla is a city.", "Bye bye, he said.",
             "The senior law lord Lord Bingham ruled.", "Voters the party is counting on on Nov. 8."],
}

# Same line only: a headline ending in "Shares" above a paragraph starting "Shares" is no slip.
# The first word is taken whole, at once: "(?=(x+))\1" is "x++" (Python 3.10 has no possessive
# quantifier). A shorter run of its letters would stand before a letter, never before the space, so
# the matches are the same, and the scan does not give back a letter at a time at every word start
# (a fifth less time on news copy).
_DOUBLE = LazyRegex(r"(?<![\w'’-])(?=([A-Za-z]+))\1([^\S\n]+)(\1)(?![\w'’-])", re.IGNORECASE)
_DOUBLE_FOLDED = LazyRegex(r"(?<![\w'’-])(?=([a-z]+))\1([^\S\n]+)(\1)(?![\w'’-])")  # on Document.folded: faster
module_patterns(_DOUBLE, _DOUBLE_FOLDED)


def check(document, options) -> Iterator:
    from ..model import Hit

    allowed = lowered_set(options["allow"])
    text, folded = document.text, document.folded
    for m in (_DOUBLE_FOLDED.finditer(folded) if folded is not None else _DOUBLE.finditer(text)):
        first, second = text[m.start(1):m.end(1)], text[m.start(3):m.end(3)]
        if first.lower() in allowed or second[0].isupper():
            continue  # names repeat ("Walla Walla") and follow titles ("senior law lord Lord Bingham")
        yield Hit(m.start(1), m.end(3), f"doubled word '{first} {second}'", (first,))
