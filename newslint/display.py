"""Text that is safe to show: no control characters reach a terminal, no lone surrogates reach an encoder.

Article text and file names are the user's, or a stranger's: an escape sequence in either could
clear the screen, fake a hyperlink or write to the clipboard of the terminal that shows the
report, and a newline in a file name could forge a report line. Every human-readable format
passes its strings through `printable`; JSON and SARIF, whose encoder escapes control
characters itself, pass theirs through `unicode_safe`.
"""
from __future__ import annotations

import os
import re
import reprlib
import sys

from .lazyre import LazyRegex, module_patterns

# C0 controls but tab, DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
_CONTROL = LazyRegex("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = LazyRegex("[\ud800-\udfff]")
module_patterns(_CONTROL, _SURROGATE)
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b"}


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def unicode_safe(text: str) -> str:
    """The text with lone surrogates written as escapes, so that it encodes as UTF-8."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def json_safe(dumped: str) -> str:
    """JSON text (dumped with ensure_ascii=False) with lone surrogates as escaped backslash escapes:
    a name byte 0xff reads "\\\\xff", never a raw byte or an unpaired surrogate."""
    return _SURROGATE.sub(lambda m: _escape(m).replace("\\", "\\\\"), dumped) if _SURROGATE.search(dumped) else dumped


def printable(text: str, newlines: bool = False) -> str:
    """The text with control characters and lone surrogates written as visible escapes
    (line breaks kept with newlines=True, for a format that encodes them itself)."""
    text = unicode_safe(text)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if newlines and m.group() in "\r\n" else _escape(m), text)


def quoted(value: object, limit: int = 60) -> str:
    """repr() of a value from a config file, cut to about `limit` characters, nested values elided
    (reprlib never builds the whole repr: a YAML alias bomb holds millions of items)."""
    shortener = reprlib.Repr()
    shortener.maxstring = shortener.maxother = limit
    shortener.maxlevel, shortener.maxlist, shortener.maxdict = 2, 4, 4
    return printable(shortener.repr(value))


def guard_streams() -> None:
    """Never fail to encode: a strict stdout or stderr gets escapes for what it cannot hold."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def silence_stdout() -> None:
    """After a write failed, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
