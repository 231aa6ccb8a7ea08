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
]


@pytest.mark.parametrize("rule, line", LEFTOVERS)
def test_a_leftover_line_is_flagged_where_it_stands(rule, line):
    assert check(f"The talks ended on Monday.\n  {line}\nThey resume next week.", rule) == [(2, 3, rule)]


@pytest.mark.parametrize("text", COPY)
def test_ordinary_copy_draws_no_boilerplate_finding(text):
    from helpers import default_config

    from newslint import lint_text

    assert [f for f in lint_text(f"Headline\n{text}\n", default_config()) if f.category == "boilerplate"] == []
