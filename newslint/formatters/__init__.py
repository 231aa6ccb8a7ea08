"""Reporters: each turns the run's FileResults into text for stdout."""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Sequence

from ..model import CATEGORIES, Finding, Severity
from . import github, html, json_format, junit, sarif, text

FORMATTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
    "junit": junit.render,
}


def all_findings(results: Sequence[Any]) -> list[Finding]:
    return sorted(f for result in results for f in result.findings)


def summary(results: Sequence[Any]) -> dict[str, Any]:
    findings = all_findings(results)
    severities = Counter(str(f.severity) for f in findings)
    categories = Counter(f.category for f in findings)
    return {
        "files": sum(1 for r in results if not r.errors),
        "findings": len(findings),
        "by_severity": {str(s): severities.get(str(s), 0) for s in reversed(Severity)},
        "by_category": {c: categories[c] for c in CATEGORIES if categories.get(c)},
    }
