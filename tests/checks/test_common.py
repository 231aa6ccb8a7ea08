"""The helpers several rules share (checks/common.py)."""
import pytest

from newslint.checks.common import ends_like_sentence, is_prose


@pytest.mark.parametrize("text, expected", [
    ("The talks ended.", True), ('He said "no."', True), ("Who knows?)]  ", True), ("Wait…’", True),
    ("The plan:", True), ("It rose; it fell;\n", True),
    ("Read more", False), ("", False), ("  ", False), ('"', False), ("A. Smith and B", False),
    ("v2.0 beta", False), ("(see above)", False), ("End.\nNext line", False),
])
def test_ends_like_sentence(text, expected):
    assert ends_like_sentence(text) is expected


def test_is_prose_needs_the_words_and_the_ending():
    sentence = "The council voted on Tuesday to add bus lanes on four roads in the city."
    assert is_prose(sentence) and not is_prose(sentence[:-1]) and not is_prose("The council voted.")
