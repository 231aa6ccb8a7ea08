"""Document: the text under lint, and the only place offsets become lines and columns."""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import Iterator, overload

from .lazyre import LazyRegex, module_patterns
from .sentences import split_sentences

WORD_RE = LazyRegex(r"\w+(?:['’]\w+)*")
# Anchored at line starts, with no leading [^\n]* to backtrack through: on a long line of blanks
# (markup blanked to spaces) the unanchored form retried the rest of the line from every column.
_LINE_RE = LazyRegex(r"^[^\S\n]*\S[^\n]*", re.MULTILINE)
_BLOCK_RE = LazyRegex(r"^(?:[^\S\n]*\S[^\n]*(?:\n|$))+", re.MULTILINE)
# Marks of quoted speech: curly ones open and close, straight ones alternate.
_CURLY_QUOTE_RE = LazyRegex(r'[“”"]')
module_patterns(WORD_RE, _LINE_RE, _BLOCK_RE, _CURLY_QUOTE_RE)
_COUNT_CHUNK = 1 << 20
FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign: IGNORECASE matches them to i, s, k


def fold(text: str) -> str | None:
    """The text lowercased (Document.folded), or None where that would move an offset or the text
    holds one of FOLDED_TO_ASCII."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in FOLDED_TO_ASCII):
        return None
    return lowered


class SpanList(Sequence):
    """(start, end) spans kept in two arrays of machine integers: 16 bytes a span where a list of
    tuples takes about 120. A file of millions of one-word lines has millions of paragraphs."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: array, ends: array):
        self.starts, self.ends = starts, ends

    @classmethod
    def of(cls, spans) -> SpanList:
        starts, ends = array("q"), array("q")
        for start, end in spans:
            starts.append(start)
            ends.append(end)
        return cls(starts, ends)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> SpanList: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return SpanList(self.starts[index], self.ends[index])
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (list, tuple, SpanList)) else NotImplemented

    def __repr__(self) -> str:
        return f"SpanList({list(self)!r})"


def _line_starts(text: str) -> array:
    starts = array("q", [0])
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


class Document:
    """Text plus cached views of it: line starts, lines, words, sentences, paragraphs, quotes.

    `text` is what rules read. For markup formats it is the source with everything that is not
    prose (code, tags, front matter) blanked to spaces, so offsets stay those of the original
    file; `source` keeps the original. Positions count Unicode code points, 1-based, and a
    line ending in CRLF keeps its CR as the last character of the line's span.
    """

    def __init__(self, text: str, path: str = "<text>", source: str | None = None, markup: str = "text"):
        self.text = text
        self.source = text if source is None else source
        self.path = path
        self.markup = markup
        self._line_starts = _line_starts(text)  # an array: 8 bytes a line, not 36

    # -- positions ---------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return line, column, end_line, end_column

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based (line, column)."""
        return self._line_starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of a 1-based line, without its line ending."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """(line number, start offset, content) for every line, line endings removed."""
        for number in range(1, self.line_count + 1):
            start, end = self.line_span(number)
            yield number, start, self.text[start:end]

    # -- views -------------------------------------------------------------------------------
    @cached_property
    def words(self) -> list[tuple[int, int]]:
        return [m.span() for m in WORD_RE.finditer(self.text)]

    @cached_property
    def word_count(self) -> int:
        if "words" in self.__dict__:
            return len(self.words)
        # findall is cheaper than building every span, but holds every word at once: on a very
        # long text, count a megabyte at a time (cut at white space, which no word holds).
        text, count, start = self.text, 0, 0
        while start < len(text):
            end = text.find(" ", start + _COUNT_CHUNK)
            end = len(text) if end == -1 else end
            count += len(WORD_RE.findall(text, start, end))
            start = end
        return count

    @cached_property
    def folded(self) -> str | None:
        """The text lowercased, when that moves no offset and holds none of the four non-ASCII
        letters IGNORECASE matches to ASCII ones: a case-sensitive regex of lowercase words finds
        on it what the IGNORECASE one finds on the text, two or three times faster. Else None."""
        return fold(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence span holding offset (or the nearest one before it)."""
        index = max(0, bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[index] if self.sentences else (0, len(self.text))

    @cached_property
    def paragraphs(self) -> Sequence[tuple[int, int]]:
        """Blank-line separated blocks; in plain text every non-blank line is its own paragraph."""
        pattern = _LINE_RE if self.markup == "text" else _BLOCK_RE
        return SpanList.of((m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip()))
                           for m in pattern.finditer(self.text))

    @cached_property
    def _paragraph_starts(self) -> Sequence[int]:
        if isinstance(self.paragraphs, SpanList):
            return self.paragraphs.starts
        return [s for s, _ in self.paragraphs]

    def paragraph_index(self, offset: int) -> int | None:
        """Index into `paragraphs` of the paragraph holding offset, or None between paragraphs."""
        index = bisect_right(self._paragraph_starts, offset) - 1
        return index if index >= 0 and offset <= self.paragraphs[index][1] else None

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans inside quotation marks (marks excluded); an unclosed quote runs to its paragraph's end."""
        spans = []
        for p_start, p_end in self.paragraphs:
            spans.extend(_quote_spans(self.text, p_start, p_end))
        return spans

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quotes]

    def in_quote(self, offset: int) -> bool:
        index = bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and self.quotes[index][0] <= offset < self.quotes[index][1]


def _quote_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Curly and straight quotation marks are paired separately, so a straight quote nested in a
    curly one (“I told him "we will" and he agreed,”) neither closes nor reopens it; where spans
    nest or overlap, their union is quoted."""
    curly, straight, opened_curly, opened_straight = [], [], None, None
    for m in _CURLY_QUOTE_RE.finditer(text, start, end):
        mark = m.group()
        if mark == "“" and opened_curly is None:
            opened_curly = m.end()
        elif mark == "”" and opened_curly is not None:
            curly.append((opened_curly, m.start()))
            opened_curly = None
        elif mark == '"':
            if opened_straight is None:
                opened_straight = m.end()
            else:
                straight.append((opened_straight, m.start()))
                opened_straight = None
    for opened, spans in ((opened_curly, curly), (opened_straight, straight)):
        if opened is not None:
            spans.append((opened, end))
    yield from _union(sorted(curly + straight))


def _union(spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current = None
    for span in spans:
        if current and span[0] <= current[1]:
            current = (current[0], max(current[1], span[1]))
            continue
        if current:
            yield current
        current = span
    if current:
        yield current
