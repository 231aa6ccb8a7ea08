"""The boilerplate line lexicons (rules/boilerplate/*.yaml) on page leftovers and on ordinary copy."""
import pytest
from helpers import check

LEFTOVERS = [
    ("site-chrome", "Begin typing your search..."),
    ("site-chrome", "×"),
    ("site-chrome", "Home » World » Middle East"),
    ("site-chrome", "[an error occurred while processing this directive]"),
    ("site-chrome", "googletag.cmd.push(function() { googletag.display('ad-1'); });"),
    ("related-links", "Read more: Tencent profit falls as Alibaba threat weighs"),
    ("related-links", "BREAKING NEWS: Minister resigns"),
    ("related-links", "Also read:"),
    ("share-prompts", "Share this article"),
    ("share-prompts", "Follow us on Twitter and Facebook"),
    ("newsletter-prompts", "Sign up for our daily newsletter"),
    ("comment-forms", "You are commenting using your Twitter account."),
    ("consent-notices", "We use cookies to give you the best experience on our website."),
    ("ad-markers", "- Advertisement -"),
    ("ad-markers", "spot_img"),
    ("image-credits", "Photo: Damian Dovarganes, AP"),
    ("image-credits", "AFP"),
    ("image-credits", "(file photo)"),
    ("image-credits", "Palestinians inspect the damage (REUTERS)"),
    ("media-widgets", "Listen to this article"),
    ("timestamps", "Published 11:11 PM EST Nov 19, 2019"),
    ("bylines", "(Reporting by Greg Roumeliotis; Editing by Martin Howell)"),
    ("bylines", "Jane Roe is a reporter for NBC News."),
    ("bylines", "Sam Lee is the Post's deputy politics editor."),
    ("site-chrome", "The contents of this site are ©2019 Star Media Group, a subsidiary of Star Inc."),
    ("paywall-notices", "You have reached your monthly limit of free stories. Subscribe for full access."),
    ("paywall-notices", "You have 1 free article left this month"),
    ("paywall-notices", "This is your last free story."),
    ("paywall-notices", "Register for free to keep reading"),
    ("paywall-notices", "To continue reading, please sign in or subscribe."),
    ("paywall-notices", "This feature is available only to our digital subscribers."),
    ("paywall-notices", "Already a subscriber? Log in"),
    ("paywall-notices", "Start your 14-day free trial today"),
    ("paywall-notices", "Subscribers-only content"),
    ("comment-forms", "Jane Doe · 3 days ago"),
    ("comment-forms", "@rivers_fan 5h ago"),
    ("comment-forms", "Mark van Dijk • 1 hour ago • Edited"),
    ("comment-forms", "Report"),
    ("comment-forms", "Reply · Report · 14"),
    ("comment-forms", "View all 48 comments"),
    ("comment-forms", "3 replies"),
    ("comment-forms", "Sort by Newest"),
    ("comment-forms", "Sign in or register to join the conversation"),
    ("comment-forms", "Totally disagree, the council has wasted money for years! Reply"),
    ("comment-forms", "You must be logged in to post a comment."),
]

COPY = [
    "He said he would read more of the report before deciding.",
    "Opinion: polls show the party ahead, the paper said.",
    "Shares in Facebook rose 5% after the results.",
    "The bakery sold 5,000 cookies, its owner said.",
    "Reuters reported that the talks had ended on Monday.",
    "The advertisement was withdrawn after complaints.",
    "By Monday the talks had ended.",
    "Updated figures were published on Tuesday.",
    "Photographs of the scene were shared widely, police said.",
    "Millions of people subscribe to streaming services.",
    "Jane Roe is a reporter for the paper and was arrested in March after she filmed the raid.",
    "Mr Roe is a reporter for the local paper.",
    "The logo (© 2019 the artist) was printed on every bag, the firm said.",
    "Readers get five free articles a month before the paywall starts, the publisher said.",
    "The paper has 40,000 digital subscribers, up from 25,000 a year ago.",
    "Sign up for a streaming account for $11.99 a month to watch the series.",
    "Premium members will pay more from March, the gym said.",
    "The exhibition is open only to members of the society.",
    "Police arrived two hours ago and sealed off the road.",
    "The minister did not reply.",
    "Flooding hit the town three days ago",
    "He was asked to report to the police station. He did not.",
    "The findings appear in the committee's annual Report",
    "Sort the recycling by type, the council says.",
]


@pytest.mark.parametrize("rule, line", LEFTOVERS)
def test_a_leftover_line_is_flagged_where_it_stands(rule, line):
    assert check(f"The talks ended on Monday.\n  {line}\nThey resume next week.", rule) == [(2, 3, rule)]


@pytest.mark.parametrize("text", COPY)
def test_ordinary_copy_draws_no_boilerplate_finding(text):
    from helpers import default_config

    from newslint import lint_text

    assert [f for f in lint_text(f"Headline\n{text}\n", default_config()) if f.category == "boilerplate"] == []


def test_a_kicker_on_the_headline_is_the_story_not_a_related_link():
    # Line 1 is the headline: "EXCLUSIVE: ..." there is the story's own; the same line lower down
    # is a teaser for another story, and a bare label is chrome even on line 1.
    kicker = "EXCLUSIVE: Minister to resign over the rail deal"
    body = "The minister will resign on Friday, two aides said.\n"
    assert check(f"{kicker}\n{body}", "related-links") == []
    assert check(f"Rail talks end\n{body}{kicker}\n", "related-links") == [(3, 1, "related-links")]
    assert check(f"Read more\n{body}", "related-links") == [(1, 1, "related-links")]


def test_a_yaml_line_rule_can_leave_its_patterns_off_the_headline(tmp_path):
    from newslint.runner import make_document
    from newslint.yamlrules import load_rule_file

    path = tmp_path / "teaser.yaml"
    path.write_text("kind: line\ncategory: boilerplate\ndescription: d\nmessage: m\npatterns-on-headline: false\n"
                    "lines: [More]\npatterns: ['WATCH: .+']\n", encoding="utf-8")
    rule = load_rule_file(path)

    def lines(text):
        document = make_document(text, "a.txt")
        return [document.text[h.start:h.end] for h in rule.check(document)]

    assert lines("WATCH: the vote\nMore\nWATCH: the count\n") == ["More", "WATCH: the count"]
    assert lines("More\nText.\n") == ["More"]
    path.write_text(path.read_text(encoding="utf-8").replace("false", "maybe"), encoding="utf-8")
    with pytest.raises(Exception, match="patterns-on-headline"):
        load_rule_file(path)


def test_an_interjection_in_a_list_is_not_a_newsletter_prompt():
    outlets = "The outlets replied.\nThe Times.\nOh.\nThe Daily Beast.\nSorry!\nThe Telegraph.\nOur bad.\n"
    assert check(outlets, "newsletter-prompts") == []
    # In the sign-up box, beside its error message (after it or before it), the same line is chrome.
    widget = "The talks ended.\nThanks for signing up!\nSorry!\nThere was an error processing your subscription.\n"
    assert check(widget, "newsletter-prompts") == [(n, 1, "newsletter-prompts") for n in (2, 3, 4)]
    assert check("The talks ended.\nSorry!\nSign up for our newsletter\nThey resume.\n", "newsletter-prompts") == [
        (2, 1, "newsletter-prompts"), (3, 1, "newsletter-prompts")]
