"""caption-line: a short line between paragraphs that reads as a photo caption or a navigation bar.

An extractor keeps image captions and menus as lines of their own between the paragraphs. A
line of at most `max-words` words after the first paragraph is flagged when it reads as one:
a caption names where people stand or says it is a photo ("Andreas Thurner, left, and Todd
George", "(pictured)", "in this file photo"), a navigation bar is three or more short items
between separators ("News | Sport | Weather", "World » Asia » China").

Short lines without sentence punctuation are not flagged for that alone: on extracted news
pages most of them are subheadings, which belong to the article (measured with
bench/boilerplate_eval.py, fewer than half were boilerplate).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from .common import first_words

ID = "caption-line"
CATEGORY = "boilerplate"
SEVERITY = "warning"
OPTIONS = {"max-words": int}
DEFAULTS = {"max-words": 40}
EXAMPLES = {
    "fail": ["The talks ended.\nKarma's Andreas Thurner, left, and Todd George pose with the car.\nThey resume.",
             "The talks ended.\nNews | Sport | Weather | Travel\n"],
    # "(R)" alone is a party label in US copy ("Gov. Rick Snyder (R)"), not "right" in a caption.
    "pass": ["The talks ended.\nEscalating Violence Ahead of the Deadline\nThey resume.",
             "The talks ended.\nOn Saturday, Sen. Bernie Sanders (I-Vt.) called on Gov. Rick Snyder (R) to resign.\n",
             "The talks ended.\nHe turned left, and then right.\n"],
}

_POSITION = (r"(?:left|right|centre|center|second (?:from )?(?:left|right)|far (?:left|right)"
             r"|front|rear|foreground|background)")
# The lookahead names the first character of each alternative (",", "(", and the words after a
# \b): the C scanner then tests a set at each character rather than trying every alternative there
# (2.5 times faster; under IGNORECASE the set folds case exactly as the letters do).
_CAPTION = LazyRegex(
    rf"(?=[,(pfihu])(?:,\s{_POSITION}(?=,|\.|$)|\((?:{_POSITION}|(?-i:L|L-R)|l-r|top|bottom|pictured|above|below|inset|file)\)"
    r"|\bpictured\b|\bfile (?:photo|picture|image)\b"
    r"|\bin this (?:file |undated |handout )?(?:photo|picture|image|photograph|handout)\b"
    r"|\b(?:handout|undated) (?:photo|picture|image)\b)", re.IGNORECASE)
_NAVIGATION = LazyRegex(r"(?:[^|•»›>·\n]{1,40}\s[|•»›>·]\s){2,}[^|•»›>·\n]{1,40}")
module_patterns(_CAPTION, _NAVIGATION)


def check(document, options) -> Iterator[Hit]:
    most = options["max-words"]
    for index, (start, end) in enumerate(document.paragraphs):
        if index == 0:
            continue  # the headline
        text = document.text[start:end]
        if len(text.split(None, most)) > most:  # splits no further than it needs to
            continue  # a paragraph too long to be a caption
        if _CAPTION.search(text):
            yield Hit(start, end, f"caption left in the text: '{first_words(text)}'")
        elif _NAVIGATION.fullmatch(text):
            yield Hit(start, end, f"navigation left in the text: '{first_words(text)}'")

