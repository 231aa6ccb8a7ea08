"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.

    ::warning file=a.txt,line=1,col=25,endLine=1,endColumn=37,title=spun-phrases::garbled ...

Suggestions become notices; files that could not be read become errors without a location.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Sequence

from ..display import printable
from ..model import Severity

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def _data(value: str) -> str:
    # Escaped first: the runner's log shows ANSI sequences. Line breaks are encoded as GitHub asks.
    return printable(value, newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: Any) -> str:
    return _data(str(value)).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Any) -> str:
    properties = {"file": finding.path, "line": finding.line, "col": finding.column, "endLine": finding.end_line,
                  "endColumn": finding.end_column, "title": f"newslint [{finding.rule}]"}
    message = finding.message
    if finding.replacements:
        message += f" (-> {' | '.join(finding.replacements)})"
    fields = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
    return f"::{LEVELS[finding.severity]} {fields}::{_data(message)}"


def render(results: Sequence[Any], **options: Any) -> str:
    from . import rendered

    return rendered(write, results, **options)


def write(results: Any, out: Callable[[str], Any], **_: Any) -> None:
    """The unreadable files' errors (in run order), then one annotation per finding, a line each."""
    from . import in_report_order

    errors = (f"::error::{_data(error)}" for result in results for error in result.errors)
    annotations = (annotation(finding) for finding, _ in in_report_order(results))
    for number, line in enumerate(itertools.chain(errors, annotations)):
        out(line if not number else "\n" + line)
