"""The sentence splitter on news copy."""
import pytest

from newslint.sentences import split_sentences


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
