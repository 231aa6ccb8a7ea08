"""clause-full-stop: a full stop inside a clause, followed by a lowercase word ("on the condition. anonymity").

A rewriter that drops a word sometimes leaves its full stop behind, splitting a clause in two.
A full stop after a plain lowercase word, followed by a space and a lowercase word, is flagged.
Abbreviations ("etc. and", "approx. two", "vs. them"), dotted forms ("p.m. on", "U.S. officials"),
initials, numbers, web addresses and lowercase brand names ("iPhone", "eBay") are left alone, and
so is a short capitalised word before the stop ("Corp. said", "Inc. and"). Quoted speech is
skipped: a text message quoted as sent ("Just spoke to trev. think ...") is not damage.
"""
from __future__ import annotations

from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit
from ..sentences import ABBREVIATIONS
from .common import lowered_set

ID = "clause-full-stop"
CATEGORY = "mangled"
SEVERITY = "warning"
OPTIONS = {"allow-after": list, "allow-before": list}
DEFAULTS = {
    # Words that may end an abbreviation in running text, beyond the sentence splitter's list.
    "allow-after": ["cent", "min", "max", "esp", "incl", "excl", "misc", "govt", "gov", "univ", "ibid",
                    "viz", "eg", "ie", "am", "pm", "ca", "c", "oz", "lb", "lbs", "kg", "km", "in", "ft", "yd",
                    "mph", "hr", "hrs", "sec", "secs", "mins", "pt", "pts", "yr", "yrs", "wk", "wks", "mo", "ext",
                    "tel", "ref", "sq", "cu", "div", "assn", "intl", "natl", "mfg", "tsp", "tbsp", "pkg", "qty",
                    "bzw", "usw", "ca", "vgl", "evtl", "ggf", "inkl", "zb", "resp", "env", "hwy", "twp"],
    # Lowercase words that can begin a sentence (brands, handles, units).
    "allow-before": ["iphone", "ipad", "ipod", "itunes", "imac", "icloud", "ebay", "eharmony", "iplayer",
                     "etc", "www", "http", "https", "de", "van", "von", "al", "bin", "ibn", "la", "le", "el"],
}
EXAMPLES = {
    "fail": ["An official spoke on the condition. anonymity to discuss a sensitive issue."],
    "pass": ["The vote is at 5 p.m. on Monday.", "Apples, pears etc. and more.", "U.S. officials said so.",
             "Shares of Apple Inc. rose.", "It ended. iPhone sales fell.", "He was 5ft. tall.",
             "Visit bbc.co.uk for more.", "Add 1 tsp. olive oil.",
             "It was a grave risk. pic.twitter.com/fCX2Ptc7YN"],
}

# A full stop, space, lowercase letter is rare in clean copy: find it first, then read the words around it.
_TRIGGER = LazyRegex(r"\.[^\S\n]+(?=[a-z])")
_WORD_BEFORE = LazyRegex(r"(?<![\w.@/’'-])[A-Za-z]{2,}$")
_WORD_AFTER = LazyRegex(r"[a-z][\w’'-]*\b(?![.:/]\w)")  # not "pic.twitter.com"
module_patterns(_TRIGGER, _WORD_BEFORE, _WORD_AFTER)


def _abbreviation(word: str, allowed: frozenset[str]) -> bool:
    lower = word.lower()
    return lower in ABBREVIATIONS or lower in allowed or (word[0].isupper() and len(word) <= 4) or word.isupper()


def check(document, options) -> Iterator[Hit]:
    after, before = lowered_set(options["allow-after"]), lowered_set(options["allow-before"])
    text = document.text
    for stop in _TRIGGER.finditer(text):
        window = text[max(0, stop.start() - 40):stop.start()]
        word, following = _WORD_BEFORE.search(window), _WORD_AFTER.match(text, stop.end())
        if not word or not following or (word.start() == 0 and stop.start() > 40):
            continue
        start = stop.start() - len(window) + word.start()
        if _abbreviation(word.group(), after) or following.group().lower() in before or document.in_quote(start):
            continue
        if any(c.isupper() or c.isdigit() for c in following.group()[1:]):
            continue  # "eBay", "iPhone", "my6sense" and other brand names
        found = text[start:following.end()]
        yield Hit(start, following.end(), f"full stop inside a clause: '{found}' (a word may be missing)")
