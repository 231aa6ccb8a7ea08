from helpers import check

BODY = "The talks ended on Monday after three days of meetings in Doha, officials said."


def test_flags_the_headlines_under_a_label():
    text = f"Headline\n{BODY}\nYou may also like...\nWho will make the Rock Hall?\nFans vote for the Doobie Brothers\n"
    assert check(text, "related-link-list") == [(4, 1, "related-link-list"), (5, 1, "related-link-list")]
    text = f"Headline\n{BODY}\nPopular on IndieWire:\nWaves: Why Taylor Russell Shines\n{BODY}\nMore on that.\n"
    assert check(text, "related-link-list") == [(4, 1, "related-link-list")]


def test_a_paragraph_ends_the_list_and_text_without_a_label_is_left_alone():
    text = f"Headline\nRelated\n{BODY}\nShort line after\n"
    assert check(text, "related-link-list") == []
    assert check(f"Headline\n{BODY}\nMore rain is expected\nForecasters said so\n", "related-link-list") == []


def test_max_items_option():
    text = "Headline\nRelated\nOne story\nTwo story\nThree story\n"
    found = check(text, "related-link-list", **{"max-items": 2})
    assert found == [(3, 1, "related-link-list"), (4, 1, "related-link-list")]
