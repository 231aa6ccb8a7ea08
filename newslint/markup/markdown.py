"""Markdown: the prose of headings, paragraphs, lists, block quotes, tables and footnotes, at
their original offsets, found by a real CommonMark parser (markdown-it-py).

The text starts blank; the source of every inline run the parser finds is copied back in,
then what is not prose inside it is blanked again: code spans, link and image targets (link
text stays), raw HTML, autolinks, footnote references, escapes' backslashes, and the markers
of emphasis and strikethrough that the parser matched (an unmatched "*" stays, it is text).
So front matter, fenced code, HTML blocks, reference definitions and rules are never prose.
Entities are decoded in place; bare URLs and Hugo/Liquid template tags ({{< >}}, {% %}) are
blanked, and the body of a code-carrying tag (highlight, code, raw, comment) with them.

The parser gives each block its lines, not each inline piece its column: every line of a
block's inline content is found again in its source line, and the inline rules are wrapped
to note where each piece they consume starts and ends in that content.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from ..lazyre import LazyRegex, module_patterns
from . import blank, blank_match, decode_entity

_FRONT_MATTER = LazyRegex(r"\A(?:---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$|\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*$)",
                           re.DOTALL | re.MULTILINE)
_BARE_URL = LazyRegex(r"[hw](?<![\w/][hw])(?:ttps?://|ww\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
_LINE_BREAK = LazyRegex(r"\r\n|\r|\n")  # as markdown-it counts lines
# Template tags stop at the first brace, so a run of "{{" costs linear time.
_TEMPLATE = LazyRegex(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")
_TEMPLATE_NAME = LazyRegex(r"\{[{%][<%]?-?\s*(/|end)?\s*([\w-]+)")
module_patterns(_FRONT_MATTER, _BARE_URL, _LINE_BREAK, _TEMPLATE, _TEMPLATE_NAME)
_CODE_TEMPLATES = frozenset({"highlight", "code", "raw", "comment"})
# Inline rules whose whole span is not prose, and those whose span is prose.
_BLANKED = frozenset({"image", "autolink", "html_inline", "footnote_ref"})
_TRACKED = _BLANKED | {"backticks", "escape", "entity", "link", "emphasis", "strikethrough"}
_SPANS, _MARKS = "newslint.spans", "newslint.marks"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Inline footnotes (^[...]) are parsed in a state of their own, whose offsets we cannot map.
    md.use(footnote_plugin, inline=False, move_to_end=False)
    # In news copy an indented line is a pasted paragraph or a list item's continuation, not code.
    md.disable("code")
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _TRACKED:  # "text", the rule called most, consumes prose: left unwrapped
            md.inline.ruler.at(rule.name, _tracked(rule.name, rule.fn), {"alt": rule.alt})
    md.inline.ruler2.before("fragments_join", "newslint_marks", _matched_marks)
    md.core.ruler.at("inline", _inline)
    return md


def _tracked(name: str, rule: Callable[..., bool]) -> Callable[..., bool]:
    """The inline rule, noting in the env what it consumed when it consumed something."""

    def tracked(state: Any, silent: bool) -> bool:
        start, count, pending = state.pos, len(state.tokens), bool(state.pending)
        if not rule(state, silent):
            return False
        if not silent:
            # The first token pushed flushes the pending text: it is not this rule's.
            _note(name, state, start, state.tokens[count + (pending and len(state.tokens) > count):])
        return True

    return tracked


def _note(name: str, state: Any, start: int, tokens: list) -> None:
    spans, end = state.env[_SPANS], state.pos
    if name in _BLANKED or name == "backticks" and any(t.type == "code_inline" for t in tokens):
        spans.append(("blank", start, end))
    elif name == "escape" and end - start >= 2:
        spans.append(("blank", start, start + 1))  # the backslash; the character is text
    elif name == "entity":
        spans.append(("entity", start, end))
    elif name == "link":
        label_end = state.md.helpers.parseLinkLabel(state, start, True)
        spans.append(("blank", start, start + 1))
        spans.append(("blank", max(start + 1, label_end), end))
    elif name in ("emphasis", "strikethrough"):
        position = start
        for token in tokens:  # delimiters: one token per marker, in source order
            state.env[_MARKS].append((token, position, len(token.content)))
            position += len(token.content)


def _matched_marks(state: Any) -> None:
    """After emphasis is paired: a delimiter that became a tag (or was merged into one) is markup."""
    for token, position, length in state.env[_MARKS]:
        if token.type != "text" or not token.content:
            state.env[_SPANS].append(("blank", position, position + length))
    state.env[_MARKS].clear()


def _inline(state: Any) -> None:
    """The core inline step, keeping each inline token's noted spans in its meta."""
    for token in state.tokens:
        if token.type == "inline":
            state.env[_SPANS], state.env[_MARKS] = [], []
            token.children = token.children if token.children is not None else []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta[_SPANS] = state.env[_SPANS]


def markdown_prose(source: str) -> tuple[str, list[tuple[int, int]]]:
    """The source with everything that is not prose blanked to spaces (same length, same lines),
    and its paragraphs: one per inline run (a heading, a paragraph, a list item, a table cell)."""
    src = _FRONT_MATTER.sub(blank_match, source, count=1)
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(src)]
    out = list(blank(src))
    runs: list[list[tuple[int, int, int]]] = []
    cursor: dict[int, int] = {}  # per line: where the last cell found on it ended
    for token in _parser().parse(src, {}):
        if token.type == "inline" and token.map:
            segments = _segments(token, src, line_starts, cursor)
            for _, at, length in segments:
                out[at:at + length] = src[at:at + length]
            for kind, start, end in token.meta.get(_SPANS, ()):
                for s, e in _to_source(segments, start, end):
                    out[s:e] = decode_entity(src[s:e]) if kind == "entity" else " " * (e - s)
            if segments:
                runs.append(segments)
    text = _blank_templates(src, _BARE_URL.sub(blank_match, "".join(out)))
    return text, _paragraphs(text, runs)


def _segments(token: Any, src: str, line_starts: list[int], cursor: dict[int, int]) -> list[tuple[int, int, int]]:
    """(offset in the inline content, offset in the source, length) of each line of the content.

    A content line is its source line less the markers and indentation before it (and
    trailing spaces, closing hashes after it), so it is found again in that line."""
    segments, offset = [], 0
    for index, line in enumerate(token.content.split("\n")):
        number = token.map[0] + index
        if line and number < len(line_starts):
            end = line_starts[number + 1] if number + 1 < len(line_starts) else len(src)
            begin = cursor.get(number, line_starts[number])
            at, found = src.find(line, begin, end), line
            if at < 0:  # a tab in the indentation was expanded: match the rest of the line
                found = line.lstrip(" ")
                at = src.find(found, begin, end) if found else -1
            if at >= 0:
                segments.append((offset + len(line) - len(found), at, len(found)))
                cursor[number] = at + len(found)
        offset += len(line) + 1
    return segments


def _to_source(segments: list[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The source ranges of the content range [start, end); line breaks and markers are outside."""
    ranges = []
    index = max(0, bisect_right(segments, (start, float("inf"))) - 1)
    for offset, at, length in segments[index:]:
        if offset >= end:
            break
        s, e = max(start, offset), min(end, offset + length)
        if s < e:
            ranges.append((at + s - offset, at + e - offset))
    return ranges


def _blank_templates(src: str, text: str) -> str:
    """Blank Hugo shortcodes and Liquid tags, and everything inside code-carrying ones."""
    if "{" not in src:
        return text
    out, inside = list(text), None  # inside: (name, start) of an open code-carrying tag
    for match in _TEMPLATE.finditer(src):
        name = _TEMPLATE_NAME.match(match.group())
        closing, word = (name.group(1), name.group(2).lower()) if name else (None, "")
        if inside is None:
            if not closing and word in _CODE_TEMPLATES:
                inside = (word, match.start())
            out[match.start():match.end()] = blank(match.group())
        elif closing and word == inside[0]:
            out[inside[1]:match.end()] = blank(src[inside[1]:match.end()])
            inside = None
    return "".join(out)


def _paragraphs(text: str, runs: list[list[tuple[int, int, int]]]) -> list[tuple[int, int]]:
    spans = set()
    for segments in runs:
        start, end = segments[0][1], segments[-1][1] + segments[-1][2]
        piece = text[start:end]
        if piece.strip():
            spans.add((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
    return sorted(spans)
