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

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Collection, Iterable, Iterator

from .document import Document
from .lazyre import LazyRegex, module_patterns
from .model import Finding, Severity

INVALID, UNUSED = "invalid-directive", "unused-directive"
CATEGORY = "style"  # the report allows only the seven categories; a directive is part of the copy's markup
DESCRIPTIONS = {INVALID: "A newslint directive is misspelt or names an unknown rule.",
                UNUSED: "A suppression directive suppressed nothing (reported with --report-unused)."}
KINDS = ("disable", "enable", "disable-next-line")
# Where a comment directive may start; its end is found with str.find, so that unclosed comments
# cost one scan to the end of the text, not one each. Case is ignored here, to report NEWSLINT-...
_COMMENT_START = LazyRegex(r"<!--\s*newslint", re.IGNORECASE)
_COMMENT_BODY = LazyRegex(r"(?P<kind>[\w-]*)(?P<rules>.*?)\s*\Z", re.DOTALL)
_MARKER = LazyRegex(r"newslint:[ \t]*ignore(?:\[(?P<rules>[^\]\n]*)\])?[ \t]*\r?$", re.MULTILINE)
# Anything that looks like a marker, misspelt, unclosed, upper-case or mid-line included.
_MARKER_LIKE = LazyRegex(r"(?<![\w/.-])newslint[ \t]*:[ \t]*[\w\[\]-]*", re.IGNORECASE)
_RULE_SPLIT = LazyRegex(r"[\s,]+")
_FENCE = LazyRegex(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_RAW_OPEN = LazyRegex(r"<(script|style|pre|code|textarea)\b", re.IGNORECASE)
module_patterns(_COMMENT_START, _COMMENT_BODY, _MARKER, _MARKER_LIKE, _RULE_SPLIT, _FENCE, _RAW_OPEN)
MARKER_HELP = "use 'newslint: ignore' or 'newslint: ignore[rule-id, ...]' at the end of a line"


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

    def index(self) -> None:
        """File the directives for `allows`: line directives by line, region directives per rule."""
        self._by_line: dict[int, list[Directive]] = {}
        for directive in self.items:
            if directive.kind in ("ignore", "disable-next-line"):
                self._by_line.setdefault(directive.line, []).append(directive)
        self._regions = [d for d in self.items if d.kind in KINDS[:2]]  # in text order, so by end
        self._timelines: dict[str, tuple[list[int], list[Directive]]] = {}

    def _timeline(self, rule_id: str) -> tuple[list[int], list[Directive]]:
        timeline = self._timelines.get(rule_id)
        if timeline is None:
            naming = [d for d in self._regions if d.names(rule_id)]
            timeline = self._timelines[rule_id] = ([d.end for d in naming], naming)
        return timeline

    def allows(self, rule_id: str, offset: int) -> bool:
        """False when a directive suppresses this rule at this offset (the directive is then used).

        A bisection per finding, not a scan of every directive: 10,000 markers cost no more per
        finding than ten."""
        if not self.items:
            return True
        if not hasattr(self, "_regions"):
            self.index()
        for directive in self._by_line.get(self.document.position(offset)[0], ()):
            if directive.names(rule_id):
                directive.used = True
                return False
        ends, directives = self._timeline(rule_id)
        last = bisect_right(ends, offset) - 1
        if last < 0:
            return True
        directive = directives[last]
        directive.used |= directive.kind == "disable"
        return directive.kind != "disable"

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
    source = document.source
    if "newslint" not in source and "NEWSLINT" not in source.upper():
        return found
    if document.markup == "text":
        _plain_markers(found, source, known)
    else:
        _comments(found, source, known, _code_spans(source, document.markup))
    found.index()
    return found


def _plain_markers(found: Directives, source: str, known: Collection[str]) -> None:
    markers = {m.start(): m for m in _MARKER.finditer(source)}
    for like in _MARKER_LIKE.finditer(source):
        marker = markers.get(like.start())
        if marker is not None:
            _add(found, marker.start(), marker.end(), "ignore", marker.group("rules"), known)
        else:
            found.problems.append((like.start(), like.end(), f"malformed marker {_shown(like.group())} ({MARKER_HELP})"))


def _comments(found: Directives, source: str, known: Collection[str], code: list[tuple[int, int]]) -> None:
    position = 0
    for opening in _COMMENT_START.finditer(source):
        start = opening.start()
        if start < position or _inside(code, start):  # inside an earlier comment, or in code: not a directive
            continue
        close = source.find("-->", opening.end())
        if close < 0:
            found.problems.append((start, opening.end(), "unclosed newslint comment: it has no '-->'"))
            return  # the rest of the file is inside this comment
        position = close + 3
        if opening.group()[-8:] != "newslint":
            found.problems.append((start, position, f"directives are lower case: {_shown(source[start:position])}"))
            continue
        body = _COMMENT_BODY.match(source, opening.end(), close)
        kind = body.group("kind")
        if kind[1:] not in KINDS:
            choices = ", ".join(f"newslint-{k}" for k in KINDS)
            found.problems.append((start, position, f"unknown directive {_shown('newslint' + kind)} (use {choices})"))
            continue
        _add(found, start, position, kind[1:], body.group("rules"), known)


def _add(found: Directives, start: int, end: int, kind: str, rule_text: str | None, known: Collection[str]) -> None:
    rules = frozenset(r for r in _RULE_SPLIT.split(rule_text or "") if r)
    for rule in sorted(rules - set(known)):
        found.problems.append((start, end, f"unknown rule {_shown(rule)} in a newslint directive{_hint(rule, tuple(known))}"))
    line = found.document.position(end)[0]
    found.items.append(Directive(kind, rules, start, end, line + (kind == "disable-next-line")))


@lru_cache(maxsize=1024)
def _hint(rule: str, known: tuple[str, ...]) -> str:
    import difflib  # here, not at the top: only an unknown rule name needs it

    close = difflib.get_close_matches(rule, known, n=1) if len(rule) <= 60 else []
    return f" (did you mean '{close[0]}'?)" if close else ""


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:57]}...'" if len(text) > 60 else f"'{text}'"


def _code_spans(source: str, markup: str) -> list[tuple[int, int]]:
    """Sorted spans of code, where a comment is an example and no directive: Markdown fences, and
    script, style, pre, code and textarea elements (raw blocks in Markdown, elements in HTML)."""
    spans = _fences(source) if markup == "markdown" else []
    lowered, position = source.lower(), 0
    for opening in _RAW_OPEN.finditer(source):
        if opening.start() < position:
            continue
        close = lowered.find(f"</{opening.group(1).lower()}", opening.end())
        position = len(source) if close < 0 else close
        spans.append((opening.start(), position))
    return sorted(spans)


def _fences(source: str) -> list[tuple[int, int]]:
    spans, opening = [], None
    for fence in _FENCE.finditer(source):
        marker = fence.group(1)
        if opening is None:
            opening = fence
        elif marker[0] == opening.group(1)[0] and len(marker) >= len(opening.group(1)):
            spans.append((opening.start(), fence.end()))
            opening = None
    if opening is not None:  # an unclosed fence runs to the end, as in CommonMark
        spans.append((opening.start(), len(source)))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def blank_markers(text: str) -> str:
    """Plain text with its `newslint: ignore[...]` markers blanked, so no rule reads them."""
    if "newslint:" not in text:
        return text
    return _MARKER.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)


def keep(directives: Directives, rule_id: str, hits: Iterable) -> Iterator:
    """The hits of a rule that no directive suppresses."""
    return (hit for hit in hits if directives.allows(rule_id, hit.start))
