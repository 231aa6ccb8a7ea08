"""The JSON report: {"version": 1, "findings": [...], "documents": [...], "summary": {...}}."""
from __future__ import annotations

import json
from typing import Any, Sequence

from ..display import json_safe


def document_entry(result: Any) -> dict[str, Any]:
    metrics = result.metrics
    return {"path": result.path, "words": metrics.get("words", 0), "score": metrics.get("score"),
            "verdict": metrics.get("verdict"),
            **{k: v for k, v in metrics.items() if k not in ("words", "score", "verdict")}}


def render(results: Sequence[Any], show_statistics: bool = False, **_: Any) -> str:
    from . import all_findings, summary, text

    report = {
        "version": 1,
        "findings": [f.to_dict() for f in all_findings(results)],
        "documents": [document_entry(r) for r in results if not r.errors],
        "summary": summary(results),
    }
    if show_statistics:  # --statistics: the count per rule the text report would print
        report["statistics"] = text.counts(results)
    return json_safe(json.dumps(report, indent=2, ensure_ascii=False))
