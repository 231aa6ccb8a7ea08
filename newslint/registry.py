"""The catalogue of rules: Python checks (an explicit list) plus YAML rule files."""
from __future__ import annotations

import importlib
import types
from pathlib import Path
from typing import Any, Iterable

from .model import Examples, Rule, Severity
from .yamlfile import ConfigError, Problem

# Every Python rule module, in one explicit list. Adding a rule means adding it here.
CHECK_NAMES: tuple[str, ...] = (
    "doubled_word",
    "unattributed_figure",
    "vague_attribution",
    "long_sentence",
    "long_paragraph",
    "reading_grade",
    "reading_ease",
    "grammar",
    "stray_punctuation",
    "space_before_punctuation",
    "clause_full_stop",
    "orphan_honorific",
    "truncated_sentence",
    "same_giver_receiver",
    "cross_file_boilerplate",
    "repeated_paragraph",
    "caption_line",
    "related_link_list",
    "teaser_block",
    "reader_comment",
    "boilerplate_line",
    "unlikely_collocation",
    "machine_paraphrased",
)


def __getattr__(name: str) -> Any:
    """CHECK_MODULES, the modules themselves, imported when asked for (a run from a cached config
    imports only the check modules of the rules it runs)."""
    if name == "CHECK_MODULES":
        return tuple(importlib.import_module(f"{__package__}.checks.{n}") for n in CHECK_NAMES)
    raise AttributeError(name)


class Lazy:
    """A check module's function, imported on its first call; pickled as its module and name, so
    unpickling a cached config imports no check module."""

    __slots__ = ("module", "name", "_function")

    def __init__(self, module: str, name: str, function=None) -> None:
        self.module, self.name, self._function = module, name, function

    def __call__(self, *args, **kwargs):
        function = self._function
        if function is None:
            function = self._function = getattr(importlib.import_module(self.module), self.name)
        return function(*args, **kwargs)

    def __reduce__(self):
        return Lazy, (self.module, self.name)

    def __eq__(self, other) -> bool:
        return isinstance(other, Lazy) and (self.module, self.name) == (other.module, other.name)

    def __hash__(self) -> int:
        return hash((self.module, self.name))

    def __repr__(self) -> str:
        return f"<{self.module}.{self.name}>"


def _lazy(module: types.ModuleType, name: str) -> Lazy | None:
    function = getattr(module, name, None)
    return None if function is None else Lazy(module.__name__, name, function)


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
        check=_lazy(module, "check"),
        enabled=getattr(module, "ENABLED", True),
        options=dict(getattr(module, "DEFAULTS", {})),
        schema=dict(getattr(module, "OPTIONS", {})),
        examples=Examples(tuple(examples.get("fail", ())), tuple(examples.get("pass", ())),
                          tuple(examples.get("beside", ()))),
        doc=body.strip(),
        source=module.__name__,
        stage=getattr(module, "STAGE", "text"),
        measure=_lazy(module, "measure"),
        fixable=getattr(module, "FIXABLE", True),
        collect=_lazy(module, "collect"),
        finish=_lazy(module, "finish"),
        validate=_lazy(module, "validate"),
        whole_file=getattr(module, "WHOLE_FILE", False),
    )


def python_rules() -> list[Rule]:
    return [rule_from_module(m) for m in __getattr__("CHECK_MODULES")]


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
    from .yamlrules import load_rule_file  # here: a run from a cached config needs no rule-file reader

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
