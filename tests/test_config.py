"""Config: discovery, extends, merging, and validation that names file, line and key for every problem."""
import pickle
import textwrap

import pytest

from newslint import ConfigError, Severity, lint_text, load_config
from newslint.config import find_config


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_default_config_has_the_builtin_rules():
    config = load_config(discover=False)
    assert {"spun-phrases", "doubled-word", "site-chrome"} <= {r.id for r in config.rules}


def test_user_config_extends_default_and_changes_a_rule(tmp_path):
    cfg = write(tmp_path / ".newslint.yaml", """
        rules:
          doubled-word: disable
          spun-phrases: {severity: error}
        fail-on: error
    """)
    config = load_config(cfg)
    ids = {r.id for r in config.rules}
    assert "doubled-word" not in ids and "spun-phrases" in ids
    assert config.rule("spun-phrases").severity is Severity.ERROR
    assert config.fail_on is Severity.ERROR


def test_extends_nothing_loads_no_builtin_rule_files(tmp_path):
    cfg = write(tmp_path / "c.yaml", "extends: []\n")
    config = load_config(cfg)
    assert "spun-phrases" not in config.catalogue
    assert all(not r.source.endswith(".yaml") for r in config.rules)


def test_every_problem_is_reported_with_file_line_and_key(tmp_path):
    cfg = write(tmp_path / "bad.yaml", """
        rules:
          no-such-rule: enable
          doubled-word:
            severity: loud
            allow: notalist
            colour: red
        frobnicate: 1
        fail-on: sometimes
    """)
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    text = str(err.value)
    lines = text.splitlines()
    assert f"{cfg}:3: rules.no-such-rule: unknown rule id" in lines
    assert any(line.startswith(f"{cfg}:5: rules.doubled-word.severity: unknown severity 'loud'") for line in lines)
    assert f"{cfg}:6: rules.doubled-word.allow: expected a list of strings, got 'notalist'" in lines
    assert any(line.startswith(f"{cfg}:7: rules.doubled-word.colour: unknown option") for line in lines)
    assert f"{cfg}:8: frobnicate: unknown key" in lines
    assert any(line.startswith(f"{cfg}:9: fail-on: unknown severity") for line in lines)


def test_invalid_yaml_names_the_line(tmp_path):
    cfg = write(tmp_path / "broken.yaml", "rules:\n  a: [1, 2\nb: 3\n")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert str(err.value).startswith(f"{cfg}:")
    assert "invalid YAML" in str(err.value)


def test_user_rule_files_with_bad_regex_are_reported(tmp_path):
    rules = tmp_path / "myrules"
    rules.mkdir()
    write(rules / "house-style.yaml", """
        kind: substitution
        category: style
        description: House style.
        message: "use '{replacement}'"
        regex: true
        swap:
          "colou(r": color
    """)
    write(rules / "Bad_Name.yaml", "kind: nonsense\n")
    cfg = write(tmp_path / ".newslint.yaml", "rule-files: [myrules]\n")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    text = str(err.value)
    assert "house-style.yaml:8: swap.colou(r: regex" in text and "does not compile" in text
    assert "Bad_Name.yaml" in text and "kebab-case" in text
    assert "kind: unknown kind 'nonsense'" in text


def test_user_rule_file_is_loaded_and_used(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    write(rules / "house-style.yaml", """
        kind: substitution
        category: style
        severity: suggestion
        description: House style.
        message: "house style: '{replacement}', not '{match}'"
        swap:
          towards: toward
    """)
    cfg = write(tmp_path / ".newslint.yaml", "rule-files: [house]\n")
    found = [f for f in lint_text("They walked Towards it.", load_config(cfg)) if f.rule == "house-style"]
    assert [(f.column, f.replacements, f.severity) for f in found] == [(13, ("Toward",), Severity.SUGGESTION)]


def test_duplicate_rule_ids_are_an_error(tmp_path):
    rules = tmp_path / "dup"
    rules.mkdir()
    write(rules / "doubled-word.yaml", """
        kind: existence
        category: style
        description: x
        message: x
        tokens: [x]
    """)
    with pytest.raises(ConfigError, match="duplicate rule id 'doubled-word'"):
        load_config(write(tmp_path / "c.yaml", "rule-files: [dup]\n"))


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="cycle"):
        load_config(tmp_path / "a.yaml")


def test_unknown_builtin_set_lists_the_known_ones(tmp_path):
    with pytest.raises(ConfigError, match="unknown rule set 'nope' .*default"):
        load_config(write(tmp_path / "c.yaml", "extends: nope\n"))


def test_pyproject_section_is_found_and_validated(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "x"

        [tool.newslint]
        fail-on = "error"

        [tool.newslint.rules]
        doubled-word = "disable"
        bogus-rule = "enable"
    """)
    sub = tmp_path / "articles"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert find_config() == tmp_path / "pyproject.toml"
    with pytest.raises(ConfigError) as err:
        load_config()
    assert f"{tmp_path / 'pyproject.toml'}:10: rules.bogus-rule: unknown rule id" in str(err.value)


def test_yaml_config_is_found_upward(tmp_path, monkeypatch):
    write(tmp_path / ".newslint.yaml", "rules: {doubled-word: disable}\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert "doubled-word" not in {r.id for r in load_config().rules}


def test_config_pickles_and_lints_the_same_after(tmp_path):
    config = load_config(discover=False)
    copy = pickle.loads(pickle.dumps(config))
    text = "He will fulfill with the the minister, a 40-12 months-old."
    assert lint_text(text, copy) == lint_text(text, config)
