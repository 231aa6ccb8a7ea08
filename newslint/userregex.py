"""Regexes from users' rule files and options, run under a time budget per rule and document.

Python's `re` backtracks: `(a|a)+b` on forty letters runs for hours, and no signal can stop
it mid-match. A user's regex is therefore compiled with the `regex` module, whose every call
takes a timeout, and all calls a rule makes on one document share BUDGET_SECONDS. Past it the
call raises RegexTimeout, which names the rule file, the key and the pattern; the runner skips
the rule for that file, says so in one line, and goes on.

Why `regex` and not google-re2 (linear time, no timeout needed): newslint's own phrase regexes
are built with lookbehind and lookahead (`(?<!\\w)` word bounds, `followed-by` contexts), and so
are user rules written like the built-in ones; RE2 has no lookaround at all. `regex` keeps the
`re` syntax those rules were written in. The built-in rule files are trusted and keep `re`.
(The timeout is checked while matching, not exactly: a call may overrun it up to about 3x.)
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any, Iterator


from .display import printable

BUDGET_SECONDS = 1.0
_deadline: float | None = None  # set by the runner around each rule; one document at a time per process


class RegexTimeout(Exception):
    """A user's regex used up its rule's budget on one document."""


def start_budget(seconds: float = BUDGET_SECONDS) -> float | None:
    """Every guarded call until `end_budget` shares `seconds` (one rule on one document). Two calls, not a
    context manager, for the runner's loop (60,000 rule runs on BBC): returns the outer deadline, which
    `end_budget` restores (in a `finally`)."""
    global _deadline
    outer, _deadline = _deadline, time.monotonic() + seconds
    return outer


def end_budget(outer: float | None) -> None:
    global _deadline
    _deadline = outer


def _remaining(guarded: GuardedRegex) -> float:
    if _deadline is None:
        return BUDGET_SECONDS
    left = _deadline - time.monotonic()
    if left <= 0:
        raise RegexTimeout(guarded.describe())
    return left


def _shown(pattern: str, limit: int = 80) -> str:
    text = repr(pattern)
    return printable(text if len(text) <= limit else text[: limit - 4] + "...'")


@dataclass(frozen=True, eq=False)
class GuardedRegex:
    """A compiled `regex` pattern with the re.Pattern methods the rules call, each under the budget.

    `where` names the rule file and the key ("house/x.yaml: pattern") for the timeout message."""

    compiled: Any
    where: str
    shown: str | None = None  # what the user wrote, when the pattern wraps it (a phrase's word bounds)

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def describe(self) -> str:
        return f"{self.where}: regex {_shown(self.shown or self.pattern)} took more than {BUDGET_SECONDS:g} s"

    def _call(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self.compiled, method)(*args, timeout=_remaining(self))
        except TimeoutError:
            raise RegexTimeout(self.describe()) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("match", text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("fullmatch", text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("search", text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        matches = self.compiled.finditer(text, pos, endpos, timeout=_remaining(self))  # one clock for the scan
        try:
            yield from matches
        except TimeoutError:
            raise RegexTimeout(self.describe()) from None


def compile_user(pattern: str, flags: int, where: str, shown: str | None = None) -> GuardedRegex:
    """Compile with `regex` (re's flag values are the same); regex.error, OverflowError etc. propagate."""
    import regex  # here, not at the top: only a user's pattern needs it

    return GuardedRegex(regex.compile(pattern, flags), where, shown)


def compile_errors() -> tuple[type[BaseException], ...]:
    """Everything compiling a user's pattern may raise (`regex.error` is no subclass of re.error)."""
    import regex

    return (regex.error, re.error, OverflowError, ValueError, RecursionError, MemoryError)


def __getattr__(name: str) -> Any:
    if name == "COMPILE_ERRORS":  # the old name, for code that imports it
        return compile_errors()
    raise AttributeError(name)


def is_guarded(pattern: Any) -> bool:
    return isinstance(pattern, GuardedRegex)
