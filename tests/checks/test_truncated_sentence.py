from helpers import check


def test_flags_a_paragraph_ending_on_a_function_word():
    text = "He spoke at length.\nHe did not provide any updates on whether.\nNext paragraph here."
    assert check(text, "truncated-sentence") == [(2, 35, "truncated-sentence")]
    assert check("It was one of the.", "truncated-sentence") == [(1, 15, "truncated-sentence")]


def test_flags_a_relative_clause_fragment():
    text = "Many were displaced. Those who remain.\nAid groups warned."
    assert check(text, "truncated-sentence") == [(1, 22, "truncated-sentence")]


def test_leaves_complete_sentences_alone():
    text = ("Nobody knew what to do with it.\nThe lights were on.\nThey backed Plan A.\n"
            "Those who remain are hungry.\nHe said: “I do not know whether.”\nHeadline with the")
    assert check(text, "truncated-sentence") == []


def test_only_the_last_sentence_of_a_paragraph_is_checked():
    assert check("He asked whether. It was fine.", "truncated-sentence") == []
