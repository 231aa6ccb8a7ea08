from helpers import check, findings

SENTENCE = "The council met on Tuesday and voted to close the library. "


def test_flags_a_line_over_the_limit():
    text = "Library to close\n\n" + SENTENCE * 14 + "\nResidents protested.\n"
    assert check(text, "long-paragraph") == [(3, 1, "long-paragraph")]
    assert "paragraph of 154 words (more than 150)" in findings(text, "long-paragraph")[0].message


def test_leaves_news_length_paragraphs_alone():
    text = "\n".join([SENTENCE * 3] * 20)
    assert check(text, "long-paragraph") == []
    assert check(text, "long-paragraph", **{"max-words": 30}) == [(n, 1, "long-paragraph") for n in range(1, 21)]
