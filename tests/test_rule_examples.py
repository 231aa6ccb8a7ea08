"""Every rule's own examples: fail examples are flagged, pass examples are not (also `newslint rules --check`)."""
import pytest

from newslint.selftest import example_failures

from helpers import default_config

RULES = sorted(default_config().catalogue.values(), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples(rule):
    assert list(example_failures(default_config(), rule)) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_fail_and_a_pass_example(rule):
    assert rule.examples.fail, f"{rule.id} has no fail example"
    assert rule.examples.passing or rule.stage == "summary", f"{rule.id} has no pass example"
