"""Run every rule's own fail and pass examples: each fail example must draw a finding, each pass none."""
from __future__ import annotations

import dataclasses
from typing import Iterator

from .config import Config
from .model import Rule
from .runner import lint_document, lint_text, make_document
from .yamlrules import build_engine


def _only(config: Config, rule: Rule) -> Config:
    return dataclasses.replace(config, rules=tuple(build_engine([dataclasses.replace(rule, enabled=True)])))


def example_failures(config: Config, rule: Rule) -> Iterator[str]:
    """One line per example the rule gets wrong, with the rule's default options."""
    solo = _only(config, rule)
    if rule.examples.fail and lint_document(make_document(rule.examples.fail[0], "<example>"), solo).warnings:
        return  # the rule cannot run here (no LanguageTool server): nothing to judge
    for text in rule.examples.fail:
        if not any(f.rule == rule.id for f in lint_text(text, solo)):
            yield f"{rule.id}: fail example drew no finding: {text!r}"
    for text in rule.examples.passing:
        found = [f for f in lint_text(text, solo) if f.rule == rule.id]
        if found:
            yield f"{rule.id}: pass example drew a finding ({found[0].message}): {text!r}"


def check_all(config: Config) -> list[str]:
    return [line for rule in config.catalogue.values() for line in example_failures(config, rule)]
