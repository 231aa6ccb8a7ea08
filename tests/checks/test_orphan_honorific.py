from helpers import check


def test_flags_a_title_followed_by_a_quote_or_lowercase_word():
    text = "Asked about it, the official said Mr. “We’ve made it clear.”"
    assert check(text, "orphan-honorific") == [(1, 35, "orphan-honorific")]
    assert check("The aide to Mr said nothing.", "orphan-honorific") == [(1, 13, "orphan-honorific")]
    assert check("It was handed to Dr.\nThen", "orphan-honorific") == [(1, 18, "orphan-honorific")]


def test_leaves_names_and_couples_alone():
    text = ("Mr. Blinken said so. Mr and Mrs Smith came. Dr Jones spoke. Mr. & Mrs. Lee ate. Mr. al-Sisi left. "
            "It got to be Mr.Benn.")
    assert check(text, "orphan-honorific") == []
