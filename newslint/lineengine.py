"""One pass over the lines for every line rule (the `line` kind), instead of one pass per rule.

Eleven boilerplate rules each tested every line of every file with their own regex: on news
copy almost no line matches any of them. The engine tests each line once against the union of
all their patterns (each rule's flags scoped to its branch) and looks the normalised line up in
one table of every rule's literal lines; only a line the union matches is tried rule by rule.
A rule whose patterns cannot join the union (a backreference, a pattern that does not combine)
keeps testing its own lines.
"""
from __future__ import annotations

import re
from typing import Any

_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def joinable(check: Any) -> bool:
    """Whether a line rule's patterns can go into the union: one combined regex, no backreference."""
    if not check.patterns:
        return True
    combined = check.combined
    return (combined is not None and combined.flags & ~(re.IGNORECASE | re.UNICODE) == 0
            and not _BACKREFERENCE.search(combined.pattern))


class LineEngine:
    """The line rules of one config; `matches(document, table)` is computed once per document."""

    def __init__(self, checks: list[Any]):
        self.checks = checks
        self.literals: dict[str, list[str]] = {}
        for check in checks:
            for line in check.literals:
                self.literals.setdefault(line, []).append(check.style.rule)
        self._union: tuple[re.Pattern | None] | None = None

    def union(self) -> re.Pattern | None:
        """Compiled on first use (a cached config compiles nothing it does not need)."""
        if self._union is None:
            branches = [f"(?{'i' if c.combined.flags & re.IGNORECASE else '-i'}:{c.combined.pattern})"
                        for c in self.checks if c.patterns]
            try:
                self._union = (re.compile("|".join(branches)) if branches else None,)
            except re.error:  # e.g. two rules naming a group alike: test each rule on its own
                self._union = (re.compile(""),)
        return self._union[0]

    def matches(self, document: Any, table: tuple) -> dict[str, list[tuple[int, str]]]:
        """rule id -> (start, stripped line) of each line it flags, in line order."""
        cache = document.__dict__.setdefault("_line_matches", {})
        if id(self) in cache:
            return cache[id(self)]
        union, found = self.union(), {}
        for begin, stripped, key in table:
            rules = list(self.literals.get(key, ()))
            if union is not None and union.fullmatch(stripped):
                rules += [c.style.rule for c in self.checks if c.patterns and c.style.rule not in rules
                          and c.combined.fullmatch(stripped)]
            for rule in dict.fromkeys(rules):
                found.setdefault(rule, []).append((begin, stripped))
        cache[id(self)] = found
        return found
