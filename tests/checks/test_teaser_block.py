"""teaser-block: headlines of other stories after the article's end, with no label."""
from newslint import lint_text
from newslint.model import Severity
from newslint.runner import lint_document, make_document
from newslint.strip import strippable_lines

from helpers import check, default_config

STORY = ("Council approves new budget\n"
         "The city council approved a new budget on Tuesday after a debate of more than six hours, officials said.\n"
         "The plan raises spending on schools by 4 percent and cuts the parks budget, the finance chief said.\n")
TEASERS = ("Mayor unveils plan to cut traffic in city centre\n"
           "Police appeal for witnesses after crash on ring road\n"
           "Schools to get extra funding for repairs\n")


def teasers(text):
    """(line, severity) of the rule's findings with every default rule on (chrome ends a block)."""
    return [(f.line, f.severity) for f in lint_text(text, default_config()) if f.rule == "teaser-block"]


def test_a_block_between_the_story_and_chrome_is_a_warning_line_by_line():
    text = STORY + "Source link\n" + TEASERS + "Share this article\nCopyright 2025 The Daily Bugle.\n"
    assert teasers(text) == [(5, Severity.WARNING), (6, Severity.WARNING), (7, Severity.WARNING)]
    found = [f for f in lint_text(text, default_config()) if f.rule == "teaser-block"]
    assert (found[0].column, found[0].end_column) == (1, len("Mayor unveils plan to cut traffic in city centre") + 1)
    assert found[0].message == "headline of another story after the article's end: 'Mayor unveils plan to cut traffic in city ...'"
    # bulleted and title-case headlines are headlines too, right after the last paragraph
    bulleted = "".join(f"- {line}\n" for line in ("15 Amazing Images of Stars", "Why The Moon Is Drifting Away",
                                                  "Inside The Race To Mars"))
    assert teasers(STORY + bulleted + "Share this article\n") == [(4, Severity.WARNING), (5, Severity.WARNING),
                                                                  (6, Severity.WARNING)]


def test_at_the_end_of_the_file_the_block_is_only_a_suggestion():
    # With no chrome after it, an article's own closing list looks the same.
    assert teasers(STORY + TEASERS) == [(4, Severity.SUGGESTION), (5, Severity.SUGGESTION), (6, Severity.SUGGESTION)]
    assert check(STORY + TEASERS, "teaser-block") == [(4, 1, "teaser-block"), (5, 1, "teaser-block"),
                                                      (6, 1, "teaser-block")]


def test_a_headline_with_reported_speech_is_a_suggestion_and_never_stripped():
    text = STORY + "Minister says city will cut traffic by half\n" + TEASERS + "Share this article\n"
    assert teasers(text) == [(4, Severity.SUGGESTION), (5, Severity.WARNING), (6, Severity.WARNING),
                             (7, Severity.WARNING)]
    document = make_document(text, "a.txt")
    assert strippable_lines(document, lint_document(document, default_config()).findings) == {5, 6, 7, 8}


def test_an_articles_own_lists_are_left_alone():
    chrome = "Share this article\n"
    nominees = "Best film: The Aviator and Sideways\nBest actor: Jamie Foxx in Ray\nBest actress: Hilary Swank\n"
    names = "Jamie Foxx - Ray\nHilary Swank - Million Dollar Baby\nClint Eastwood - Director\n"
    qa = "Q: Favourite place in the city?\nA: The market on a Saturday\nQ: Favourite food?\nA: Fish and chips\n"
    steps = ("Book the tickets before 1 March.\nPark at the north gate.\nBring a packed lunch and water.\n")
    for listed in (nominees, names, qa, steps):
        assert teasers(STORY + listed + chrome) == [], listed
        assert teasers(STORY + listed) == [], listed


def test_headlines_inside_the_story_or_too_few_are_not_a_block():
    # Subheadings between paragraphs are the article's own: the block must follow the last paragraph.
    middle = STORY + TEASERS + "Opposition members said the cuts would hurt poorer neighbourhoods across the city.\n"
    assert teasers(middle) == []
    two = STORY + "".join(TEASERS.splitlines(keepends=True)[:2]) + "Share this article\n"
    assert teasers(two) == []
    assert check(two, "teaser-block", **{"min-items": 2}) == []  # alone, "Share this article" is no chrome
    assert check(STORY + "".join(TEASERS.splitlines(keepends=True)[:2]), "teaser-block", **{"min-items": 2}) == [
        (4, 1, "teaser-block"), (5, 1, "teaser-block")]
    # a paragraph of running text after the block: not bounded, not flagged
    assert teasers(STORY + TEASERS + "Opposition members said the cuts would hurt the city's poorer areas most.\n") == []
    # and nothing starts in the middle of other lines after the story
    assert teasers(STORY + "The vote was 7 to 2.\n" + TEASERS) == []


def test_a_block_before_a_short_closing_line_is_a_suggestion():
    # "Originally published on ..." after the teasers ends the block as the end of the file does.
    text = STORY + TEASERS + "Originally published on the Daily Bugle.\n"
    assert teasers(text) == [(4, Severity.SUGGESTION), (5, Severity.SUGGESTION), (6, Severity.SUGGESTION)]
    assert teasers(STORY + TEASERS + "Originally published on the Daily Bugle.\nShare this article\n") == [
        (4, Severity.SUGGESTION), (5, Severity.SUGGESTION), (6, Severity.SUGGESTION)]


PAIRS = ("Mayor unveils plan to cut traffic in city centre\n"
         "The scheme would close three streets to cars from next spring.\n-\n"
         "Police appeal for witnesses after crash\n"
         "A cyclist was taken to hospital with serious injuries after the collision on Monday.\n-\n"
         "Schools to get extra funding for repairs\n")


def test_headlines_with_a_standfirst_each_are_a_block():
    # The headline and the one-sentence summary of each teaser; the "-" lines between them are markup.
    assert teasers(STORY + PAIRS + "Share this article\n") == [(line, Severity.WARNING) for line in (4, 5, 7, 8, 10)]
    assert teasers(STORY + PAIRS) == [(line, Severity.SUGGESTION) for line in (4, 5, 7, 8, 10)]


def test_subheadings_with_a_paragraph_each_are_the_story():
    # The article's own sections: the last one ends with a paragraph, so the run is no teaser block.
    sections = ("What the plan means for drivers\n"
                "Three streets in the centre would close to cars from next spring under the plan.\n"
                "What happens to the parks budget\n"
                "The parks budget falls by a fifth, and two playgrounds will close next year.\n"
                "When the council votes again\n"
                "A final vote on the plan is due in March, the council's finance chief said.\n")
    assert teasers(STORY + sections + "Share this article\n") == []
    assert teasers(STORY + sections) == []
    two_sentences = PAIRS.replace("next spring.", "next spring. Shops are against it.")
    assert teasers(STORY + two_sentences + "Share this article\n") == []


def test_no_story_no_block():
    assert teasers("Council approves new budget\n" + TEASERS) == []
