"""path:line:col: severity [rule-id] message (-> replacement), then a one-line summary."""
from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from ..display import printable

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def format_finding(finding: Any, colour: bool = False) -> str:
    severity = str(finding.severity)
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    label = f"{COLOURS[severity]}{severity}{RESET}" if colour else severity
    rule = f"{DIM}[{finding.rule}]{RESET}" if colour else f"[{finding.rule}]"
    line = f"{BOLD + where + RESET if colour else where} {label} {rule} {printable(finding.message)}"
    if finding.replacements:
        line += f" (-> {' | '.join(repr(r) if not r.strip() else printable(r) for r in finding.replacements)})"
    return line


def summary_line(results: Sequence[Any]) -> str:
    from . import all_findings

    findings = all_findings(results)
    files = sum(1 for r in results if not r.errors)
    noun = "file" if files == 1 else "files"
    if not findings:
        return f"No findings in {files} {noun}."
    counts = Counter(str(f.severity) for f in findings)
    parts = ", ".join(f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "suggestion") if counts[s])
    total = len(findings)
    return f"Found {total} finding{'' if total == 1 else 's'} ({parts}) in {files} {noun}."


def counts(results: Sequence[Any]) -> list[dict[str, Any]]:
    """[{rule, category, findings}], most findings first."""
    from . import all_findings

    tally = Counter((f.rule, f.category) for f in all_findings(results))
    return [{"rule": rule, "category": category, "findings": n}
            for (rule, category), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics(results: Sequence[Any]) -> str:
    rows = counts(results)
    width = max((len(str(r["findings"])) for r in rows), default=1)
    rows = [f"{r['findings']:>{width}}  {r['rule']}  [{r['category']}]" for r in rows]
    return "\n".join(rows + [summary_line(results)])


def render(results: Sequence[Any], colour: bool = False, show_statistics: bool = False, **_: Any) -> str:
    from . import all_findings

    if show_statistics:
        return statistics(results)
    lines = [format_finding(f, colour) for f in all_findings(results)]
    return "\n".join(lines + [summary_line(results)])
