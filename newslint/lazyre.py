"""Regexes compiled on first use, so that loading a config from the cache compiles nothing.

A LazyRegex stands in for a compiled pattern. Rule files are still validated by compiling
every regex when they are read (a bad one is a ConfigError); the compiled pattern is kept for
that process, but a LazyRegex pickles as its source and flags only. A config loaded from the
cache (configcache.py) or sent to a worker therefore compiles a regex only when a rule first
uses it: most phrase entries never are, since the phrase engine tries an entry only where its
literal words occur.

Compiling is most of a one-file run's start-up (sre's parser and compiler are Python code), so a
LazyRegex made by compile_checked also keeps the compiled program (the list of ints the parser and
compiler produce) and pickles with it: a cached config turns it into a pattern with one call to
_sre.compile, which checks the program, instead of parsing again. That is CPython's internal
interface, so the program is kept only with the interpreter's version and sre's MAGIC number and
used only under the same ones; anything unexpected falls back to re.compile.

Module-level patterns (the rule modules', sentences.py's, the core modules') are LazyRegexes
registered with module_patterns: their programs come from one config-cache table shared by every
module, so a one-file run parses none of them (about 8 ms of a miss).
"""
from __future__ import annotations

import re
import sys
from array import array

try:  # CPython's sre internals (3.11+: re._parser, re._compiler)
    import _sre
    from re import _compiler, _parser

    _TAG: tuple | None = (sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE)
    _CODE = "I" if _sre.CODESIZE == 4 else "H"
except (ImportError, AttributeError):  # pragma: no cover - another interpreter
    _TAG = None

# The attributes of re.Pattern that newslint uses, copied onto the instance once it is compiled,
# so later calls cost a plain attribute lookup and no Python-level forwarding.
_FORWARDED = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "groupindex", "groups")


class LazyRegex:
    """A regex compiled the first time one of its methods is used."""

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern | None = None, program: tuple | None = None):
        self.pattern = pattern
        self.flags = compiled.flags if compiled is not None else flags
        self._program = program  # what _sre.compile takes besides the pattern (see compile_checked)
        if compiled is not None:
            self._install(compiled)

    def _install(self, compiled: re.Pattern) -> None:
        for name in _FORWARDED:
            self.__dict__[name] = getattr(compiled, name)

    def __getattr__(self, name: str):  # only reached for an attribute not yet installed
        if name not in _FORWARDED:
            raise AttributeError(name)
        if self._program is None and _PENDING:  # a module pattern's first use: fetch every waiting program
            _take_pending()
        compiled = _from_program(self.pattern, self._program) if self._program is not None else None
        self._install(compiled or re.compile(self.pattern, self.flags))
        return self.__dict__[name]

    def __reduce__(self):
        if self._program is None:
            return LazyRegex, (self.pattern, self.flags)
        flags, code, groups, groupindex, indexgroup = self._program
        code = code if isinstance(code, bytes) else array(_CODE, code).tobytes()
        return _restore, (self.pattern, self.flags, _TAG, (flags, code, groups, groupindex, indexgroup))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyRegex, re.Pattern)):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r}, {self.flags})"


def compile_checked(pattern: str, flags: int = 0) -> LazyRegex:
    """Compile now (re.error propagates, for validation) and keep the result for this process, and
    its program for a pickled copy."""
    program = _program(pattern, int(flags))
    compiled = _from_program(pattern, program) if program is not None else None
    if compiled is None:
        return LazyRegex(pattern, flags, re.compile(pattern, flags))
    return LazyRegex(pattern, flags, compiled, program)


def _program(pattern: str, flags: int) -> tuple | None:
    """What re._compiler.compile hands _sre.compile for a str pattern (re.error propagates), or None
    where this interpreter has no such internals. (re.compile itself only adds its cache.)"""
    if _TAG is None or not isinstance(pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as expected: re.compile will do
        return None


def _from_program(pattern: str, program: tuple) -> re.Pattern | None:
    flags, code, groups, groupindex, indexgroup = program
    try:
        if isinstance(code, bytes):  # as unpickled: turned into ints only now, for the few regexes used
            code = array(_CODE, code)
        return _sre.compile(pattern, flags, list(code), groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001 - a program sre does not accept: compile the source instead
        return None


def _restore(pattern: str, flags: int, tag: tuple | None, program: tuple) -> LazyRegex:
    """Unpickle: keep the program only if this interpreter's sre made it."""
    if tag is None or tag != _TAG:
        return LazyRegex(pattern, flags)
    return LazyRegex(pattern, flags, None, program)  # its code stays bytes until compiled (a config holds ~1,800)


# Module patterns registered by module_patterns() whose programs have not been fetched yet, and
# this process's copy of the table they come from.
_PENDING: list[LazyRegex] = []
_SHARED: tuple | None = None  # (the cache folder, its table)


def module_patterns(*regexes: LazyRegex) -> None:
    """Module-level patterns get their compiled programs from the config cache, deferred and shared,
    so a first use costs one _sre.compile instead of sre's parser and compiler: when the first waiting
    pattern is used, every one registered by then takes its program from one config-cache entry for
    all modules, keyed by the code and the interpreter. A run imports rule modules as it first needs
    them, so programs are fetched in several batches; one table for all of them is one cache read a
    process (and one of the cache's 32 entries), where one entry a module would be some twenty. A
    pattern missing from the table (a module no earlier run imported) is added to it and the entry
    rewritten, so the table fills over the first runs of each version of the code."""
    _PENDING.extend(regexes)


def shared(pattern: str, flags: int = 0) -> LazyRegex:
    """A pattern a module builds when first asked (from its default options), with its program from
    the same table: a lookup in this process's copy, no cache read of its own."""
    regex = LazyRegex(pattern, flags)
    module_patterns(regex)
    return regex


def _take_pending() -> None:
    pending = _PENDING[:]
    del _PENDING[: len(pending)]  # a module imported later waits for its own first use
    table = _shared_table()
    if table is None:
        return
    keys = [(r.pattern, int(r.flags)) for r in pending]
    missing = [key for key in dict.fromkeys(keys) if key not in table]
    if missing:
        from .configcache import store

        table.update((key, _stored(_program(*key))) for key in missing)
        store(f"programs:modules:{_TAG}", (_TAG, table))
    for regex, key in zip(pending, keys):
        if regex._program is None:
            regex._program = table[key]


def _shared_table() -> dict | None:
    """The shared programs as this process holds them (None without a cache or sre's internals)."""
    global _SHARED
    from .configcache import cache_dir, cached

    folder = cache_dir()
    if _TAG is None or folder is None:
        return None
    if _SHARED is None or _SHARED[0] != folder:
        tag, table = cached(f"programs:modules:{_TAG}", lambda: ((_TAG, {}), ()))
        _SHARED = folder, (table if tag == _TAG else {})
    return _SHARED[1]


def _stored(program: tuple | None) -> tuple | None:
    """A program as it pickles: its code as bytes (what _from_program takes either way)."""
    if program is None:
        return None
    flags, code, groups, groupindex, indexgroup = program
    return flags, array(_CODE, code).tobytes(), groups, groupindex, indexgroup
