"""space-before-punctuation: a space before a comma, full stop or closing quote ("uses. ”", "said , he").

English sets no space before , . ; : ? ! or a closing quotation mark; a space there is the
mark of text stitched back together by a rewriter or an extractor. Spaced ellipses, a dash
or number after the space (" .5", " .com"), and a straight quote (which may open a quotation)
are left alone. Only a curly closing quote that ends a word run is checked. In Markdown and
HTML only a space the writer typed counts, not the place of a closing tag or emphasis marker.
"""
from __future__ import annotations

from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit

ID = "space-before-punctuation"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["“They are not words he typically uses. ” he said.", "The plan , he said, was ready."],
    "pass": ["“It is ready,” he said.", "He paused . . . then spoke.", "Visit example .com today",
             "Tickets cost £5 . . . or less.", "He said: “No.” Then he left."],
}

# The mark itself after a space, tab or no-break space (check() skips a mark with none, and news
# copy has hundreds of marks for each one with a space), then a break; the spaces and the word
# before it are read in check().
_MARK = LazyRegex(r"(?:[,;:?!”]|\.(?![.\w]))(?<=[ \t\u00a0].)(?=[\s\"“”’)]|$)")
module_patterns(_MARK)


def _typed(document, start: int, end: int) -> bool:
    """Whether the writer typed a space there: in Markdown and HTML the gap may be nothing but
    blanked markup ("**Gaza**," reads as "  Gaza  ,"); an entity such as &nbsp; is a typed space."""
    source = document.source[start:end]
    if source == document.text[start:end]:
        return True
    from html import unescape  # here, not at the top: only markup differs from its text

    return any(c.isspace() for c in unescape(source))


def check(document, options) -> Iterator[Hit]:
    text = document.text
    for m in _MARK.finditer(text):
        window = text[max(0, m.start() - 8):m.start()]
        gap = len(window) - len(window.rstrip(" \t\u00a0"))
        if not gap or gap == len(window) or not _typed(document, m.start() - gap, m.start()):
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
