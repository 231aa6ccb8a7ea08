"""The paraphrase packs (rules/paraphrase/): damaged copy is flagged with the intended wording,
clean copy is left alone, quoted speech is noted, and every entry carries its own examples."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newslint import lint_text, load_config
from newslint.config import rules_root

from helpers import check, default_config, findings

PACK = rules_root() / "paraphrase"
CONTEXT_KEYS = {"followed-by", "not-followed-by", "preceded-by", "not-preceded-by"}


def paraphrase_findings(text: str) -> list:
    return [f for f in lint_text(text, default_config()) if f.category == "paraphrase"]


@pytest.mark.parametrize("rule, text, span, replacement", [
    ("spun-phrases", "He will fulfill with the minister.", "fulfill with", "meet with"),
    ("spun-attribution", "It stalled, in response to two U.S. officials.", "in response to", "according to"),
    ("spun-attribution", "The company declined to remark.", "declined to remark", "declined to comment"),
    ("spun-time", "Sales fell final 12 months.", "final 12 months", "last year"),
    ("spun-time", "He left two weeks in the past.", "in the past", "ago"),
    ("spun-quantity", "They argued over the variety of prisoners to be freed.", "the variety of", "the number of"),
    ("spun-function-words", "They chose talks quite than force.", "quite than", "rather than"),
    ("spun-function-words", "Within the meantime, talks go on.", "Within the meantime", "In the meantime"),
    ("spun-institutions", "The White Home said no.", "White Home", "White House"),
    ("spun-crime-courts", "He pleaded responsible to fraud.", "pleaded responsible", "pleaded guilty"),
    ("spun-politics", "The get together chief resigned.", "get together chief", "party leader"),
    ("spun-business", "The chief govt quit.", "chief govt", "chief executive"),
    ("spun-technology", "It runs on synthetic intelligence.", "synthetic intelligence", "artificial intelligence"),
    ("spun-health", "The well being secretary spoke.", "well being", "health"),
    ("spun-sport", "He was shown a purple card.", "purple card", "red card"),
    ("spun-weather", "Local weather change is speeding up.", "Local weather", "Climate"),
    ("spun-age", "A 36-12 months-old driver was hurt.", "12 months-old", "year-old"),
    ("spun-year-compound", "He signed a five-12 months deal.", "12 months", "year"),
    ("spun-a-few", "He voiced concern a few planned invasion of Rafah.", "a few planned invasion",
     "about a planned invasion"),
])
def test_damaged_copy_is_flagged_with_the_intended_wording(rule, text, span, replacement):
    found = findings(text, rule)
    assert [(text[f.column - 1:f.end_column - 1], f.replacements) for f in found] == [(span, (replacement,))]


def test_article_left_by_a_swap_is_flagged_without_a_guess():
    text = "Hamas wants a everlasting ceasefire and an settlement."
    assert check(text, "spun-article") == [(1, 13, "spun-article"), (1, 41, "spun-article")]
    assert all(f.replacements == () for f in findings(text, "spun-article"))


def test_the_seed_sentence_draws_every_garble_once_per_rule():
    text = ("A delegation is anticipated to fulfill with U.S. officials in the approaching days "
            "to discuss Israel's Rafah motion plan.")
    found = {(f.rule, f.replacements) for f in paraphrase_findings(text)}
    assert found == {("spun-possible", ("expected to",)), ("spun-phrases", ("meet with",)),
                     ("spun-time", ("coming days",)), ("spun-phrases", ("action plan",))}


CLEAN = [
    "Troops moved in response to the attack, in keeping with tradition.",
    "Wages rose in line with inflation, and the figures were in line with estimates.",
    "In the final 12 months of his life, he wrote three books; the campaign enters its final week.",
    "Infants aged 5 to 12 months old were studied over the subsequent 12 months.",
    "The variety of cheeses on offer is huge, and a number of the hostages were freed.",
    "Tourists were taking pictures of the damage in the local weather forecast area.",
    "It is just the tip of the iceberg; the firm wants to extend its reach in Europe.",
    "A few days later, only a few police officers said a few hundred people came.",
    "Hay fever sufferers should stay inside; most cancers are treatable if found early.",
    "The Home Secretary spoke at the Home Office, and the Supreme Court ruled.",
    "Only one other candidate stood, and MPs will meet to debate the bill.",
    "The automotive industry is changing and the energy grid operator reported demand.",
    "Calls for worldwide regulation of AI grew as the UN Security Council met.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_copy_draws_no_paraphrase_finding(text):
    assert paraphrase_findings(text) == []


def test_finding_in_quoted_speech_says_so():
    found = findings('The aide said: "We will fulfill with them final week."', "spun-time")
    assert [f.message.endswith("(in quoted speech)") for f in found] == [True]
    outside = findings("We will fulfill with them final week.", "spun-time")
    assert not outside[0].message.endswith("(in quoted speech)")


def test_overlapping_anchors_are_each_tried():
    """'Senate majority chief' (a case-sensitive entry that fails here) must not hide 'majority chief'."""
    assert check("The Senate majority chief spoke.", "spun-institutions") == [(1, 12, "spun-institutions")]


SPUN = ("The chief govt declined to remark final week.\nIt stalled, in response to two U.S. officials,\n"
        "and additionally they said the well being secretary would fulfill with the decide.")


def test_the_literal_automaton_and_the_regex_trie_find_the_same_phrases(monkeypatch):
    from newslint import matcher
    fast = [(f.line, f.column, f.rule) for f in paraphrase_findings(SPUN)]
    assert len(fast) == 8
    monkeypatch.setattr(matcher, "ahocorasick", None)
    slow_config = load_config(discover=False)  # a fresh engine that never built an automaton
    assert [(f.line, f.column, f.rule) for f in lint_text(SPUN, slow_config) if f.category == "paraphrase"] == fast


def test_a_run_of_spaces_or_a_line_break_inside_a_phrase_is_still_matched():
    assert check("He will fulfill  with the minister.", "spun-phrases") == [(1, 9, "spun-phrases")]
    assert check("He will fulfill\nwith the minister.", "spun-phrases") == [(1, 9, "spun-phrases")]
    assert check("It stalled, in response\nto two U.S. officials.", "spun-attribution") == [(1, 13, "spun-attribution")]


def _entries():
    for path in sorted(Path(PACK).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for phrase, spec in (data.get("swap") or {}).items():
            yield pytest.param(path.stem, phrase, spec, id=f"{path.stem}:{phrase}")


@pytest.mark.parametrize("rule, phrase, spec", list(_entries()))
def test_every_entry_has_a_fail_example_and_context_limits_a_pass_example(rule, phrase, spec):
    assert isinstance(spec, dict) and spec.get("fail"), f"{rule}: {phrase!r} has no fail example"
    assert spec.get("replace"), f"{rule}: {phrase!r} has no replacement"
    if CONTEXT_KEYS & set(spec):
        assert spec.get("pass"), f"{rule}: {phrase!r} is context-limited but has no pass example"


def test_every_paraphrase_rule_is_in_the_paraphrase_category():
    rules = [r for r in default_config().catalogue.values() if r.source and "/paraphrase/" in r.source]
    assert len(rules) >= 15
    assert {r.category for r in rules} == {"paraphrase"}


@pytest.mark.parametrize("text, wording", [
    ("He will fulfill with the minister.", "meet with"),
    ("A 36-12 months-old driver died.", "year-old"),
    ("They chose talks quite than force.", "rather than"),
    ("It stalled, in response to two U.S. officials.", "according to"),
    ("He met one other official.", "another"),
    ("Although based in Doha, additionally they have to confer.", "they also"),
    ("It will take days, they are saying.", "they say"),
    ("They were desperate to go away the enclave.", "leave the"),
    ("They want a everlasting ceasefire.", "permanent ceasefire"),
    ("Israel's motion plan was discussed.", "action plan"),
    ("Officials will meet in the approaching days.", "coming days"),
    ("Local weather change is real.", "Climate"),
    ("The chief govt resigned.", "chief executive"),
    ("Police said the taking pictures happened at noon.", "shooting"),
    ("The well being service is stretched.", "health"),
    ("The software program failed.", "software"),
    ("Synthetic intelligence is spreading.", "Artificial intelligence"),
    ("Sales fell final 12 months.", "last year"),
])
def test_every_example_of_the_issue_is_flagged_with_its_wording(text, wording):
    assert wording in {r for f in paraphrase_findings(text) for r in f.replacements}
