"""Helpers shared by several rule modules (not a rule)."""
from __future__ import annotations

from functools import lru_cache

from ..lazyre import LazyRegex, module_patterns

_PUNCTUATION = LazyRegex(r"[^\w\s]+")
module_patterns(_PUNCTUATION)
_TERMINATORS = frozenset(".!?…:;")
_CLOSERS = "\"'”’)]"


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 word', '2 words': messages agree in number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def lowered_set(words) -> frozenset[str]:
    """A rule's word-list option as a set of lowercase words, made once per list, not per document."""
    return _lowered_set(tuple(words))


@lru_cache(maxsize=64)
def _lowered_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def first_words(text: str, words: int = 8) -> str:
    """The start of a line as a finding quotes it: its first words, "..." where more follow."""
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def normalise_paragraph(text: str) -> str:
    """Lowercase, quotation marks and other punctuation dropped, spacing collapsed: how copies are compared."""
    return " ".join(_PUNCTUATION.sub("", text).lower().split())


def ends_like_sentence(text: str) -> bool:
    """A full stop, question or exclamation mark, ellipsis, colon or semicolon at the end, after which
    only closing quotes and brackets may stand. Read from the end: a regex search for it tried
    every such mark in the text (five times the time)."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINATORS


def is_prose(text: str, min_words: int = 12) -> bool:
    """A paragraph of running text: enough words and a sentence ending (tested first: it reads only
    the end; the words are split only as far as min_words, not through a long paragraph)."""
    return ends_like_sentence(text) and len(text.split(None, min_words - 1)) >= min_words
