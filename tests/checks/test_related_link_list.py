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


def test_a_short_sentence_of_the_article_ends_the_list():
    text = ("Headline\nRelated\nThe ministry said aid would arrive on Tuesday.\nIt gave no figure.\n"
            "Officials declined to comment!\n")
    assert check(text, "related-link-list") == []
    # a headline, a question or a teaser cut off with an ellipsis stays in the list; then a sentence ends it
    text = ("Headline\nRelated\nAid convoy reaches the north\nWill the truce hold?\nWhat the envoy said about...\n"
            "The ministry said aid would arrive on Tuesday.\nMarkets slide\n")
    assert check(text, "related-link-list") == [(3, 1, "related-link-list"), (4, 1, "related-link-list"),
                                                 (5, 1, "related-link-list")]
