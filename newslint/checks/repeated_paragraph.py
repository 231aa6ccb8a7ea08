"""repeated-paragraph: a headline or paragraph that appears again in the same file, a scraper's double capture.

Pages print the headline twice (page title and article title) and repeat a paragraph as a pull
quote or a teaser; an extractor keeps both copies. The second copy is flagged, ignoring case,
punctuation (quotation marks included) and spacing, and the message names the line of the first occurrence.

Structured copy repeats lines on purpose (the same question in every interview of a series, a
table header, "Eat 1-2 hours after your workout" in every day of a meal plan), so only a
paragraph found exactly twice counts (`max-copies`), and only when it is running prose (at
least `min-words` words ending like a sentence) or a copy of one of the first `head-lines`
paragraphs with four words or more (a headline or standfirst printed twice).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from .common import first_words, is_prose, normalise_paragraph

ID = "repeated-paragraph"
CATEGORY = "boilerplate"
SEVERITY = "warning"
OPTIONS = {"min-words": int, "head-lines": int, "max-copies": int}
DEFAULTS = {"min-words": 12, "head-lines": 3, "max-copies": 2}
WHOLE_FILE = True  # copies anywhere in the file count, even in a file linted in windows
EXAMPLES = {
    "fail": ['Blinken to press for a "humanitarian pause"\n\nThe talks began.\n\n'
             "Blinken to press for a humanitarian pause\n",
             "Headline\nThe offensive has taken an immense toll on the strip, with tens of thousands dead.\n"
             "Other news.\nThe offensive has taken an immense toll on the strip, with tens of thousands dead.\n"],
    "pass": ["The talks began on Monday.\nThe talks ended on Friday.\n",
             "Headline\nBody text here.\nWhat inspired you?\nI cooked.\nWhat inspired you?\nI ate.\n"
             "What inspired you?\nI slept.\n"],
}
_QUOTED_WORDS = 8


_FIRST_WORDS = LazyRegex(r"\W*(\w+)\W+(\w+)")
# Matched on the paragraph's end reversed: anchored, one pass. `(\w+)\W*$` searched forward retried
# from every character of the tail (a third of the rule's time).
_LAST_WORD_REVERSED = LazyRegex(r"\W*(\w+)")
module_patterns(_FIRST_WORDS, _LAST_WORD_REVERSED)


def _rough_key(text: str) -> tuple:
    """First two words and the last, lowercased: two copies share it whatever their punctuation."""
    first, last = _FIRST_WORDS.match(text), _LAST_WORD_REVERSED.match(text[:-41:-1])
    return (first.group(1).lower(), first.group(2).lower(), last.group(1)[::-1].lower()) if first and last else (text,)


def _repeats(document, max_copies: int) -> tuple[list[tuple[int, int, int, str, str]], Counter]:
    """The paragraphs that may repeat another, with their keys, and how often each key occurs.

    No per-paragraph lists: a file of millions of one-word lines has millions of paragraphs.
    A key is kept for at most max-copies + 1 paragraphs (more copies than that are never reported)."""
    text = document.text
    rough = Counter(hash(_rough_key(text[start:end])) for start, end in document.paragraphs)
    candidates = {key for key, n in rough.items() if n > 1}  # most paragraphs are unique: skip them
    del rough
    kept, copies = [], Counter()
    if not candidates:  # most files: no second pass over their paragraphs
        return kept, copies
    for index, (start, end) in enumerate(document.paragraphs):
        paragraph = text[start:end]
        if hash(_rough_key(paragraph)) not in candidates:
            continue
        key = normalise_paragraph(paragraph)
        copies[key] += 1
        if copies[key] <= max_copies + 1:
            kept.append((index, start, end, paragraph, key))
    return kept, copies


def check(document, options) -> Iterator[Hit]:
    kept, copies = _repeats(document, options["max-copies"])
    first_seen: dict[str, int] = {}
    for index, start, end, text, key in kept:
        if key not in first_seen:
            first_seen[key] = index
            continue
        first = first_seen[key]
        if copies[key] > options["max-copies"]:
            continue
        if not is_prose(text, options["min-words"]) and (first >= options["head-lines"] or len(key.split()) < 4):
            continue
        line = document.position(document.paragraphs[first][0])[0]
        yield Hit(start, end, f"'{first_words(text, _QUOTED_WORDS)}' repeats line {line}")
