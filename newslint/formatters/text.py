"""path:line:col: severity [rule-id] [*] message (-> replacement), then a one-line summary.

`[*]` marks a finding whose replacement --fix applies (newslint/fix.py decides; the finding
carries the answer), and the summary counts them, as ruff does. With show_source, each finding
is followed by its source line and a caret under the span, as ruff and rustc print them.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any, Sequence

from ..display import printable

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
FIX_MARK = "[*]"
# A news paragraph is often one line of a thousand characters: show this much of it around the span.
CONTEXT = 60


def format_finding(finding: Any, colour: bool = False) -> str:
    severity = str(finding.severity)
    where = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    label = f"{COLOURS[severity]}{severity}{RESET}" if colour else severity
    rule = f"{DIM}[{finding.rule}]{RESET}" if colour else f"[{finding.rule}]"
    if finding.fixable:
        rule += f" {BOLD}{FIX_MARK}{RESET}" if colour else f" {FIX_MARK}"
    line = f"{BOLD + where + RESET if colour else where} {label} {rule} {printable(finding.message)}"
    if finding.replacements:
        line += f" (-> {' | '.join(repr(r) if not r.strip() else printable(r) for r in finding.replacements)})"
    return line


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _printable(text: str) -> str:
    """Tabs and other control characters as one space each, so the caret lines up."""
    return "".join(" " if c == "\t" or unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def source_snippet(finding: Any, lines: Sequence[str], colour: bool = False) -> list[str]:
    """The finding's line, cut to a window around the span, with carets under the span."""
    if not 1 <= finding.line <= len(lines):
        return []
    line = lines[finding.line - 1].rstrip("\r")
    start = min(finding.column - 1, len(line))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(start + 1, min(end, len(line)))
    left, right = max(0, start - CONTEXT), min(len(line), end + CONTEXT)
    head = ("…" if left else "") + _printable(line[left:start])
    body = _printable(line[start:end])
    shown = head + body + _printable(line[end:right]) + ("…" if right < len(line) else "")
    number = str(finding.line)
    gutter = " " * len(number)
    carets = "^" * max(1, _width(body))
    if colour:
        carets = f"{COLOURS[str(finding.severity)]}{carets}{RESET}"
    return [f"{gutter} |", f"{number} | {shown}", f"{gutter} | {' ' * _width(head)}{carets}", ""]


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
    line = f"Found {total} finding{'' if total == 1 else 's'} ({parts}) in {files} {noun}."
    fixable = sum(1 for f in findings if f.fixable)
    return line + (f" {fixable} fixable with --fix ({FIX_MARK})." if fixable else "")


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


def render(results: Sequence[Any], colour: bool = False, show_statistics: bool = False, show_source: bool = False,
           **_: Any) -> str:
    from . import all_findings

    if show_statistics:
        return statistics(results)
    if not show_source:
        return "\n".join([format_finding(f, colour) for f in all_findings(results)] + [summary_line(results)])
    lines_of = {r.path: r.source.split("\n") for r in results if r.source}
    out: list[str] = []
    for finding in all_findings(results):
        out.append(format_finding(finding, colour))
        out += source_snippet(finding, lines_of.get(finding.path, ()), colour)
    return "\n".join(out + [summary_line(results)])
