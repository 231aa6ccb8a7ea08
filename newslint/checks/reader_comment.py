"""reader-comment: the text of a reader's comment, between its header and the comment widget's buttons.

comment-forms flags the widget: a commenter's header (a name or handle beside a relative time,
"Jane Doe · 3 hours ago") and the buttons, counts and links around the comments ("Reply ·
Report", "Load more comments"). What a reader wrote sits between them and has no cue words of
its own. This rule flags up to `max-lines` lines that follow such a header and end at another
comment-forms line (a button, the next header, a "Load more" link). A comment with nothing of
the widget after it is left alone: nothing says where it ends.

A line with a reporting verb or a quotation mark is only a suggestion (`--strip-boilerplate`
keeps it). Each finding spans one whole line.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..boilerplate_features import flagged_paragraphs, protected
from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from .common import first_words

ID = "reader-comment"
CATEGORY = "boilerplate"
SEVERITY = "warning"
STAGE = "summary"  # it reads comment-forms' findings
FIXABLE = False
OPTIONS = {"max-lines": int}
DEFAULTS = {"max-lines": 3}
_STORY = ("Council approves new budget\n"
          "The city council approved a new budget on Tuesday after a debate of more than six hours, officials said.\n")
EXAMPLES = {
    "fail": [_STORY + "Jane Doe · 3 hours ago\nThis council never listens to anyone.\nReply · Report\n"],
    "pass": [_STORY + "Jane Doe · 3 hours ago\nThis council never listens to anyone.\n",
             _STORY + "Share this article\nThe mayor will answer questions on Friday.\nReply · Report\n"],
    "beside": ["comment-forms"],  # the widget's header and buttons are comment-forms findings
}
_WIDGET = "comment-forms"
# The relative time of a commenter's header ("3 hours ago", "5h ago", "just now", "yesterday").
_RELATIVE_TIME = LazyRegex(r"\b(?:\d+ ?[a-z]{1,7}|an? [a-z]{3,7}|one [a-z]{3,7}) ago\b|\bjust now\b|\byesterday\b",
                            re.IGNORECASE)
module_patterns(_RELATIVE_TIME)


def check(document, options, findings) -> Iterator[Hit]:
    paragraphs = document.paragraphs
    widget = {document.paragraph_index(document.offset(f.line, f.column)) for f in findings if f.rule == _WIDGET}
    widget.discard(None)
    if len(widget) < 2:
        return
    flagged = flagged_paragraphs(document, findings, ID)
    texts = {i: document.text[slice(*paragraphs[i])] for i in widget}
    for header in sorted(i for i in widget if _RELATIVE_TIME.search(texts[i])):
        end = header + 1
        while end < len(paragraphs) and end not in flagged and end - header <= options["max-lines"]:
            end += 1
        if end == header + 1 or end not in widget:
            continue  # no comment text, or it does not end at the widget
        for k in range(header + 1, end):
            start, stop = paragraphs[k]
            text = document.text[start:stop]
            yield Hit(start, stop, f"reader's comment left in the text: '{first_words(text)}'", demote=int(protected(text)))

