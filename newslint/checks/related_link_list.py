"""related-link-list: the headlines listed under a "Related" or "You may also like" label, links to other stories.

related-links flags the label line; this rule flags the short lines under it: up to
`max-items` lines of at most `max-words` words. The list ends at the first line that reads as a
sentence of the article, one of at least four words closed by a full stop or an exclamation
mark: headlines carry no full stop, and body copy after a label is copy, not a link (an
aggregator that strips flagged lines must never delete it). A question and a teaser cut off
with an ellipsis are still headlines. The labels are the `labels` option (matched as whole
lines, case ignored, with an optional trailing colon or ellipsis).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from ..lazyre import LazyRegex, module_patterns, shared
from ..model import Hit
from ..userregex import compile_errors, compile_user

ID = "related-link-list"
CATEGORY = "boilerplate"
SEVERITY = "warning"
OPTIONS = {"labels": list, "max-items": int, "max-words": int}
DEFAULTS = {
    "labels": ["related", "related articles", "related stories", "related posts", "related content",
               "related coverage", "related news", "you may also like", "you might also like", "more",
               "more stories", "more news", "more from .{2,30}", "more great .{2,20} stories", "don't miss",
               "do not miss", "popular on .{2,30}", "most read", "most popular", "most viewed", "recommended",
               "recommended for you", "recommended stories", "read more", "see also", "also read", "top stories",
               "trending", "trending now", "latest news", "latest stories", "editor's picks",
               "what to read next", "further reading", "read next", "up next"],
    "max-items": 12,
    "max-words": 20,
}
EXAMPLES = {
    "fail": ["The talks ended.\nYou may also like...\nWho will make the Rock Hall in 2020?\n"
             "Dave Matthews Band takes over Rock Hall Fan Vote\n"],
    "pass": ["The talks ended.\nRelated\nThe ministers met again on Tuesday to discuss the plan, officials said.\n",
             "The talks ended.\nRelated\nThe ministry said aid would arrive on Tuesday.\nIt did not say how much.\n",
             "More rain is expected.\nForecasters said so on Monday.\n"],
}
# A full stop or exclamation mark, perhaps inside closing quotes or brackets, but not an ellipsis.
_SENTENCE_END = LazyRegex(r"""(?<![.…])[.!]["'”’)\]]*$""")
module_patterns(_SENTENCE_END)


@lru_cache(maxsize=8)
def _label_pattern(labels: tuple[str, ...]) -> Any:
    """The labels as one regex; a user's labels are compiled with a time budget (newslint/userregex.py)."""
    source = rf"(?:{'|'.join(labels)})\s*(?::|\.\.\.|…)?"
    if list(labels) == DEFAULTS["labels"]:
        return shared(source, re.IGNORECASE)
    return compile_user(source, re.IGNORECASE, f"rules.{ID}.labels", "|".join(labels))


def validate(options) -> Iterator[tuple[str, str]]:
    """A config error for labels that do not compile, before any file is read."""
    for index, label in enumerate(options.get("labels", ())):
        try:
            compile_user(label, re.IGNORECASE, "")
        except compile_errors() as exc:
            yield f"labels.{index}", f"regex {label[:60]!r} does not compile: {exc}"


def _reads_as_sentence(text: str) -> bool:
    return len(text.split()) >= 4 and bool(_SENTENCE_END.search(text.rstrip()))


def _is_item(text: str, max_words: int) -> bool:
    return len(text.split()) <= max_words and not _reads_as_sentence(text)


def check(document, options) -> Iterator[Hit]:
    label = _label_pattern(tuple(options["labels"]))
    remaining = 0
    for start, end in document.paragraphs:
        text = document.text[start:end]
        if label.fullmatch(text):
            remaining = options["max-items"]
        elif remaining and _is_item(text, options["max-words"]):
            remaining -= 1
            yield Hit(start, end, f"link to another story under a related-links label: '{text[:60]}'")
        else:
            remaining = 0
