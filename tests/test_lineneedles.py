"""Line rules skip the lines that hold none of their needles, and find exactly what they found before."""
import re

import pytest

from newslint import lint_text, load_config
from newslint.lineneedles import Needles, holds, needles
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
