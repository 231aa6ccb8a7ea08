"""SARIF 2.1.0, the format code-scanning services read (GitHub code scanning among them).

One run; the driver lists the rules that have results; each result carries its region (columns
in Unicode code points, end exclusive, as SARIF counts them), the baseline fingerprint as a
partial fingerprint, and a proposed fix exactly when `--fix` would apply it (Finding.fixable, the
[*] of the text report): a statistical guess or a fix inside quoted speech is only in the message.
Files that could not be read become tool execution notifications.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import quote

from ..display import json_safe
from ..model import Finding, Severity
from ..suppress import DESCRIPTIONS

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
BASE_ID = "SRCROOT"


def _location(path: str) -> dict[str, Any]:
    if path.startswith("<"):
        return {"uri": quote(path.strip("<>"))}
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": BASE_ID}


def _region(finding: Finding) -> dict[str, int]:
    return {"startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column}


def _descriptor(rule_id: str, findings: list[Finding], catalogue: Mapping[str, Any]) -> dict[str, Any]:
    rule = catalogue.get(rule_id)
    first = findings[0]
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": rule.description if rule else DESCRIPTIONS.get(rule_id, f"newslint {rule_id}")},
        "defaultConfiguration": {"level": LEVELS[rule.severity if rule else first.severity]},
        "properties": {"category": first.category},
    }
    if rule is not None and rule.doc:
        descriptor["fullDescription"] = {"text": rule.doc}
    return descriptor


def _result(finding: Finding, index: int) -> dict[str, Any]:
    location = _location(finding.path)
    message = finding.message + (f" (-> {' | '.join(finding.replacements)})" if finding.replacements else "")
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}],
    }
    if finding.fingerprint:
        result["partialFingerprints"] = {"newslint/v1": finding.fingerprint}
    if finding.fixable and len(finding.replacements) == 1:
        replacement = {"deletedRegion": _region(finding), "insertedContent": {"text": finding.replacements[0]}}
        result["fixes"] = [{"description": {"text": f"Replace with '{finding.replacements[0]}'"},
                            "artifactChanges": [{"artifactLocation": location, "replacements": [replacement]}]}]
    return result


def render(results: Sequence[Any], **options: Any) -> str:
    from . import rendered

    return rendered(write, results, **options)


_RESULTS = "\0results\0"  # stands for the results list while the rest of the log is dumped


def write(results: Any, out: Callable[[str], Any], catalogue: Mapping[str, Any] | None = None, **_: Any) -> None:
    """The log, its results written one at a time: a first pass over the findings finds the rules
    (the driver lists them before the results), a second writes the results."""
    from .. import __version__
    from . import in_report_order, readable
    from .json_format import _dumped

    first: dict[str, Finding] = {}
    for finding, _ in in_report_order(results):
        first.setdefault(finding.rule, finding)
    rule_ids = sorted(first)
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    descriptors = [_descriptor(r, [first[r]], catalogue or {}) for r in rule_ids]
    notifications = [{"level": "error", "message": {"text": error}} for r in results for error in r.errors]
    run = {
        "tool": {"driver": {"name": "newslint", "version": __version__, "rules": descriptors}},
        "originalUriBaseIds": {BASE_ID: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not len(results) or readable(results) > 0,
                         "toolExecutionNotifications": notifications}],
        "results": _RESULTS,
    }
    dumped = json_safe(json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False))
    head, _, tail = dumped.rpartition(json.dumps(_RESULTS))  # the last key of the last run: no text after it
    out(head)
    empty = True
    for finding, _ in in_report_order(results):  # the list is 4 levels deep: its items at 8 spaces
        out(("[\n        " if empty else ",\n        ") + _dumped(_result(finding, index[finding.rule]), 4))
        empty = False
    out(("[]" if empty else "\n      ]") + tail)
