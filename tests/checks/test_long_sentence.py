from helpers import check, findings

LONG = ("The minister, who had spent most of the week in talks with officials from the three parties "
        "that make up the coalition and with union leaders who had threatened a strike, said on Friday "
        "that the plan would be put to parliament before the summer recess began.")


def test_flags_a_sentence_over_the_limit_at_its_start():
    text = "Talks ended on Friday. " + LONG
    assert check(text, "long-sentence") == [(1, 24, "long-sentence")]
    (finding,) = findings(text, "long-sentence")
    assert "sentence of 47 words (more than 40)" in finding.message
    assert "'The minister, who had ...'" in finding.message


def test_abbreviations_do_not_end_or_join_sentences():
    short = "Mr. Smith met U.S. officials on Jan. 5 in Washington. They agreed."
    assert check(short * 4, "long-sentence") == []  # 44 words: one joined sentence would be flagged


def test_leaves_short_sentences_alone_and_honours_max_words():
    assert check("The council met. It voted to close the library.", "long-sentence") == []
    assert check("The council met on Tuesday night.", "long-sentence", **{"max-words": 5}) == [(1, 1, "long-sentence")]
    assert check(LONG, "long-sentence", **{"max-words": 47}) == []


def test_off_by_default():
    from helpers import default_config

    assert default_config().rule("long-sentence") is None
