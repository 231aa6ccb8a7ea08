"""Run every rule's own fail and pass examples: each fail example must draw a finding, each pass none."""
from __future__ import annotations

import dataclasses
from typing import Iterator

from .config import Config
from .model import Rule
from .runner import lint_document, lint_text, make_document
from .yamlrules import build_engine


def _only(config: Config, rule: Rule) -> Config:
    # Default options, except where a rule's own section says where its service runs (grammar: server).
    options = {**rule.options, **config.sections.get(rule.id, {})}
    solo = dataclasses.replace(rule, enabled=True, options=options)
    beside = [dataclasses.replace(config.catalogue[name], enabled=True) for name in rule.examples.beside]
    return dataclasses.replace(config, rules=tuple(build_engine(beside + [solo])))


def unavailable(config: Config, rule: Rule) -> str | None:
    """Why the rule cannot run here (no LanguageTool server), or None when it can."""
    if not rule.examples.fail:
        return None
    notes = lint_document(make_document(rule.examples.fail[0], "<example>"), _only(config, rule)).warnings
    return notes[0] if notes else None


def _lint_example(text: str, config: Config, rule: Rule) -> list:
    """A cross-file rule's example is a run of files separated by form feeds; any other is one text."""
    if rule.finish is None:
        return lint_text(text, config)
    from .crossfile import add_cross_file_findings

    pages = [lint_document(make_document(page, f"<page {n}>"), config) for n, page in enumerate(text.split("\f"))]
    return [f for result in add_cross_file_findings(pages, config) for f in result.findings]


def example_failures(config: Config, rule: Rule) -> Iterator[str]:
    """One line per example the rule gets wrong, with the rule's default options."""
    solo = _only(config, rule)
    if unavailable(config, rule):
        return  # nothing to judge; `newslint rules --check` says so
    for text in rule.examples.fail:
        if not any(f.rule == rule.id for f in _lint_example(text, solo, rule)):
            yield f"{rule.id}: fail example drew no finding: {text!r}"
    for text in rule.examples.passing:
        found = [f for f in _lint_example(text, solo, rule) if f.rule == rule.id]
        if found:
            yield f"{rule.id}: pass example drew a finding ({found[0].message}): {text!r}"


def check_all(config: Config) -> list[str]:
    return [line for rule in config.catalogue.values() for line in example_failures(config, rule)]
