"""related-link-list: the headlines listed under a "Related" or "You may also like" label, links to other stories.

related-links flags the label line; this rule flags the short lines under it: up to
`max-items` lines of at most `max-words` words that do not read as a paragraph (a full
sentence of twelve words or more ends the list; a question is still a headline). The
labels are the `labels` option (matched as whole lines, case ignored, with an optional
trailing colon or ellipsis).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from ..model import Hit
from ..userregex import COMPILE_ERRORS, compile_user
from .common import ends_like_sentence

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
             "More rain is expected.\nForecasters said so on Monday.\n"],
}


@lru_cache(maxsize=8)
def _label_pattern(labels: tuple[str, ...]) -> Any:
    """The labels as one regex; a user's labels are compiled with a time budget (newslint/userregex.py)."""
    source = rf"(?:{'|'.join(labels)})\s*(?::|\.\.\.|…)?"
    if list(labels) == DEFAULTS["labels"]:
        return re.compile(source, re.IGNORECASE)
    return compile_user(source, re.IGNORECASE, f"rules.{ID}.labels", "|".join(labels))


def validate(options) -> Iterator[tuple[str, str]]:
    """A config error for labels that do not compile, before any file is read."""
    for index, label in enumerate(options.get("labels", ())):
        try:
            compile_user(label, re.IGNORECASE, "")
        except COMPILE_ERRORS as exc:
            yield f"labels.{index}", f"regex {label[:60]!r} does not compile: {exc}"


def _is_item(text: str, max_words: int) -> bool:
    words = len(text.split())
    return words <= max_words and not (words >= 12 and ends_like_sentence(text) and not text.endswith("?"))


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
