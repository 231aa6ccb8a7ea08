from helpers import check


def test_flags_doubled_words_with_the_fix():
    assert check("He said the the talks\nwould resume.", "doubled-word") == [(1, 9, "doubled-word")]
    assert check("And The the end.", "doubled-word") == [(1, 5, "doubled-word")]


def test_a_line_break_between_the_words_is_not_a_slip():
    assert check("Plans for new shares\n\nShares rose on Monday.", "doubled-word") == []


def test_leaves_legitimate_doubles_alone():
    assert check("She said that that plan had had its day. Walla Walla. Bye bye.", "doubled-word") == []
    assert check("the theory", "doubled-word") == []


def test_allow_option():
    assert check("He said very very little.", "doubled-word", allow=[]) == [(1, 9, "doubled-word")]


def test_the_words_are_whole_words_with_or_without_the_folded_text():
    # "İ" lowers to two characters, so that text is scanned case-insensitively, not folded.
    for head in ("", "İzmir. "):
        column = len(head) + 1
        text = f"{head}The thethe the then the the, they they'd can can-do cancan can\t\tcan."
        assert check(text, "doubled-word") == [(1, column + 20, "doubled-word"), (1, column + 59, "doubled-word")]
