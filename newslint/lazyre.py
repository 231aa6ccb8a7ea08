"""Regexes compiled on first use, so that loading a config from the cache compiles nothing.

A LazyRegex stands in for a compiled pattern. Rule files are still validated by compiling
every regex when they are read (a bad one is a ConfigError); the compiled pattern is kept for
that process, but a LazyRegex pickles as its source and flags only. A config loaded from the
cache (configcache.py) or sent to a worker therefore compiles a regex only when a rule first
uses it: most phrase entries never are, since the phrase engine tries an entry only where its
literal words occur.
"""
from __future__ import annotations

import re

# The attributes of re.Pattern that newslint uses, copied onto the instance once it is compiled,
# so later calls cost a plain attribute lookup and no Python-level forwarding.
_FORWARDED = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "groupindex", "groups")


class LazyRegex:
    """A regex compiled the first time one of its methods is used."""

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern | None = None):
        self.pattern = pattern
        self.flags = compiled.flags if compiled is not None else flags
        if compiled is not None:
            self._install(compiled)

    def _install(self, compiled: re.Pattern) -> None:
        for name in _FORWARDED:
            self.__dict__[name] = getattr(compiled, name)

    def __getattr__(self, name: str):  # only reached for an attribute not yet installed
        if name not in _FORWARDED:
            raise AttributeError(name)
        self._install(re.compile(self.pattern, self.flags))
        return self.__dict__[name]

    def __reduce__(self):
        return LazyRegex, (self.pattern, self.flags)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyRegex, re.Pattern)):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r}, {self.flags})"


def compile_checked(pattern: str, flags: int = 0) -> LazyRegex:
    """Compile now (re.error propagates, for validation) and keep the result for this process."""
    return LazyRegex(pattern, flags, re.compile(pattern, flags))
