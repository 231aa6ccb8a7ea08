"""Line rules skip the lines that hold none of their needles, and find exactly what they found before."""
import re

import pytest

from newslint import lint_text, load_config
from newslint.lineneedles import Needles, holds, needles, opens_anywhere
from newslint import yamlkinds
from newslint.yamlkinds import LineCheck


@pytest.mark.parametrize("patterns, expected", [
    ([r"(?:Sign up|Subscribe)\b.{0,160}\bnewsletters?\b"], {"newsletter"}),
    ([r"(?=.{0,200}\binbox\b).{5,250}", r"Keep an eye on your inbox.{0,80}"], {"inbox", "keep an eye on your inbox"}),
    ([r".{0,60}(?:Privacy Policy|Terms of (?:Use|Service))\s*[|·•].{0,120}"], {"privacy policy", "terms of "}),
    ([r"[©].{0,160}"], None),  # one character: in too many lines to filter
    ([r"By [A-Z]\w+"], {"by "}),
    ([r"By: \w+"], {"by: "}),
    ([r"\d{1,2}:\d{2}"], None),  # no literal at all
    ([r"Σ+ΣΣ"], None),  # IGNORECASE folds Greek sigma three ways: lowering is not enough
])
def test_needles(patterns, expected):
    found = needles([re.compile(p, re.IGNORECASE) for p in patterns])
    assert found == (None if expected is None else frozenset(expected))


def test_holds():
    assert holds([3, 10, 40], 5, 11) and not holds([3, 10, 40], 11, 40) and not holds([], 0, 9)


def line_rule_findings(text, config):
    return [(f.line, f.column, f.rule) for f in lint_text(text, config) if f.category == "boilerplate"]


def test_the_filter_changes_no_finding(monkeypatch):
    config = load_config(discover=False)
    rules = [r for r in config.rules if isinstance(r.check, LineCheck)]
    assert sum(r.check.finder is not None for r in rules) >= 4  # most line rules have needles
    examples = [e for r in rules for e in r.examples.fail + r.examples.passing]
    text = "\n".join(examples + ["He said the newsletter was sent to 4,000 readers on Monday."])
    filtered = line_rule_findings(text, config)
    assert len(filtered) > 50
    monkeypatch.setattr(Needles, "hits", lambda self, document, rule: None)
    assert line_rule_findings(text, config) == filtered


def test_a_listed_line_without_any_needle_is_still_found(monkeypatch):
    """A text with none of a rule's needles skips the rule's lines, but not its listed lines."""
    config = load_config(discover=False)
    cases = [(r.id, line) for r in config.rules if isinstance(r.check, LineCheck) and r.check.needles
             for line in sorted(r.check.literals)[:3] if not any(n in line for n in r.check.needles)]
    assert len(cases) >= 4
    for rule, line in cases:
        text = f"Officials met on Monday to discuss the plan.\n{line}\n"
        assert (2, 1, rule) in line_rule_findings(text, config), (rule, line)
    text = "Officials met on Monday to discuss the plan.\nThey will meet again on Friday.\n"
    assert line_rule_findings(text, config) == []


@pytest.mark.parametrize("pattern, expected", [
    (r".{0,40}\b(?:Video|Audio) player loading.{0,40}", True),
    (r"(?=.{0,200}\binbox\b).{5,250}", True),
    (r".+ All rights reserved", True),
    (r"Listen (?:to [\w' ]{2,30} )?live\b.{0,100}", False),  # a literal start fails at once
    (r"(?:Video|Audio) player", False),
    (r"\d{1,2}:\d{2}", False),
])
def test_opens_anywhere(pattern, expected):
    assert opens_anywhere(re.compile(pattern)) is expected


def test_a_rule_with_a_pattern_without_needles_filters_the_others(tmp_path, monkeypatch):
    """A needle-less pattern is tried on every line; a `.{0,40}...` pattern with needles only on
    the lines holding one, so a line holding none is not matched by it, and one holding it is."""
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "widgets.yaml").write_text(
        "kind: line\ncategory: boilerplate\ndescription: test\nmessage: \"leftover '{match}'\"\n"
        "patterns: ['\\d{1,2}:\\d{2}', '.{0,40}\\b(?:Video|Audio) player loading.{0,40}']\n", encoding="utf-8")
    config_file = tmp_path / "c.yaml"
    config_file.write_text("extends: []\nrule-files: [r]\n", encoding="utf-8")
    config = load_config(config_file)
    check = next(r.check for r in config.rules if r.id == "widgets")
    assert check.needles == frozenset({" player loading"}) and check.finder is not None and check.plain is not None
    text = "The talks began.\n4:30\nThe Video player loading now\nAudio player loading...\nHe left at 4:30 pm.\n"
    found = [(f.line, f.rule) for f in lint_text(text, config)]
    assert found == [(2, "widgets"), (3, "widgets"), (4, "widgets")]
    tried = []
    original = yamlkinds._fullmatch
    monkeypatch.setattr(yamlkinds, "_fullmatch", lambda patterns, line: (
        patterns is check.needled and tried.append(line)) or original(patterns, line))
    assert [(f.line, f.rule) for f in lint_text(text, config)] == found
    assert tried == ["The Video player loading now", "Audio player loading..."]
