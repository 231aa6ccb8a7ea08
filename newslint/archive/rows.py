"""Linting archive records into rows: one per finding, one per document. No Dask here.

The archive's cross-file step is split in two so that it streams. `scan` collects the lines of
each document as cross-file-boilerplate does in a folder run and keeps only a shard's
candidates; `count` counts those candidates exactly over the archive; `lint_record` then reports
the lines found in enough documents, with the same message a folder run gives.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..checks import cross_file_boilerplate as cfb
from ..config import Config
from ..model import Finding, Rule
from ..runner import lint_document, make_document
from .records import Record

CROSS_FILE = cfb.ID
FINDING_COLUMNS = ("id", "url", "rule", "category", "severity", "line", "column", "end_line", "end_column",
                   "message", "replacements")
DOCUMENT_COLUMNS = ("id", "url", "shard", "record", "words", "score", "verdict", "error")


@dataclass(frozen=True)
class Repeated:
    """The lines found in enough documents of the archive: key -> documents, out of `total`."""

    counts: Mapping[bytes, int] = field(default_factory=dict)
    total: int = 0


NOTHING_REPEATED = Repeated()


def cross_file_rule(config: Config) -> Rule | None:
    return config.rule(CROSS_FILE)


def _line_keys(record: Record, rule: Rule) -> set[bytes]:
    document = make_document(record.text, record.id, record.markup)
    return {row[0] for row in cfb.unpack(rule.collect(document, rule.options))}


def scan(records: Iterable[Record], config: Config) -> tuple[int, Counter]:
    """(good documents, candidate line keys with their counts) for one shard or part.

    A line in at least min-share of the archive's documents is in at least min-share of some
    shard's documents, so the keys below that share in a shard can be dropped there: what is sent
    back stays small however many distinct lines the shard has.
    """
    rule = cross_file_rule(config)
    counts: Counter = Counter()
    good = 0
    for record in records:
        if record.text is not None and rule is not None:
            good += 1
            counts.update(_line_keys(record, rule))
    if rule is None:
        return good, Counter()
    floor = rule.options["min-share"] * good
    return good, Counter({key: n for key, n in counts.items() if n >= floor})


def count(records: Iterable[Record], config: Config, candidates: frozenset) -> Counter:
    """How many of these documents have each candidate line."""
    rule = cross_file_rule(config)
    counts: Counter = Counter()
    for record in records:
        if record.text is not None and rule is not None:
            counts.update(_line_keys(record, rule) & candidates)
    return counts


def repeated(config: Config, counts: Counter, total: int) -> Repeated:
    rule = cross_file_rule(config)
    if rule is None:
        return Repeated()
    floor = cfb.needed(rule.options, total)
    return Repeated({key: n for key, n in counts.items() if n >= floor}, total)


def lint_record(record: Record, config: Config, lines: Repeated | None = None) -> tuple[dict, list[dict]]:
    """(document row, finding rows) for one record; a bad record gets its error and no findings."""
    if record.text is None:
        return document_row(record, {}, record.error), []
    result = lint_document(make_document(record.text, record.id, record.markup), config)
    findings = list(result.findings)
    rule = cross_file_rule(config)
    if rule is not None and lines is not None and lines.counts and CROSS_FILE in result.collected:
        for _, line, column, end_line, end_column, message in cfb.report(
                record.id, result.collected[CROSS_FILE], lines.counts, lines.total):
            findings.append(Finding(record.id, line, column, end_line, end_column, rule.id, rule.category,
                                    rule.severity, message))
        findings.sort()
    return document_row(record, result.metrics, None), [finding_row(record, f) for f in findings]


def document_row(record: Record, metrics: Mapping[str, Any], error: str | None) -> dict:
    verdict = metrics.get("verdict")
    score = metrics.get("score")
    return {"id": record.id, "url": record.url, "shard": record.shard, "record": record.number,
            "words": int(metrics.get("words", 0)), "score": None if score is None else float(score),
            "verdict": None if verdict is None else bool(verdict), "error": error}


def finding_row(record: Record, finding: Finding) -> dict:
    return {"id": record.id, "url": record.url, "rule": finding.rule, "category": finding.category,
            "severity": str(finding.severity), "line": finding.line, "column": finding.column,
            "end_line": finding.end_line, "end_column": finding.end_column, "message": finding.message,
            "replacements": list(finding.replacements)}
