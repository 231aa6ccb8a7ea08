"""same-giver-receiver: one party as both giver and receiver ("The United States has given the United States").

A rewriter that resolves pronouns wrongly repeats the subject where "itself" or another party
belongs. A capitalised name followed by a verb of giving or telling and the same name again as
its object is flagged ("Israel told Israel", "The United States has given the United States a
grace period"). A possessive after the repeat ("Smith told Smith's lawyer") is left alone. No fix
is offered: only the editor knows which party was lost.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit

ID = "same-giver-receiver"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["The United States has given the United States a grace period to do so.",
             "Prime Minister Benjamin Netanyahu told Netanyahu to wait."],
    "pass": ["The United States has given Israel a grace period.", "Smith told Smith's lawyer.",
             "Manchester United beat Manchester City.", "Israel gave itself a month.",
             "It hit the Gaza Strip. The United States told Israel to stop."],
}

_TOKEN = r"[A-Z](?:(?:\.[A-Z])+\.|[\w’'-]*)"  # "Israel", "U.S." (a full stop ends a name otherwise)
_NAME = rf"{_TOKEN}(?:\s+(?:of\s+)?{_TOKEN}){{0,3}}"
_AUX = r"(?:has|have|had|will|would|did|does|do|could|should|must|may)(?:\s+not)?"
# A space, then the verb as a trie-shaped alternation, so the scan fails fast on most letters.
_VERB = LazyRegex(
    r"\s(?=[gstowuahpl])(?P<verb>g(?:ive[ns]?|ave|rant(?:ed|s)?)|sen(?:t|ds?)|offer(?:ed|s)?|t(?:old|ells?)"
    r"|warn(?:ed|s)?|urge[ds]?|ask(?:ed|s)?|hand(?:ed|s)?|promise[ds]?|a(?:ward|llow)(?:ed|s)?|pa(?:id|ys?)"
    r"|len(?:t|ds?))\s+(?=(?:the\s+)?[A-Z])")
_GIVER = LazyRegex(rf"(?:(?<![\w’'-])[Tt]he\s+)?(?<![\w’'.-])({_NAME})(?:\s+{_AUX})?\s+$")
_RECEIVER = LazyRegex(rf"(?:the\s+)?({_NAME})(?![\w’'-])(?!\s*[’']s\b)")
module_patterns(_VERB, _GIVER, _RECEIVER)
_WINDOW = 80


def check(document, options) -> Iterator[Hit]:
    text = document.text
    for verb in _VERB.finditer(text):  # the verbs are rare; the names on either side are checked only there
        verb_start = verb.start("verb")
        before = text[max(0, verb_start - _WINDOW):verb_start]
        if not any(word[:1].isupper() for word in before.split()[-3:]):
            continue  # no name just before the verb (or its auxiliary): the common case, decided cheaply
        giver = _GIVER.search(before)
        if not giver:
            continue
        taken = _receiver(text, verb.end(), giver.group(1))
        if taken:
            start = verb_start - len(before) + giver.start()
            # No replacement: "itself" is right only sometimes; usually another party was lost.
            yield Hit(start, taken.end(), f"same party as giver and receiver: '{text[start:taken.end()]}' "
                                          "(name the other party, or 'itself')")


def _receiver(text: str, at: int, giver: str) -> re.Match | None:
    """The receiver at `at` if it is the giver's name or its last words ("Prime Minister X told X")."""
    taken = _RECEIVER.match(text, at)
    if not taken:
        return None
    words, giver_words = taken.group(1).split(), giver.split()
    return taken if giver_words[-len(words):] == words else None
