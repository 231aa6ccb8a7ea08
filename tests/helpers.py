"""One shared helper for rule tests: lint a text with a single rule and return (line, column, rule) tuples."""
from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from newslint import lint_text, load_config
from newslint.config import Config
from newslint.model import Finding
from newslint.yamlrules import build_engine


@cache
def default_config() -> Config:
    return load_config(discover=False)


def config_for(rule_id: str, **options: Any) -> Config:
    """The default config narrowed to one rule (enabled even if off by default), with options overridden."""
    config = default_config()
    rule = config.catalogue[rule_id]
    rule = dataclasses.replace(rule, enabled=True, options={**rule.options, **options})
    return dataclasses.replace(config, rules=tuple(build_engine([rule])))


def findings(text: str, rule_id: str, **options: Any) -> list[Finding]:
    return [f for f in lint_text(text, config_for(rule_id, **options)) if f.rule == rule_id]


def check(text: str, rule_id: str, **options: Any) -> list[tuple[int, int, str]]:
    """(line, column, rule) for every finding of the rule in text."""
    return [(f.line, f.column, f.rule) for f in findings(text, rule_id, **options)]
