"""Markdown: the prose of headings, paragraphs, lists and block quotes, at their original offsets.

Blanked: front matter, fenced code, inline code, HTML comments and tags, link and image targets
(link text stays), reference definitions, bare URLs, and the markers of headings, lists, block
quotes and emphasis. Entities are decoded in place. Indented code blocks are not recognised:
in news copy an indented line is far more often a continued list item than code.
"""
from __future__ import annotations

import re

from . import blank, blank_match, decode_entities

_FRONT_MATTER = re.compile(r"\A(?:---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$|\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*$)",
                           re.DOTALL | re.MULTILINE)
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
_HTML_BLOCK_OPEN = re.compile(r" {0,3}<(script|style|pre|textarea)\b", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(r" {0,3}\[[^\]\n]+\]:\s*\S")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)\r?$")
# Markers at the start of a line: block quotes, then a heading or a list bullet.
_LINE_MARKERS = re.compile(r"(?: {0,3}>[ \t]?)*(?: {0,3}#{1,6}(?=[ \t]|$)|[ \t]*(?:[-+*]|(?P<n>\d{1,9})[.)])(?=[ \t]))?")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Patterns start with a literal or a character set, which the regex engine scans for quickly.
_INLINE_CODE = re.compile(r"`(?<!``)(`*)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)`\1(?!`)", re.DOTALL)
_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:" + _TARGET + r"|\[[^\]\n]*\])")
_LINK = re.compile(r"(\[)(?=[^\]\n]*\](?:\(|\[))([^\]\n]*)(\](?:" + _TARGET + r"|\[[^\]\n]*\]))")
_AUTOLINK_OR_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?)>")
_BARE_URL = re.compile(r"[hw](?<![\w/][hw])(?:ttps?://|ww\.)[^\s<>]*[^\s<>.,;:!?'\")\]]")
# "*", "**", "***", "~~", and underscores that open (after no word) or close (before no word) emphasis.
_EMPHASIS = re.compile(r"[*~_](?:(?<=\*)\*{0,2}|(?<=~)~|(?<=_)(?:(?<!\w_)_{0,2}(?=\S)|(?<=\S_)_{0,2}(?!\w)))")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def markdown_prose(source: str) -> str:
    """The source with everything that is not prose blanked to spaces; same length, same lines."""
    text = _FRONT_MATTER.sub(blank_match, source, count=1)
    text = _blank_blocks(text)
    for pattern in (_COMMENT, _INLINE_CODE, _IMAGE):
        text = pattern.sub(blank_match, text)
    text = _LINK.sub(lambda m: blank(m.group(1)) + m.group(2) + blank(m.group(3)), text)
    for pattern in (_AUTOLINK_OR_TAG, _BARE_URL, _EMPHASIS, _ESCAPE):
        text = pattern.sub(blank_match, text)
    return decode_entities(text)


def _blank_blocks(text: str) -> str:
    """Blank fenced code, raw HTML blocks, reference definitions, rules, and line markers."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    closing: re.Pattern | None = None  # the end of the code or HTML block we are in
    list_may_start = True  # after a blank line or a list item: "1990. The year..." is prose mid-paragraph
    for line in lines:
        if closing is not None:
            out.append(blank(line))
            if closing.search(line):
                closing = None
            continue
        fence = _FENCE_OPEN.match(line)
        html_block = _HTML_BLOCK_OPEN.match(line)
        if fence and not (fence.group(1)[0] == "`" and "`" in line[fence.end():]):
            marker = fence.group(1)
            closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\r?\n?$")
            out.append(blank(line))
        elif html_block:
            closing = re.compile(rf"</{html_block.group(1)}>", re.IGNORECASE)
            out.append(blank(line))
            if closing.search(line, html_block.end()):
                closing = None
        elif _REFERENCE_DEFINITION.match(line) or _THEMATIC_BREAK.match(line):
            out.append(blank(line))
        else:
            prose_line, is_list_item = _blank_markers(line, list_may_start)
            out.append(prose_line)
            list_may_start = is_list_item or not line.strip()
            continue
        list_may_start = True
    return "".join(out)


def _blank_markers(line: str, list_may_start: bool) -> tuple[str, bool]:
    """The line with its block markers blanked, and whether it is a list item.

    As in CommonMark, only a list numbered 1 may interrupt a paragraph."""
    marker = _LINE_MARKERS.match(line)
    if not marker or not marker.end():
        return line, False
    number = marker.group("n")
    if number and number != "1" and not list_may_start:
        return line, False
    line = blank(line[:marker.end()]) + line[marker.end():]
    if "#" in marker.group():
        body = line.rstrip("\r\n")
        line = _CLOSING_HASHES.sub(blank_match, body) + line[len(body):]
    return line, bool(number) or marker.group().strip()[-1:] in ("-", "+", "*")
