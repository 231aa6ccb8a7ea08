"""teaser-block: a block of headlines of other stories after the article's last paragraph, with no label.

related-link-list flags the headlines under a "Related" label; pages also list other stories'
headlines with no label at all, after the story and before the share buttons or the copyright
line. This rule flags a run of at least `min-items` lines, each shaped like a headline, that
starts right after a paragraph of running text or after chrome, with no running text after it,
and ends at a line another boilerplate rule flags (chrome), at the end of the file, or at a short
closing line with only chrome after it ("Originally published on ..."). A headline may carry a
one-sentence standfirst under it (a summary of the other story) when another headline follows
it, and lines with no letter or digit between the teasers ("-") are list markup, skipped.

A headline here is a line of 4 to `max-words` words that starts with a capital or a digit (a
leading bullet allowed), does not end like a sentence or a label (". ! ; : ,"), has no table
cells, is not a "Q:" or "A:" line and is not mostly digits. The lines of the block must also
start with different words: headlines of different stories rarely do, while an article's own
list ("Best film: ...", "Best actor: ...", "Q: ...") is parallel.

Bounded by chrome the block is a warning. At the end of the file or before a closing line it is a
suggestion: an article may end with its own list of names or titles, and with no chrome after it
nothing tells the two apart. A line with a reporting verb or a quotation mark is never more than a suggestion, and
`--strip-boilerplate` keeps it. Each finding spans one whole line.
"""
from __future__ import annotations

from typing import Iterator

from ..boilerplate_features import flagged_paragraphs, protected
from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from .common import ends_like_sentence, first_words, is_prose

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
_MIN_WORDS = 4  # "Jamie Foxx - Ray" and "Nighttime Supplement" are items of a list, not headlines
_MAX_CHARS = 150
_STANDFIRST_WORDS = 35  # a teaser's summary is one sentence; a paragraph of the story is longer or more
_SENTENCE_ENDS = LazyRegex(r"[.!?][\"'”’)\]]*(?:\s|$)")
module_patterns(_LEAD, _NOT_A_HEADLINE_END, _SENTENCE_ENDS)


def headline_shaped(text: str, max_words: int) -> bool:
    body = text[_LEAD.match(text).end():]
    if len(body) > _MAX_CHARS:  # first: most paragraphs tried are the story's, and too long to count words in
        return False
    words = [w for w in body.split() if any(c.isalnum() for c in w)]  # a dash between items is no word
    if not _MIN_WORDS <= len(words) <= max_words:
        return False
    visible = len(body) - body.count(" ")
    return ((body[0].isupper() or body[0].isdigit()) and not _NOT_A_HEADLINE_END.search(body)
            and "|" not in body and ":" not in body[:3] and sum(c.isdigit() for c in body) <= 0.3 * visible)


def _first_word(text: str) -> str:
    return text[_LEAD.match(text).end():].split(None, 1)[0].lower()


def _separator(text: str) -> bool:
    """A line with no letter or digit ("-", "* * *"): list markup between teasers, not a line of its own."""
    return not any(c.isalnum() for c in text)


def _standfirst(text: str) -> bool:
    """One sentence under a teaser's headline: a summary of the other story, not a paragraph of this one."""
    return len(text.split()) <= _STANDFIRST_WORDS and ends_like_sentence(text) and len(_SENTENCE_ENDS.findall(text)) == 1


def _trailer(texts: list[str], j: int, flagged: set[int]) -> bool:
    """A short closing line ("Originally published on ...") with nothing but chrome after it."""
    return (j < len(texts) and j not in flagged and not is_prose(texts[j]) and ends_like_sentence(texts[j])
            and all(k in flagged or _separator(texts[k]) for k in range(j + 1, len(texts))))


def _next_line(texts: list[str], j: int) -> int:
    """The first paragraph from j on that is not a separator."""
    return next((k for k in range(j, len(texts)) if not _separator(texts[k])), len(texts))


def _units(texts: list[str], i: int, flagged: set[int], max_words: int) -> list[int]:
    """The lines of the teasers that start at paragraph i: headlines, each with at most one
    one-sentence standfirst under it; separator lines between them are skipped. A standfirst
    counts only when another headline follows it: a sentence that closes the run is as likely the
    story's own last paragraph under its own subheading."""
    lines, j = [], i
    while j < len(texts) and j not in flagged and headline_shaped(texts[j], max_words):
        lines.append(j)
        j = _next_line(texts, j + 1)
        if j < len(texts) and j not in flagged and _standfirst(texts[j]) and not headline_shaped(texts[j], max_words):
            after = _next_line(texts, j + 1)
            if after < len(texts) and after not in flagged and headline_shaped(texts[after], max_words):
                lines.append(j)
                j = after
    return lines


def blocks(texts: list[str], flagged: set[int], min_items: int, max_words: int) -> Iterator[tuple[list[int], bool]]:
    """(the block's lines, ends at chrome) for every teaser block of the paragraphs."""
    story = [i for i in range(1, len(texts)) if i not in flagged and is_prose(texts[i])]
    if not story:
        return
    prose, last_prose = set(story), story[-1]
    i = story[0] + 1
    while i < len(texts):
        lines = _units(texts, i, flagged, max_words) if i - 1 in flagged or i - 1 in prose else []
        heads = [k for k in lines if headline_shaped(texts[k], max_words)]
        # The tests in order of cost: most runs are too short, and the end tests read to the file's end.
        if lines and len(heads) >= min_items and len({_first_word(texts[k]) for k in heads}) == len(heads):
            after = _next_line(texts, lines[-1] + 1)
            # No running text after the block (the story's last prose paragraph is before its end).
            if after > last_prose and (after == len(texts) or after in flagged or _trailer(texts, after, flagged)):
                yield lines, after < len(texts) and after in flagged
                i = after
        i += 1


def check(document, options, findings) -> Iterator[Hit]:
    paragraphs = document.paragraphs
    if len(paragraphs) < options["min-items"] + 2:
        return
    texts = [document.text[s:e] for s, e in paragraphs]
    flagged = flagged_paragraphs(document, findings, ID)
    for lines, at_chrome in blocks(texts, flagged, options["min-items"], options["max-words"]):
        for k in lines:
            start, stop = paragraphs[k]
            yield Hit(start, stop, f"headline of another story after the article's end: '{first_words(texts[k])}'",
                      demote=0 if at_chrome and not protected(texts[k]) else 1)

