"""--strip-boilerplate: rewrite each article without the whole lines its boilerplate warnings name.

Every file of the run is linted (the cross-file rule sees them all), then in each file the
lines that a boilerplate finding of warning severity or above covers from their first to their
last visible character are deleted. Suggestions are never acted on, and a line with a reporting
verb or a quotation mark is always kept: it may be the article's own reporting. A blank line
left doubled by a deletion goes too. Plain text and Markdown files are stripped; HTML is left
alone (deleting a line of markup can break the page) and says so.

Files are written as --fix writes them (fixwrite.rewrite: atomic, owner and mode kept, refused if
the file is read-only or changed meanwhile); a file with nothing to strip is never written, nor one that is not valid UTF-8.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Iterable, Sequence

from .boilerplate_features import protected
from .config import Config
from .crossfile import add_cross_file_findings
from .document import Document
from .fixwrite import NotFixed, rewrite
from .markup import markup_for
from .model import Finding, Severity
from .runner import FileResult, lint_document, make_document
from .sources import SourceError, read_source


@dataclass(frozen=True)
class StripOutcome:
    result: FileResult
    removed: tuple[int, ...] = ()  # 1-based line numbers deleted


def strippable_lines(document: Document, findings: Iterable[Finding]) -> set[int]:
    """Lines wholly covered by a boilerplate warning, less those that may be reporting."""
    lines = set()
    for finding in findings:
        if finding.category != "boilerplate" or finding.severity < Severity.WARNING:
            continue
        start = document.offset(finding.line, finding.column)
        end = document.offset(finding.end_line, finding.end_column)
        for number in range(finding.line, finding.end_line + 1):
            line_start, line_end = document.line_span(number)
            content = document.text[line_start:line_end]
            if not content.strip():
                continue
            first = line_start + len(content) - len(content.lstrip())
            last = line_start + len(content.rstrip())
            if start <= first and end >= last and not protected(document.source[line_start:line_end]):
                lines.add(number)
    return lines


def remove_lines(text: str, lines: set[int]) -> str:
    """text without the given 1-based lines (and their line endings), blank lines not doubled."""
    kept: list[str] = []
    pieces = text.splitlines(keepends=True)
    for number, piece in enumerate(pieces, 1):
        if number in lines:
            continue
        if not piece.strip() and (number - 1 in lines) and (not kept or not kept[-1].strip()):
            continue  # the blank line after a deleted one, when a blank line (or the start) is before it
        kept.append(piece)
    return "".join(kept)


def strip_paths(paths: Sequence[str], config: Config, write: bool = True) -> list[StripOutcome]:
    """Lint every path as one run, then strip each file's warned boilerplate lines."""
    staged: list[tuple[FileResult, str | None, os.stat_result | None, bool]] = []
    for path in paths:
        try:
            before = os.stat(path)
            source = read_source(path)
        except (SourceError, OSError) as exc:
            message = str(exc) if isinstance(exc, SourceError) else f"{path}: cannot read: {exc.strerror or exc}"
            staged.append((FileResult(path, errors=(message,)), None, None, False))
            continue
        result = lint_document(make_document(source.text, path), config)
        result = dataclasses.replace(result, warnings=source.warnings + result.warnings)
        # bom None: undecodable bytes were replaced on reading, so writing the text back would lose them.
        staged.append((result, source.text, before, source.bom if not source.warnings else None))
    results = add_cross_file_findings([s[0] for s in staged], config)
    return [_strip_one(result, text, before, bom, config, write)
            for result, (_, text, before, bom) in zip(results, staged)]


def _strip_one(result: FileResult, text, before, bom, config: Config, write: bool) -> StripOutcome:
    if text is None:
        return StripOutcome(result)
    document = make_document(text, result.path)
    lines = strippable_lines(document, result.findings)
    if not lines:
        return StripOutcome(result)
    if bom is None:
        return StripOutcome(_note(result, "not stripped: the file is not valid UTF-8"))
    if markup_for(result.path) == "html":
        return StripOutcome(_note(result, "not stripped: boilerplate is not deleted from HTML"))
    stripped = remove_lines(text, lines)
    if write:
        try:
            rewrite(result.path, (b"\xef\xbb\xbf" if bom else b"") + stripped.encode("utf-8"), before)
        except NotFixed as exc:
            return StripOutcome(_note(result, f"not stripped: {exc}"))
        except OSError as exc:
            return StripOutcome(_note(result, f"not stripped: {exc.strerror or exc}"))
    after = lint_document(make_document(stripped, result.path), config)
    return StripOutcome(dataclasses.replace(after, warnings=result.warnings), tuple(sorted(lines)))


def _note(result: FileResult, message: str) -> FileResult:
    return dataclasses.replace(result, warnings=result.warnings + (f"{result.path}: {message}",))
