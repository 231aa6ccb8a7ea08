"""Document: the text under lint, and the only place offsets become lines and columns."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import Iterator

from .sentences import split_sentences

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
# Opening and closing marks of quoted speech; straight quotes alternate.
_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")
_BLOCK_RE = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_COUNT_CHUNK = 1 << 20
FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign: IGNORECASE matches them to i, s, k
_CURLY_QUOTE_RE = re.compile(r"“|”|(?<!\w)\"|\"(?!\w)|\"")


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
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

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
        lowered = self.text.lower()
        if len(lowered) != len(self.text) or any(c in self.text for c in FOLDED_TO_ASCII):
            return None
        return lowered

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
    def paragraphs(self) -> list[tuple[int, int]]:
        """Blank-line separated blocks; in plain text every non-blank line is its own paragraph."""
        pattern = _LINE_RE if self.markup == "text" else _BLOCK_RE
        return [(m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip()))
                for m in pattern.finditer(self.text)]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
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
    opened = None
    for m in _CURLY_QUOTE_RE.finditer(text, start, end):
        mark = m.group()
        if opened is None and mark != "”":
            opened = m.end()
        elif opened is not None and mark != "“":
            yield opened, m.start()
            opened = None
    if opened is not None:
        yield opened, end
