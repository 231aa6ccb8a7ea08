"""Very long plain-text files are linted in windows of whole lines, so memory stays bounded.

A Document's views (words, sentences, quotes) cost about 30 times the text, so a 100 MB file
would need 3 GiB at once. A plain-text file over WINDOW_LIMIT characters is cut into windows of
about WINDOW characters, at a blank line where there is one (else a line break, else a space),
and each window is linted on its own with CONTEXT characters of the text either side: the rules
read the context (a speaker in the paragraph before a quote, the next sentence), but only the
findings that start inside the window are kept, shifted to their place in the file. A rule that
compares parts of the file (`WHOLE_FILE`: repeated-paragraph) still runs over the whole file, and
cross-file rules collect the whole file's lines; machine-paraphrased, unlikely-collocation (whose
article prior is the window's score) and boilerplate-line (whose features include a line's place in
the document) weigh one window (with its context) at a time and the report's document figures are those of the window that scores
highest. No news article comes near the limit.
"""
from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Callable, Iterator

from .document import Document
from .model import Finding

WINDOW_LIMIT = 4_000_000
WINDOW = 1_000_000
CONTEXT = 20_000
_CUTS = ("\n\n", "\n", " ")


def windowed(document: Document) -> bool:
    return document.markup == "text" and type(document) is Document and len(document.text) > WINDOW_LIMIT


def cut(text: str, near: int, reach: int) -> int:
    """A place to cut at or before `near`, no further back than `reach`: after a blank line, a line, a space."""
    if near >= len(text):
        return len(text)
    for separator in _CUTS:
        found = text.rfind(separator, max(0, near - reach), near)
        if found != -1:
            return found + len(separator)
    return near  # one unbroken run of characters: cut anywhere


def spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each window, covering the text."""
    start = 0
    while start < len(text):
        end = cut(text, start + WINDOW, WINDOW // 2)
        yield start, end
        start = end


def lint_in_windows(document: Document, config, lint: Callable) -> object:
    """lint(piece, config) -> FileResult for every window; one FileResult for the file."""
    text, metrics, notes = document.text, {}, []
    in_windows = dataclasses.replace(config, rules=tuple(r for r in config.rules if not r.whole_file))
    whole = dataclasses.replace(config, rules=tuple(r for r in config.rules if r.whole_file))
    own = {r.id for r in whole.rules}  # the directive findings come from the windows
    findings = [f for f in lint(document, whole, collect=False).findings if f.rule in own] if own else []
    for start, end in spans(text):
        low, high = cut(text, start - CONTEXT, CONTEXT) if start else 0, cut(text, end + CONTEXT, CONTEXT)
        piece = Document(text[low:high], document.path, source=document.source[low:high])
        result = lint(piece, in_windows, collect=False)
        findings.extend(_placed(document, piece, low, start - low, end - low, result.findings))
        if result.metrics.get("score") is not None and result.metrics["score"] > metrics.get("score", -1.0):
            metrics = dict(result.metrics)  # the document figures of the window that looks worst
        notes.extend(n for n in result.warnings if n not in notes)
    metrics["words"] = document.word_count
    return dataclasses.replace(result, findings=tuple(sorted(findings)), metrics=metrics, warnings=tuple(notes),
                               collected=_collected(document, config))


def _placed(document: Document, piece: Document, low: int, keep_from: int, keep_to: int,
            found: tuple[Finding, ...]) -> Iterator[Finding]:
    """The findings that start inside the window, at their line and column in the whole file."""
    first_line, first_column = document.position(low)
    for finding in found:
        if not keep_from <= piece.offset(finding.line, finding.column) < keep_to:
            continue
        line, column = finding.line + first_line - 1, finding.column + (first_column - 1) * (finding.line == 1)
        end_line = finding.end_line + first_line - 1
        end_column = finding.end_column + (first_column - 1) * (finding.end_line == 1)
        yield dataclasses.replace(finding, line=line, column=column, end_line=end_line, end_column=end_column)


def _collected(document: Document, config) -> dict:
    """Cross-file rules read lines, the cheap part of a Document: they see the whole file."""
    return {rule.id: rule.collect(document, MappingProxyType(dict(rule.options)))
            for rule in config.rules if rule.collect is not None}
