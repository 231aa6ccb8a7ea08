"""Configuration: find it, load it, resolve `extends`, merge, validate, and activate the rules.

Sources, first found wins: --config FILE; else, from the current folder upward, .newslint.yaml,
.newslint.yml or a pyproject.toml with [tool.newslint]. Without any, the built-in `default` set.
A config without `extends` extends `default`; `extends: []` loads no built-in rule files
(the Python rules keep their own defaults and can be switched off under `rules`).
"""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import configcache
from .checks import grammar
from .display import quoted
from .lazyre import LazyRegex, module_patterns
from .model import Rule, Severity
from .registry import catalogue, yaml_rule_paths
from .sources import SourceError, read_text
from .yamlfile import ConfigError, Problem, YamlFile

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
_TOML_KEY = LazyRegex(r"\s*\[*\s*([^=\]]+?)\s*[=\]]")
module_patterns(_TOML_KEY)
DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm")
TOP_KEYS = {"extends", "rules", "rule-files", "include", "exclude", "fail-on"}
# Sections owned by one feature, validated by it (name -> allowed keys and their types).
# A section named after a rule holds that rule's options and switches it on (see _section_rules).
SECTIONS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "suppress": {"report-unused": bool},  # newslint/suppress.py
    "grammar": grammar.OPTIONS,
}


def _build_engine(rules):
    from .yamlrules import build_engine  # here: a run from the cached config reads no rule file

    return build_engine(rules)


def rules_root() -> Path:
    """The built-in rule sets: inside the installed package, or rules/ of a source checkout."""
    return configcache.rules_dir(Path(__file__).resolve().parent)  # as importlib.resources gives it, without importing it


def builtin_sets() -> list[str]:
    return sorted(p.stem for p in (rules_root() / "sets").glob("*.yaml"))


@dataclass(frozen=True)
class Config:
    """The resolved configuration: the active rules with their effective severity and options."""

    rules: tuple[Rule, ...]
    catalogue: Mapping[str, Rule]
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    path: str | None = None
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def __dask_tokenize__(self) -> str:
        """Dask names a task by its arguments' content; walking a config's compiled rules takes
        seconds, its fingerprint (newslint/fingerprint.py) milliseconds."""
        from .fingerprint import config_fingerprint

        return config_fingerprint(self)


class _TomlSection(YamlFile):
    """[tool.newslint] of a pyproject.toml; lines are found by searching the file's text."""

    def __init__(self, name: str, data: Any, text: str):
        super().__init__(name, data, None)
        self._first_line: dict[str, int] = {}  # key or table name -> the first line that names it
        for number, line in enumerate(text.splitlines(), 1):
            found = _TOML_KEY.match(line)
            if found:
                self._first_line.setdefault(found.group(1).strip().strip("\"'").split(".")[-1], number)

    def line_of(self, *keys: Any) -> int | None:
        return self._first_line.get(str(keys[-1]) if keys else "newslint")


@dataclass
class _Layers:
    """What the config files say, merged in order, with where each rule setting came from."""

    rule_files: list[tuple[Path, str]] = field(default_factory=list)
    settings: dict[str, tuple[Any, YamlFile]] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    loaded: set[str] = field(default_factory=set)  # files already applied: diamonds and repeats load once
    consulted: list[Path] = field(default_factory=list)  # config files and rule folders read (configcache.py)


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.newslint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: str | Path | None = None, *, discover: bool = True) -> Config:
    """Load, validate and resolve a config; ConfigError lists every problem with file, line and key.

    A config that loaded cleanly is kept in a cache (configcache.py) until one of its files changes."""
    chosen = Path(path) if path is not None else (find_config() if discover else None)
    if chosen is None:
        key = "<builtin>"
    else:  # a relative path means a different file from another folder
        key = f"{chosen}\n{chosen.resolve()}\n{'' if chosen.is_absolute() else os.getcwd()}"
    return configcache.cached(key, lambda: _load(chosen))


def _load(chosen: Path | None) -> tuple[Config, list[Path]]:
    """The config, and every file and folder it was built from."""
    layers = _Layers()
    if chosen is None:
        _apply_builtin(layers, "default", [])
    else:
        _apply_file(layers, chosen, [])
    try:
        known = catalogue(layers.rule_files)
    except ConfigError as exc:
        raise ConfigError(layers.problems + list(exc.problems)) from None
    active = _section_rules(_activate(known, layers), known, layers)
    if layers.problems:
        raise ConfigError(layers.problems)
    config = Config(
        rules=tuple(_build_engine(active)),
        catalogue=known,
        include=layers.include,
        exclude=layers.exclude,
        fail_on=layers.fail_on,
        path=str(chosen) if chosen else None,
        sections={k: dict(v) for k, v in layers.sections.items()},
    )
    return config, layers.consulted + [path for path, _ in layers.rule_files]


def _read(path: Path) -> YamlFile:
    """A YAML config, or a TOML one: [tool.newslint] of a pyproject.toml, the whole of any other .toml."""
    if path.suffix != ".toml":
        return YamlFile.load(path)
    if sys.version_info >= (3, 11):  # here, not at the top: most configs are YAML
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        text = read_text(str(path))
        data = tomllib.loads(text)
    except SourceError as exc:  # its message starts with the path
        raise ConfigError([Problem(str(path), None, "", str(exc).split(": ", 1)[-1])]) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError([Problem(str(path), None, "", f"cannot read: {exc}")]) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or not isinstance(tool.get("newslint", {}), dict):
            raise ConfigError([Problem(str(path), None, "tool.newslint", "expected a table")])
        data = tool.get("newslint", {})
    return _TomlSection(str(path), data, text)


def _apply_builtin(layers: _Layers, name: str, stack: list[str]) -> None:
    path = rules_root() / "sets" / f"{name}.yaml"
    _apply_file(layers, path, stack, display=f"<builtin:{name}>")


def _apply_file(layers: _Layers, path: Path, stack: list[str], display: str | None = None) -> None:
    try:
        key = str(path.resolve())
    except (OSError, ValueError):
        key = str(path)
    layers.consulted.append(path)
    if key in stack:
        layers.problems.append(Problem(str(path), None, "extends", "extends itself (a cycle)"))
        return
    if key in layers.loaded:  # extends: [default, default], or two parents sharing a grandparent
        return
    layers.loaded.add(key)
    try:
        source = _read(path)
    except ConfigError as exc:
        layers.problems.extend(exc.problems)
        return
    if display:
        source.name = display
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        layers.problems.append(source.problem((), "a config must be a mapping"))
        return
    for name in data:
        if name not in TOP_KEYS and name not in SECTIONS:
            layers.problems.append(source.problem((name,), "unknown key"))
    extends = data.get("extends", "default" if display is None else [])
    if not isinstance(extends, (str, list)):
        layers.problems.append(source.problem(("extends",), f"expected a set name, a path or a list of them, got {quoted(extends)}"))
        extends = []
    for index, parent in enumerate([extends] if isinstance(extends, str) else extends):
        if not isinstance(parent, str) or "\0" in parent:
            layers.problems.append(source.problem(("extends", index), f"expected a set name or a path, got {quoted(parent)}"))
        elif parent.endswith((".yaml", ".yml", ".toml")) or "/" in parent:
            _apply_file(layers, path.parent / parent, stack + [key])
        elif parent in builtin_sets():
            _apply_builtin(layers, parent, stack + [key])
        else:
            layers.problems.append(source.problem(("extends",), f"unknown rule set {quoted(parent)} (built-in: {', '.join(builtin_sets())})"))
    _merge(layers, source, data, path.parent)


def _merge(layers: _Layers, source: YamlFile, data: dict, folder: Path) -> None:
    for index, entry in enumerate(_list(layers, source, data, "rule-files")):
        try:
            target = (folder / entry).resolve()
            exists = target.exists()
        except (OSError, ValueError):  # a NUL, a name too long
            target, exists = None, False
        if not exists:
            layers.problems.append(source.problem(("rule-files", index), f"no such file or folder: {quoted(entry)}"))
            continue
        known = {path for path, _ in layers.rule_files}
        layers.consulted.append(target)
        for rule_path in yaml_rule_paths(target):
            display = str(rule_path) if source.name[:1] != "<" else "rules/" + str(rule_path.relative_to(rules_root().resolve()))
            if rule_path not in known:  # two configs naming one folder
                layers.rule_files.append((rule_path, display))
    if "include" in data:
        layers.include = tuple(_list(layers, source, data, "include"))
    if "exclude" in data:
        layers.exclude = tuple(_list(layers, source, data, "exclude"))
    if "fail-on" in data:
        try:
            layers.fail_on = Severity.parse(data["fail-on"])
        except ValueError as exc:
            layers.problems.append(source.problem(("fail-on",), str(exc)))
    rules = data.get("rules")
    rules = {} if rules is None else rules
    if not isinstance(rules, dict):
        layers.problems.append(source.problem(("rules",), "expected a mapping of rule id to setting"))
        rules = {}
    for rule_id, value in rules.items():
        previous = layers.settings.get(str(rule_id), ({}, source))[0]
        layers.settings[str(rule_id)] = (_merge_setting(previous, value), source)
    for name, schema in SECTIONS.items():
        if name in data:
            _merge_section(layers, source, name, data[name], schema)


def _list(layers: _Layers, source: YamlFile, data: dict, key: str) -> list[str]:
    value = data.get(key)
    value = [] if value is None else [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(v, str) and "\0" not in v for v in value):
        layers.problems.append(source.problem((key,), f"expected a list of strings, got {quoted(value)}"))
        return []
    return value


def _merge_setting(previous: Any, value: Any) -> Any:
    if isinstance(value, dict) and isinstance(previous, dict):
        return {**previous, **value}
    return value


def _merge_section(layers: _Layers, source: YamlFile, name: str, value: Any, schema: dict) -> None:
    if not isinstance(value, dict):
        layers.problems.append(source.problem((name,), "expected a mapping"))
        return
    for key, item in value.items():
        if key not in schema:
            layers.problems.append(source.problem((name, key), "unknown key"))
        elif not _fits(item, schema[key]):
            layers.problems.append(source.problem((name, key), f"expected {_type_name(schema[key])}, got {quoted(item)}"))
    layers.sections.setdefault(name, {}).update(value)


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({bool: "true/false", int: "a whole number", float: "a number", str: "a string",
                        list: "a list of strings", dict: "a mapping"}.get(k, k.__name__) for k in kinds)


def _fits(value: Any, expected: type | tuple[type, ...]) -> bool:
    """Strict types: true/false is no number, "false" is no boolean, and a list option holds strings."""
    kinds = _tuple(expected)
    if isinstance(value, bool) and bool not in kinds:
        return False
    if not isinstance(value, kinds):
        return False
    return not isinstance(value, list) or all(isinstance(item, str) for item in value)


def _activate(known: Mapping[str, Rule], layers: _Layers) -> list[Rule]:
    """Apply every rule setting to the catalogue; return the enabled rules."""
    active = []
    for rule in known.values():
        setting, source = layers.settings.get(rule.id, (None, None))
        rule = _configure(rule, setting, source, layers.problems) if setting is not None else rule
        if rule.enabled:
            active.append(rule)
    for rule_id, (_, source) in layers.settings.items():
        if rule_id not in known:
            layers.problems.append(source.problem(("rules", rule_id), "unknown rule id"))
    return active


def _section_rules(active: list[Rule], known: Mapping[str, Rule], layers: _Layers) -> list[Rule]:
    """`grammar: {server: ...}` configures the grammar rule and switches it on, unless `rules:` turns it off."""
    for name, values in layers.sections.items():
        setting = layers.settings.get(name, (None, None))[0]
        switched_off = setting in ("disable", False) or (isinstance(setting, dict) and setting.get("enabled") is False)
        if name not in known or switched_off:
            continue
        current = next((r for r in active if r.id == name), known[name])
        configured = dataclasses.replace(current, enabled=True, options={**current.options, **values})
        active = [r for r in active if r.id != name] + [configured]
    return active


def _configure(rule: Rule, setting: Any, source: YamlFile, problems: list[Problem]) -> Rule:
    keys = ("rules", rule.id)
    if setting in ("enable", True):
        return dataclasses.replace(rule, enabled=True)
    if setting in ("disable", False):
        return dataclasses.replace(rule, enabled=False)
    if not isinstance(setting, dict):
        problems.append(source.problem(keys, "expected enable, disable or a mapping"))
        return rule
    changes: dict[str, Any] = {"enabled": True, "options": dict(rule.options)}
    for key, value in setting.items():
        if key == "enabled":
            if isinstance(value, bool):
                changes["enabled"] = value
            else:
                problems.append(source.problem(keys + (key,), f"expected true or false, got {quoted(value)}"))
        elif key == "severity":
            try:
                changes["severity"] = Severity.parse(value)
            except ValueError as exc:
                problems.append(source.problem(keys + (key,), str(exc)))
        elif key in rule.schema:
            expected = rule.schema[key]
            if _fits(value, expected):
                changes["options"][key] = value
            else:
                problems.append(source.problem(keys + (key,), f"expected {_type_name(expected)}, got {quoted(value)}"))
        else:
            allowed = ", ".join(["enabled", "severity", *rule.schema]) or "enabled, severity"
            problems.append(source.problem(keys + (key,), f"unknown option (allowed: {allowed})"))
    if rule.validate is not None:  # option values only the rule can judge (e.g. its regexes compile)
        for key, message in rule.validate(changes["options"]):
            problems.append(source.problem(keys + (key,), message))
    return dataclasses.replace(rule, **changes)


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def select_rules(config: Config, select: list[str] | None, ignore: list[str] | None) -> Config:
    """Narrow the active rules by id, id prefix or category. A selected exact id or category is enabled even if off
    (`--select readability` switches on the readability rules, which are all off by default)."""
    def matches(rule: Rule, selectors: list[str]) -> bool:
        return any(rule.id == s or rule.id.startswith(s) or rule.category == s for s in selectors)

    if not select and not ignore:  # the rules as loaded, their shared engine already built
        return config
    rules = list(config.rules)
    if select:
        active_ids = {r.id for r in rules}
        extra = [r for r in config.catalogue.values()
                 if (r.id in select or r.category in select) and r.id not in active_ids]
        rules = [r for r in rules if matches(r, select)] + [dataclasses.replace(r, enabled=True) for r in extra]
    if ignore:
        rules = [r for r in rules if not matches(r, ignore)]
    return dataclasses.replace(config, rules=tuple(_build_engine(rules)))


def unknown_selectors(config: Config, selectors: list[str]) -> list[str]:
    from .model import CATEGORIES

    return [s for s in selectors if s not in CATEGORIES and not any(r.startswith(s) for r in config.catalogue)]
