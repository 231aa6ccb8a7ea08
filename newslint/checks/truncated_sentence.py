"""truncated-sentence: a paragraph that ends mid-clause ("He did not provide any updates on whether.").

A rewriter or an extractor that cuts a paragraph short leaves its last sentence ending on a word
that cannot end one: an article, a conjunction, a possessive or "whether" ("on whether.", "of the.").
Also flagged: a paragraph ending in a bare relative-clause fragment ("Those who remain.").
Only the last sentence of a paragraph (or the file) is checked; headlines and lines without a
full stop are not sentences and are left alone.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns, shared
from ..model import Hit
from ..sentences import split_sentences

ID = "truncated-sentence"
CATEGORY = "mangled"
SEVERITY = "warning"
OPTIONS = {"dangling-words": list}
DEFAULTS = {"dangling-words": ["the", "a", "an", "of", "whether", "and", "nor", "than", "their", "its", "our",
                               "whose", "my", "your", "such as", "including", "as well as", "rather than",
                               "amid", "because of", "according to", "in order to"]}
EXAMPLES = {
    "fail": ["He did not provide any updates on whether.",
             "Many were displaced. Those who remain.\nAid groups warned of famine."],
    "pass": ["He did not say whether.\u201d", "Nobody knew what to do with it.", "He wanted to know whether or not.",
             "Those who remain are hungry.", "The lights were on.", "It was the best of the best of the best."],
}

# The lookahead names the letters the fragment's first word opens with: the scanner tests a set
# at each character instead of trying the three starts (a third of the time).
_FRAGMENT = LazyRegex(r"(?=[TAEPOSMF])(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’)]\s))"
                       r"((?:Those|Anyone|Everyone|People|Others|Some|Many|Few|All) (?:who|that) [a-z]+\.)$")
module_patterns(_FRAGMENT)
_TAIL = 60  # how much of a paragraph's end is read


@lru_cache(maxsize=8)
def _ending(words: tuple[str, ...]) -> re.Pattern | LazyRegex:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    source = rf"\s(?:{alternatives})\.$"  # lowercase only: "Plan A." is fine
    # the default list's program comes from the shared table (lazyre.shared); a user's list compiles
    return shared(source) if list(words) == DEFAULTS["dangling-words"] else re.compile(source)


def check(document, options) -> Iterator[Hit]:
    dangling = _ending(tuple(options["dangling-words"]))
    text = document.text
    for p_start, p_end in document.paragraphs:
        if text[p_end - 1:p_end] != "." or text[p_end - 3:p_end] == "...":
            continue
        tail_start = max(p_start, p_end - _TAIL)
        tail = text[tail_start:p_end]
        cut = dangling.search(tail)
        if cut and _sentence_words(text, p_start, tail_start + cut.start()) >= 2:
            yield Hit(tail_start + cut.start() + 1, p_end, f"sentence cut off: it ends on '{cut.group().strip()}'")
            continue
        fragment = _FRAGMENT.search(tail)
        if fragment and (fragment.start(1) or tail_start == p_start):  # "^" starts a sentence only there
            yield Hit(tail_start + fragment.start(1), p_end,
                      f"sentence fragment: '{fragment.group(1)}' has no main verb")


def _sentence_words(text: str, p_start: int, end: int) -> int:
    """Words of the sentence before `end`, counted back to the paragraph start or a sentence break."""
    spans = split_sentences(text[p_start:end])
    return len(text[p_start + spans[-1][0]:end].split()) if spans else 0
