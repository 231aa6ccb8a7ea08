from helpers import check, findings

HEADLINE = 'Blinken to begin crucial meetings in Israel to press for a "humanitarian pause"'
PROSE = "The offensive, which was launched after the attack, has taken an immense toll on the strip."


def test_flags_a_headline_printed_twice_and_names_the_first_line():
    unquoted = HEADLINE.replace('"', "")
    text = f"Begin typing your search...\n\n    {HEADLINE}\n\n{PROSE}\n\n  {unquoted}\n"
    assert check(text, "repeated-paragraph") == [(7, 3, "repeated-paragraph")]
    [finding] = findings(text, "repeated-paragraph")
    assert finding.message == "'Blinken to begin crucial meetings in Israel to ...' repeats line 3"


def test_flags_a_prose_paragraph_repeated_anywhere():
    text = f"Headline\n\n{PROSE}\n\nOther.\n\nMore text here.\n\nAnd more.\n\n{PROSE.upper()}\n"
    assert check(text, "repeated-paragraph") == [(11, 1, "repeated-paragraph")]


def test_leaves_structured_repeats_alone():
    day = "What inspired you to start cooking?\nI cooked a lot of dinners for my family.\n"
    assert check("Headline\n" + day * 3, "repeated-paragraph") == []
    table = "Headline\nIntro.\nMore.\nPos Player Plays Stats\nA 1\nB 2\nC 3\nPos Player Plays Stats\n"
    assert check(table, "repeated-paragraph") == []
    assert check("DigiTimes\nDigiTimes\nApple plans a new laptop.", "repeated-paragraph") == []


def test_max_copies_option():
    text = f"Headline\n{PROSE}\n{PROSE}\n{PROSE}\n"
    assert check(text, "repeated-paragraph") == []
    found = check(text, "repeated-paragraph", **{"max-copies": 3})
    assert found == [(3, 1, "repeated-paragraph"), (4, 1, "repeated-paragraph")]
