"""Finding the files to lint and reading them without ever failing the whole run.

Only regular files are read as they are. A named pipe or socket is refused (opening one can
block for good), and anything else that is not a regular file (a device such as /dev/zero, a
process substitution) is read as a stream of at most MAX_STREAM_BYTES. A folder that cannot be
entered becomes a one-line error of its own; the walk goes on.
"""
from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

# Build and package folders that never hold articles. Virtual environments are recognised by
# their pyvenv.cfg, not by name: a desk may well call its folder env/ (environment stories).
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages"}
STDIN = "-"
MAX_STREAM_BYTES = 64 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class SourceError(Exception):
    """A file that could not be linted; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    bom: bool = False
    warnings: tuple[str, ...] = field(default=())
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        """Text as this file's bytes: its encoding, its BOM when it had one."""
        bom = dict((name, mark) for mark, name in _BOMS)[self.encoding] if self.bom else b""
        return bom + text.encode(self.encoding)


def _matches(name: str, posix: str, patterns: tuple[str, ...]) -> bool:
    """Whether a path (its name and its posix form) matches a glob by name, whole, or at its end."""
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}")
               for p in patterns)


def _skipped_dir(entry: os.DirEntry) -> bool:
    if entry.name.startswith(".") or entry.name in SKIP_DIRS:
        return True
    try:
        return os.path.isfile(os.path.join(entry.path, "pyvenv.cfg"))
    except (OSError, ValueError):
        return False


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):  # too long a name, a NUL: read_source says what is wrong
        return False


def _walk(root: str) -> Iterator[tuple[str, bool]]:
    """(path, is a folder that could not be listed) for every file below root, sorted by name.

    A folder's listing is held as the path strings the walk yields, not as os.DirEntry objects
    and a Path a file: a folder of 10,000 files otherwise left megabytes of peak memory behind."""
    try:
        paths, folders = _listing(root)
    except OSError:
        yield str(Path(root)), True
        return
    for path in paths:
        if path in folders:
            yield from _walk(path)
        else:
            yield path, False


def _listing(root: str) -> tuple[list[str], set[str]]:
    """The paths of the folder's entries, sorted (one folder's paths share all but the name, so
    this is their names' order), and those of the folders to walk (symbolic links followed;
    hidden, build and virtual-environment folders left out). The paths are as str(Path(...))
    writes them."""
    base = str(Path(root))
    paths, folders = [], set()
    with os.scandir(root) as scan:
        for entry in scan:
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir and _skipped_dir(entry):
                continue
            path = entry.name if base == "." else os.path.join(base, entry.name)
            paths.append(path)
            if is_dir:
                folders.add(path)
    paths.sort()
    return paths, folders


def _split_name(path: str) -> tuple[str, str]:
    """(name, posix form) of a path string, as Path(path).name and .as_posix() give for a walked
    path (already in str(Path(...)) form), without building a Path a file."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    return posix.rpartition("/")[2], posix


def discover(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...], *,
             force_exclude: bool = False, excluded: list[str] | None = None) -> Iterator[str]:
    """Files to lint, in order: named files always (unless force_exclude and they match exclude,
    as a pre-commit hook wants); folders walked for files matching include and not exclude.
    Files left out by an exclude glob are appended to `excluded` when it is given.

    A folder that cannot be listed is yielded itself, so that reading it reports why."""
    seen = set()
    for number, given in enumerate(paths, 1):
        if given == STDIN:
            if given not in seen:  # `newslint - -` reads standard input once
                seen.add(given)
                yield given
            continue
        if not _is_dir(given):
            if force_exclude and _matches(Path(given).name, Path(given).as_posix(), exclude):
                _note(excluded, given)
            elif given not in seen:
                seen.add(given)
                yield given
            continue
        last = number == len(paths)  # a walk yields each path once: only later arguments need `seen`
        for found, unlisted in _walk(given):
            if found in seen or not (unlisted or _matches(*_split_name(found), include)):
                continue
            if not unlisted and _matches(*_split_name(found), exclude):
                _note(excluded, found)
                continue
            if not last:
                seen.add(found)
            yield found


def _note(excluded: list[str] | None, path: str) -> None:
    if excluded is not None:
        excluded.append(path)


def decode(data: bytes, path: str) -> Source:
    """Bytes to a Source: UTF-16 read by its BOM, other binary refused, a UTF-8 BOM remembered,
    bad UTF-8 replaced with a warning."""
    for mark, encoding in _BOMS[1:]:
        if data.startswith(mark):
            try:
                return Source(path, data[len(mark):].decode(encoding), True, encoding=encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"{path}: skipped: not valid {encoding.upper()} (byte {exc.start + 2})") from None
    if b"\x00" in data:
        raise SourceError(f"{path}: skipped: binary file (contains NUL bytes)")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        return Source(path, body.decode("utf-8"), bom)
    except UnicodeDecodeError as exc:
        warning = f"{path}: warning: not valid UTF-8 (byte {exc.start}); undecodable bytes replaced"
        return Source(path, body.decode("utf-8", errors="replace"), bom, (warning,))


def _read_stream(read, path: str) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_STREAM_BYTES:
            raise SourceError(f"{path}: skipped: more than {MAX_STREAM_BYTES >> 20} MB from a stream that is not a file")
        chunks.append(chunk)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return (exc.strerror or str(exc)).lower()


def read_bytes(path: str) -> bytes:
    """A file's bytes: a regular file whole, a device or stream up to a cap; SourceError otherwise."""
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            os.listdir(path)
            raise SourceError(f"{path}: cannot read: is a directory")
        if stat.S_ISFIFO(kind) or stat.S_ISSOCK(kind):
            what = "named pipe" if stat.S_ISFIFO(kind) else "socket"
            raise SourceError(f"{path}: skipped: a {what}, not a regular file (use '-' for standard input)")
        with open(path, "rb") as stream:
            if stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return stream.read()
            return _read_stream(stream.read, path)
    except FileNotFoundError:
        raise SourceError(f"{path}: cannot read: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: cannot read: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {_reason(exc)}") from None
    except ValueError:  # a NUL in the name
        raise SourceError(f"{path!r}: cannot read: the name holds a NUL character") from None


def read_text(path: str) -> str:
    """A config, rule or baseline file as UTF-8 (a BOM dropped), read like an article: a pipe
    refused, a device capped. SourceError's message names the file; ValueError: not UTF-8."""
    data = read_bytes(str(path))
    return data.decode("utf-8-sig")


def read_source(path: str, stdin=None) -> Source:
    if path == STDIN:
        import sys

        stream = stdin or sys.stdin.buffer
        return decode(_read_stream(stream.read, "<stdin>"), "<stdin>")
    return decode(read_bytes(path), path)
