"""Baselines: record today's findings, then report only new ones.

A finding is recorded by its path and a fingerprint of its rule, the text it matched
(case and spacing folded) and a hash of its paragraph. No line or column goes in, so edits to
other paragraphs leave the fingerprint as it was; editing the paragraph itself makes its
findings new. The same fingerprint recorded twice absorbs two findings, no more.

The hashes are CRC-32s (64 bits in all, with the path alongside): an identity, not a security
measure, and cheap, since every finding gets one and hashlib would load OpenSSL into every run.
"""
from __future__ import annotations

import dataclasses
import json
import os
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from .document import Document
from .model import Finding

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names it."""


def _digest(*parts: str) -> str:
    # surrogatepass: lint_text may be given lone surrogates, which UTF-8 cannot otherwise encode.
    return f"{zlib.crc32(chr(31).join(parts).encode('utf-8', 'surrogatepass')):08x}"


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _paragraph(document: Document, start: int, end: int) -> tuple[int, int]:
    index = document.paragraph_index(start)
    if index is not None:
        return document.paragraphs[index]
    line = document.position(start)[0]
    return document.line_span(line)[0], max(end, document.line_span(line)[1])


def fingerprint(document: Document, rule_id: str, start: int, end: int) -> str:
    """A stable id for a finding: rule, folded matched text, hash of its paragraph."""
    span = _paragraph(document, start, end)
    # One digest per paragraph and document: a long paragraph with many findings is hashed once.
    digests = document.__dict__.setdefault("_paragraph_digests", {})
    if span not in digests:
        digests[span] = _digest(" ".join(document.text[span[0]:span[1]].split()))
    return _digest(rule_id, _folded(document.text[start:end])) + digests[span]


def finding_key(finding: Finding) -> str:
    """The fingerprint, or for a finding made outside a document (none given), rule and message."""
    return finding.fingerprint or _digest(finding.rule) + _digest(_folded(finding.message))


def _relative(path: str, folder: Path) -> str:
    if path.startswith("<"):
        return path
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def write(results: Sequence[Any], baseline_path: str) -> int:
    """Write every finding of the results to a baseline file; the number written."""
    folder = Path(baseline_path).resolve().parent
    entries = sorted(
        ({"path": _relative(f.path, folder), "rule": f.rule, "fingerprint": finding_key(f),
          "line": f.line, "message": f.message} for r in results for f in r.findings),
        key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    data = {"version": VERSION, "tool": "newslint", "findings": entries}
    try:
        Path(baseline_path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{baseline_path}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


def load(baseline_path: str) -> Counter:
    """(path relative to the baseline's folder, fingerprint) -> how many findings it absorbs."""
    def fail(reason: str) -> BaselineError:
        return BaselineError(f"{baseline_path}: cannot read baseline: {reason}")

    from .sources import SourceError, read_text

    try:
        data = json.loads(read_text(baseline_path))  # a BOM from a Windows editor is fine; a pipe is refused
    except SourceError as exc:  # its message starts with the path
        raise fail(str(exc).split(": ", 2)[-1]) from None
    except UnicodeDecodeError:
        raise fail("not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except (RecursionError, ValueError):  # nested past the stack, numbers past the digit limit
        raise fail("not valid JSON (nested too deeply or too large)") from None
    entries = data.get("findings") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(entries, list):
        raise fail(f"not a newslint baseline (a JSON object with \"version\": {VERSION} and a \"findings\" list)")
    for number, entry in enumerate(entries, 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("fingerprint"), str)):
            raise fail(f"finding {number} is not an object with a \"path\" and a \"fingerprint\" string")
    return Counter((e["path"], e["fingerprint"]) for e in entries)


def apply(results: Sequence[Any], baseline_path: str) -> list[Any]:
    """The results without the findings the baseline records."""
    return list(map(absorber(baseline_path), results))


def absorber(baseline_path: str) -> Callable[[Any], Any]:
    """A function that takes a result's findings the baseline records out of it; called on each
    result in run order (each recorded finding absorbs one, in that order)."""
    known = load(baseline_path)
    folder = Path(baseline_path).resolve().parent
    return lambda result: dataclasses.replace(result, findings=absorb(result.findings, known, folder))


def absorb(findings: Sequence[Finding], known: Counter, folder: Path) -> tuple[Finding, ...]:
    """The findings the baseline does not record; each recorded fingerprint absorbs one (known is used up)."""
    kept = []
    for finding in findings:
        key = (_relative(finding.path, folder), finding_key(finding))
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(finding)
    return tuple(kept)
