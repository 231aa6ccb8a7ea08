"""Compile YAML rule files (substitution, existence, pattern, line) into Rules.

A rule file's stem is its id. Every key is validated; every problem is reported with the
file, the line and the dotted key, all at once.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any


from .display import quoted
from .model import CATEGORIES, Examples, Rule, Severity
from .userregex import compile_errors
from .yamlfile import ConfigError, YamlFile
from .yamlkinds import PhraseCheck, Reader, Style, build_engine, line, match_case, pattern, phrases

__all__ = ["PhraseCheck", "build_engine", "load_rule_file", "match_case"]

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_KEYS = {"kind", "category", "severity", "message", "description", "documentation", "enabled",
               "examples", "ignorecase", "exceptions", "in-quotes", "fix"}
KIND_KEYS = {
    "substitution": {"swap", "regex"},
    "existence": {"tokens", "regex"},
    "pattern": {"pattern", "replacement"},
    "line": {"lines", "patterns", "patterns-on-headline", "beside-lines"},
}
QUOTE_MODES = ("lint", "note", "skip")


def load_rule_file(path: Path, display: str | None = None, trusted: bool = False) -> Rule:
    """Read and compile one YAML rule file; ConfigError lists every problem in it.

    trusted: a built-in rule file, whose regexes need no time budget."""
    source = YamlFile.load(path, name=display or str(path))
    reader = Reader(source, trusted)
    rule = _compile(reader, Path(path).stem, source.data)
    if reader.problems:
        raise ConfigError(reader.problems)
    assert rule is not None
    return rule


def _compile(reader: Reader, rule_id: str, data: Any) -> Rule | None:
    if not ID_RE.match(rule_id):
        reader.fail((), f"rule id {rule_id!r} (the file stem) must be kebab-case")
    if not isinstance(data, dict):
        reader.fail((), "a rule file must be a mapping")
        return None
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KIND_KEYS:
        reader.fail(("kind",), f"unknown kind {quoted(kind)} (choose from {', '.join(KIND_KEYS)})")
        return None
    for key in data:
        if key not in COMMON_KEYS | KIND_KEYS[kind]:
            reader.fail((key,), f"unknown key for a {kind} rule")
    category = data.get("category")
    if not isinstance(category, str) or category not in CATEGORIES:
        reader.fail(("category",), f"unknown category {quoted(category)} (choose from {', '.join(CATEGORIES)})")
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        reader.fail(("severity",), str(exc))
        severity = Severity.WARNING
    for key in ("description", "message"):
        if not isinstance(data.get(key), str):
            reader.fail((key,), "required, a string")
    in_quotes = data.get("in-quotes", "note")
    if not isinstance(in_quotes, str) or in_quotes not in QUOTE_MODES:
        reader.fail(("in-quotes",), f"choose from {', '.join(QUOTE_MODES)}, got {quoted(in_quotes)}")
        in_quotes = "note"
    flags = re.IGNORECASE if reader.flag(("ignorecase",), data.get("ignorecase"), kind != "pattern") else 0
    raw_exceptions = reader.strings(("exceptions",), data.get("exceptions") or [])  # one string is one pattern
    exceptions = tuple(filter(None, (reader.regex(("exceptions", i), p, flags) for i, p in enumerate(raw_exceptions))))
    fail, passing = _examples(reader, data.get("examples") or {})
    style = Style(rule_id, str(data.get("message", "")), in_quotes, exceptions)
    _check_placeholders(reader, style.message, kind, data)
    builder = {"substitution": phrases, "existence": phrases, "pattern": pattern, "line": line}[kind]
    check, extra_fail, extra_pass = builder(reader, data, style, flags)
    return Rule(
        id=rule_id,
        category=str(category),
        severity=severity,
        description=str(data.get("description", "")).strip(),
        check=check,
        enabled=reader.flag(("enabled",), data.get("enabled"), True),
        examples=Examples(fail + extra_fail, passing + extra_pass),
        doc=str(data.get("documentation", "")).strip(),
        source=reader.source.name,
        fixable=reader.flag(("fix",), data.get("fix"), True),
    )


def _examples(reader: Reader, examples: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not isinstance(examples, dict) or set(examples) - {"fail", "pass"}:
        reader.fail(("examples",), "expected a mapping with 'fail' and 'pass' lists")
        return (), ()
    return (reader.strings(("examples", "fail"), examples.get("fail", [])),
            reader.strings(("examples", "pass"), examples.get("pass", [])))


def _check_placeholders(reader: Reader, message: str, kind: str, data: dict) -> None:
    allowed = {"match", "replacement"}
    if kind == "pattern" and isinstance(data.get("pattern"), str):
        import regex  # here, not at the top: a run from the config cache loads no rule file

        try:
            allowed |= set(regex.compile(data["pattern"]).groupindex)
        except compile_errors():  # reported by the pattern's own check
            return
    if isinstance(data.get("message"), str):
        reader.template(("message",), message, allowed)
