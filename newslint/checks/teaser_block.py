"""teaser-block: a block of headlines of other stories after the article's last paragraph, with no label.

related-link-list flags the headlines under a "Related" label; pages also list other stories'
headlines with no label at all, after the story and before the share buttons or the copyright
line. This rule flags a run of at least `min-items` lines, each shaped like a headline, that
starts right after the story's last paragraph of running text (or after chrome that follows it)
and ends at a line another boilerplate rule flags (chrome) or at the end of the file.

A headline here is a line of 4 to `max-words` words that starts with a capital or a digit (a
leading bullet allowed), does not end like a sentence or a label (". ! ; : ,"), has no table
cells, is not a "Q:" or "A:" line and is not mostly digits. The lines of the block must also
start with different words: headlines of different stories rarely do, while an article's own
list ("Best film: ...", "Best actor: ...", "Q: ...") is parallel.

Bounded by chrome the block is a warning. At the end of the file it is a suggestion: an article
may end with its own list of names or titles, and with no chrome after it nothing tells the two
apart. A line with a reporting verb or a quotation mark is never more than a suggestion, and
`--strip-boilerplate` keeps it. Each finding spans one whole line.
"""
from __future__ import annotations

from typing import Iterator

from ..boilerplate_features import flagged_paragraphs, protected
from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from .common import first_words, is_prose

ID = "teaser-block"
CATEGORY = "boilerplate"
SEVERITY = "warning"
STAGE = "summary"  # it reads the other boilerplate rules' findings: chrome ends a block
FIXABLE = False
OPTIONS = {"min-items": int, "max-words": int}
DEFAULTS = {"min-items": 3, "max-words": 18}
_STORY = ("Council approves new budget\n"
          "The city council approved a new budget on Tuesday after a debate of more than six hours, officials said.\n")
EXAMPLES = {
    "fail": [_STORY + "Mayor unveils plan to cut traffic in city centre\nPolice appeal for witnesses after crash\n"
             "Schools to get extra funding for repairs\nShare this article\n"],
    "pass": [_STORY + "Best film: The Aviator\nBest actor: Jamie Foxx in Ray\nBest actress: Hilary Swank\nShare this article\n",
             _STORY + "The vote was 7 to 2.\nMayor unveils plan to cut traffic\nPolice appeal for witnesses\n"
             "Schools to get extra funding\nShare this article\n",
             _STORY + "Mayor unveils plan to cut traffic in city centre\nPolice appeal for witnesses after crash\n"
             "Share this article\n"],
    "beside": ["share-prompts"],  # chrome that ends a block is another rule's finding
}
_LEAD = LazyRegex(r"\s*(?:[-–—•*·]\s+)?")  # a bullet before the headline
_NOT_A_HEADLINE_END = LazyRegex(r"""[.!;:,]["'”’)\]]*$""")
module_patterns(_LEAD, _NOT_A_HEADLINE_END)
_MIN_WORDS = 4  # "Jamie Foxx - Ray" and "Nighttime Supplement" are items of a list, not headlines
_MAX_CHARS = 150


def headline_shaped(text: str, max_words: int) -> bool:
    body = text[_LEAD.match(text).end():]
    words = [w for w in body.split() if any(c.isalnum() for c in w)]  # a dash between items is no word
    if not _MIN_WORDS <= len(words) <= max_words or len(body) > _MAX_CHARS:
        return False
    visible = len(body) - body.count(" ")
    return ((body[0].isupper() or body[0].isdigit()) and not _NOT_A_HEADLINE_END.search(body)
            and "|" not in body and ":" not in body[:3] and sum(c.isdigit() for c in body) <= 0.3 * visible)


def _first_word(text: str) -> str:
    return text[_LEAD.match(text).end():].split(None, 1)[0].lower()


def blocks(texts: list[str], flagged: set[int], min_items: int, max_words: int) -> Iterator[tuple[int, int, bool]]:
    """(first, end, ends at chrome) for every teaser block of the paragraphs."""
    story = [i for i in range(1, len(texts)) if i not in flagged and is_prose(texts[i])]
    if not story:
        return
    i = story[-1] + 1
    while i < len(texts):
        if i in flagged:
            i += 1
            continue
        j = i
        while j < len(texts) and j not in flagged and headline_shaped(texts[j], max_words):
            j += 1
        starts_well = i - 1 == story[-1] or i - 1 in flagged
        ends_well = j == len(texts) or j in flagged
        if starts_well and ends_well and j - i >= min_items and len({_first_word(texts[k]) for k in range(i, j)}) == j - i:
            yield i, j, j < len(texts)
        i = max(j, i + 1)


def check(document, options, findings) -> Iterator[Hit]:
    paragraphs = document.paragraphs
    if len(paragraphs) < options["min-items"] + 2:
        return
    texts = [document.text[s:e] for s, e in paragraphs]
    flagged = flagged_paragraphs(document, findings, ID)
    for first, end, at_chrome in blocks(texts, flagged, options["min-items"], options["max-words"]):
        for k in range(first, end):
            start, stop = paragraphs[k]
            yield Hit(start, stop, f"headline of another story after the article's end: '{first_words(texts[k])}'",
                      demote=0 if at_chrome and not protected(texts[k]) else 1)

