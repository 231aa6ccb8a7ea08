"""Safe autofix: apply the replacements that have one intended wording, and nothing else.

A finding is fixed only when its rule allows fixes (YAML `fix: false` or a module's
FIXABLE = False forbid them), it offers exactly one replacement, its span holds no markup that
was blanked (a link, emphasis, an entity), and it is not inside quoted speech, which an editor
changes by hand. Overlapping fixes are resolved in a fixed order: the earliest start wins, then
the longer span, then the rule id. The text is linted again after each pass, up to MAX_PASSES,
so that a second run finds nothing left to fix.

Files are written atomically (a temporary file in the same folder, then a rename) with their
permissions, UTF-8 BOM and line endings kept; a file with no fix is never written.
"""
from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .config import Config
from .document import Document
from .model import Finding
from .runner import FileResult, lint_document, make_document
from .sources import SourceError, read_source

MAX_PASSES = 10


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str


@dataclass(frozen=True)
class FixOutcome:
    """One file after fixing: the findings left, the text before and after, and how many fixes."""

    result: FileResult
    original: str = ""
    fixed: str = ""
    applied: int = 0

    @property
    def changed(self) -> bool:
        return self.applied > 0 and self.fixed != self.original


def safe_edits(document: Document, findings: Iterable[Finding], config: Config) -> Iterator[Edit]:
    for finding in findings:
        rule = config.catalogue.get(finding.rule)
        if rule is None or not rule.fixable or len(finding.replacements) != 1:
            continue
        start = document.offset(finding.line, finding.column)
        end = document.offset(finding.end_line, finding.end_column)
        replacement = finding.replacements[0]
        original = document.source[start:end]
        if original == replacement or document.text[start:end] != original or document.in_quote(start):
            continue
        yield Edit(start, end, replacement, finding.rule)


def resolve(edits: Iterable[Edit]) -> list[Edit]:
    """Non-overlapping edits, chosen in a fixed order; identical duplicates count once."""
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, -(e.end - e.start), e.rule, e.replacement)):
        if not chosen or edit.start >= chosen[-1].end and (edit.start, edit.end) != (chosen[-1].start, chosen[-1].end):
            chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces, position = [], 0
    for edit in edits:
        pieces += [text[position:edit.start], edit.replacement]
        position = edit.end
    return "".join(pieces + [text[position:]])


def fix_text(text: str, path: str, config: Config) -> tuple[str, int, FileResult]:
    """(fixed text, fixes applied, the lint result of the fixed text)."""
    applied = 0
    for _ in range(MAX_PASSES):
        document = make_document(text, path)
        result = lint_document(document, config)
        edits = resolve(safe_edits(document, result.findings, config))
        if not edits:
            return text, applied, result
        text, applied = apply_edits(text, edits), applied + len(edits)
    return text, applied, lint_document(make_document(text, path), config)


def fix_file(path: str, config: Config, write: bool) -> FixOutcome:
    """Fix one file; with write=False only compute what would change."""
    try:
        before = os.stat(path)
        source = read_source(path)
    except (SourceError, OSError) as exc:
        message = str(exc) if isinstance(exc, SourceError) else f"{path}: cannot read: {exc.strerror or exc}"
        return FixOutcome(FileResult(path, errors=(message,)))
    if source.warnings:  # undecodable bytes were replaced: writing would lose them
        result = lint_document(make_document(source.text, path), config)
        notes = source.warnings + (f"{path}: not fixed: the file is not valid UTF-8",)
        return FixOutcome(FileResult(path, result.findings, result.metrics, (), notes), source.text, source.text)
    fixed, applied, result = fix_text(source.text, path, config)
    result = FileResult(path, result.findings, result.metrics, (), source.warnings)
    outcome = FixOutcome(result, source.text, fixed, applied)
    if write and outcome.changed:
        data = source.encode(fixed)
        try:
            write_atomic(path, data, before)
        except OSError as exc:
            failed = FileResult(path, result.findings, result.metrics, (), (f"{path}: not fixed: {exc.strerror or exc}",))
            return FixOutcome(failed, source.text, source.text)
    return outcome


def write_atomic(path: str, data: bytes, before: os.stat_result) -> None:
    """Replace a file's bytes in one rename, keeping its mode; refuse if it changed since it was read."""
    target = os.path.realpath(path)  # write through a symlink, never over it
    current = os.stat(target)
    if (current.st_mtime_ns, current.st_size) != (before.st_mtime_ns, before.st_size):
        raise OSError(f"{path} changed while it was being fixed")
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".newslint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(current.st_mode))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(outcome: FixOutcome) -> str:
    path = outcome.result.path
    lines = difflib.unified_diff(outcome.original.splitlines(keepends=True), outcome.fixed.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_paths(paths: Sequence[str], config: Config, write: bool) -> list[FixOutcome]:
    return [fix_file(path, config, write) for path in paths]
