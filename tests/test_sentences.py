"""The sentence splitter on news copy."""
import pytest

from newslint.sentences import is_abbreviation, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "Gov. Jane Doe, D-N.Y., said the plan would pass.",
    "The U.S. plan costs $1.13bn and grew 4.5% on the year.",
    "It starts at 5 p.m. ET on Monday.",
    "CIA Director William J. Burns was in Doha.",
    "Mr. Gallant met Mrs. Smith and Dr. Jones on Jan. 3.",
])
def test_abbreviations_decimals_and_initials_do_not_split(text):
    assert sentences(text) == [text]


def test_splits_at_full_stops_question_marks_and_quotes():
    text = 'He left. Did she? "Yes." Then it ended...\nNew line'
    assert sentences(text) == ["He left.", "Did she?", '"Yes."', "Then it ended...", "New line"]


def test_bullets_are_their_own_sentences_without_the_bullet():
    text = "Key points:\n  • Strikes killed 30.\n  • Aid was cut."
    assert sentences(text) == ["Key points:", "Strikes killed 30.", "Aid was cut."]


def test_soft_wrapped_lines_continue_the_sentence():
    assert sentences("The minister said the talks\nwould resume on Monday.") == [
        "The minister said the talks\nwould resume on Monday."]


@pytest.mark.parametrize("text, expected", [
    ("He works for the U.S. Army. It pays.", ["He works for the U.S. Army.", "It pays."]),
    ("Aid comes from the U.S. It is late.", ["Aid comes from the U.S.", "It is late."]),
    ("It ended at 9 a.m. Then rain fell.", ["It ended at 9 a.m.", "Then rain fell."]),
    ("At 9 a.m. Smith left. He came back at 3 p.m. on Friday.",
     ["At 9 a.m. Smith left.", "He came back at 3 p.m. on Friday."]),
    ("No. 10 said growth was 4.5%. Shares rose.", ["No. 10 said growth was 4.5%.", "Shares rose."]),
    ("It cost $1.13bn. That was a lot.", ["It cost $1.13bn.", "That was a lot."]),
    ("Sen. Chuck Schumer, D-N.Y., said so. He left.", ["Sen. Chuck Schumer, D-N.Y., said so.", "He left."]),
    ("It has 3. He has 4.", ["It has 3.", "He has 4."]),
])
def test_abbreviations_end_a_sentence_only_before_a_new_one(text, expected):
    assert sentences(text) == expected


def test_quotes_and_ellipses():
    text = "He said: “We won.” Then he left. It went on … Then it stopped. It went on... and on."
    assert sentences(text) == ["He said: “We won.”", "Then he left.", "It went on …", "Then it stopped.",
                               "It went on... and on."]


def test_numbered_and_dashed_bullets():
    text = "1. First item\n2. Second item\n- Third item"
    assert sentences(text) == ["First item", "Second item", "Third item"]


@pytest.mark.parametrize("before, next_word, expected", [
    ("the Mr", "Smith", True), ("he said", "", False), ("to Mr\n", "", True),  # "$" before a final newline
    ("in the U.S", "Then", False), ("in the U.S", "Smith", True), ("Sen. Doe, D-N.Y", "Then", False),
    ("list:\n  12", "", True), ("vs", "", True), ("Plan A", "", True), ("", "", False),
])
def test_is_abbreviation(before, next_word, expected):
    assert is_abbreviation(before, next_word) is expected
