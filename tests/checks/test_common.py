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


def test_lowered_set_lowers_a_word_list_and_answers_each_list_apart():
    from newslint.checks.common import lowered_set

    assert lowered_set(["That", "HAD", "bye"]) == {"that", "had", "bye"}
    assert lowered_set(["Walla"]) == {"walla"} and lowered_set(("walla", "Bye")) == {"walla", "bye"}


@pytest.mark.parametrize("words, min_words, expected", [
    (12, 12, True), (11, 12, False), (40, 12, True), (1, 1, True), (1, 2, False), (0, 0, True), (3, 0, True),
])
def test_is_prose_counts_words_only_as_far_as_min_words(words, min_words, expected):
    # is_prose splits at most min_words words: the same answers as a count of every word.
    text = " ".join(["word"] * words) + "."
    assert is_prose(text, min_words) is expected
    assert is_prose(text.rstrip("."), min_words) is False
