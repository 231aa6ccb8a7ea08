"""path:line:col: severity [rule-id] [*] message (-> replacement), then a one-line summary.

`[*]` marks a finding whose replacement --fix applies (newslint/fix.py decides; the finding
carries the answer), and the summary counts them, as ruff does. With show_source, each finding
is followed by its source line and a caret under the span, as ruff and rustc print them.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Callable, Sequence

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
    from . import Tally

    return _summary_line(Tally.of(results))


def _summary_line(tally: Any) -> str:
    files = tally.files
    noun = "file" if files == 1 else "files"
    if not tally.total:
        return f"No findings in {files} {noun}."
    counts = tally.severities
    parts = ", ".join(f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "suggestion") if counts[s])
    total = tally.total
    line = f"Found {total} finding{'' if total == 1 else 's'} ({parts}) in {files} {noun}."
    return line + (f" {tally.fixable} fixable with --fix ({FIX_MARK})." if tally.fixable else "")


def counts(results: Sequence[Any]) -> list[dict[str, Any]]:
    """[{rule, category, findings}], most findings first."""
    from . import Tally

    return Tally.of(results).counts()


def statistics(results: Sequence[Any]) -> str:
    from . import Tally

    tally = Tally.of(results)
    rows = tally.counts()
    width = max((len(str(r["findings"])) for r in rows), default=1)
    rows = [f"{r['findings']:>{width}}  {r['rule']}  [{r['category']}]" for r in rows]
    return "\n".join(rows + [_summary_line(tally)])


def render(results: Sequence[Any], **options: Any) -> str:
    from . import rendered

    return rendered(write, results, **options)


def write(results: Any, out: Callable[[str], Any], colour: bool = False, show_statistics: bool = False,
          show_source: bool = False, **_: Any) -> None:
    """The report through `out`, a finding (and its source lines) at a time, then the summary line."""
    from . import Tally, in_report_order, readable

    if show_statistics:
        out(statistics(results))
        return
    tally = Tally(readable(results))
    shown: tuple[str, Sequence[str]] = ("", ())  # the last file's text and its lines: split once per file
    for finding, source in in_report_order(results):
        tally.add(finding)
        lines = [format_finding(finding, colour)]
        if show_source:
            if source is not shown[0]:
                shown = (source, source.split("\n") if source else ())
            lines += source_snippet(finding, shown[1], colour)
        out("\n".join(lines) + "\n")
    out(_summary_line(tally))
