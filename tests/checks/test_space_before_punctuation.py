from helpers import check


def test_flags_a_space_before_a_closing_quote_or_comma():
    assert check("“Not words he uses. ” he said.", "space-before-punctuation") == [(1, 19, "space-before-punctuation")]
    assert check("The plan , he said.", "space-before-punctuation") == [(1, 8, "space-before-punctuation")]
    assert check("He works at Commerzbank . Then", "space-before-punctuation") == [(1, 23, "space-before-punctuation")]


def test_leaves_ellipses_numbers_and_opening_quotes_alone():
    text = "He paused . . . then spoke. It costs .5%. He said ”We go” and “we stay,” she said."
    assert check(text, "space-before-punctuation") == []
    assert check("Visit example .com today.", "space-before-punctuation") == []


def test_stray_punctuation_is_left_to_its_own_rule():
    assert check("A matter of discussion. , the official said.", "space-before-punctuation") == []
