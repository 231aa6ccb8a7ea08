"""Suppression directives: switch rules off for a region, a line, or the next line.

Markdown and HTML use comments:

    <!-- newslint-disable -->                     every rule, until an enable
    <!-- newslint-disable spun-phrases, doubled-word -->
    <!-- newslint-enable -->                      every rule again (or name some)
    <!-- newslint-disable-next-line spun-phrases -->

Plain text uses a marker at the end of a line, which suppresses findings on that line:

    He will fulfill with the minister.  newslint: ignore[spun-phrases]

A finding is suppressed by the last disable or enable before it that names its rule (or names
no rule). A directive that names an unknown rule, or a comment that starts like a directive but
is none, is reported as `invalid-directive`; with --report-unused (or `suppress: {report-unused:
true}` in the config) a suppression that suppressed nothing is reported as `unused-directive`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Collection, Iterable, Iterator

from .document import Document
from .model import Finding, Severity

INVALID, UNUSED = "invalid-directive", "unused-directive"
CATEGORY = "style"  # the report allows only the seven categories; a directive is part of the copy's markup
DESCRIPTIONS = {INVALID: "A newslint directive is misspelt or names an unknown rule.",
                UNUSED: "A suppression directive suppressed nothing (reported with --report-unused)."}
KINDS = ("disable", "enable", "disable-next-line")
_COMMENT = re.compile(r"<!--\s*newslint(?P<kind>[\w-]*)(?P<rules>(?:(?!-->).)*?)\s*-->", re.DOTALL)
_MARKER = re.compile(r"newslint:[ \t]*ignore(?:\[(?P<rules>[^\]\n]*)\])?[ \t]*\r?$", re.MULTILINE)
_RULE_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, or ignore (a plain-text line marker)
    rules: frozenset[str]  # empty: every rule
    start: int
    end: int
    line: int  # the line it suppresses (ignore, disable-next-line); else the line it is on
    used: bool = False

    def names(self, rule_id: str) -> bool:
        return not self.rules or rule_id in self.rules


@dataclass
class Directives:
    """The directives of one document, and the problems found while reading them."""

    document: Document
    items: list[Directive] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, message)

    def allows(self, rule_id: str, offset: int) -> bool:
        """False when a directive suppresses this rule at this offset (the directive is then used)."""
        if not self.items:
            return True
        line = self.document.position(offset)[0]
        for directive in self.items:
            if directive.kind in ("ignore", "disable-next-line") and directive.line == line and directive.names(rule_id):
                directive.used = True
                return False
        for directive in reversed(self.items):
            if directive.kind in KINDS[:2] and directive.end <= offset and directive.names(rule_id):
                directive.used |= directive.kind == "disable"
                return directive.kind != "disable"
        return True

    def findings(self, active: Collection[str], report_unused: bool) -> Iterator[Finding]:
        """invalid-directive findings, and unused-directive ones when asked."""
        from .baseline import fingerprint

        reports = list(self.problems)
        if report_unused:
            reports += [(d.start, d.end, f"unused suppression: {_quoted(self.document, d)} suppressed nothing")
                        for d in self.items if _is_unused(d, active)]
        for start, end, message in reports:
            rule = INVALID if not message.startswith("unused") else UNUSED
            position = self.document.span_position(start, end)
            yield Finding(self.document.path, *position, rule, CATEGORY, Severity.WARNING, message,
                          fingerprint=fingerprint(self.document, rule, start, end))


def _is_unused(directive: Directive, active: Collection[str]) -> bool:
    if directive.used or directive.kind == "enable":
        return False
    return not directive.rules or any(rule in active for rule in directive.rules)


def _quoted(document: Document, directive: Directive) -> str:
    text = " ".join(document.source[directive.start:directive.end].split())
    return f"'{text[:77]}...'" if len(text) > 80 else f"'{text}'"


def parse(document: Document, known: Collection[str]) -> Directives:
    """Read a document's directives; rule ids not in `known` become problems."""
    found = Directives(document)
    if "newslint" not in document.source:
        return found
    if document.markup == "text":
        matches = ((m, "ignore") for m in _MARKER.finditer(document.source))
    else:
        matches = ((m, m.group("kind")[1:]) for m in _COMMENT.finditer(document.source))
    for match, kind in matches:
        directive = _directive(found, match, kind, known)
        if directive is not None:
            found.items.append(directive)
    return found


def _directive(found: Directives, match: re.Match, kind: str, known: Collection[str]) -> Directive | None:
    start, end = match.span()
    if kind not in KINDS + ("ignore",):
        choices = ", ".join(f"newslint-{k}" for k in KINDS)
        found.problems.append((start, end, f"unknown directive 'newslint{match.group('kind')}' (use {choices})"))
        return None
    rules = frozenset(r for r in _RULE_SPLIT.split(match.group("rules") or "") if r)
    for rule in sorted(rules - set(known)):
        close = difflib.get_close_matches(rule, list(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        found.problems.append((start, end, f"unknown rule '{rule}' in a newslint directive{hint}"))
    line = found.document.position(end)[0]
    return Directive(kind, rules, start, end, line + (kind == "disable-next-line"))


def blank_markers(text: str) -> str:
    """Plain text with its `newslint: ignore[...]` markers blanked, so no rule reads them."""
    if "newslint:" not in text:
        return text
    return _MARKER.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)


def keep(directives: Directives, rule_id: str, hits: Iterable) -> Iterator:
    """The hits of a rule that no directive suppresses."""
    return (hit for hit in hits if directives.allows(rule_id, hit.start))
