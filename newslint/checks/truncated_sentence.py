"""truncated-sentence: a paragraph that ends mid-clause ("He did not provide any updates on whether.").

A rewriter or an extractor that cuts a paragraph short leaves its last sentence ending on a word
that cannot end one: an article, a conjunction, a possessive or "whether" ("on whether.", "of the.").
Also flagged: a paragraph ending in a bare relative-clause fragment ("Those who remain.").
Only the last sentence of a paragraph (or the file) is checked; headlines and lines without a
full stop are not sentences and are left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Hit

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

_FRAGMENT = re.compile(r"(?:Those|Anyone|Everyone|People|Others|Some|Many|Few|All) (?:who|that) [a-z]+\.$")


def _ending(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s(?:{alternatives})\.$")  # lowercase only: "Plan A." is fine


def check(document, options) -> Iterator[Hit]:
    dangling = _ending(options["dangling-words"])
    text = document.text
    for _, p_end in document.paragraphs:
        if text[p_end - 1:p_end] != "." or text[p_end - 3:p_end] == "...":
            continue
        start, _ = document.sentence_at(p_end - 1)
        sentence = text[start:p_end]
        if len(sentence.split()) < 3:
            continue
        m = dangling.search(sentence)
        if m:
            yield Hit(start + m.start() + 1, p_end, f"sentence cut off: it ends on '{m.group().strip()}'")
        elif _FRAGMENT.fullmatch(sentence.strip()):
            yield Hit(start, p_end, f"sentence fragment: '{sentence.strip()}' has no main verb")
