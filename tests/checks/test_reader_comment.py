"""reader-comment: a reader's comment between the comment widget's header and its buttons."""
from newslint import lint_text
from newslint.model import Severity
from newslint.runner import lint_document, make_document
from newslint.strip import strippable_lines

from helpers import check, default_config

STORY = ("Council approves new budget\n"
         "The city council approved a new budget on Tuesday after a debate of more than six hours, officials said.\n"
         "The plan raises spending on schools by 4 percent and cuts the parks budget, the finance chief said.\n")
THREAD = ("12 Comments\n"
          "Jane Doe · 3 hours ago\n"
          "This council never listens to anyone in the east of the city.\n"
          "Reply · Report\n"
          "@bob_77 5h ago\n"
          "About time!\n"
          "Shame about the parks though\n"
          "Reply\n"
          "Load more comments\n")


def comments(text):
    return [(f.line, f.severity) for f in lint_text(text, default_config()) if f.rule == "reader-comment"]


def test_the_text_between_a_commenters_header_and_the_buttons_is_flagged():
    assert comments(STORY + THREAD) == [(6, Severity.WARNING), (9, Severity.WARNING), (10, Severity.WARNING)]
    found = [f for f in lint_text(STORY + THREAD, default_config()) if f.rule == "reader-comment"]
    assert (found[0].column, found[0].end_column) == (1, len("This council never listens to anyone in the east of the city.") + 1)
    assert found[1].message == "reader's comment left in the text: 'About time!'"
    # the next commenter's header ends a comment as well as a button does
    two = "Jane Doe · 3 hours ago\nGreat article.\nSam Lee · yesterday\nI disagree.\nReply\n"
    assert comments(STORY + two) == [(5, Severity.WARNING), (7, Severity.WARNING)]


def test_a_comment_with_a_quote_is_a_suggestion_and_never_stripped():
    text = STORY + 'Jane Doe · 3 hours ago\nAs the mayor said, "we will see".\nReply\n'
    assert comments(text) == [(5, Severity.SUGGESTION)]
    document = make_document(text, "a.txt")
    assert 5 not in strippable_lines(document, lint_document(document, default_config()).findings)


def test_without_the_widget_around_it_nothing_is_a_comment():
    # no button after it: nothing says where the comment ends
    assert comments(STORY + "Jane Doe · 3 hours ago\nThis council never listens.\n") == []
    # no commenter's header before it: article text between two pieces of chrome
    assert comments(STORY + "Leave a comment\nThe mayor will answer questions on Friday.\nReply\n") == []
    assert comments(STORY + "Share this article\nThe mayor will answer questions on Friday.\nReply · Report\n") == []
    # a sentence with a relative time is not a header
    assert comments(STORY + "Police arrived two hours ago.\nThe road was closed.\nReply\n") == []
    # more lines than max-lines: not one comment
    long = "Jane Doe · 3 hours ago\nOne.\nTwo.\nThree.\nFour.\nReply\n"
    assert comments(STORY + long) == []
    # and alone, with no comment-forms findings to read, the rule finds nothing
    assert check(STORY + THREAD, "reader-comment") == []
