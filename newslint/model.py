"""The plain values that flow from rule to reporter: Severity, Hit, Finding, Rule."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Callable, Iterable, Mapping

CATEGORIES = ("paraphrase", "boilerplate", "attribution", "mangled", "style", "readability", "grammar")


class Severity(IntEnum):
    SUGGESTION = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, name: str) -> Severity:
        """'warning' -> Severity.WARNING; ValueError naming the choices otherwise."""
        from .display import quoted

        if isinstance(name, str) and name.upper() in cls.__members__:
            return cls[name.upper()]
        raise ValueError(f"unknown severity {quoted(name)} (choose from {', '.join(SEVERITY_NAMES)})")

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = tuple(str(s) for s in Severity)


@dataclass(frozen=True)
class Hit:
    """What a rule yields: character offsets into Document.text, nothing else."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    # Levels below the rule's configured severity for this hit (never below suggestion): a rule
    # whose findings differ in weight, e.g. an unsourced toll against an unsourced share price.
    demote: int = 0


@dataclass(frozen=True, order=True)
class Finding:
    """What the runner reports; the field order is the sort order."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: Severity
    message: str
    replacements: tuple[str, ...] = ()
    # Identifies the finding across edits elsewhere in the file (see newslint/baseline.py);
    # not part of equality or order.
    fingerprint: str = field(default="", compare=False, repr=False)
    # Whether the first pass of --fix applies this finding's replacement (newslint/fix.py decides).
    fixable: bool = field(default=False, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "replacements": list(self.replacements),
        }


class RuleUnavailable(Exception):
    """A rule that cannot run here (its service is down); the run goes on and says so once."""


@dataclass(frozen=True)
class Examples:
    fail: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()
    # Rules the examples run beside: a summary rule that reads another rule's findings needs them.
    beside: tuple[str, ...] = ()


# check(document, options) -> hits; a "summary" rule also receives the findings so far.
CheckFn = Callable[..., Iterable[Hit]]


@dataclass(frozen=True, eq=False)
class Rule:
    """A rule as the engine sees it, whether it came from YAML or a Python module."""

    id: str
    category: str
    severity: Severity
    description: str
    check: CheckFn
    enabled: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)
    schema: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    examples: Examples = Examples()
    doc: str = ""
    source: str = ""
    # "text" rules see the document; "summary" rules run after them and see their findings too.
    stage: str = "text"
    # Optional per-document figures for the report's "documents" entry (e.g. score, verdict).
    measure: Callable[..., Mapping[str, Any]] | None = None
    # Whether a single replacement may be applied by --fix.
    fixable: bool = True
    # Cross-file rules: collect(document, options) -> a small picklable value per file, and
    # finish([(path, value), ...], options) -> (path, line, column, end_line, end_column, message)
    # once every file of the run has been linted (newslint/crossfile.py).
    collect: Callable[..., Any] | None = None
    finish: Callable[..., Iterable[tuple[str, int, int, int, int, str]]] | None = None
    # validate(options) -> (option, message) pairs for values the type check cannot judge
    # (a Python rule's regex option that does not compile), reported as config errors.
    validate: Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]] | None = None
    # Whether the rule compares parts of a whole file (repeated-paragraph), so a very long file
    # linted in windows (newslint/windows.py) still runs it over the whole file.
    whole_file: bool = False
