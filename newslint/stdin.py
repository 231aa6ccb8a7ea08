"""Standard input as one document, named by --stdin-filename for its markup, config and report path.

`--fix` on standard input writes the fixed text to standard output, as formatters in editors
expect: whatever goes wrong, the output is the input's own bytes when nothing was fixed, so a
buffer piped through newslint is never emptied or mangled.
"""
from __future__ import annotations

import dataclasses

from .config import Config
from .fix import Keep, fix_text, reported
from .fixwrite import FixOutcome
from .runner import FileResult, lint_source
from .sources import SourceError, decode

_BOM = b"\xef\xbb\xbf"


def lint_stdin(data: bytes, name: str, config: Config) -> FileResult:
    try:
        source = decode(data, name)
    except SourceError as exc:
        return FileResult(name, errors=(str(exc),))
    return lint_source(source, config)


def fix_stdin(data: bytes, name: str, config: Config, keep: Keep = reported) -> tuple[bytes, FixOutcome]:
    """The bytes for standard output (fixed, or the input unchanged) and what was fixed."""
    try:
        source = decode(data, name)
    except SourceError as exc:
        return data, FixOutcome(FileResult(name, errors=(str(exc),)))
    if source.warnings:  # undecodable bytes were replaced: writing the text back would lose them
        result = lint_source(source, config)
        notes = result.warnings + (f"{name}: not fixed: the input is not valid UTF-8",)
        return data, FixOutcome(dataclasses.replace(result, warnings=notes), source.text, source.text)
    fixed = fix_text(source.text, name, config, keep)
    result = fixed.result
    outcome = FixOutcome(dataclasses.replace(result, warnings=source.warnings + result.warnings),
                         source.text, fixed.text, fixed.applied)
    if not outcome.changed:
        return data, outcome
    return (_BOM if source.bom else b"") + fixed.text.encode("utf-8"), outcome
