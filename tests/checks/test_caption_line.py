from helpers import check

BODY = "The talks ended on Monday after three days of meetings in Doha, officials said."


def test_flags_captions_between_paragraphs():
    text = f"Headline\n{BODY}\nAndreas Thurner, left, and Todd George pose with the car.\n{BODY}\n"
    assert check(text, "caption-line") == [(3, 1, "caption-line")]
    text = f"Headline\n{BODY}\nThe minister (pictured) in Doha\nA protester in this file photo from 2019\n"
    assert check(text, "caption-line") == [(3, 1, "caption-line"), (4, 1, "caption-line")]


def test_flags_a_navigation_bar():
    assert check(f"Headline\n{BODY}\nNews | Sport | Weather | Travel\n", "caption-line") == [(3, 1, "caption-line")]
    assert check(f"Headline\n{BODY}\nWorld » Asia » China\n", "caption-line") == [(3, 1, "caption-line")]


def test_leaves_subheads_headlines_and_prose_alone():
    text = (f"Smith, left, and Jones win (pictured)\n{BODY}\nEscalating Violence Ahead of the Deadline\n"
            f"He turned left, and then right, and walked on.\n{BODY}\n")
    assert check(text, "caption-line") == []


def test_max_words_option():
    text = f"Headline\n{BODY}\nAndreas Thurner, left, and Todd George pose with the car.\n"
    assert check(text, "caption-line", **{"max-words": 8}) == []
