"""--fix on disk: which files may be rewritten, and writing them without losing anyone's copy.

A file is rewritten only when that keeps everything but its text: not a read-only file, not a
file newslint could not give back its owner and group, not a file with other hard links (a
rename would give this name new text and leave the other names with the old; editors expect
both to change, so newslint leaves such a file to them), and, in a folder run, not a symlink
that points out of the folder named on the command line.

The write is a temporary file in the same folder, then one rename, with mode, owner and group
copied. Just before the rename the file is compared again with what was read (inode, size,
mtime and bytes): an editor's save in the meantime wins and the fix is dropped. The inode that
was read stays open through the rename and for SETTLE_SECONDS after the last file of a batch
is written, so a save into it that lands between that check and the rename, or from a program
that opened the file before the rename and writes just after, is still seen: the user's version
is put back and the file is reported as not fixed.
"""
from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, replace
from typing import Sequence

from .config import Config
from .fix import Applied, Keep, fix_text, reported
from .runner import FileResult, lint_document, lint_file, make_document
from .sources import decode


SETTLE_SECONDS = 0.05
SETTLE_BATCH = 128  # files whose old inode is held open at once


class NotFixed(Exception):
    """Why a file was left as it was; the message completes 'not fixed: ...'."""


@dataclass(frozen=True)
class FixOutcome:
    """One file after --fix or --diff: the findings in the file as it now is on disk."""

    result: FileResult
    original: str = ""
    fixed: str = ""
    applied: tuple[Applied, ...] = ()
    failure: str = ""  # set when fixes were found but the file could not be written

    @property
    def changed(self) -> bool:
        return bool(self.applied) and self.fixed != self.original and not self.failure


def _read(path: str):
    try:
        kind = os.stat(path).st_mode
    except (OSError, ValueError):
        kind = stat.S_IFREG  # open() below says what is wrong
    if not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):  # a named pipe would block, a device never ends
        what = "a named pipe" if stat.S_ISFIFO(kind) else "a socket" if stat.S_ISSOCK(kind) else "a device"
        return None, f"{path}: skipped: {what}, not a regular file (--fix rewrites regular files only)"
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return None, f"{path}: cannot read: no such file"
    except IsADirectoryError:
        return None, f"{path}: cannot read: is a directory"
    except OSError as exc:
        return None, f"{path}: cannot read: {exc.strerror or exc}"
    return handle, ""


@dataclass(frozen=True)
class _Written:
    """A file just rewritten: its old inode, still open, and that inode's size and mtime at the rename."""

    path: str
    descriptor: int
    stamp: tuple[int, int]
    data: bytes


def fix_file(path: str, config: Config, write: bool, keep: Keep = reported, roots: Sequence[str] = (),
             written: list | None = None) -> FixOutcome:
    """Fix one file; with write=False only compute what would change. `written` collects the files
    rewritten, for settle()."""
    handle, error = _read(path)
    if handle is None:
        return FixOutcome(FileResult(path, errors=(error,)))
    with handle:  # held open through the rename: see the module docstring
        try:
            before, data = os.fstat(handle.fileno()), handle.read()
            source = decode(data, path)
        except Exception as exc:  # a SourceError (binary) or an OSError while reading
            return FixOutcome(FileResult(path, errors=(str(exc) if not isinstance(exc, OSError)
                                                       else f"{path}: cannot read: {exc.strerror or exc}",)))
        if source.warnings:  # undecodable bytes were replaced: writing would lose them
            result = lint_document(make_document(source.text, path), config)
            notes = source.warnings + (f"{path}: not fixed: the file is not valid UTF-8",)
            return FixOutcome(FileResult(path, result.findings, result.metrics, (), notes), source.text, source.text)
        fixed = fix_text(source.text, path, config, keep)
        outcome = FixOutcome(fixed.result, source.text, fixed.text, fixed.applied)
        if not (write and outcome.changed):
            return outcome
        try:
            refuse(path, before, roots)
            encoded = source.encode(fixed.text)  # its own encoding (UTF-8 or UTF-16) and BOM
            stamp = write_atomic(path, encoded, handle, data, before)
            if written is not None:
                written.append(_Written(path, os.dup(handle.fileno()), stamp, encoded))
        except (NotFixed, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            result = fixed.before  # the file on disk is the file as read: so are its findings
            note = f"{path}: not fixed: {reason}"
            failed = FileResult(path, result.findings, result.metrics, (), result.warnings + (note,), result.collected)
            return FixOutcome(failed, source.text, source.text, fixed.applied, failure=reason)
    return outcome


def refuse(path: str, before: os.stat_result, roots: Sequence[str]) -> None:
    """Raise NotFixed when rewriting this file would change more than its text."""
    if not before.st_mode & 0o222:
        raise NotFixed(f"the file is read-only (mode {stat.S_IMODE(before.st_mode):04o})")
    if not os.access(path, os.W_OK):
        raise NotFixed("no permission to write the file")
    if before.st_nlink > 1:
        raise NotFixed(f"the file has {before.st_nlink} hard links; a rewrite would leave the other names unfixed")
    user = _user()
    if user not in (None, 0) and before.st_uid != user:
        raise NotFixed("the file belongs to another user; a rewrite would change its owner")
    outside = _escaped_root(path, roots)
    if outside:
        raise NotFixed(f"it is a link to a file outside {outside}")


def _user() -> int | None:
    """The effective user id; None where there are no owners to keep (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _read_at_start(descriptor: int, size: int) -> bytes:
    os.lseek(descriptor, 0, os.SEEK_SET)
    chunks, left = [], size
    while left > 0:
        chunk = os.read(descriptor, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _escaped_root(path: str, roots: Sequence[str]) -> str:
    """The folder named on the command line that holds path, when path's real file is outside it."""
    absolute = os.path.abspath(path)
    for root in roots:
        if os.path.isdir(root) and _within(absolute, os.path.abspath(root)):
            return "" if _within(os.path.realpath(path), os.path.realpath(root)) else root
    return ""  # a file named on the command line: its link is the user's choice


def _unchanged(target: str, handle, data: bytes, before: os.stat_result) -> bool:
    """The path still names the inode that was read, and that inode still holds the bytes read."""
    try:
        now, held = os.stat(target), os.fstat(handle.fileno())
    except OSError:
        return False
    same = (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino)
    stamps = {(s.st_mtime_ns, s.st_size) for s in (now, held)} == {(before.st_mtime_ns, before.st_size)}
    return same and stamps and _read_at_start(handle.fileno(), len(data) + 1) == data


def _temporary(target: str, data: bytes, like: os.stat_result, made: list[str]) -> str:
    """A temporary file beside the target holding data, with the target's owner and mode. Its name
    goes into `made` before the file exists (the caller removes what is there if anything fails):
    SIGTERM arrives as SystemExit (cli.py) at any bytecode, even between creating a file and a `try`.
    Holding the signal is not enough: another thread may take it, and Python still runs the handler
    in this one at its next bytecode."""
    handle, temporary = _reserve(os.path.dirname(target), made)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    made_stat = os.stat(temporary)  # its group may be the folder's (a setgid folder), not ours
    if _user() is not None and (like.st_uid, like.st_gid) != (made_stat.st_uid, made_stat.st_gid):
        try:
            os.chown(temporary, like.st_uid, like.st_gid)
        except PermissionError:
            raise NotFixed("newslint cannot give the rewritten file its owner and group back") from None
    os.chmod(temporary, stat.S_IMODE(like.st_mode))  # after chown, which may clear set-id bits
    return temporary


def _reserve(folder: str, made: list[str]) -> tuple[int, str]:
    """(descriptor, name) of a new file in folder, private to the user as mkstemp makes one, its
    name put in `made` before it exists."""
    for _ in range(100):
        name = os.path.join(folder, f".newslint-{os.urandom(8).hex()}.tmp")
        made.append(name)
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600), name
        except FileExistsError:
            made.remove(name)  # somebody else's file: never ours to clean up
    raise FileExistsError(f"no free temporary name in {folder}")


def _replace(target: str, data: bytes, like: os.stat_result, ready=None) -> None:
    """Put data in place of the target in one rename (after ready() says yes, if given); no
    temporary file is left behind, whatever stops it."""
    made: list[str] = []
    try:
        temporary = _temporary(target, data, like, made)
        if ready is not None:
            ready()
        os.replace(temporary, target)
    except BaseException:
        for path in made:
            _remove(path)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomic(path: str, data: bytes, handle, original: bytes, before: os.stat_result) -> tuple[int, int]:
    """Replace the file's bytes in one rename; keep the user's version when it changed meanwhile.
    Returns the old inode's (mtime, size) just after the rename."""
    target = os.path.realpath(path)  # write through a symlink, never over it
    changed = NotFixed("the file changed while it was being fixed; the new version was kept")
    if not _unchanged(target, handle, original, before):
        raise changed

    def still_unchanged() -> None:
        if not _unchanged(target, handle, original, before):
            raise changed

    _replace(target, data, before, still_unchanged)
    held = os.fstat(handle.fileno())
    if (held.st_mtime_ns, held.st_size) != (before.st_mtime_ns, before.st_size):
        # A save landed between the last check and the rename, in the inode just replaced: restore it.
        _restore(target, handle.fileno(), data)
        raise changed
    return held.st_mtime_ns, held.st_size


def rewrite(path: str, data: bytes, before: os.stat_result) -> None:
    """Replace a file read earlier (stat `before`) as --fix does: refused (NotFixed) when that would
    change more than its text, or when the file changed since `before`."""
    with open(path, "rb") as handle:
        original = handle.read()
        refuse(path, before, ())
        write_atomic(path, data, handle, original, before)


def _restore(target: str, descriptor: int, ours: bytes) -> bool:
    """Put the user's version (the old inode's bytes) back, unless the file moved on again since."""
    held = os.fstat(descriptor)
    with open(target, "rb") as current:
        if current.read(len(ours) + 1) != ours:
            return False  # someone saved over our version too: theirs stays
    _replace(target, _read_at_start(descriptor, held.st_size), held)
    return True


def settle(written: list[_Written], outcomes: dict[str, FixOutcome], config: Config) -> None:
    """After a short wait, put back any save that went into a replaced file's old inode."""
    if not written:
        return
    time.sleep(SETTLE_SECONDS)
    for item in written:
        try:
            held = os.fstat(item.descriptor)
            if (held.st_mtime_ns, held.st_size) != item.stamp:
                _restore(os.path.realpath(item.path), item.descriptor, item.data)
                result = lint_file(item.path, config)
                note = f"{item.path}: not fixed: the file changed while it was being fixed; the new version was kept"
                outcomes[item.path] = replace(outcomes[item.path], failure=note.split(": not fixed: ")[1],
                                              result=replace(result, warnings=result.warnings + (note,)))
        except OSError as exc:
            outcomes[item.path] = replace(outcomes[item.path], failure=str(exc.strerror or exc))
        finally:
            os.close(item.descriptor)
    written.clear()


def fix_lines(outcome: FixOutcome) -> list[str]:
    """One line per fix made, at its place in the file as read; later passes' fixes are marked."""
    document = make_document(outcome.original, outcome.result.path)
    lines = []
    for applied in sorted(outcome.applied, key=lambda a: (a.original_start, a.at)):
        line, column = document.position(applied.original_start)
        later = " (found after an earlier fix)" if applied.passes > 1 else ""
        lines.append(f"fixed {outcome.result.path}:{line}:{column} [{applied.rule}] "
                     f"'{applied.shown}' -> '{applied.shown_replacement}'{later}")
    return lines


def fix_paths(paths: Sequence[str], config: Config, write: bool, keep: Keep = reported,
              roots: Sequence[str] = ()) -> list[FixOutcome]:
    outcomes: dict[str, FixOutcome] = {}
    written: list[_Written] = []
    try:
        for path in paths:
            outcomes[path] = fix_file(path, config, write, keep, roots, written)
            if len(written) >= SETTLE_BATCH:
                settle(written, outcomes, config)
        settle(written, outcomes, config)
    finally:
        for item in written:  # interrupted: nothing more to check
            os.close(item.descriptor)
    return [outcomes[path] for path in paths]
