"""The YAML rule kinds, compiled from real files on disk."""
import textwrap

import pytest

from newslint import ConfigError, lint_text, load_config, yamlkinds
from newslint.matcher import literal_anchor


def config_with(tmp_path, name, body):
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("extends: []\nrule-files: [r]\nrules: {doubled-word: disable}\n", encoding="utf-8")
    return load_config(cfg)


def spans(text, config):
    return [(f.column, f.end_column, f.message, f.replacements) for f in lint_text(text, config)]


SUBSTITUTION = """
    kind: substitution
    category: paraphrase
    description: test
    message: "'{match}' -> '{replacement}'"
    exceptions: ['meet with the press']
    swap:
      fulfill with: meet with
      one other: [another, one more]
      in response to:
        replace: according to
        followed-by: '(?:two|an?)\\s+officials?'
      they are saying:
        replace: they say
        not-preceded-by: 'what'
"""


def test_substitution_matches_words_case_and_context(tmp_path):
    config = config_with(tmp_path, "spin", SUBSTITUTION)
    assert spans("Fulfill With them.", config) == [(1, 13, "'Fulfill With' -> 'Meet with'", ("Meet with",))]
    assert spans("FULFILL WITH", config)[0][3] == ("MEET WITH",)
    assert spans("unfulfill withx", config) == []
    assert spans("fulfill\n with", config)[0][:2] == (1, 6)
    assert spans("one other person", config)[0][3] == ("another", "one more")
    assert len(spans("in response to two officials", config)) == 1
    assert spans("in response to the attack", config) == []
    assert len(spans("It may take days, they are saying.", config)) == 1
    assert spans("That is what they are saying.", config) == []


def test_exceptions_cover_the_match(tmp_path):
    config = config_with(tmp_path, "spin", SUBSTITUTION.replace("fulfill with: meet with", "meet with: fulfill with"))
    assert spans("They meet with the press daily.", config) == []
    assert len(spans("They meet with him daily.", config)) == 1


def test_quoted_speech_is_linted_and_says_so(tmp_path):
    config = config_with(tmp_path, "spin", SUBSTITUTION)
    [(_, _, message, _)] = spans("“We will fulfill with them,” he said.", config)
    assert message.endswith("(in quoted speech)")
    skip = config_with(tmp_path, "spin", SUBSTITUTION + "    in-quotes: skip\n")
    assert spans("“We will fulfill with them,” he said.", skip) == []


def test_pattern_rule_fills_the_template(tmp_path):
    config = config_with(tmp_path, "age", """
        kind: pattern
        category: paraphrase
        description: test
        message: "'{match}' is '{n}-year-old'"
        pattern: '\\b(?P<n>\\d+)-12 months-old\\b'
        replacement: "{n}-year-old"
    """)
    assert spans("a 36-12 months-old driver", config) == [(3, 19, "'36-12 months-old' is '36-year-old'", ("36-year-old",))]
    assert spans("aged 5 to 12 months old", config) == []


def test_line_rule_matches_whole_lines_only(tmp_path):
    config = config_with(tmp_path, "chrome", """
        kind: line
        category: boilerplate
        description: test
        message: "leftover '{match}'"
        lines: ["Next Story"]
        patterns: ['[X×]']
    """)
    text = "Body text.\n   Next  story \nX\nThe next story is this.\nX marks the spot.\n"
    found = lint_text(text, config)
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 4, 15), (3, 1, 2)]


def test_a_listed_line_matches_with_a_label_ending(tmp_path):
    config = config_with(tmp_path, "chrome", """
        kind: line
        category: boilerplate
        description: test
        message: "leftover '{match}'"
        lines: ["You may also like", "Comments"]
    """)
    damaged = ["You may also like:", "You may also like …", "You may also like »", "You may also like |",
               "You may also like ->", "Comments (12)", "Comments [3]:", "Comments..."]
    clean = ["You may also like this one", "Comments: none so far", "Comments (twelve)", ":", "You may also",
             "You may also like.", "Comments.", "Comments. ...", "Comments ..x"]
    found = lint_text("Headline here\n" + "\n".join(damaged + clean) + "\n", config)
    assert [f.line for f in found if f.rule == "chrome"] == list(range(2, 2 + len(damaged)))


@pytest.mark.parametrize("key", ["comments.", "comments..", "comments...", "comments. ...", "a: b.", "more stories »",
                                 "share |.", "comments (12).", "...", ".", "read more ... .", "x (1) [2]:"])
def test_bare_label_is_the_label_ending_regex(key):
    # bare_label skips the search for a line ending in a lone full stop: the same answers as the search.
    match = yamlkinds._LABEL_ENDING.search(key)
    assert yamlkinds.bare_label(key) == (key[:match.start()] if match and match.start() > 0 else key)


def test_existence_rule(tmp_path):
    config = config_with(tmp_path, "filler", """
        kind: existence
        category: style
        severity: suggestion
        description: test
        message: "filler '{match}'"
        tokens: [it is worth noting that, delve into]
    """)
    assert [f.message for f in lint_text("It is worth noting that we delve into it.", config)] == [
        "filler 'It is worth noting that'", "filler 'delve into'"]


@pytest.mark.parametrize("body, error", [
    ("kind: substitution\ncategory: paraphrase\ndescription: x\nmessage: '{nope}'\nswap: {a: b}\n", "message: unknown placeholder {nope}"),
    ("kind: pattern\ncategory: paraphrase\ndescription: x\nmessage: x\npattern: '(a'\n", "pattern: regex '(a' does not compile"),
    ("kind: pattern\ncategory: paraphrase\ndescription: x\nmessage: x\npattern: 'a'\nreplacement: '{g}'\n", "unknown placeholder {g} (the pattern has no named groups)"),
    ("kind: substitution\ncategory: nope\ndescription: x\nmessage: x\nswap: {a: b}\n", "category: unknown category 'nope'"),
    ("kind: substitution\ncategory: style\ndescription: x\nmessage: x\nswap: {a: {replace: b, wat: 1}}\n", "swap.a.wat: unknown key"),
    ("kind: substitution\ncategory: style\ndescription: x\nmessage: x\nswap: {a: null}\n", "needs a replacement"),
    ("kind: line\ncategory: style\ndescription: x\nmessage: x\n", "needs 'lines' or 'patterns'"),
])
def test_rule_file_errors_name_the_key(tmp_path, body, error):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "x.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("rule-files: [r]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "c.yaml")
    assert error in str(err.value)
    assert str(folder / "x.yaml") in str(err.value)


@pytest.mark.parametrize("phrase, regex, anchor", [
    ("fulfill with", False, "fulfill with"),
    ("in response to (?=two)", True, "in response to"),
    ("in\\s+response\\s*to", True, "in"),
    ("fulfill\\w+ with", True, None),
    ("short-lived", False, "short"),
    ("colou?r", True, None),
    ("(?:a|an) everlasting", True, None),
    ("quite|rather", True, None),
    ("he'll meet", False, "he"),
    ("12 months", False, "12 months"),
])
def test_literal_anchor(phrase, regex, anchor):
    assert literal_anchor(phrase, regex) == anchor


def test_regex_entries_without_an_anchor_still_match(tmp_path):
    config = config_with(tmp_path, "spin", """
        kind: substitution
        category: paraphrase
        description: test
        message: "'{match}'"
        regex: true
        swap:
          '(?:a|an) everlasting': a permanent
    """)
    assert len(lint_text("They announced a everlasting ceasefire.", config)) == 1
