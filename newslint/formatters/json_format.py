"""The JSON report: {"version": 1, "findings": [...], "documents": [...], "summary": {...}}.

Written a finding and a document at a time (the same text json.dumps(report, indent=2) gives),
so a folder run never holds the whole report.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Sequence

from ..display import json_safe


def document_entry(result: Any) -> dict[str, Any]:
    metrics = result.metrics
    return {"path": result.path, "words": metrics.get("words", 0), "score": metrics.get("score"),
            "verdict": metrics.get("verdict"),
            **{k: v for k, v in metrics.items() if k not in ("words", "score", "verdict")}}


def render(results: Sequence[Any], **options: Any) -> str:
    from . import rendered

    return rendered(write, results, **options)


def _dumped(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` deep inside the report."""
    text = json_safe(json.dumps(value, indent=2, ensure_ascii=False))
    return text.replace("\n", "\n" + "  " * level)  # JSON strings hold no raw line break


def _array(key: str, items: Iterable[Any], out: Callable[[str], Any]) -> None:
    """`"key": [...]` at the report's top level, one item at a time."""
    out(f'  "{key}": [')
    empty = True
    for item in items:
        out(("\n    " if empty else ",\n    ") + _dumped(item, 2))
        empty = False
    out("]" if empty else "\n  ]")


def write(results: Any, out: Callable[[str], Any], show_statistics: bool = False, **_: Any) -> None:
    from . import Tally, in_report_order, readable

    tally = Tally(readable(results))

    def findings():
        for finding, _ in in_report_order(results):
            tally.add(finding)
            yield finding.to_dict()

    out('{\n  "version": 1,\n')
    _array("findings", findings(), out)
    out(",\n")
    _array("documents", (document_entry(r) for r in results if not r.errors), out)
    out(f',\n  "summary": {_dumped(tally.summary(), 1)}')
    if show_statistics:  # --statistics: the count per rule the text report would print
        out(",\n")
        _array("statistics", tally.counts(), out)
    out("\n}")
