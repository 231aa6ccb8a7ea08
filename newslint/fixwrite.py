"""--fix on disk: which files may be rewritten, and writing them without losing anyone's copy.

A file is rewritten only when that keeps everything but its text: not a read-only file, not a
file newslint could not give back its owner and group, not a file with other hard links (a
rename would give this name new text and leave the other names with the old; editors expect
both to change, so newslint leaves such a file to them), and, in a folder run, not a symlink
that points out of the folder named on the command line.

The write is a temporary file in the same folder, then one rename, with mode, owner and group
copied. Just before the rename the file is compared again with what was read (inode, size,
mtime and bytes): an editor's save in the meantime wins and the fix is dropped. The inode that
was read stays open through the rename, so a save that lands in the instant between that check
and the rename is still seen, and the user's version is put back.
"""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Sequence

from .config import Config
from .fix import Applied, Keep, fix_text, reported
from .runner import FileResult, lint_document, make_document
from .sources import decode


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
        handle = open(path, "rb")
    except FileNotFoundError:
        return None, f"{path}: cannot read: no such file"
    except IsADirectoryError:
        return None, f"{path}: cannot read: is a directory"
    except OSError as exc:
        return None, f"{path}: cannot read: {exc.strerror or exc}"
    return handle, ""


def fix_file(path: str, config: Config, write: bool, keep: Keep = reported, roots: Sequence[str] = ()) -> FixOutcome:
    """Fix one file; with write=False only compute what would change."""
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
            encoded = (b"\xef\xbb\xbf" if source.bom else b"") + fixed.text.encode("utf-8")
            write_atomic(path, encoded, handle, data, before)
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
    if os.geteuid() != 0 and before.st_uid != os.geteuid():
        raise NotFixed("the file belongs to another user; a rewrite would change its owner")
    outside = _escaped_root(path, roots)
    if outside:
        raise NotFixed(f"it is a link to a file outside {outside}")


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
    return same and stamps and os.pread(handle.fileno(), len(data) + 1, 0) == data


def _temporary(target: str, data: bytes, like: os.stat_result) -> str:
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".newslint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(like.st_mode))
        if (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(temporary, like.st_uid, like.st_gid)
            except PermissionError:
                raise NotFixed("newslint cannot give the rewritten file its owner and group back") from None
    except BaseException:  # SIGTERM arrives as SystemExit (cli.py): no temporary file is left behind
        _remove(temporary)
        raise
    return temporary


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomic(path: str, data: bytes, handle, original: bytes, before: os.stat_result) -> None:
    """Replace the file's bytes in one rename; keep the user's version when it changed meanwhile."""
    target = os.path.realpath(path)  # write through a symlink, never over it
    changed = NotFixed("the file changed while it was being fixed; the new version was kept")
    if not _unchanged(target, handle, original, before):
        raise changed
    temporary = _temporary(target, data, before)
    try:
        if not _unchanged(target, handle, original, before):
            raise changed
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    held = os.fstat(handle.fileno())
    if (held.st_mtime_ns, held.st_size) != (before.st_mtime_ns, before.st_size):
        # A save landed between the last check and the rename, in the inode just replaced: restore it.
        saved = os.pread(handle.fileno(), held.st_size, 0)
        os.replace(_temporary(target, saved, held), target)
        raise changed


def fix_paths(paths: Sequence[str], config: Config, write: bool, keep: Keep = reported,
              roots: Sequence[str] = ()) -> list[FixOutcome]:
    return [fix_file(path, config, write, keep, roots) for path in paths]
