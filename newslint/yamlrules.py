"""Compile YAML rule files (substitution, existence, pattern, line) into Rules.

A rule file's stem is its id. Every key is validated; every problem is reported with the
file, the line and the dotted key, all at once.
"""
from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from .model import CATEGORIES, Examples, Rule, Severity
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
    "line": {"lines", "patterns"},
}
QUOTE_MODES = ("lint", "note", "skip")


def load_rule_file(path: Path, display: str | None = None) -> Rule:
    """Read and compile one YAML rule file; ConfigError lists every problem in it."""
    source = YamlFile.load(path, name=display or str(path))
    reader = Reader(source)
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
    if kind not in KIND_KEYS:
        reader.fail(("kind",), f"unknown kind {kind!r} (choose from {', '.join(KIND_KEYS)})")
        return None
    for key in data:
        if key not in COMMON_KEYS | KIND_KEYS[kind]:
            reader.fail((key,), f"unknown key for a {kind} rule")
    category = data.get("category")
    if category not in CATEGORIES:
        reader.fail(("category",), f"unknown category {category!r} (choose from {', '.join(CATEGORIES)})")
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        reader.fail(("severity",), str(exc))
        severity = Severity.WARNING
    for key in ("description", "message"):
        if not isinstance(data.get(key), str):
            reader.fail((key,), "required, a string")
    in_quotes = data.get("in-quotes", "note")
    if in_quotes not in QUOTE_MODES:
        reader.fail(("in-quotes",), f"choose from {', '.join(QUOTE_MODES)}")
    flags = re.IGNORECASE if data.get("ignorecase", kind != "pattern") else 0
    exceptions = tuple(filter(None, (reader.regex(("exceptions", i), p, flags)
                                     for i, p in enumerate(data.get("exceptions") or []))))
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
        enabled=bool(data.get("enabled", True)),
        examples=Examples(fail + extra_fail, passing + extra_pass),
        doc=str(data.get("documentation", "")).strip(),
        source=reader.source.name,
        fixable=bool(data.get("fix", True)),
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
        try:
            allowed |= set(re.compile(data["pattern"]).groupindex)
        except re.error:
            return
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as exc:
        reader.fail(("message",), f"bad placeholder syntax: {exc}")
        return
    for name in fields - allowed:
        reader.fail(("message",), f"unknown placeholder {{{name}}} (use {', '.join(sorted(allowed))})")
