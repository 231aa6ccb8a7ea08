"""HTML: the text of the page, at its offsets in the original file.

Tags, comments, declarations, and the contents of elements that are not read as prose (the
head, scripts, styles, code) are blanked to spaces; entities are decoded in place. The stdlib
parser finds the text; its positions (line, column) are turned back into offsets.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ..lazyre import LazyRegex, module_patterns
from . import ENTITY_RE, blank, decode_entity

# Elements that start a new paragraph: HTML marks paragraphs with tags, not blank lines.
BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                    "blockquote", "section", "article", "header", "footer", "aside", "nav", "main", "figure",
                    "figcaption", "table", "tr", "td", "th", "caption", "hr", "body", "title", "form"})
# Elements whose content is not article prose.
SKIPPED = frozenset({"head", "script", "style", "template", "noscript", "pre", "code", "svg", "math",
                     "textarea", "select", "button"})
_BLANK_LINE = LazyRegex(r"\n[ \t\r]*(?=\n)")
_LOOSE_ENTITY = LazyRegex(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
module_patterns(_BLANK_LINE, _LOOSE_ENTITY)


class _TextFinder(HTMLParser):
    """Collects the spans of text outside skipped elements, and the entities among them."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.text_spans: list[tuple[int, int]] = []
        self.entity_spans: list[tuple[int, int]] = []
        self.boundaries: list[int] = []  # offsets of block tags
        self.skipping: dict[str, int] = {}  # open skipped elements by tag
        self.skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
            self.skip_depth += 1
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS:  # <br/> breaks a paragraph; a self-closed <code/> opens nothing
            self.boundaries.append(self._offset())

    def handle_endtag(self, tag: str) -> None:
        if self.skipping.get(tag):
            self.skipping[tag] -= 1
            self.skip_depth -= 1
        if tag in BLOCKS:
            self.boundaries.append(self._offset())

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            start = self._offset()
            self.text_spans.append((start, start + len(data)))

    def _entity(self) -> None:
        if not self.skip_depth:
            start = self._offset()
            match = _LOOSE_ENTITY.match(self.source, start)
            if match:
                self.entity_spans.append(match.span())

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()


def html_prose(source: str) -> tuple[str, list[tuple[int, int]]]:
    """The source with everything but page text blanked to spaces (same length, same lines), and
    its paragraphs: the text between block tags or blank lines, trimmed."""
    finder = _TextFinder(source)
    finder.feed(source)
    finder.close()
    pieces = list(blank(source))
    for start, end in finder.text_spans:
        pieces[start:end] = source[start:end]
    for start, end in finder.entity_spans:
        raw = source[start:end]
        pieces[start:end] = decode_entity(raw) if ENTITY_RE.fullmatch(raw) else raw
    text = "".join(pieces)
    return text, _paragraphs(text, finder.boundaries)


def _paragraphs(text: str, boundaries: list[int]) -> list[tuple[int, int]]:
    cuts = sorted({0, len(text), *boundaries, *(m.start() for m in _BLANK_LINE.finditer(text))})
    spans = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
    return spans
