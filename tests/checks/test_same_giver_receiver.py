from helpers import check, findings


def test_flags_the_same_party_on_both_sides():
    text = "It wrote last week. The United States has given the United States a grace period."
    assert check(text, "same-giver-receiver") == [(1, 21, "same-giver-receiver")]
    [finding] = findings("Israel told Israel to wait.", "same-giver-receiver")
    assert finding.replacements == ()  # the lost party cannot be guessed, so --fix leaves it


def test_leaves_different_parties_and_possessives_alone():
    text = ("The United States has given Israel a grace period. Smith told Smith's lawyer. "
            "Manchester United beat Manchester City. Israel gave itself a month. Jones gave Jones Ltd a loan.")
    assert check(text, "same-giver-receiver") == []
