"""The protocol-free half of the language server: configs per folder, a buffer's analysis, columns."""
import os

from newslint.editing import ConfigCache, analyse, column_of_units, lint_path, units
from newslint.fix import fix_text
from newslint.yamlfile import ConfigError

from helpers import default_config


def test_units_and_back_in_every_encoding():
    line = "a😀é b"
    assert [units(line[:4], e) for e in ("utf-16", "utf-8", "utf-32")] == [5, 8, 4]
    for encoding in ("utf-16", "utf-8", "utf-32"):
        for column in range(len(line) + 1):
            assert column_of_units(line, units(line[:column], encoding), encoding) == column
    assert column_of_units(line, 99, "utf-16") == len(line)  # past the end: the end of the line


def test_language_id_names_the_markup_only_when_the_name_does_not():
    assert lint_path("/a/story.txt", "markdown") == "/a/story.txt.md"
    assert lint_path("untitled", "html") == "untitled.html"
    assert lint_path("/a/page.html", "plaintext") == "/a/page.html"
    assert lint_path("/a/story.md", "markdown") == "/a/story.md"


def test_preferred_fixes_are_exactly_what_fix_applies_first():
    text = 'They fulfill with aides. "We fulfill with them," she said. They take motion, the the end.\n'
    analysis = analyse(text, "a.txt", default_config())
    preferred = [(f.rule, f.column) for f in analysis.findings for r in f.replacements if analysis.preferred(f, r)]
    offered = [(f.rule, f.column) for f in analysis.findings if f.replacements]
    assert preferred != offered  # the quoted one is offered, not preferred
    fixed = fix_text(text, "a.txt", default_config())
    assert len(fixed.applied) == len(preferred) == 3
    assert fixed.text == 'They meet with aides. "We fulfill with them," she said. They take action, the end.\n'


def test_config_cache_finds_per_folder_and_reloads_on_change(tmp_path):
    desk, other = tmp_path / "desk", tmp_path / "other"
    (desk / "deep").mkdir(parents=True)
    other.mkdir()
    config = desk / ".newslint.yaml"
    config.write_text("rules:\n  doubled-word: disable\n", encoding="utf-8")
    cache = ConfigCache()
    found, loaded = cache.lookup(desk / "deep")
    assert found == config and loaded.rule("doubled-word") is None
    assert cache.lookup(desk)[1] is loaded  # unchanged: the same object, not loaded again
    assert cache.lookup(other)[0] != config  # a sibling folder does not see it

    config.write_text("rules:\n  doubled-word: {severity: loud}\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a different stamp even on a file system with coarse times
    _, broken = cache.lookup(desk)
    assert isinstance(broken, ConfigError) and "rules.doubled-word.severity" in str(broken)
    config.unlink()
    gone, after = cache.lookup(desk / "deep")
    assert gone != config and not isinstance(after, ConfigError)
