from helpers import check


def test_flags_a_full_stop_before_a_lowercase_word():
    text = "Officials spoke on the condition. anonymity to discuss it."
    assert check(text, "clause-full-stop") == [(1, 24, "clause-full-stop")]


def test_leaves_abbreviations_initials_and_brands_alone():
    text = ("The vote is at 5 p.m. on Monday. Apples etc. and pears. U.S. officials agreed. Shares of Apple Inc. "
            "rose. It sold well. iPhone sales fell. It weighs 3kg. approx. It was 40 per cent. up. See bbc.co.uk now.")
    assert check(text, "clause-full-stop") == []


def test_quoted_speech_is_skipped():
    assert check('He texted: "Just spoke to trev. think we are fine."', "clause-full-stop") == []


def test_allow_after_option():
    assert check("It was 5 mins. later.", "clause-full-stop") == []
    assert check("It was 5 mins. later.", "clause-full-stop", **{"allow-after": []}) == [(1, 10, "clause-full-stop")]
