"""lint(document, config) -> sorted findings; files in parallel worker processes."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Sequence

from . import suppress, userregex, windows
from .baseline import fingerprint
from .config import Config, load_config
from .document import Document
from .lazyre import LazyRegex, module_patterns
from .markup import BlockDocument, convert, markup_for
from .model import Finding, Rule, RuleUnavailable, Severity
from .sources import Source, SourceError, read_source


@dataclass(frozen=True)
class FileResult:
    """Everything the reporters need about one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()  # the file could not be linted
    warnings: tuple[str, ...] = ()  # it was linted, but something about it deserves a word
    collected: dict[str, Any] = field(default_factory=dict)  # cross-file rules' data, by rule id
    source: str = field(default="", repr=False)  # the text as read, for reports that show it


_LONE_CR = LazyRegex(r"\r(?!\n)")
_SURROGATE = LazyRegex("[\ud800-\udfff]")
module_patterns(_LONE_CR, _SURROGATE)
_NO_OPTIONS: MappingProxyType = MappingProxyType({})  # shared by the many YAML rules without options


def make_document(text: str, path: str, markup: str | None = None) -> Document:
    """The Document for a file: plain text as it is, Markdown and HTML (by suffix, unless `markup`
    names one) with what is not prose blanked to spaces; either way, offsets are those of the original text."""
    markup = markup or markup_for(path)
    text = _lone_cr_to_lf(text)
    if markup == "text":
        return Document(suppress.blank_markers(text), path, source=text)
    prose, paragraphs = convert(text, markup)
    if paragraphs is not None:  # HTML and Markdown mark paragraphs with tags and blocks, not blank lines
        return BlockDocument(prose, path, text, markup, paragraphs)
    return Document(prose, path, source=text, markup=markup)


def _lone_cr_to_lf(text: str) -> str:
    """Old Mac line endings (CR alone) as LF: the same length, so offsets and columns are unchanged,
    while every line-based view (lines, paragraphs, sentences) sees the lines the file has."""
    if "\r" not in text:
        return text
    return _LONE_CR.sub("\n", text)


def _add_findings(document: Document, rule: Rule, hits: Iterable, findings: list[Finding]) -> None:
    # Appends, rather than yielding into a list: most rules find nothing in most documents, and a
    # generator and a list for each of 60,000 rule runs on BBC cost more than the loop.
    for hit in hits:
        line, column, end_line, end_column = document.span_position(hit.start, hit.end)
        severity = Severity(max(Severity.SUGGESTION, rule.severity - hit.demote)) if hit.demote else rule.severity
        findings.append(Finding(document.path, line, column, end_line, end_column, rule.id, rule.category,
                                severity, hit.message, tuple(hit.replacements),
                                fingerprint(document, rule.id, hit.start, hit.end)))


@dataclass
class _Run:
    """What one document's rules produce, gathered as they run."""

    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    collected: dict[str, Any] = field(default_factory=dict)


def lint_document(document: Document, config: Config) -> FileResult:
    """Run every active rule on a document: text rules first, then summary rules that see their findings.

    A very long plain-text file is linted in windows (windows.py), so its memory stays bounded."""
    if windows.windowed(document):
        return windows.lint_in_windows(document, config, _lint_whole)
    return _lint_whole(document, config)


def _lint_whole(document: Document, config: Config, collect: bool = True) -> FileResult:
    run = _Run(metrics={"words": document.word_count})
    directives = suppress.parse(document, config.catalogue)
    for stage in ("text", "summary"):
        for rule in config.rules:
            if rule.stage == stage:
                _run_rule(document, rule, directives, run, collect)
    report_unused = bool(config.sections.get("suppress", {}).get("report-unused"))
    run.findings.extend(directives.findings({r.id for r in config.rules}, report_unused))
    from .edits import mark_fixable  # here, not at the top: edits.py builds on this module (through config)

    findings = mark_fixable(document, sorted(run.findings), config)
    return FileResult(document.path, findings, run.metrics, warnings=tuple(run.notes),
                      collected=run.collected, source=document.source)


def _run_rule(document: Document, rule: Rule, directives: Any, run: _Run, collect: bool) -> None:
    options = MappingProxyType(dict(rule.options)) if rule.options else _NO_OPTIONS
    args = (document, options) if rule.stage == "text" else (document, options, tuple(run.findings))
    found: list[Finding] = []  # a rule that fails part way adds none of its findings
    outer = userregex.start_budget()
    try:
        hits = rule.check(*args)
        if directives.items:  # most files have no directive: nothing to filter
            hits = suppress.keep(directives, rule.id, hits)
        _add_findings(document, rule, hits, found)
    except RuleUnavailable as exc:  # e.g. no LanguageTool server: skip the rule, say why
        run.notes.append(f"newslint: {exc}")
        return
    except userregex.RegexTimeout as exc:  # a user's regex backtracking: skip the rule for this file
        run.notes.append(f"{document.path}: rule {rule.id} skipped: {exc}")
        return
    finally:
        userregex.end_budget(outer)
    run.findings.extend(found)
    if rule.measure is not None:
        run.metrics.update(rule.measure(*args))
    if rule.collect is not None and collect:
        run.collected[rule.id] = rule.collect(document, options)


@lru_cache(maxsize=1)
def _builtin_config() -> Config:
    return load_config(discover=False)


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Lint a string; pure: no I/O beyond loading the built-in config once when none is given."""
    config = config if config is not None else _builtin_config()
    # A str may hold lone surrogates that no file could (files are decoded with errors replaced);
    # U+FFFD in their place keeps every offset, and every encoder downstream works.
    text = _SURROGATE.sub("\ufffd", text)
    return list(lint_document(make_document(text, path), config).findings)


def lint_source(source: Source, config: Config, document: Document | None = None) -> FileResult:
    """The file's result, its reading warnings first; `document`: the source's, if already made."""
    result = lint_document(document if document is not None else make_document(source.text, source.path), config)
    return dataclasses.replace(result, warnings=source.warnings + result.warnings)


def lint_file(path: str, config: Config) -> FileResult:
    source = _read(path)
    return source if isinstance(source, FileResult) else lint_source(source, config)


def _read(path: str) -> Source | FileResult:
    """The file's Source, or the FileResult of a file that cannot be read."""
    try:
        return read_source(path)
    except SourceError as exc:
        return FileResult(path if path != "-" else "<stdin>", errors=(str(exc),))


# A batch of files read ahead for the spin scan (swaps.prepare): at most this many, or this much text.
BATCH_FILES, BATCH_CHARS = 32, 1 << 20


def _lint_batched(paths: Sequence[str], config: Config) -> Iterator[FileResult]:
    """lint_file of each path in turn, each result handed on before the next file is read; but once the
    spin scan runs over arrays (a rule that reads it is on, and the process has scanned enough to pay for
    numpy: swaps.batching()), the files are read a batch ahead and the scan is handed the batch first
    (swaps.prepare scores a batch's spans at once). Windowed files are left to their windows' own scans."""
    if not paths:
        return
    from . import swaps  # here: the rules that use it import it anyway, a run answered from the cache need not

    scanned = any(rule.id in swaps.SCANNED_BY for rule in config.rules)
    at = 0
    while at < len(paths) and not (scanned and swaps.batching()):
        yield lint_file(paths[at], config)
        at += 1
    batch: list[tuple[Source | FileResult, Document | None]] = []
    size = 0
    for k in range(at, len(paths)):
        source = _read(paths[k])
        document = None if isinstance(source, FileResult) else make_document(source.text, source.path)
        batch.append((source, document))
        size += len(document.text) if document is not None else 0
        if len(batch) < BATCH_FILES and size < BATCH_CHARS and k + 1 < len(paths):
            continue
        swaps.prepare([d.text for _, d in batch if d is not None and not windows.windowed(d)])
        yield from _lint_read(batch, config)
        batch, size = [], 0


def _lint_read(batch: list[tuple[Source | FileResult, Document | None]], config: Config) -> Iterator[FileResult]:
    for source, document in batch:
        yield source if document is None else lint_source(source, config, document)


_WORKER_CONFIG: Config | None = None
_WARM_UP = "The minister said on Monday that officials would meet with union leaders in the coming days.\n"


def _init_worker(config: Config) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def _lint_in_worker(paths: list[str]) -> list[FileResult]:
    assert _WORKER_CONFIG is not None
    return list(_lint_batched(paths, _WORKER_CONFIG))


def default_jobs(file_count: int) -> int:
    # Worker start-up costs more than it saves on a handful of files.
    return 1 if file_count < 64 else min(4, os.cpu_count() or 1)


def worker_count(requested: int | None, file_count: int) -> int:
    """Workers to start: more than the CPUs or the files would only cost memory and start-up time."""
    return max(1, min(requested or default_jobs(file_count), os.cpu_count() or 1, file_count))


def lint_paths(paths: Sequence[str], config: Config, jobs: int | None = None) -> Iterator[FileResult]:
    """Lint files, in parallel when there are many, yielding results in the order given."""
    jobs = worker_count(jobs, len(paths))
    if jobs <= 1 or "-" in paths:
        yield from _lint_batched(paths, config)
        return
    import multiprocessing  # here: a one-process run should not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        # Load the lazily loaded tables (word statistics, syllable dictionary) once, here, so that
        # every forked worker shares them instead of loading its own copy.
        lint_document(make_document(_WARM_UP, "<warm-up>"), config)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        # 16 files a task, as chunksize=16 sent them, now as one list: a worker scans them as a batch.
        for results in pool.map(_lint_in_worker, [paths[at:at + 16] for at in range(0, len(paths), 16)]):
            yield from results
