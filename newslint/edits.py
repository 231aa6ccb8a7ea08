"""The edits a finding's fix would make, which are safe, and which of them --fix's first pass applies.

The runner marks each finding it reports `fixable` from these (the text report's [*], the HTML
report); fix.py applies them pass after pass. Kept apart from fix.py so that a lint run imports
only this (fix.py's passes and their records are about 2 ms of imports a run does not need).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .config import Config
from .document import Document
from .lazyre import LazyRegex, module_patterns
from .model import Finding


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str
    original: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two edits the same fix: dropping one drops it everywhere in the file."""
        return self.rule, self.original, self.replacement


def fixable(rule) -> bool:
    return rule.fixable or rule.options.get("apply-suggestions") is True


def _safe_edit(document: Document, finding: Finding, config: Config, active: dict) -> Edit | None:
    rule = active.get(finding.rule) or config.catalogue.get(finding.rule)
    if rule is None or not fixable(rule) or len(finding.replacements) != 1:
        return None
    start = document.offset(finding.line, finding.column)
    end = document.offset(finding.end_line, finding.end_column)
    replacement = finding.replacements[0]
    original = document.source[start:end]
    if start >= end or original == replacement or document.text[start:end] != original:
        return None  # an empty span: a fix there would change text outside every reported span
    if document.in_quote(start) or document.in_quote(end - 1):
        return None
    return Edit(start, end, replacement, finding.rule, original)


def safe_edits(document: Document, findings: Iterable[Finding], config: Config) -> Iterator[Edit]:
    active = {rule.id: rule for rule in config.rules}  # as configured: the catalogue holds the defaults
    for finding in findings:
        edit = _safe_edit(document, finding, config, active)
        if edit is not None:
            yield edit


def mark_fixable(document: Document, findings: Sequence[Finding], config: Config) -> tuple[Finding, ...]:
    """The findings, with `fixable` set on those whose edit the first pass of --fix applies: the
    text report's [*] and the HTML report read this, so the decision stays here."""
    active = {rule.id: rule for rule in config.rules}
    edits = [_safe_edit(document, finding, config, active) for finding in findings]
    edits = [e if e is not None and not joins_words(document.source, e) else None for e in edits]
    if not any(edits):
        return tuple(findings)
    chosen = set(resolve(e for e in edits if e is not None))
    return tuple(dataclasses.replace(f, fixable=True) if e is not None and e in chosen else f
                 for f, e in zip(findings, edits))


def resolve(edits: Iterable[Edit]) -> list[Edit]:
    """Non-overlapping edits, chosen in a fixed order; identical duplicates count once."""
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, -(e.end - e.start), e.rule, e.replacement)):
        if not chosen or edit.start >= chosen[-1].end and (edit.start, edit.end) != (chosen[-1].start, chosen[-1].end):
            chosen.append(edit)
    return chosen


_LEFT_RUN = LazyRegex(r"\S*\Z")
_RIGHT_RUN = LazyRegex(r"\S*")
_WORD = LazyRegex(r"\w")
module_patterns(_LEFT_RUN, _RIGHT_RUN, _WORD)


def joins_words(text: str, edit: Edit) -> bool:
    """The edit leaves a word and the next with no space between them, where there was one."""
    left, right = text[max(0, edit.start - 40):edit.start], text[edit.end:edit.end + 40]
    original = text[edit.start:edit.end]

    def worded(pattern: re.Pattern, piece: str) -> bool:
        return bool(_WORD.search(pattern.search(piece).group()))

    left_seam = worded(_LEFT_RUN, left) and worded(_RIGHT_RUN, edit.replacement + right) \
        and not worded(_RIGHT_RUN, original + right)
    right_seam = worded(_RIGHT_RUN, right) and worded(_LEFT_RUN, left + edit.replacement) \
        and not worded(_LEFT_RUN, left + original)
    return left_seam or right_seam
