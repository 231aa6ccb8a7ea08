import dataclasses

from newslint import lint_text
from newslint.yamlrules import build_engine

from helpers import check, default_config, findings

SPUN = "Hundreds of families were forced to bequeath their homes."
FULFILL = "She plans to fulfill with the mayor on Friday."


def test_flags_a_swapped_pair_with_the_likely_original_and_a_confidence():
    assert check(SPUN, "unlikely-collocation") == [(1, 34, "unlikely-collocation")]
    [finding] = findings(SPUN, "unlikely-collocation")
    assert finding.replacements == ("to leave their",)
    assert "'to bequeath their'" in finding.message and "confidence 0.9" in finding.message
    assert (finding.end_line, finding.end_column) == (1, 51)
    # Confidence 0.96: a suggestion at the default warn-confidence (0.98), a warning below it.
    assert str(finding.severity) == "suggestion"
    [warned] = findings(SPUN, "unlikely-collocation", **{"warn-confidence": 0.95})
    assert str(warned.severity) == "warning"


def test_less_confident_swaps_are_suggestions():
    # 0.98 > confidence >= 0.83: reported one level lower; a higher floor drops it.
    [finding] = findings(FULFILL, "unlikely-collocation")
    assert (finding.column, str(finding.severity), finding.replacements) == (11, "suggestion", ("to meet with",))
    assert check(FULFILL, "unlikely-collocation", **{"min-confidence": 0.95}) == []
    [warned] = findings(FULFILL, "unlikely-collocation", **{"warn-confidence": 0.9})
    assert str(warned.severity) == "warning"


def test_leaves_the_original_and_plain_copy_alone():
    clean = ("Hundreds of families were forced to leave their homes. She plans to meet with the mayor on Friday. "
             "The talks went quite well, and the two sides agreed to meet again in the coming days rather than "
             "wait for the election.")
    assert check(clean, "unlikely-collocation") == []


def test_pairs_split_by_punctuation_or_capitals_are_not_judged():
    assert check("They were forced to bequeath. Their homes were lost.", "unlikely-collocation") == []
    assert check("They were forced to Bequeath Their homes.", "unlikely-collocation") == []


def test_confidence_threshold_is_an_option():
    assert check(SPUN, "unlikely-collocation", **{"min-confidence": 0.999}) == []


def test_a_pair_a_lexicon_rule_already_flags_is_left_to_it():
    catalogue = default_config().catalogue
    base = catalogue["unlikely-collocation"]
    rule = dataclasses.replace(base, options={**base.options, "min-confidence": 0.9})
    rules = [catalogue["spun-phrases"], rule]
    config = dataclasses.replace(default_config(), rules=tuple(build_engine(rules)))
    assert [f.rule for f in lint_text(FULFILL, config)] == ["spun-phrases"]
    assert [f.rule for f in lint_text(FULFILL, dataclasses.replace(config, rules=(rule,)))] == ["unlikely-collocation"]
