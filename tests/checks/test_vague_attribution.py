"""vague-attribution: claims put on nobody in particular."""
from helpers import check, findings

RULE = "vague-attribution"


def test_flags_vague_sources_and_names_the_figure_they_leave_unsourced():
    [finding] = findings("In Lebanon, strikes reportedly killed 20, including three children.", RULE)
    assert (finding.line, finding.column) == (1, 21)
    assert finding.message == "'reportedly' leaves '20' without a named source: say who gives the figure"
    assert check("Some analysts say the plan has failed.\nIt is believed to be true.", RULE) == [
        (1, 1, RULE), (2, 1, RULE)]
    assert check("The minister is said to be furious, sources say.", RULE) == [(1, 14, RULE), (1, 37, RULE)]


def test_named_sources_and_quoted_speech_are_left_alone():
    assert check("Analysts at Barclays say the bank has lost its lead.", RULE) == []
    assert check("Strikes killed 20, the health ministry said.", RULE) == []
    assert check("“Some analysts say we are finished,” she said.", RULE) == []


def test_phrases_can_be_added_and_removed():
    assert check("It is understood the deal is off.", RULE, **{"vague-phrases": ["-it is understood"]}) == []
    assert check("Insiders whisper the deal is off.", RULE, **{"vague-phrases": ["insiders whisper"]}) == [(1, 1, RULE)]
