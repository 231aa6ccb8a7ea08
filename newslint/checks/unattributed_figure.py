"""unattributed-figure: a death toll, sum of money, percentage or count with no source in its sentence.

A desk editor sends back a figure nobody stands behind. The rule finds figures that are claims:
counts of people or things ("killed 30", "1,200 Israeli deaths", "500 jobs"), money ("$1.13bn"),
percentages, approximate figures ("over 3,000", "at least 30") and spelled-out quantities
("tens of thousands", "a million"). It leaves alone dates, times, years, ages, durations and
deadlines ("30 days to"), ordinals, measures, scores, references ("No. 10", "page 4"), headlines
and subheads (a line with no closing full stop, or a first line standing alone), and figures
inside a direct quote whose speaker is named in the paragraph (or the one before).

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
`headlines` (false) also checks headlines. The word lists `reporting-verbs`, `reporting-forms`,
`not-sources`, `source-phrases`, `source-nouns`, `counted-nouns`, `claim-words`, `toll-words`,
`exempt-units`, `exempt-before` and `vague-phrases` tune the built-in lists in
rules/data/attribution.yaml: entries are added, and an entry written "-word" removes one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator

from ..attribution import LISTS, claim_figures, figure_anchors, has_source, vocabulary_for

ID = "unattributed-figure"
CATEGORY = "attribution"
SEVERITY = "warning"
OPTIONS = {"all-figures": bool, "window": int, "carry": int, "headlines": bool, **{name: list for name in LISTS}}
DEFAULTS = {"all-figures": False, "window": 0, "carry": 0, "headlines": False, **{name: [] for name in LISTS}}
EXAMPLES = {
    "fail": [
        "Israel's separate military operations in Lebanon have killed over 3,000 and displaced over a million.",
        "Israeli strikes on Gaza killed at least 30, with many others injured.",
    ],
    "pass": [
        "Israel's assault on Gaza has killed over 43,000, according to Gaza's Health Ministry.",
        "The US says 1.7 million civilians are crammed into dangerous areas.",
        "The meeting will take place at 5 p.m. ET on 13 November, when Israel has 30 days to act.",
        "“We lost 30 people,” the mayor said.",
        "Profits rose 20%, the company said.",
        "Gov. Jane Doe, 56, met 3 ministers in 2004.",
        "The scheme will cost $1.13bn and create 500 jobs.",
    ],
}

_SPEAKER_REACH = 2000
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_LEADING_SPACE = re.compile(r"\s*")


def check(document, options) -> Iterator:
    from ..model import Hit

    where = "its sentence" if not options["window"] else "its sentence or the next"
    for figures in unsourced_figures(document, options):
        first = next((f for f in figures if f.kind == "toll"), None)
        if first is None and not options["all-figures"]:
            continue
        first = first or figures[0]
        more = f" (and {len(figures) - 1} more figure{'s' * (len(figures) > 2)})" if len(figures) > 1 else ""
        yield Hit(first.start, first.end,
                  f"'{first.text}'{more} has no source in {where}: say who gives it ('according to ...')",
                  demote=0 if first.kind == "toll" else 1)


def unsourced_figures(document, options) -> Iterator[list]:
    """For every sentence with unsourced figures, those figures (bench/attribution_polnear.py scores them)."""
    vocab = vocabulary_for(options)
    text = document.text
    anchors = figure_anchors(text)  # most sentences hold no digit or number word: skip them at once
    for index, (start, end) in enumerate(document.sentences):
        at = bisect_left(anchors, start)
        if at == len(anchors) or anchors[at] >= end:
            continue
        if not options["headlines"] and _is_headline(document, start, end):
            continue
        figures = [f for f in claim_figures(text, start, end, vocab, anchors)
                   if not _quoted_and_sourced(document, f.start, vocab)]
        if not figures or has_source(text, start, end, vocab):
            continue
        if _source_follows(document, index, options["window"], vocab):
            continue
        if options["carry"] and _source_precedes(document, index, options["carry"], vocab):
            figures = [f for f in figures if f.kind == "toll"]  # a toll needs its own source
        if figures:
            yield figures


def _is_headline(document, start: int, end: int) -> bool:
    """A whole line with no closing punctuation, or a first line with a blank line after it."""
    text = document.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip(" \t•*-") or text[end:line_end].strip():
        return False
    if not _TERMINAL.search(text[start:end]):
        return True
    # Only white space before this line (matched, not sliced: a slice per sentence is quadratic).
    first_line = _LEADING_SPACE.match(text).end() >= line_start
    return first_line and text[line_end:line_end + 3].lstrip(" \t\r").startswith("\n")


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
