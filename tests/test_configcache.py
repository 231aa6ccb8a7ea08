"""The config cache: a hit gives the same config without compiling; any change to its files is a miss."""
import pickle
import time

import pytest

from newslint import ConfigError, lint_text, load_config
from newslint.lazyre import LazyRegex, compile_checked
from newslint.yamlkinds import PhraseCheck

RULE = """kind: substitution
category: paraphrase
description: Test phrases.
message: "'{match}' -> '{replacement}'"
swap:
  %s: plain words
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house-words.yaml").write_text(RULE % "blue moon", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule-files: [house]\n", encoding="utf-8")
    return tmp_path


def rules_found(config, text):
    return sorted({f.rule for f in lint_text(text, config)})


def config_entries(folder):
    # Other tables (spin.yaml's fitted values, built-in lists) share the cache folder when a test
    # runs alone and their in-process memos are still empty: count the configs only.
    return [p for p in folder.glob("*.pickle") if type(pickle.loads(p.read_bytes())[1]).__name__ == "Config"]


def compiled(config):
    # Built-in patterns are LazyRegex; a user's rule file gets guarded ones (userregex.py), compiled as loaded.
    entries = [e.regex for r in config.rules if isinstance(r.check, PhraseCheck) for e in r.check.entries
               if isinstance(e.regex, LazyRegex)]
    return sum("match" in regex.__dict__ for regex in entries), len(entries)


def test_a_second_load_comes_from_the_cache_and_compiles_nothing(project):
    first = load_config(project / ".newslint.yaml")
    assert compiled(first)[0] == compiled(first)[1]  # validated: every regex compiled once
    assert len(config_entries(project / "cache")) == 1
    second = load_config(project / ".newslint.yaml")
    done, total = compiled(second)
    assert total > 1000 and done == 0
    text = "Once in a blue moon he will fulfill with the minister."
    assert rules_found(second, text) == rules_found(first, text) == ["house-words", "spun-phrases"]
    assert [r.id for r in second.rules] == [r.id for r in first.rules]


def test_an_edited_rule_file_is_a_miss(project):
    load_config(project / ".newslint.yaml")
    (project / "house" / "house-words.yaml").write_text(RULE % "red sky", encoding="utf-8")
    config = load_config(project / ".newslint.yaml")
    assert rules_found(config, "A red sky at night. A blue moon.") == ["house-words"]
    assert [f.column for f in lint_text("A red sky at night. A blue moon.", config)] == [3]


def test_a_rule_file_added_to_a_folder_is_a_miss(project):
    load_config(project / ".newslint.yaml")
    (project / "house" / "more-words.yaml").write_text(RULE % "red sky", encoding="utf-8")
    config = load_config(project / ".newslint.yaml")
    assert "more-words" in config.catalogue


def test_a_broken_entry_is_rebuilt_and_errors_are_never_cached(project):
    load_config(project / ".newslint.yaml")
    [entry] = config_entries(project / "cache")
    entry.write_bytes(b"not a pickle")
    assert "house-words" in load_config(project / ".newslint.yaml").catalogue
    (project / "house" / "house-words.yaml").write_text("kind: substitution\nswap: {'(': x}\n", encoding="utf-8")
    for _ in range(2):  # reported in full every time, not served from a cache
        with pytest.raises(ConfigError) as error:
            load_config(project / ".newslint.yaml")
        assert "house-words.yaml" in str(error.value)


def test_no_cache_when_switched_off(project, monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    load_config(project / ".newslint.yaml")
    assert not (project / "cache").exists()


def test_a_lazy_regex_pickles_as_its_source_and_compiles_on_first_use(monkeypatch):
    regex = compile_checked(r"(?<!\w)fulfill\s+with(?!\w)", 2)
    copy = pickle.loads(pickle.dumps(regex))
    assert isinstance(copy, LazyRegex) and "match" not in copy.__dict__
    assert copy.search("to fulfill  WITH them").span() == (3, 16)
    assert copy == regex and copy.flags == regex.flags
    again = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(regex))))  # a cached config sent on, uncompiled
    assert isinstance(again._program[1], bytes)  # kept as read until it is compiled
    monkeypatch.setattr("re.compile", None)  # compiled from its program, never from the source
    assert again.search("to fulfill  WITH them").span() == (3, 16)


def test_the_cache_keeps_its_newest_entries(project, monkeypatch):
    from newslint import configcache

    monkeypatch.setattr(configcache, "KEEP", 2)
    for name in ("a", "b", "c"):
        configcache.cached(name, lambda value=name: (value, []))
        time.sleep(0.02)  # distinct modification times
    assert len(list((project / "cache").glob("*.pickle"))) == 2
    assert configcache.cached("c", lambda: ("rebuilt", [])) == "c"  # the newest is still there


def test_an_edited_rule_data_file_is_a_new_cache_key(tmp_path, monkeypatch):
    # Rule modules read thresholds and word lists from rules/data/*.yaml when they are imported.
    from newslint import configcache

    package, data = tmp_path / "newslint", tmp_path / "rules" / "data"
    package.mkdir()
    data.mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    (data / "spin.yaml").write_text("phrases: {min-confidence: 0.82}\n", encoding="utf-8")
    monkeypatch.setattr(configcache, "_PACKAGE", package)
    before = configcache._code_stamp()
    (data / "spin.yaml").write_text("phrases: {min-confidence: 0.9}\n", encoding="utf-8")
    assert configcache._code_stamp() == before  # computed once per process
    configcache.code_stamp.cache_clear()  # as a new process
    assert configcache._code_stamp() != before


def test_the_code_stamp_covers_modules_tables_and_rule_files_but_not_bytecode(tmp_path, monkeypatch):
    # One walk keys the config cache and the lint cache's fingerprint: any of these edited is a new key.
    from newslint import configcache

    package, rules = tmp_path / "newslint", tmp_path / "rules"
    (package / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (rules / "paraphrase").mkdir(parents=True)
    files = [package / "a.py", package / "data" / "table.bin.gz", rules / "paraphrase" / "x.yaml"]
    for path in files:
        path.write_text("one\n", encoding="utf-8")
    monkeypatch.setattr(configcache, "_PACKAGE", package)
    configcache.code_stamp.cache_clear()
    before = configcache._code_stamp()
    (package / "__pycache__" / "a.cpython-311.pyc").write_text("bytecode", encoding="utf-8")
    (package / "notes.md").write_text("not code", encoding="utf-8")
    configcache.code_stamp.cache_clear()
    assert configcache._code_stamp() == before
    for path in files:
        path.write_text("two, longer\n", encoding="utf-8")
        configcache.code_stamp.cache_clear()
        assert configcache._code_stamp() != before, path
        before = configcache._code_stamp()
    configcache.code_stamp.cache_clear()


def test_module_patterns_share_one_cached_table_that_grows(tmp_path, monkeypatch):
    import re

    from newslint import lazyre

    def new_process():  # what a process starts with: nothing registered, no table read
        monkeypatch.setattr(lazyre, "_PENDING", [])
        monkeypatch.setattr(lazyre, "_SHARED", None)

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    figure, word = r"(?P<n>\d+(?:\.\d+)?)\s*(?:per\s?cent|%)", r"(?<![\w'’-])([a-z]+)\s+(\1)\b"
    new_process()
    first = LazyRegex(figure, re.IGNORECASE)
    lazyre.module_patterns(first)
    assert first._program is None and not (tmp_path / "cache").exists()  # registering reads nothing
    assert first.search("up 3 PER CENT").group("n") == "3"
    assert first._program is not None and len(list((tmp_path / "cache").glob("*.pickle"))) == 1

    new_process()  # a second process, whose modules register two patterns, one the table lacks
    real = lazyre._program
    monkeypatch.setattr(lazyre, "_program", lambda pattern, flags: None if pattern == figure else real(pattern, flags))
    second, doubled = LazyRegex(figure, re.IGNORECASE), LazyRegex(word)
    lazyre.module_patterns(second, doubled)
    assert doubled.search("in the the end").group(1) == "the"
    assert second._program == first._program  # from the table: this process could not make it
    assert doubled._program is not None

    new_process()  # a third: both programs come from the one entry, and nothing is compiled by sre
    monkeypatch.setattr(lazyre, "_program", None)
    third, again = LazyRegex(figure, re.IGNORECASE), LazyRegex(word)
    lazyre.module_patterns(third, again)
    monkeypatch.setattr("re.compile", None)
    assert third.search("5%").group("n") == "5" and again.search("a a").group(2) == "a"
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1

    monkeypatch.undo()
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    new_process()
    fourth = LazyRegex(figure, re.IGNORECASE)
    lazyre.module_patterns(fourth)
    assert fourth.search("7 percent").group("n") == "7" and fourth._program is None  # compiled from its source


def test_rule_modules_compile_no_pattern_at_import():
    """Module-level patterns of the rule modules and of the modules every lint run uses are
    LazyRegexes registered with module_patterns, so a run takes their programs from the cache (a
    plain re.compile there costs sre's parser in every process)."""
    import ast
    from pathlib import Path

    import newslint

    package = Path(newslint.__file__).parent
    core = ["sentences", "document", "suppress", "display", "edits", "runner", "matcher", "yamlfile", "config",
            "attribution", "boilerplate_features", "markup/__init__", "markup/html", "markup/markdown"]
    for path in [*sorted((package / "checks").glob("*.py")), *(package / f"{name}.py" for name in core)]:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                assert ast.unparse(node.value.func) != "re.compile", f"{path.name}:{node.lineno}"


def test_a_pattern_built_on_first_use_takes_its_program_from_the_shared_table(tmp_path, monkeypatch):
    from newslint import lazyre

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = r"\s(?:the|of|whether)\.$"
    for _ in range(2):  # two processes; in the second sre cannot make the program
        monkeypatch.setattr(lazyre, "_PENDING", [])
        monkeypatch.setattr(lazyre, "_SHARED", None)
        ending = lazyre.shared(source)
        assert ending.search("He did not say whether.") and not ending.search("Plan A.")
        assert ending._program is not None
        monkeypatch.setattr(lazyre, "_program", lambda pattern, flags: None)
