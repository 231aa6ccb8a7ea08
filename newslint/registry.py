"""The catalogue of rules: Python checks (an explicit list) plus YAML rule files."""
from __future__ import annotations

import types
from pathlib import Path
from typing import Iterable

from .checks import (
    boilerplate_line,
    caption_line,
    clause_full_stop,
    cross_file_boilerplate,
    doubled_word,
    grammar,
    long_paragraph,
    long_sentence,
    machine_paraphrased,
    orphan_honorific,
    reading_ease,
    reading_grade,
    related_link_list,
    repeated_paragraph,
    same_giver_receiver,
    space_before_punctuation,
    stray_punctuation,
    truncated_sentence,
    unattributed_figure,
    unlikely_collocation,
    vague_attribution,
)
from .model import Examples, Rule, Severity
from .yamlfile import ConfigError, Problem
from .yamlrules import load_rule_file

# Every Python rule module, in one explicit list. Adding a rule means adding it here.
CHECK_MODULES: tuple[types.ModuleType, ...] = (
    doubled_word,
    unattributed_figure,
    vague_attribution,
    long_sentence,
    long_paragraph,
    reading_grade,
    reading_ease,
    grammar,
    stray_punctuation,
    space_before_punctuation,
    clause_full_stop,
    orphan_honorific,
    truncated_sentence,
    same_giver_receiver,
    cross_file_boilerplate,
    repeated_paragraph,
    caption_line,
    related_link_list,
    boilerplate_line,
    unlikely_collocation,
    machine_paraphrased,
)


def rule_from_module(module: types.ModuleType) -> Rule:
    """A Rule from a check module's constants; its docstring is the documentation."""
    doc = (module.__doc__ or "").strip()
    summary, _, body = doc.partition("\n")
    description = summary.split(":", 1)[1].strip() if ":" in summary else summary
    description = description[:1].upper() + description[1:]  # listed beside the YAML rules' descriptions
    examples = getattr(module, "EXAMPLES", {})
    return Rule(
        id=module.ID,
        category=module.CATEGORY,
        severity=Severity.parse(module.SEVERITY),
        description=description,
        check=module.check,
        enabled=getattr(module, "ENABLED", True),
        options=dict(getattr(module, "DEFAULTS", {})),
        schema=dict(getattr(module, "OPTIONS", {})),
        examples=Examples(tuple(examples.get("fail", ())), tuple(examples.get("pass", ()))),
        doc=body.strip(),
        source=module.__name__,
        stage=getattr(module, "STAGE", "text"),
        measure=getattr(module, "measure", None),
        fixable=getattr(module, "FIXABLE", True),
        collect=getattr(module, "collect", None),
        finish=getattr(module, "finish", None),
        validate=getattr(module, "validate", None),
        whole_file=getattr(module, "WHOLE_FILE", False),
    )


def python_rules() -> list[Rule]:
    return [rule_from_module(m) for m in CHECK_MODULES]


def yaml_rule_paths(entry: Path) -> list[Path]:
    """A rule file, or every *.yaml / *.yml file below a folder, in a stable order."""
    if entry.is_dir():
        return sorted(p for p in entry.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [entry]


def catalogue(rule_files: Iterable[tuple[Path, str]]) -> dict[str, Rule]:
    """{id: Rule} for the Python rules and the given YAML files; duplicate ids are an error.

    rule_files holds (path, display name) pairs; every file's problems are gathered before raising.
    """
    from .config import rules_root  # config imports this module

    builtin = rules_root().resolve()
    rules = {rule.id: rule for rule in python_rules()}
    problems: list[Problem] = []
    for path, display in rule_files:
        try:
            rule = load_rule_file(path, display, trusted=Path(path).resolve().is_relative_to(builtin))
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        if rule.id in rules:
            problems.append(Problem(display, None, "", f"duplicate rule id {rule.id!r} (also in {rules[rule.id].source})"))
            continue
        rules[rule.id] = rule
    if problems:
        raise ConfigError(problems)
    return rules
