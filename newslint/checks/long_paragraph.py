"""long-paragraph: a paragraph of more than max-words words (default 150), a wall of text on screen.

News paragraphs run to one to three sentences; a block far longer is either copy that needs
breaking up or paragraphs a scraper ran together. In plain text every non-blank line is a
paragraph; in Markdown, a blank-line separated block.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Hit
from ..readability import words_in
from .common import counted

ID = "long-paragraph"
CATEGORY = "readability"
SEVERITY = "suggestion"
ENABLED = False
OPTIONS = {"max-words": int}
DEFAULTS = {"max-words": 150}
EXAMPLES = {
    "fail": [" ".join(["The council met on Tuesday and voted to close the library."] * 14)],
    "pass": [("The council met on Tuesday and voted to close the library.\n"
              "Residents protested outside the town hall.")],
}


def check(document, options) -> Iterator[Hit]:
    limit = options["max-words"]
    for start, end in document.paragraphs:
        count = words_in(document, start, end)
        if count > limit:
            yield Hit(start, end, f"paragraph of {counted(count, 'word')} (more than {limit}): break it up")
