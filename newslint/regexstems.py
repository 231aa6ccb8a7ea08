"""The literal word starts of a regex phrase entry, so the phrase automaton can find it too.

A regex entry whose first word is not a plain word ("underlines? the complexity",
"navigat(?:e|ing) the", "(?:a\\s+)?highly volatile") has no literal anchor, and such entries were
found by one zero-width scan at every word start of every text: nine of them cost as much as the
automaton pass over 1,500 phrases. Every match of such a regex starts with one of a few literal
stems ("underline"; "navigat"; "a" or "highly"), read from the parsed pattern; the automaton
finds where a stem starts a word, and only there is the entry tried. A pattern that can start
otherwise (a class, a dot, an optional whole) has no stems and keeps the scan.
"""
from __future__ import annotations

import re

try:  # the parser behind re.compile (its tree says which literals a match must start with)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def stems(pattern: re.Pattern) -> tuple[str, ...]:
    """Lowercase word-character stems one of which starts every match; () when unknown."""
    try:
        found = _stems(list(_p.parse(pattern.pattern, pattern.flags)), 0)
    except Exception:  # a private API: without it the entry keeps the scan, as before
        return ()
    return tuple(sorted(found)) if found else ()


def _stems(items: list, index: int) -> set[str] | None:
    """Stems of the sequence items[index:]; None if a match could start with something else."""
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        index += 1  # the entry's own (?<!\w) and the like: they match no character
    if index == len(items):
        return None
    op, value = items[index]
    if op is _c.LITERAL:
        word = ""
        while index < len(items) and items[index][0] is _c.LITERAL and _word_char(chr(items[index][1])):
            word += chr(items[index][1])
            index += 1
        return {word.lower()} if word else None
    if op is _c.SUBPATTERN:
        return _stems(list(value[-1]), 0)
    if op is _c.BRANCH:
        return _union(_stems(list(branch), 0) for branch in value[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, body = value
        inner = _stems(list(body), 0)
        return inner if low >= 1 else _union([inner, _stems(items, index + 1)])
    return None


def _union(parts) -> set[str] | None:
    found: set[str] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return found


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def required_literal(pattern: re.Pattern) -> str:
    """The longest run of ASCII characters, lowercased, that every match of the pattern holds; "" if none.

    A stem as short as "a" (the optional "a" of "(?:a\\s+)?highly volatile") starts a word at
    every few words of news copy: such an entry is tried only in a text that holds this literal."""
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # a private API: without it the entry is never gated
        return ""
    runs, run = [], ""
    for op, value in _inline(items):
        if op is _c.LITERAL and value < 128:
            run += chr(value)
        else:
            runs.append(run)
            run = ""
    return max(runs + [run], key=len).lower()


def _inline(items: list):
    """The nodes of a sequence with its plain groups (one branch, no repeat) spliced in, in order."""
    for op, value in items:
        if op is _c.SUBPATTERN:
            yield from _inline(list(value[-1]))
        else:
            yield op, value
