"""Markup formats: the prose of a Markdown or HTML file, at the offsets of the original.

Each format turns the source into a text of exactly the same length in which everything that
is not prose (code, tags, front matter, link targets, comments) is blanked to spaces. Line
breaks are never blanked, so lines and columns of the text are those of the file.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import PurePath

from ..document import Document
from ..lazyre import LazyRegex, module_patterns
from ..sentences import split_sentences

MARKUP_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_NOT_NEWLINE = LazyRegex(r"[^\r\n]+")
ENTITY_RE = LazyRegex(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
module_patterns(_NOT_NEWLINE, ENTITY_RE)


def markup_for(path: str) -> str:
    """'markdown', 'html' or 'text', from a file name's suffix."""
    return MARKUP_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


def blank(fragment: str) -> str:
    """The fragment with every character but line breaks turned into a space."""
    return _NOT_NEWLINE.sub(lambda run: " " * (run.end() - run.start()), fragment)


def blank_match(match: re.Match) -> str:
    return blank(match.group())


def decode_entity(raw: str) -> str:
    """An entity as its character followed by spaces, same length ('&amp;' -> '&    ').

    A word holding an entity ("don&rsquo;t") is split in two, the price of exact offsets.
    An entity that does not decode, or decodes to more characters than it has, stays as it is.
    """
    from html import unescape  # here, not at the top: only HTML and Markdown have entities

    decoded = unescape(raw)
    if decoded == raw or len(decoded) > len(raw):
        return raw
    decoded = decoded.replace("\xa0", " ")
    return decoded + " " * (len(raw) - len(decoded))


def decode_entities(text: str) -> str:
    return ENTITY_RE.sub(lambda m: decode_entity(m.group()), text) if "&" in text else text


def prose(source: str, markup: str) -> str:
    """What rules read for a source in the given markup: same length, non-prose blanked."""
    return convert(source, markup)[0]


def convert(source: str, markup: str) -> tuple[str, list[tuple[int, int]] | None]:
    """(prose text, paragraph spans): the parser's blocks for HTML and Markdown, None for plain
    text, where blank lines mark paragraphs."""
    if markup == "html":
        from .html import html_prose

        return html_prose(source)
    if markup == "markdown":
        from .markdown import markdown_prose

        return markdown_prose(source)
    return source, None


class BlockDocument(Document):
    """A Document whose paragraphs come from the markup (HTML block tags, Markdown blocks), not
    from blank lines; no sentence runs across two of them ("<h1>Title</h1><p>Body" is two)."""

    def __init__(self, text: str, path: str, source: str, markup: str, paragraphs: list[tuple[int, int]]):
        super().__init__(text, path, source, markup)
        self.__dict__["paragraphs"] = paragraphs

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [(start + s, start + e) for start, end in self.paragraphs
                for s, e in split_sentences(self.text[start:end])]
