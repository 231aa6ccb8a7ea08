"""boilerplate-line: a whole line that a learned model judges page chrome, with its confidence.

The lexicon rules catch the chrome they list. This rule judges every other paragraph of up to
300 characters after the headline (longer ones are running text) from its shape (length, final
punctuation, capitals, digits, links, handles, bullets, table cells, credits), its place (near
the end, in a run of short lines, beside lines the lexicons flagged), and whether it repeats the
headline or another line. The model (newslint/data/boilerplate_model.json, a logistic regression
fitted by tools/fit_boilerplate_model.py on labelled extractor output of real news pages and on
clean news) gives the probability that an editor would delete the line. From `warn-confidence`
up the finding is a warning; from `min-confidence` up to that, a suggestion. The message names
the kind where the line's shape tells it (table row, byline or dateline, reader prompt or link,
caption or credit, list item, navigation, related headline) and the confidence.

A line another boilerplate rule already flags is left to it, and a line with a reporting verb
("said", "according to") or a quotation mark is never more than a suggestion: it may be the
article's own reporting. Findings span whole lines, so `--strip-boilerplate` can delete them.
"""
from __future__ import annotations

from typing import Iterator

from ..boilerplate_features import FEATURES, flagged_paragraphs, iter_rows, protected
from ..boilerplate_model import ModelError, load
from ..model import Hit, RuleUnavailable
from .common import first_words

ID = "boilerplate-line"
CATEGORY = "boilerplate"
SEVERITY = "warning"
STAGE = "summary"  # it reads the lexicon rules' findings
FIXABLE = False
OPTIONS = {"warn-confidence": float, "min-confidence": float}
DEFAULTS = {"warn-confidence": 0.92, "min-confidence": 0.5}
_ARTICLE = ("Council approves bus lanes\nThe council voted on Tuesday to add bus lanes on four roads, a plan it says "
            "will cut journey times.\nWork will start in March and take eight months, the transport chief said.\n"
            "Shop owners have raised concerns about deliveries and parking during the works.\n")
EXAMPLES = {
    "fail": [_ARTICLE + "Player | Pos | Stats |\nJane Roe | FW | 2 goals |\n",
             _ARTICLE + "Jane Roe, the council's transport chief, at the depot on Monday\n"],
    "pass": [_ARTICLE, _ARTICLE + "What changes for drivers\nParking will be banned on the new lanes at peak hours.\n"],
}
_F = {name: index for index, name in enumerate(FEATURES)}
_QUOTED_WORDS = 8


def check(document, options, findings) -> Iterator[Hit]:
    paragraphs = document.paragraphs
    if len(paragraphs) < 2:
        return
    try:
        model = load()
    except ModelError as exc:
        raise RuleUnavailable(f"{ID}: {exc}") from None
    texts = [document.text[s:e] for s, e in paragraphs]
    flagged = flagged_paragraphs(document, findings, ID)
    for index, row in enumerate(iter_rows(texts, flagged)):
        if row is None or index == 0 or index in flagged:
            continue  # running text or the headline: the article's; a lexicon finding is already there
        p = model.probability(row)
        if p < options["min-confidence"]:
            continue
        text = texts[index]
        warn = p >= options["warn-confidence"] and not protected(text)
        start, end = paragraphs[index]
        yield Hit(start, end, f"{kind(row)} left in the text (confidence {p:.2f}): '{first_words(text, _QUOTED_WORDS)}'",
                  demote=0 if warn else 1)


def kind(row) -> str:
    """What the line most likely is, from its shape; "page text" when nothing tells."""
    words = row[_F["words"]]
    if row[_F["table_cell"]]:
        return "table row"
    if row[_F["date_time"]] and words <= 12:
        return "byline or dateline"
    if row[_F["reader_words"]] or row[_F["handles"]] or row[_F["link"]]:
        return "reader prompt or link"
    if row[_F["appositive"]] or row[_F["slash_credit"]]:
        return "caption or credit"
    if row[_F["bullet_start"]]:
        return "list item"
    if words <= 3 and not row[_F["sentence_end"]]:
        return "navigation"
    if row[_F["short_run"]] >= 2 and not row[_F["sentence_end"]] and words >= 3:
        return "related headline"
    if row[_F["prev_prose"]] == 1 and row[_F["next_prose"]] == 1 and not row[_F["prose"]]:
        return "caption or credit"
    return "page text"

