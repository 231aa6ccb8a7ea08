from helpers import check, default_config, findings

QUITE = "Hamas agreed to a gradual quite than immediate withdrawal."


def test_flags_a_less_confident_swap_as_a_suggestion():
    assert check(QUITE, "unlikely-collocation-hint") == [(1, 27, "unlikely-collocation-hint")]
    [finding] = findings(QUITE, "unlikely-collocation-hint")
    assert finding.replacements == ("rather than",) and str(finding.severity) == "suggestion"


def test_leaves_clean_copy_and_the_warnings_own_range_alone():
    assert check("Hamas agreed to a gradual rather than immediate withdrawal.", "unlikely-collocation-hint") == []
    # Confident enough for unlikely-collocation: never reported twice.
    assert check("Hundreds of families were forced to bequeath their homes.", "unlikely-collocation-hint") == []


def test_range_is_configurable():
    assert check(QUITE, "unlikely-collocation-hint", **{"min-confidence": 0.95, "max-confidence": 1.0}) == []


def test_off_by_default():
    assert default_config().rule("unlikely-collocation-hint") is None
    assert default_config().rule("unlikely-collocation") is not None
