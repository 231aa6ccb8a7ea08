"""lint(document, config) -> sorted findings; files in parallel worker processes."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Sequence

from .config import Config, load_config
from .document import Document
from .model import Finding, Rule
from .sources import Source, SourceError, read_source


@dataclass(frozen=True)
class FileResult:
    """Everything the reporters need about one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()  # the file could not be linted
    warnings: tuple[str, ...] = ()  # it was linted, but something about it deserves a word


_NO_OPTIONS: MappingProxyType = MappingProxyType({})  # shared by the many YAML rules without options


def make_document(text: str, path: str) -> Document:
    """The Document for a file: plain text as it is (markup formats blank what is not prose)."""
    return Document(text, path)


def _findings(document: Document, rule: Rule, hits: Iterable) -> Iterator[Finding]:
    for hit in hits:
        line, column, end_line, end_column = document.span_position(hit.start, hit.end)
        yield Finding(document.path, line, column, end_line, end_column, rule.id, rule.category,
                      rule.severity, hit.message, tuple(hit.replacements))


def lint_document(document: Document, config: Config) -> FileResult:
    """Run every active rule on a document: text rules first, then summary rules that see their findings."""
    findings: list[Finding] = []
    metrics: dict[str, Any] = {"words": document.word_count}
    for stage in ("text", "summary"):
        for rule in config.rules:
            if rule.stage != stage:
                continue
            options = MappingProxyType(dict(rule.options)) if rule.options else _NO_OPTIONS
            args = (document, options) if stage == "text" else (document, options, tuple(findings))
            findings.extend(_findings(document, rule, rule.check(*args)))
            if rule.measure is not None:
                metrics.update(rule.measure(*args))
    return FileResult(document.path, tuple(sorted(findings)), metrics)


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Lint a string; pure: no I/O beyond loading the default config when none is given."""
    config = config if config is not None else load_config(discover=False)
    return list(lint_document(make_document(text, path), config).findings)


def lint_source(source: Source, config: Config) -> FileResult:
    result = lint_document(make_document(source.text, source.path), config)
    return FileResult(result.path, result.findings, result.metrics, (), source.warnings)


def lint_file(path: str, config: Config) -> FileResult:
    try:
        source = read_source(path)
    except SourceError as exc:
        return FileResult(path if path != "-" else "<stdin>", errors=(str(exc),))
    return lint_source(source, config)


_WORKER_CONFIG: Config | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def _lint_in_worker(path: str) -> FileResult:
    assert _WORKER_CONFIG is not None
    return lint_file(path, _WORKER_CONFIG)


def default_jobs(file_count: int) -> int:
    # Worker start-up costs more than it saves on a handful of files.
    return 1 if file_count < 64 else min(4, os.cpu_count() or 1)


def lint_paths(paths: Sequence[str], config: Config, jobs: int | None = None) -> Iterator[FileResult]:
    """Lint files, in parallel when there are many, yielding results in the order given."""
    jobs = jobs or default_jobs(len(paths))
    if jobs <= 1 or "-" in paths:
        for path in paths:
            yield lint_file(path, config)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        yield from pool.map(_lint_in_worker, paths, chunksize=16)
