"""Cross-file rules: after every file of a run is linted, each such rule sees what it collected from all of them.

A rule with `collect` gathers a small value per file while the file is linted (in a worker
process, so the value must be picklable and cheap); its `finish` then receives every file's value
and names the lines to report. This is how a line repeated across many files of one run is
found (cross-file-boilerplate). A single text (lint_text, standard input alone) has no run to
compare with, so these rules report nothing there.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any, Mapping, Sequence

from .config import Config
from .model import Finding
from .runner import FileResult


def cross_file_findings(gathered: Mapping[str, Sequence[tuple[str, Any]]], config: Config) -> dict[str, list[Finding]]:
    """Every active cross-file rule's findings, by path, from what it collected: rule id -> [(path, value)]
    for each file that has a value, in run order (a folder run's spool.Gathered reads them from disk)."""
    extra: dict[str, list[Finding]] = defaultdict(list)
    for rule in config.rules:
        if rule.finish is None:
            continue
        for path, line, column, end_line, end_column, message in rule.finish(gathered.get(rule.id, []), rule.options):
            extra[path].append(Finding(path, line, column, end_line, end_column, rule.id, rule.category,
                                       rule.severity, message))
    return extra


def add_cross_file_findings(results: Sequence[FileResult], config: Config) -> list[FileResult]:
    """The results with every active cross-file rule's findings added to their files."""
    results = list(results)
    gathered: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for result in results:
        for rule_id, value in result.collected.items():
            gathered[rule_id].append((result.path, value))
    extra = cross_file_findings(gathered, config)
    return [dataclasses.replace(r, findings=tuple(sorted(r.findings + tuple(extra[r.path]))))
            if r.path in extra else r for r in results]
