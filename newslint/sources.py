"""Finding the files to lint and reading them without ever failing the whole run."""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv", "env"}
STDIN = "-"


class SourceError(Exception):
    """A file that could not be linted; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    bom: bool = False
    warnings: tuple[str, ...] = field(default=())


def _matches(path: Path, patterns: tuple[str, ...]) -> bool:
    posix = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}")
               for p in patterns)


def _skipped_dir(folder: Path) -> bool:
    return folder.name.startswith(".") or folder.name in SKIP_DIRS or (folder / "pyvenv.cfg").exists()


def discover(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...], *,
             force_exclude: bool = False, excluded: list[str] | None = None) -> Iterator[str]:
    """Files to lint, in order: named files always (unless force_exclude and they match exclude,
    as a pre-commit hook wants); folders walked for files matching include and not exclude.
    Files left out by an exclude glob are appended to `excluded` when it is given."""
    seen = set()
    for given in paths:
        if given == STDIN:
            yield given
            continue
        root = Path(given)
        if not root.is_dir():
            if force_exclude and _matches(root, exclude):
                _note(excluded, given)
            elif given not in seen:
                seen.add(given)
                yield given
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not _skipped_dir(Path(folder, d)))
            for name in sorted(files):
                path = Path(folder, name)
                if not _matches(path, include) or str(path) in seen:
                    continue
                if _matches(path, exclude):
                    _note(excluded, str(path))
                    continue
                seen.add(str(path))
                yield str(path)


def _note(excluded: list[str] | None, path: str) -> None:
    if excluded is not None:
        excluded.append(path)


def decode(data: bytes, path: str) -> Source:
    """Bytes to a Source: binary refused, a UTF-8 BOM remembered, bad UTF-8 replaced with a warning."""
    if b"\x00" in data:
        raise SourceError(f"{path}: skipped: binary file (contains NUL bytes)")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return Source(path, body.decode("utf-8"), bom)
    except UnicodeDecodeError as exc:
        warning = f"{path}: warning: not valid UTF-8 (byte {exc.start}); undecodable bytes replaced"
        return Source(path, body.decode("utf-8", errors="replace"), bom, (warning,))


def read_source(path: str, stdin=None) -> Source:
    if path == STDIN:
        import sys

        stream = stdin or sys.stdin.buffer
        return decode(stream.read(), "<stdin>")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: cannot read: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: cannot read: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
