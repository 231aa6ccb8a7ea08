from helpers import check


def test_flags_a_second_mark_after_a_full_stop():
    assert check("It hit his residence. .\nNext.", "stray-punctuation") == [(1, 21, "stray-punctuation")]
    assert check("A matter of discussion. , the official said.", "stray-punctuation") == [(1, 23, "stray-punctuation")]


def test_leaves_ellipses_and_plain_sentences_alone():
    assert check("He paused . . . and went on. Then. . . nothing.", "stray-punctuation") == []
    assert check("The talks ended. Both sides left.", "stray-punctuation") == []
    assert check("We meet at 5 p.m. .", "stray-punctuation") == []
