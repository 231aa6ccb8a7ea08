"""Which lines a line rule can match at all, found for every line rule in one pass over the text.

Line rules (the `line` kind) fullmatch each line against their patterns, and on news copy almost
no line matches; patterns that open with `.{0,120}` or a lookahead cost several microseconds a
line each. But a match of most patterns must contain one of a few literal words ("newsletter",
"subscribe", "inbox"): read from the parsed pattern, lowercased, these are the rule's needles. One
Aho-Corasick pass over the lowered text finds every needle of every rule; a line that holds none
of a rule's needles is not tried against that rule's patterns. In a rule with a pattern that
needs no literal, or only a very short one (a space, a colon) that is everywhere, that pattern is
tried on every line, and so are the others that open with a literal (they fail at the first
character, in C); only its patterns that open anywhere (".{0,80}...", a lookahead) are filtered by
their needles (yamlkinds._split).
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any

try:
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

try:
    import ahocorasick
except ImportError:  # pragma: no cover
    ahocorasick = None

SHORTEST = 3  # a needle shorter than this ("b", ":") is in nearly every line: no use as a filter


def needles(patterns) -> frozenset[str] | None:
    """Lowercase literals one of which every match of one of the patterns contains; None if unknown."""
    found: set[str] = set()
    for pattern in patterns:
        try:
            part = _needles(list(_p.parse(pattern.pattern, pattern.flags)))
        except Exception:  # a private API: without it, no filter
            return None
        if part is None or min(map(len, part)) < SHORTEST or not all(map(_folds_plainly, part)):
            return None
        found |= part
    return frozenset(found) if found else None


def _needles(items: list) -> set[str] | None:
    """A set of literals one of which occurs in every match of the sequence (the most selective)."""
    options, run = [], ""
    for op, value in items + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(value)
            continue
        if run:
            options.append({run.lower()})
            run = ""
        if op is _c.SUBPATTERN:
            options.append(_needles(list(value[-1])))
        elif op is _c.BRANCH:
            parts = [_needles(list(branch)) for branch in value[1]]
            options.append(None if any(p is None for p in parts) else set().union(*parts))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and value[0] >= 1:
            options.append(_needles(list(value[2])))
        elif op is _c.ASSERT and value[0] == 1:  # a lookahead that must match
            options.append(_needles(list(value[1])))
        elif op is _c.IN and all(kind is _c.LITERAL for kind, _ in value):
            options.append({chr(code).lower() for _, code in value})  # [©ⓒ]
    options = [o for o in options if o]
    return max(options, key=lambda o: min(map(len, o))) if options else None


def opens_anywhere(pattern) -> bool:
    """Whether a match can open with any character (".{0,80}...", a lookahead): such a pattern reads
    into every line it is tried on, where one opening with a literal fails at the first character."""
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # a private API: without it, say no (the pattern is tried on every line)
        return False
    if not items:
        return False
    op, value = items[0]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        op = list(value[2])[0][0] if len(value[2]) else None
    return op in (_c.ANY, _c.ASSERT)


def _folds_plainly(needle: str) -> bool:
    """Whether lowering is all IGNORECASE does to the needle: ASCII (Document.folded excludes the
    four letters IGNORECASE folds to ASCII) or caseless characters such as ©."""
    return all(c.isascii() or c.lower() == c.upper() for c in needle)


def holds(hits: list[int], start: int, end: int) -> bool:
    """Whether a needle starts in [start, end) (hits sorted)."""
    index = bisect_left(hits, start)
    return index < len(hits) and hits[index] < end


class Needles:
    """The needles of a config's line rules, as one automaton; `lines(document)` once per document."""

    def __init__(self, checks: list[Any]):
        self.rules = {c.style.rule: c.needles for c in checks if c.needles}
        self._automaton = None
        self._owners: dict[str, tuple[str, ...]] | None = None  # needle -> the rules it filters for

    def automaton(self):
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for needle in {n for found in self.rules.values() for n in found}:
                automaton.add_word(needle, needle)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def hits(self, document: Any, rule: str) -> list[int] | None:
        """Sorted offsets where one of the rule's needles starts; None: no filter for this text."""
        cache = document.__dict__.setdefault("_needle_hits", {})
        if id(self) not in cache:
            cache[id(self)] = self._find(document) if self.rules and ahocorasick else None
        found = cache[id(self)]
        return None if found is None else found.get(rule)

    def _find(self, document: Any) -> dict[str, list[int]] | None:
        folded = document.folded  # offsets of the lowered text are the text's
        if folded is None:
            return None
        by_needle: dict[str, list[int]] = {}
        for end, needle in self.automaton().iter(folded):
            by_needle.setdefault(needle, []).append(end - len(needle) + 1)
        # From the needles found (a few per text), not from every needle of every rule (73).
        found: dict[str, list[int]] = {rule: [] for rule in self.rules}
        owners = self._needle_owners()
        for needle, offsets in by_needle.items():
            for rule in owners[needle]:
                found[rule].extend(offsets)
        for offsets in found.values():
            offsets.sort()
        return found

    def _needle_owners(self) -> dict[str, tuple[str, ...]]:
        if self._owners is None:
            owners: dict[str, list[str]] = {}
            for rule, needles in self.rules.items():
                for needle in needles:
                    owners.setdefault(needle, []).append(rule)
            self._owners = {needle: tuple(rules) for needle, rules in owners.items()}
        return self._owners
