"""Reporters: each turns the run's FileResults into text for stdout.

`write_report` streams a report: a formatter with a `write(results, out, ...)` writes it piece by
piece, one file's findings at a time, so a folder run never holds the whole report or every
file's findings (results may be a spool.Results, read back from disk). The others' `render`
returns the report as one string.
"""
from __future__ import annotations

from collections import Counter
from importlib import import_module
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..model import CATEGORIES, Finding, Severity

_MODULES = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "html": "html",
            "junit": "junit"}


def _on_demand(module: str) -> Callable[..., str]:
    """The module's render(), imported when called: a text run need not pay for xml.etree or urllib."""
    def render(*args: Any, **kwargs: Any) -> str:
        return import_module(f"{__name__}.{module}").render(*args, **kwargs)
    return render


FORMATTERS: dict[str, Callable[..., str]] = {name: _on_demand(module) for name, module in _MODULES.items()}


def write_report(name: str, results: Any, out: Callable[[str], Any], **options: Any) -> None:
    """The report in format `name`, written through `out` (the same text as FORMATTERS[name] returns)."""
    module = import_module(f"{__name__}.{_MODULES[name]}")
    if hasattr(module, "write"):
        module.write(results, out, **options)
    else:
        out(module.render(results, **options))


def rendered(write: Callable[..., None], results: Any, **options: Any) -> str:
    """A streaming formatter's report as one string."""
    parts: list[str] = []
    write(results, parts.append, **options)
    return "".join(parts)


def all_findings(results: Iterable[Any]) -> list[Finding]:
    return sorted(f for result in results for f in result.findings)


def in_report_order(results: Any) -> Iterator[tuple[Finding, str]]:
    """Every finding in report order (that of all_findings), each with its file's text as read.

    A spool.Results gives its files sorted by path, each with its findings sorted: a path is one
    file, so that is the order of all the findings sorted, without holding them all."""
    if hasattr(results, "by_path"):
        for result in results.by_path():
            for finding in result.findings:
                yield finding, result.source
        return
    sources = {r.path: r.source for r in results if r.source}
    for finding in all_findings(results):
        yield finding, sources.get(finding.path, "")


def readable(results: Any) -> int:
    """How many of the results' files were linted (not unreadable)."""
    if hasattr(results, "readable"):
        return results.readable
    return sum(1 for r in results if not r.errors)


class Tally:
    """The counts a report's summary needs, kept as its findings go by instead of the findings themselves."""

    def __init__(self, files: int):
        self.files, self.total, self.fixable = files, 0, 0
        self.severities: Counter = Counter()
        self.categories: Counter = Counter()
        self.rules: Counter = Counter()

    def add(self, finding: Finding) -> None:
        self.total += 1
        self.fixable += bool(finding.fixable)
        self.severities[str(finding.severity)] += 1
        self.categories[finding.category] += 1
        self.rules[(finding.rule, finding.category)] += 1

    @classmethod
    def of(cls, results: Any) -> Tally:
        tally = cls(readable(results))
        for result in results:
            for finding in result.findings:
                tally.add(finding)
        return tally

    def summary(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "findings": self.total,
            "by_severity": {str(s): self.severities.get(str(s), 0) for s in reversed(Severity)},
            "by_category": {c: self.categories[c] for c in CATEGORIES if self.categories.get(c)},
        }

    def counts(self) -> list[dict[str, Any]]:
        """[{rule, category, findings}], most findings first."""
        return [{"rule": rule, "category": category, "findings": n}
                for (rule, category), n in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))]


def summary(results: Sequence[Any]) -> dict[str, Any]:
    return Tally.of(results).summary()
