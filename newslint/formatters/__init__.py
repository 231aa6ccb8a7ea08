"""Reporters: each turns the run's FileResults into text for stdout."""
from __future__ import annotations

from collections import Counter
from importlib import import_module
from typing import Any, Callable, Sequence

from ..model import CATEGORIES, Finding, Severity


def _on_demand(module: str) -> Callable[..., str]:
    """The module's render(), imported when called: a text run need not pay for xml.etree or urllib."""
    def render(*args: Any, **kwargs: Any) -> str:
        return import_module(f"{__name__}.{module}").render(*args, **kwargs)
    return render


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": _on_demand("text"),
    "json": _on_demand("json_format"),
    "sarif": _on_demand("sarif"),
    "github": _on_demand("github"),
    "html": _on_demand("html"),
    "junit": _on_demand("junit"),
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
