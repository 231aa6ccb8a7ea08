"""unattributed-figure: a death toll, sum of money, percentage or count with no source in its sentence.

A desk editor sends back a figure nobody stands behind. The rule finds figures that are claims:
counts of people or things ("killed 30", "1,200 Israeli deaths", "500 jobs"), money ("$1.13bn"),
percentages, approximate figures ("over 3,000", "at least 30") and spelled-out quantities
("tens of thousands", "a million"). It leaves alone dates, times, years, ages, durations and
deadlines ("30 days to"), ordinals, measures, scores, references ("No. 10", "page 4"), headlines
and subheads, and figures inside a direct quote whose speaker is named in the paragraph (or the
one before). A headline is a line standing alone with no closing punctuation, or set in title
case ("Only 24 Percent of Donors Are Small Donors."), or one of the file's first
`headline-lines` lines; a first line that reads as a sentence is the lead, and is checked.

A figure is attributed when its sentence carries a source: "according to X", a reporting verb
("X said / says / told / reported / estimated", "figures show", "citing X"), a document from
someone ("figures from X", "a report by X", "X's data", "the ONS figures"). A vague source
("reportedly", "sources say") also counts here: the vague-attribution rule reports those.
One finding per sentence, on its first unsourced toll (or else its first unsourced figure).

Severity: an unsourced toll (killed, dead, injured, displaced, arrested, hostages...) is reported
at the rule's severity (warning). Other figures (money, percentages, counts of things) are only
reported with `all-figures: true`, one level lower (suggestion): professional copy often names
the source of its business figures once, in the lead, and on BBC copy they would draw more than
one suggestion per article.

Options: `all-figures` (false) reports every unsourced figure, not only tolls. `window` (0) lets that many following sentences of the same paragraph supply the
source, when they carry a source and no figure of their own ("Over 3,000 have died. That is
according to the health ministry."). `carry` (0) lets a source in one of that many sentences
before cover the figures that are not tolls ("Profits rose 5%, the firm said. Sales grew 7%.").
`headlines` (false) also checks headlines; `headline-lines` (0) counts the file's first lines as
headlines whatever their punctuation. The word lists `reporting-verbs`, `reporting-forms`,
`not-sources`, `source-phrases`, `source-nouns`, `counted-nouns`, `claim-words`, `toll-words`,
`exempt-units`, `exempt-before`, `age-before` and `vague-phrases` tune the built-in lists in
rules/data/attribution.yaml: entries are added, and an entry written "-word" removes one.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from ..attribution import LISTS, claim_figures, figure_anchors, has_source, toll_word_near, toll_word_starts, vocabulary_for
from ..lazyre import LazyRegex, module_patterns
from .common import counted

ID = "unattributed-figure"
CATEGORY = "attribution"
SEVERITY = "warning"
OPTIONS = {"all-figures": bool, "window": int, "carry": int, "headlines": bool, "headline-lines": int,
           **{name: list for name in LISTS}}
DEFAULTS = {"all-figures": False, "window": 0, "carry": 0, "headlines": False, "headline-lines": 0,
            **{name: [] for name in LISTS}}
EXAMPLES = {
    "fail": [
        "Israel's separate military operations in Lebanon have killed over 3,000 and displaced over a million.",
        "Israeli strikes on Gaza killed at least 30, with many others injured.",
        "Israeli strikes killed at least 30 people in Gaza on Monday.\n\nThe army did not comment.",
    ],
    "pass": [
        "Israel's assault on Gaza has killed over 43,000, according to Gaza's Health Ministry.",
        "The US says 1.7 million civilians are crammed into dangerous areas.",
        "The meeting will take place at 5 p.m. ET on 13 November, when Israel has 30 days to act.",
        "“We lost 30 people,” the mayor said.",
        "Profits rose 20%, the company said.",
        "Gov. Jane Doe, 56, met 3 ministers in 2004.",
        "She was 29 when she died.",
        "She led the side, racking up 24 kills, 10 digs and four aces.",
        "The scheme will cost $1.13bn and create 500 jobs.",
    ],
}

_SPEAKER_REACH = 2000
_TERMINAL = LazyRegex(r"""[.!?…:;]["'”’)\]]*$""")
_LONG_WORD = LazyRegex(r"[^\W\d_][\w'’-]{3,}")  # four letters or more: "of", "in", "the" stay lower case
module_patterns(_TERMINAL, _LONG_WORD)


def check(document, options) -> Iterator:
    from ..model import Hit

    where = "its sentence" if not options["window"] else "its sentence or the next"
    for figures in unsourced_figures(document, options, tolls_only=not options["all-figures"]):
        first = next((f for f in figures if f.kind == "toll"), None)
        if first is None and not options["all-figures"]:
            continue
        first = first or figures[0]
        more = f" (and {counted(len(figures) - 1, 'more figure')})" if len(figures) > 1 else ""
        yield Hit(first.start, first.end,
                  f"'{first.text}'{more} has no source in {where}: say who gives it ('according to ...')",
                  demote=0 if first.kind == "toll" else 1)


def unsourced_figures(document, options, tolls_only: bool = False) -> Iterator[list]:
    """For every sentence with unsourced figures, those figures (bench/attribution_polnear.py scores them).

    `tolls_only`: only the sentences whose figures hold a toll, the only ones the rule reports
    without all-figures. A text with no toll word is done at once; a sentence with no toll word
    near it skips the claim tests, and one whose figures hold no toll the source and quote tests."""
    vocab = vocabulary_for(options)
    text = document.text
    folded = document.folded  # the lowered text, shared with the other rules that read it
    tolls = toll_word_starts(text, vocab, folded) if tolls_only else None
    if tolls == []:
        return  # no toll word in the text (six in ten BBC files): no figure to find, no sentence split
    anchors = figure_anchors(text, folded)  # most sentences hold no digit or number word: skip them at once
    for index, (start, end) in enumerate(document.sentences):
        at = bisect_left(anchors, start)
        if at == len(anchors) or anchors[at] >= end:
            continue
        if tolls is not None and not toll_word_near(tolls, start, end):
            continue  # no toll word within reach of the sentence's figures (most sentences with one)
        if not options["headlines"] and _is_headline(document, start, end, options["headline-lines"]):
            continue
        figures = list(claim_figures(text, start, end, vocab, anchors))
        if tolls_only and not any(f.kind == "toll" for f in figures):
            continue  # the tests below are pure: without a toll, their answer is not needed
        # A source in the sentence settles it before any quote's speaker is looked for, two
        # paragraphs around each quoted figure (the test is pure: the order changes no result).
        if not figures or has_source(text, start, end, vocab):
            continue
        figures = [f for f in figures if not _quoted_and_sourced(document, f.start, vocab)]
        if not figures:
            continue
        if _source_follows(document, index, options["window"], vocab):
            continue
        if options["carry"] and _source_precedes(document, index, options["carry"], vocab):
            figures = [f for f in figures if f.kind == "toll"]  # a toll needs its own source
        if figures:
            yield figures


def _is_headline(document, start: int, end: int, headline_lines: int = 0) -> bool:
    """A whole line with no closing punctuation or in title case, or one of the first `headline_lines`."""
    if headline_lines and document.position(start)[0] <= headline_lines:
        return True
    text = document.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip(" \t•*-") or text[end:line_end].strip():
        return False
    return not _TERMINAL.search(text[start:end]) or _title_case(text[start:end])


def _title_case(line: str) -> bool:
    """Most words of four letters or more capitalised (the first word does not count): a headline's style."""
    words = _LONG_WORD.findall(line)[1:]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _quoted_and_sourced(document, offset: int, vocab) -> bool:
    """A figure inside a direct quote whose speaker is named in its paragraph or the one before."""
    if not document.in_quote(offset):
        return False
    paragraphs = document.paragraphs
    i = document.paragraph_index(offset)
    if i is None:
        return False
    window_start = paragraphs[i - 1][0] if i else paragraphs[i][0]
    # A speaker stands near the quote: the window is capped so a text with no line breaks
    # (one paragraph of megabytes) is not rescanned for every figure.
    window_start = max(window_start, offset - _SPEAKER_REACH)
    return has_source(document.text, window_start, min(paragraphs[i][1], offset + _SPEAKER_REACH), vocab)


def _source_precedes(document, index: int, carry: int, vocab) -> bool:
    """One of the `carry` sentences before carries a source (text between them is one paragraph break at most)."""
    text = document.text
    sentences = document.sentences
    for start, end in reversed(sentences[max(0, index - carry):index]):
        if _is_headline(document, start, end):
            return False
        if has_source(text, start, end, vocab):
            return True
    return False


def _source_follows(document, index: int, window: int, vocab) -> bool:
    """A following sentence of the same paragraph carries a source and no figure of its own."""
    text = document.text
    sentences = document.sentences
    for start, end in sentences[index + 1: index + 1 + window]:
        if "\n" in text[sentences[index][1]:start]:
            return False  # another paragraph
        if next(claim_figures(text, start, end, vocab), None) is not None:
            return False  # its source covers its own figure
        if has_source(text, start, end, vocab):
            return True
    return False
