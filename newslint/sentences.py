"""A sentence splitter that holds on news copy.

Splits at a full stop, question or exclamation mark (or an ellipsis) followed by space and
the start of a new sentence, except after abbreviations common in news (U.S., Mr., Gov.,
Jan., No., a.m., D-N.Y.), initials, and inside decimals or money ($1.13bn, 4.5%). A line break
ends a sentence unless the next line reads as its continuation (soft-wrapped text).
Returns character spans so rules never lose positions.
"""
from __future__ import annotations

import re
from string import ascii_letters

from .lazyre import LazyRegex, module_patterns

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov lt col gen sgt capt cmdr adm maj cpl pvt st jr sr rev hon pres supt insp det
    messrs mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vs v etc inc ltd co corp bros dept est approx fig vol ch pp ed eds op cf al
    ft mt ave blvd rd ln
    """.split()
)

# Lowercase-dotted forms such as a.m., p.m., e.g., i.e. and dotted initialisms (U.S., U.N., D.C.).
_DOTTED = LazyRegex(r"(?:\b[A-Za-z]\.){2,}$")
_STATE_PARTY = LazyRegex(r"\b[DRI]-[A-Z][a-z]*\.(?:[A-Z]\.)?$")
# The lookahead names the marks a terminator opens with, so the C scanner skips every other
# character with a set test instead of trying the alternation there (a quarter less time).
_TERMINATOR = LazyRegex(r"""(?=[.!?…])(?:[.!?]+|…|\.\.\.)["'”’)\]]*""")
_SENTENCE_START = LazyRegex(r"""\s+(?=["'“‘(\[]?[A-Z0-9•\-*])""")
_BULLET = LazyRegex(r"\s*(?:[-*•]|\d+[.)])\s+")
_TERMINAL_END = LazyRegex(r"""[.!?…:;]["'”’)\]]*\s*$""")
_NEXT_WORD = LazyRegex(r"[\"'“‘(\[]?(\w*)")
# A list marker at the start of a line ("1. First item") is no sentence end.
_LIST_NUMBER = LazyRegex(r"(?:^|\n)[^\S\n]*\d{1,3}$")
module_patterns(_DOTTED, _STATE_PARTY, _TERMINATOR, _SENTENCE_START, _BULLET, _TERMINAL_END, _NEXT_WORD, _LIST_NUMBER)
# After a dotted form that can end a sentence (U.S., a.m.), these words start a new one:
# "It ended at 9 a.m. Then rain fell." but "At 9 a.m. Smith left."
_STARTERS = frozenset(
    "a an the it he she they we i you this that these those there but and so yet then however "
    "meanwhile in on at after before when while if as his her their its our".split()
)


# Abbreviations that stand in lower case too ("vs.", "etc."): a full stop after them ends no sentence.
LOWER_ABBREVIATIONS = frozenset({"vs", "v", "etc", "al", "approx", "no"})


def is_abbreviation(before: str, next_word: str = "") -> bool:
    """True when the text before a full stop ends with an abbreviation that does not end a sentence."""
    if before[-1:] not in ascii_letters or before[-2:-1] == "." or "-" in before:
        # Else none of the three patterns can match: a list number ends in a digit, a dotted form
        # has a full stop before its last letter, a state and party has a hyphen.
        if _LIST_NUMBER.search(before):
            return True
        if _DOTTED.search(before + ".") or _STATE_PARTY.search(before + "."):
            return next_word.lower() not in _STARTERS
    core = before[:-1] if before.endswith("\n") else before  # "$" also matches before a final newline
    token = core[len(core.rstrip(ascii_letters)):]  # the ASCII letters the text ends with
    if not token:
        return False
    if len(token) == 1 and token.isupper():  # an initial: "Antony J. Blinken"
        return True
    return token.lower() in ABBREVIATIONS and token[0].isupper() or token in LOWER_ABBREVIATIONS


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets inside [start, end) where a line break ends a sentence."""
    cuts = []
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        prev_line = text[text.rfind("\n", 0, pos) + 1 : pos]
        if not prev_line.strip() and pos > start:
            # After a blank line: the break before it is already a cut, and the blank between
            # the two would be trimmed away. No cut, so a run of blank lines costs no memory.
            continue
        next_line_end = text.find("\n", pos + 1)
        next_line = text[pos + 1 : next_line_end if next_line_end != -1 else len(text)]
        continuation = (
            prev_line.strip()
            and next_line.strip()
            and not _TERMINAL_END.search(prev_line)
            and next_line.lstrip()[:1].islower()
        )
        if not continuation:
            cuts.append(pos)
    return cuts


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences in text, whitespace trimmed."""
    cuts = set(_line_breaks(text, 0, len(text)))
    for m in _TERMINATOR.finditer(text):
        follow = _SENTENCE_START.match(text, m.end())
        if not follow or "\n" in follow.group():
            continue
        full_stop = m.group().startswith(".") and len(m.group().rstrip("\"'”’)]")) == 1
        if full_stop and is_abbreviation(text[max(0, m.start() - 12) : m.start()],
                                         _NEXT_WORD.match(text, follow.end()).group(1)):
            continue
        cuts.add(m.end())
    spans = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        span = _trim(text, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    bullet = _BULLET.match(text, start, end)
    if bullet and bullet.end() < end:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
