"""What an editor integration needs, free of any protocol: configs found per folder and
reloaded when they change, one open document's findings with the fixes --fix would apply, and
conversions between code-point columns and an editor's column units.

newslint/server.py turns these into Language Server Protocol messages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, find_config, load_config
from .document import Document
from .fix import Edit, resolve, safe_edits
from .markup import markup_for
from .model import Finding
from .runner import lint_document, make_document
from .yamlfile import ConfigError

# What a language id says about markup when the file name does not (an unsaved buffer, story.txt
# opened as Markdown): the suffix that makes make_document parse it that way.
SUFFIX_BY_LANGUAGE = {"markdown": ".md", "html": ".html"}


def lint_path(path: str, language_id: str | None) -> str:
    """The path to lint a buffer under: its own, with a suffix when only the language id names the markup."""
    suffix = SUFFIX_BY_LANGUAGE.get(language_id or "")
    if suffix and markup_for(path) == "text":
        return path + suffix
    return path


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        status = os.stat(path) if path else None
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size) if status else None


@dataclass
class _Entry:
    stamp: tuple[int, int] | None
    value: Config | ConfigError


@dataclass
class ConfigCache:
    """Configs by the file they come from, found upward from each document's folder.

    Every lookup re-finds the file and compares its modification time and size, so an edited,
    added or removed config takes effect on the next lint without a restart (a few stat calls).
    `forget()` drops everything, for edits the stamp cannot see (a house rule file).
    """

    override: str | None = None  # --config: one file for every document
    _entries: dict[str | None, _Entry] = field(default_factory=dict)

    def lookup(self, folder: Path) -> tuple[Path | None, Config | ConfigError]:
        found = Path(self.override) if self.override else find_config(folder)
        key, stamp = (str(found) if found else None), _stamp(found)
        entry = self._entries.get(key)
        if entry is None or entry.stamp != stamp:
            try:
                value: Config | ConfigError = load_config(found, discover=False)
            except ConfigError as exc:
                value = exc
            entry = self._entries[key] = _Entry(stamp, value)
        return found, entry.value

    def forget(self) -> None:
        self._entries.clear()


@dataclass(frozen=True)
class Analysis:
    """One version of one buffer, linted: its findings and the fixes --fix would apply first."""

    document: Document
    findings: tuple[Finding, ...]
    config: Config
    version: int | None
    safe: frozenset[Edit]
    notes: tuple[str, ...] = ()  # a rule that could not run says why (no LanguageTool server)

    def span(self, finding: Finding) -> tuple[int, int]:
        return (self.document.offset(finding.line, finding.column),
                self.document.offset(finding.end_line, finding.end_column))

    def preferred(self, finding: Finding, replacement: str) -> bool:
        return finding.fixable and finding.replacements == (replacement,)  # marked by fix.mark_fixable

    def at(self, offset: int) -> list[Finding]:
        """Findings whose span holds the offset (its end included: the cursor just after a word)."""
        return [f for f in self.findings if self.span(f)[0] <= offset <= self.span(f)[1]]


def analyse(text: str, path: str, config: Config, version: int | None = None) -> Analysis:
    document = make_document(text, path)
    result = lint_document(document, config)
    # The edits the first pass of --fix applies: the same filter, the same overlap order.
    safe = frozenset(resolve(safe_edits(document, result.findings, config)))
    return Analysis(document, result.findings, config, version, safe, result.warnings)


def units(text: str, encoding: str) -> int:
    """The length of `text` in an editor's column units ('utf-16' is LSP's default)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def column_of_units(line: str, count: int, encoding: str) -> int:
    """The code-point column (0-based) that is `count` editor units into `line`."""
    if encoding == "utf-32":
        return min(count, len(line))
    seen = 0
    for index, char in enumerate(line):
        if seen >= count:
            return index
        seen += units(char, encoding)
    return len(line)


def line_text(document: Document, line: int) -> str:
    """A 1-based line of the original text, without its line ending."""
    start, end = document.line_span(line)
    return document.source[start:end]
