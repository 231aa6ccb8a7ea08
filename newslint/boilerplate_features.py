"""What the boilerplate line model sees of each paragraph: its shape, its neighbours, its place.

One row of numbers per paragraph of a Document, in the order of FEATURES. The fitting script
(tools/fit_boilerplate_model.py) and the rule (checks/boilerplate_line.py) both build rows
here, so the model is always fed what it was fitted on. `flagged` holds the indexes of the
paragraphs the other boilerplate rules already flagged (the lexicons' hits are features too).
"""
from __future__ import annotations

import math
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from .checks.common import ends_like_sentence, normalise_paragraph
from .lazyre import LazyRegex, module_patterns

# Per paragraph, from its own text.
SHAPE = ("log_chars", "words", "sentence_end", "colon_end", "question_end", "ellipsis_end", "upper_share",
         "digit_share", "title_share", "mean_word_length", "link", "handles", "separators", "quote_marks",
         "reporting", "sentences", "bullet_start", "date_time", "bracket_end", "reader_words", "all_caps",
         "table_cell", "slash_credit", "appositive", "prose")
# Of its neighbours and its place in the document.
CONTEXT = ("position", "from_end", "log_paragraphs", "prev_words", "next_words", "prev_prose", "next_prose",
           "prev_flagged", "next_flagged", "flagged", "flagged_near", "short_run", "prose_before", "prose_after",
           "copies", "headline_overlap", "doc_prose_share", "word_share", "prefix_copies", "tail", "tail_run",
           "inner_bullet", "title_run")
FEATURES = SHAPE + CONTEXT

_LINK = LazyRegex(r"https?://|www\.|\.(?:com|org|net|co\.uk|html?)\b")
_HANDLE = LazyRegex(r"(?<!\w)[@#]\w")
_SEPARATOR = LazyRegex(r"\s[|•»›·/]\s|\|")
_QUOTE = LazyRegex(r"[“”«»\"]")
_SENTENCE_BREAK = LazyRegex(r"[.!?]['\"”’)]*\s+(?=[\"“‘']?[A-Z])")
_BULLET = LazyRegex(r"^\s*(?:[-–—•*·>]|\d+[.)])\s")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_TIME = LazyRegex(rf"\b\d{{1,2}}:\d\d\b|\b\d{{1,2}}\s*[ap]\.?m\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
                       r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d+\s+(?:minutes?|hours?|days?|mins?|hrs?)\s+ago\b")
_BRACKET_END = LazyRegex(r"[)\]]\W*$")
# "Jane Doe/Reuters", "J. Scott Applewhite / AP file": a photo or wire credit at the end of a line.
_SLASH_CREDIT = LazyRegex(r"\w\s?/\s?[A-Z][\w.&-]*(?:\s[\w.&-]+){0,2}\s*$")
# "Kevin Mayer, the Disney executive overseeing ...": a caption names someone, then says who they
# are, and ends without a full stop or a colon ("Name, the mayor, said:" introduces a quote).
_APPOSITIVE = LazyRegex(r"^[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3},\s(?:the|a|an|left|right|center|centre)\b")
_TABLE_CELL = LazyRegex(r"^\s*\||\|\s*$|\|[^|]*\|")  # a row of a table the extractor flattened
# Words that address the reader (prompts, teasers, comment forms) rather than report.
_READER = LazyRegex(r"\b(?:you|your|yours|click|tap|subscribe|sign|log|share|comment|comments|reply|follow)\b")
_BULLET_AT, _TITLE_AT = SHAPE.index("bullet_start"), SHAPE.index("title_share")
_PROSE_WORDS = 12
_HEAD, _TAIL = 200, 60  # characters read from a paragraph's start and end (see shape)
# Longer paragraphs are running text: one in ten lines labelled boilerplate on the extraction
# benchmark is longer (most of them article paragraphs the labelling missed), half of BBC's are.
MAX_CHARS = 300
_NOT_LETTER = LazyRegex(r"[\W\d_]+")
_NOT_UPPER = LazyRegex(r"[^A-ZÀ-ÖØ-ÞΑ-ΩА-Я]+")
_NOT_DIGIT = LazyRegex(r"\D+")  # as common.is_prose: a paragraph of running text
_NEAR = 3  # paragraphs either side that count as "near"
module_patterns(_LINK, _HANDLE, _SEPARATOR, _QUOTE, _SENTENCE_BREAK, _BULLET, _DATE_TIME, _BRACKET_END, _SLASH_CREDIT,
                _APPOSITIVE, _TABLE_CELL, _READER, _NOT_LETTER, _NOT_UPPER, _NOT_DIGIT)  # programs from the config cache


@lru_cache(maxsize=1)
def _reporting():
    """The attribution rules' reporting verbs and source phrases ("said", "told", "according to")."""
    from .attribution import vocabulary_for

    return vocabulary_for({}).source


def has_reporting(text: str) -> bool:
    return bool(_reporting().search(text))


def has_quote(text: str) -> bool:
    return bool(_QUOTE.search(text))


def protected(text: str) -> bool:
    """A line that may be the article's reporting: a reporting verb or a quotation mark in it."""
    return has_quote(text) or has_reporting(text)


def shape(text: str) -> list[float]:
    """The SHAPE features of one paragraph.

    Shares, cue words and marks are read from the paragraph's first _HEAD characters only: chrome
    is short, a long paragraph shows its kind in its opening, and reading every character of every
    paragraph in Python would cost more than all the other rules together.
    """
    head = text[:_HEAD]
    words = head.split()
    n = len(words) if len(text) <= _HEAD else len(text.split())
    letters = len(_NOT_LETTER.sub("", head))
    upper = len(_NOT_UPPER.sub("", head)) / letters if letters else 0.0
    visible = len(head) - head.count(" ")
    digits = len(_NOT_DIGIT.sub("", head))
    low = head.lower()  # the cue-word patterns are lower case: cheaper than matching case-blind
    stripped = text.rstrip()
    tail = stripped[-_TAIL:]
    sentence_end = _sentence_end(tail)
    return [
        math.log1p(len(text)), float(min(n, 200)), float(sentence_end), float(tail.endswith(":")),
        float(tail.endswith("?")), float(tail.endswith(("...", "…"))), upper,
        digits / visible if visible else 0.0,
        sum(w[0].isupper() for w in words) / len(words) if words else 0.0,
        sum(map(len, words)) / len(words) if words else 0.0,
        float(bool(_LINK.search(low))), float(len(_HANDLE.findall(head))),
        float(len(_SEPARATOR.findall(head))), float(bool(_QUOTE.search(head))),
        float(has_reporting(head)), float(len(_SENTENCE_BREAK.findall(head)) + 1),
        float(bool(_BULLET.match(head))), float(digits > 0 and bool(_DATE_TIME.search(low))),
        float(bool(_BRACKET_END.search(tail))), float(len(_READER.findall(low))),
        float(upper > 0.8 and letters > 3), float(bool(_TABLE_CELL.search(head))),
        float(bool(_SLASH_CREDIT.search(tail))), float(bool(_APPOSITIVE.match(head)) and not ends_like_sentence(tail)),
        float(n >= _PROSE_WORDS and sentence_end),
    ]


def _sentence_end(tail: str) -> bool:
    return ends_like_sentence(tail) and not tail.endswith((":", ";"))


@dataclass(frozen=True)
class _View:
    """What the context features need of the whole document."""

    words: list[float]
    prose: list[float]
    runs: list[int]
    keys: list[str | None]
    copies: Counter
    headline: set[str]
    prefixes: list[str | None]
    prefix_copies: Counter
    total_prose: float
    total_words: float


def rows(texts: Sequence[str], flagged: set[int]) -> list[list[float] | None]:
    """One row of FEATURES per paragraph text, in order (iter_rows as a list, for the fitting tools)."""
    return list(iter_rows(texts, flagged))


def iter_rows(texts: Sequence[str], flagged: set[int]) -> Iterator[list[float] | None]:
    """One row of FEATURES per paragraph text, in order; None for the headline and for a paragraph
    over MAX_CHARS characters (running text): the model never judges them, so they cost little.
    Rows are made one at a time and shapes kept as arrays of doubles: a file of a million one-word
    lines has a million paragraphs, and lists of Python floats cost about ten times as much."""
    shapes = [array("d", shape(t)) if i and len(t) <= MAX_CHARS else None for i, t in enumerate(texts)]
    view = _view(texts, shapes)
    prose_seen = 0.0
    for i, row in enumerate(shapes):
        yield None if row is None else row.tolist() + _context(i, row, view, flagged, prose_seen)
        prose_seen += view.prose[i]


def _view(texts: Sequence[str], shapes: list) -> _View:
    words = [s[1] if s else float(min(len(t.split()), 200)) for s, t in zip(shapes, texts)]
    prose = [s[-1] if s else float(w >= _PROSE_WORDS and _sentence_end(t.rstrip()[-_TAIL:]))
             for s, t, w in zip(shapes, texts, words)]
    # A paragraph the model skips gets no key (None), so a punctuation-only line, whose key is "",
    # does not count the skipped paragraphs as copies of itself.
    keys = [normalise_paragraph(t) if s or i == 0 else None for i, (s, t) in enumerate(zip(shapes, texts))]
    prefixes = [None if k is None else " ".join(k.split()[:2]) for k in keys]
    return _View(words, prose, _short_runs(prose), keys, Counter(keys), set(keys[0].split()) if keys else set(),
                 prefixes, Counter(prefixes),  # items of one list often start alike ("See it now", "Player")
                 sum(prose), sum(words) or 1.0)


def _context(i: int, row: list[float], v: _View, flagged: set[int], prose_seen: float) -> list[float]:
    """The CONTEXT features of paragraph i."""
    n, prose, words, runs, total = len(v.words), v.prose, v.words, v.runs, v.total_prose
    # Chrome gathers after the story's last paragraph; a list between paragraphs is more often the story's own.
    tail = float(not prose[i] and total - prose_seen == 0)
    inner = float(row[_BULLET_AT] == 1 and prose_seen > 0 and total - prose_seen - prose[i] > 0)
    near = sum(1 for j in range(max(0, i - _NEAR), min(n, i + _NEAR + 1)) if j != i and j in flagged)
    return [
        i / n, float(min(n - 1 - i, 10)), math.log1p(n),
        words[i - 1] if i else -1.0, words[i + 1] if i + 1 < n else -1.0,
        prose[i - 1] if i else -1.0, prose[i + 1] if i + 1 < n else -1.0,
        float(i - 1 in flagged), float(i + 1 in flagged), float(i in flagged), float(near),
        float(min(runs[i], 20)), prose_seen / total if total else 0.0,
        (total - prose_seen - prose[i]) / total if total else 0.0,
        float(min(v.copies[v.keys[i]], 5)), _overlap(v.headline, v.keys[i]) if i else 0.0,
        total / n, words[i] / v.total_words, float(min(v.prefix_copies[v.prefixes[i]], 10)),
        tail, tail * min(runs[i], 20), inner, row[_TITLE_AT] * min(runs[i], 6) if runs[i] > 1 else 0.0,
    ]


def _short_runs(prose: list[float]) -> list[int]:
    """For each paragraph, the length of the run of consecutive non-prose paragraphs it is in (0 for prose)."""
    runs, i = [0] * len(prose), 0
    while i < len(prose):
        if prose[i]:
            i += 1
            continue
        j = i
        while j < len(prose) and not prose[j]:
            j += 1
        runs[i:j] = [j - i] * (j - i)
        i = j
    return runs


def _overlap(headline: set[str], key: str) -> float:
    """Share of the headline's words this paragraph repeats: a headline printed again, slightly changed."""
    words = set(key.split())
    return len(headline & words) / len(headline | words) if headline and words else 0.0


def flagged_paragraphs(document, findings, skip_rule: str = "") -> set[int]:
    """Indexes of the paragraphs on which another boilerplate rule's finding starts."""
    flagged = set()
    for finding in findings:
        if finding.category == "boilerplate" and finding.rule != skip_rule:
            index = document.paragraph_index(document.offset(finding.line, finding.column))
            if index is not None:
                flagged.add(index)
    return flagged
