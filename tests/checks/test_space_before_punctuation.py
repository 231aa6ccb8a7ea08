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


def _markup(text, path):
    from newslint import lint_text

    from helpers import config_for

    return [(f.line, f.column) for f in lint_text(text, config_for("space-before-punctuation"), path=path)
            if f.rule == "space-before-punctuation"]


def test_a_closing_tag_or_emphasis_marker_before_punctuation_is_not_a_space():
    assert _markup("**Gaza**, the city. *Rafah*; _Khan_: ~~old~~.\n", "a.md") == []
    assert _markup("<p><b>Gaza</b>, the city. <i>Rafah</i>.</p>\n", "a.html") == []


def test_a_typed_space_after_markup_is_still_flagged():
    assert _markup("**Gaza** , the city.\n", "a.md") == [(1, 6)]
    assert _markup("<p><b>Gaza</b> , the city and Rafah&nbsp;.</p>\n", "a.html") == [(1, 10), (1, 35)]


def test_a_tab_or_no_break_space_before_the_mark_counts_and_other_white_space_does_not():
    assert check("The plan\t, he said.", "space-before-punctuation") == [(1, 8, "space-before-punctuation")]
    assert check("The plan\u00a0; he said.", "space-before-punctuation") == [(1, 8, "space-before-punctuation")]
    assert check("The plan\n, he said.", "space-before-punctuation") == []
