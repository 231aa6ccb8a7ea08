"""Hostile config and rule files: a one-line ConfigError naming file, line and key, or a valid config; never
another exception, never a hang, never a value taken as something it is not."""
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import lint_text, load_config
from newslint.config import Config
from newslint.yamlfile import ConfigError

ROOT = Path(__file__).resolve().parent.parent
RULE = "kind: existence\ncategory: style\nmessage: 'filler {match}'\ndescription: d\ntokens: [foo bar]\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as err:
        load_config(path)
    lines = str(err.value).splitlines()
    assert all(len(line) < 400 for line in lines)
    return lines


@pytest.mark.parametrize("body, expected", [
    ("extends: 5\n", "c.yaml:1: extends: expected a set name, a path or a list of them, got 5"),
    ("extends: true\n", "c.yaml:1: extends: expected a set name, a path or a list of them, got True"),
    ("rule-files: [\"a\\0b\"]\n", "c.yaml:1: rule-files: expected a list of strings, got ['a\\x00b']"),
    ("rules:\n  doubled-word: {allow: [1]}\n", "c.yaml:2: rules.doubled-word.allow: expected a list of strings, got [1]"),
    ("rules:\n  doubled-word: {allow: [null]}\n", "c.yaml:2: rules.doubled-word.allow: expected a list of strings, got [None]"),
    ("rules:\n  doubled-word: {allow: [{a: b}]}\n",
     "c.yaml:2: rules.doubled-word.allow: expected a list of strings, got [{'a': 'b'}]"),
    ("rules:\n  related-link-list: {labels: ['(unclosed']}\n",
     "c.yaml:2: rules.related-link-list.labels.0: regex '(unclosed' does not compile: missing ) at position 9"),
    ("rules:\n  doubled-word: {enabled: 'false'}\n", "c.yaml:2: rules.doubled-word.enabled: expected true or false, got 'false'"),
    ("grammar: {enabled-rules: [1]}\n", "c.yaml:1: grammar.enabled-rules: expected a list of strings, got [1]"),
    ("fail-on: error\nfail-on: warning\n", "c.yaml:2: fail-on: duplicate key (first given on line 1)"),
    ("fail-on: [1, 2]\n", "c.yaml:1: fail-on: unknown severity [1, 2] (choose from suggestion, warning, error)"),
])
def test_bad_config_values_are_one_line_errors(tmp_path, body, expected):
    assert [line.split(str(tmp_path) + "/", 1)[-1] for line in problems(write(tmp_path, "c.yaml", body))] == [expected]


@pytest.mark.parametrize("body, expected", [
    ("kind: [existence]\n", "kind: unknown kind ['existence'] (choose from substitution, existence, pattern, line)"),
    (RULE + "exceptions: 5\n", "exceptions: expected a string or a list of strings, got 5"),
    ("kind: line\ncategory: style\nmessage: m\ndescription: d\nlines: [x]\npatterns: 5\n",
     "patterns: expected a string or a list of strings, got 5"),
    ("kind: pattern\ncategory: style\nmessage: m\ndescription: d\npattern: 'a{4294967295}'\n",
     "pattern: regex 'a{4294967295}' does not compile: repeat count too big at position 2"),
    (RULE.replace("'filler {match}'", "'bad {'"), "message: bad placeholder syntax in 'bad {'"),
    (RULE.replace("'filler {match}'", "42"), "message: required, a string"),
    (RULE.replace("'filler {match}'", "'x {0}'"), "message: unknown placeholder {0} (use match, replacement)"),
    (RULE.replace("'filler {match}'", "'x {match:>999999999}'"), "message: placeholder {match} takes no format spec"),
    ("kind: pattern\ncategory: style\nmessage: m\ndescription: d\npattern: foo\nreplacement: 'x{0}'\n",
     "replacement: unknown placeholder {0} (the pattern has no named groups)"),
    ("kind: pattern\ncategory: style\nmessage: m\ndescription: d\npattern: foo\nreplacement: 'x{e'\n",
     "replacement: bad placeholder syntax in 'x{e'"),
    (RULE.replace("tokens: [foo bar]", "regex: true\ntokens: {'f(?P<g>o)o': {message: 'x {0}'}}"),
     "tokens.f(?P<g>o)o.message: unknown placeholder {0} (use g, match, replacement)"),
    (RULE + "fix: 'false'\n", "fix: expected true or false, got 'false'"),
    (RULE + "enabled: 'false'\n", "enabled: expected true or false, got 'false'"),
    (RULE + "ignorecase: 'false'\n", "ignorecase: expected true or false, got 'false'"),
    (RULE + "regex: 'no'\n", "regex: expected true or false, got 'no'"),
    (RULE + "category: mangled\n", "category: duplicate key (first given on line 2)"),
])
def test_bad_rule_files_are_one_line_errors(tmp_path, body, expected):
    write(tmp_path, "r/my-rule.yaml", body)
    lines = problems(write(tmp_path, "c.yaml", "rule-files: [r]\n"))
    assert len(lines) == 1 and expected in lines[0], lines
    assert lines[0].startswith(f"{tmp_path}/r/my-rule.yaml:")


def test_exceptions_given_as_one_string_is_one_pattern(tmp_path):
    write(tmp_path, "r/my-rule.yaml", RULE + "exceptions: 'foo bar baz'\n")
    config = load_config(write(tmp_path, "c.yaml", "rule-files: [r]\n"))
    found = [f.rule for f in lint_text("A foo bar baz. A foo bar.\n", config) if f.rule == "my-rule"]
    assert found == ["my-rule"]  # the first is excepted; 'a', 'b', 'c' alone would except nothing


def test_a_pyproject_whose_tool_is_not_a_table(tmp_path):
    path = write(tmp_path, "pyproject.toml", 'tool = "x"\n')
    assert problems(path) == [f"{path}: tool.newslint: expected a table"]


def test_extends_another_toml_file_reads_it_as_toml(tmp_path):
    write(tmp_path, "shared.toml", 'fail-on = "error"\n[rules]\ndoubled-word = "disable"\n')
    config = load_config(write(tmp_path, "c.yaml", "extends: shared.toml\n"))
    assert config.fail_on.name == "ERROR" and config.rule("doubled-word") is None
    assert config.rule("spun-phrases") is not None  # shared.toml extends nothing, so default


@pytest.mark.parametrize("extends", ["[default, default]", "[default, shared/base.yaml]", "[shared/a.yaml, shared/b.yaml]"])
def test_repeated_and_diamond_extends_load_each_file_once(tmp_path, extends):
    write(tmp_path, "shared/base.yaml", "rules:\n  doubled-word: disable\n")
    write(tmp_path, "shared/a.yaml", "extends: base.yaml\n")
    write(tmp_path, "shared/b.yaml", "extends: base.yaml\nrules:\n  spun-phrases: {severity: error}\n")
    config = load_config(write(tmp_path, "c.yaml", f"extends: {extends}\n"))
    assert config.rule("spun-phrases") is not None
    assert (config.rule("doubled-word") is None) == (extends != "[default, default]")


def test_24_levels_of_doubled_extends_finish(tmp_path):
    write(tmp_path, "c.yaml", "extends: [l0a.yaml, l0b.yaml]\n")
    for level in range(24):
        for side in "ab":
            write(tmp_path, f"l{level}{side}.yaml", f"extends: [l{level + 1}a.yaml, l{level + 1}b.yaml]\n")
    for side in "ab":
        write(tmp_path, f"l24{side}.yaml", "rules: {doubled-word: disable}\n")
    started = time.process_time()
    assert load_config(tmp_path / "c.yaml").rule("doubled-word") is None
    assert time.process_time() - started < 5


def _bomb() -> str:
    """A billion laughs: nine levels of nine aliases, 9**9 strings once expanded."""
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"{name}: &{name} [" + ", ".join([f"*{parent}"] * 9) + "]" for parent, name in zip("abcdefgh", "bcdefghi")]
    return "\n".join(lines) + "\n"


BOMB = _bomb()


@pytest.mark.parametrize("where", ["fail-on: *i\n", "rules:\n  doubled-word: {severity: *i}\n"])
def test_alias_bombs_are_refused_without_expanding(tmp_path, where):
    lines = problems(write(tmp_path, "c.yaml", BOMB + where))
    assert lines == [f"{tmp_path}/c.yaml:7: aliases expand to more than 1,000,000 values"]


def test_an_alias_bomb_in_a_rule_file_category(tmp_path):
    write(tmp_path, "r/my-rule.yaml", BOMB + RULE.replace("category: style\n", "category: *i\n"))
    assert problems(write(tmp_path, "c.yaml", "rule-files: [r]\n"))[0].endswith("aliases expand to more than 1,000,000 values")


def test_values_quoted_in_errors_are_cut(tmp_path):
    (line,) = problems(write(tmp_path, "c.yaml", f"fail-on: {'x' * 5000}\n"))
    message = line.split("fail-on: ", 1)[1]  # the temporary path's length varies
    assert len(message) < 130 and "..." in message


def test_a_recursive_alias_and_deep_nesting(tmp_path):
    assert problems(write(tmp_path, "a.yaml", "rules: &a [*a]\n")) == [
        f"{tmp_path}/a.yaml:1: an alias refers to a value that contains it"]
    (deep,) = problems(write(tmp_path, "b.yaml", "rules: " + "[" * 100_000 + "]" * 100_000 + "\n"))
    assert deep.startswith(f"{tmp_path}/b.yaml") and "invalid YAML" in deep


def test_many_unknown_keys_are_reported_in_linear_time(tmp_path):
    keys = 50_000
    path = write(tmp_path, "c.yaml", "".join(f"k{i}: 1\n" for i in range(keys)))
    started = time.process_time()
    lines = problems(path)
    assert len(lines) == keys and lines[-1] == f"{path}:{keys}: k{keys - 1}: unknown key"
    assert time.process_time() - started < 10  # the quadratic version took minutes; bench/growth.py prints the ratio


def test_the_cli_exits_2_with_one_line_per_problem(tmp_path):
    write(tmp_path, "c.yaml", "extends: 5\nfail-on: loud\n")
    (tmp_path / "a.txt").write_text("Text.\n")
    result = subprocess.run([sys.executable, "-m", "newslint", "--config", "c.yaml", "a.txt"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 2


# -- generated documents: random types, keys and YAML structure ---------------------------------------
KEYS = ["extends", "rules", "rule-files", "include", "exclude", "fail-on", "grammar", "suppress", "unknown",
        "doubled-word", "related-link-list", "severity", "enabled", "allow", "labels", "max-items", "report-unused"]
RULE_KEYS = ["kind", "category", "severity", "message", "description", "tokens", "swap", "pattern", "patterns",
             "lines", "replacement", "regex", "ignorecase", "exceptions", "fix", "enabled", "in-quotes", "examples",
             "fail", "pass", "replace", "followed-by"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**40), st.floats(allow_nan=True),
                    st.sampled_from(["default", "enable", "disable", "error", "warning", "loud", "existence", "pattern",
                                     "line", "substitution", "style", "(a", "{match}", "{0}", "x{", "[x", "a{99999}",
                                     "\x00", "\x1b[2J", "tortured-phrases", "../x.yaml", "r", "*.txt", ""]),
                    st.text(max_size=12))


def values(keys):
    return st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.sampled_from(keys) | st.text(max_size=6),
                                                                         inner, max_size=5)), max_leaves=12)


def _expect_config_or_error(path: Path) -> None:
    try:
        config = load_config(path)
    except ConfigError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return
    assert isinstance(config, Config)
    lint_text("The the minister will fulfill with aides.\nfoo bar\n", config)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(st.sampled_from(KEYS), values(KEYS), max_size=6))
def test_generated_configs_give_a_config_or_a_config_error(tmp_path, document):
    _expect_config_or_error(write(tmp_path, "c.yaml", json.dumps(document)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(st.sampled_from(RULE_KEYS), values(RULE_KEYS), max_size=8),
       kind=st.sampled_from(["existence", "substitution", "pattern", "line", None]))
def test_generated_rule_files_give_a_config_or_a_config_error(tmp_path, document, kind):
    if kind:
        document = {"kind": kind, "category": "style", "message": "m {match}", "description": "d", **document}
    write(tmp_path, "r/gen-rule.yaml", json.dumps(document))
    _expect_config_or_error(write(tmp_path, "c.yaml", "extends: []\nrule-files: [r]\n"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet="ab:&*[]{}-, \n'\"!#|>%@`\t", max_size=80))
def test_generated_yaml_text_gives_a_config_or_a_config_error(tmp_path, text):
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        pass
    _expect_config_or_error(write(tmp_path, "c.yaml", text))
