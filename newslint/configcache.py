"""A cache of loaded configs (and of the word lists rules read): a one-file run should not read,
validate and compile every rule file again.

An entry is keyed by newslint's version and code (every module's size and modification time)
and by what the caller names (the config file chosen). It records each file and folder the config was built from with a
digest of its content (a folder: the list of rule files in it) and is used only while all of
them are unchanged. Only a config that loaded without problems is stored; any error reading an
entry counts as a miss. Regexes are stored as their source and compiled on first use
(lazyre.py), so a hit compiles nothing until a rule needs it.

NEWSLINT_CACHE_DIR moves the cache (default: $XDG_CACHE_HOME/newslint, else ~/.cache/newslint);
NEWSLINT_NO_CACHE=1 switches it off.
"""
from __future__ import annotations

import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import __version__
from .hashes import blake2b

T = TypeVar("T")
KEEP = 32  # entries kept: each newslint version or edit of a config makes new ones; the oldest go
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    if os.environ.get("NEWSLINT_NO_CACHE"):
        return None
    if os.environ.get("NEWSLINT_CACHE_DIR"):
        return Path(os.environ["NEWSLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


CODE_SUFFIXES = (".py", ".gz", ".bin", ".json", ".yaml")  # modules and shipped tables
RULE_SUFFIXES = (".yaml", ".yml", ".txt")  # built-in rule files and the word lists rules read


def rules_dir(package: Path) -> Path:
    """The built-in rules: inside an installed package, or rules/ beside a source checkout's."""
    return package / "_rules" if (package / "_rules").is_dir() else package.parent / "rules"


def _code_stamp() -> str:
    return code_stamp(_PACKAGE)


@lru_cache(maxsize=4)
def code_stamp(package: Path) -> str:
    """newslint's version and the path, size and mtime of every module, table and built-in rule
    file: an edited module, table, word list or threshold (rules read rules/data/*.yaml at import)
    is a new key. Once per process (a run asks for several entries; the code it runs is the code it
    imported, so a later edit is for the next process to see); the lint cache's fingerprint
    (fingerprint.py) keys on the same walk. About 150 stat calls through os.scandir: a quarter of
    what pathlib's rglob costs."""
    parts = [__version__]
    for root, tag, suffixes in ((package, "code", CODE_SUFFIXES), (rules_dir(package), "rules", RULE_SUFFIXES)):
        _stat_tree(str(root), f"{tag}:", suffixes, parts)
    return "\n".join(parts)


def _stat_tree(folder: str, prefix: str, suffixes: tuple[str, ...], parts: list[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):  # as pathlib's rglob: no linked folders (no loops)
            if entry.name != "__pycache__":
                _stat_tree(entry.path, f"{prefix}{entry.name}/", suffixes, parts)
        elif entry.name.endswith(suffixes):
            stat = entry.stat()
            parts.append(f"{prefix}{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")


def digest(path: Path) -> str:
    """The content of a file, or of a folder the rule files listed in it."""
    try:
        if path.is_dir():
            listing = sorted(str(p) for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
            return "dir:" + blake2b("\n".join(listing).encode(), digest_size=20).hexdigest()
        return blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return "missing"


def cached(key: str, build: Callable[[], tuple[T, Iterable[Path]]]) -> T:
    """build() -> (value, the files and folders it read), or the stored value while they are unchanged."""
    folder = cache_dir()
    if folder is None:
        return build()[0]
    entry = _entry(folder, key)
    value = _read(entry)
    if value is not None:
        return value
    value, read = build()
    deps = dict.fromkeys(Path(p).resolve() for p in read)
    _write(entry, [(str(p), digest(p)) for p in deps], value)
    return value


def store(key: str, value) -> None:
    """Replace an entry that depends on no file with a new value: for a table that grows from run to
    run (lazyre's shared regex programs)."""
    folder = cache_dir()
    if folder is not None:
        _write(_entry(folder, key), [], value)


def _entry(folder: Path, key: str) -> Path:
    name = blake2b(f"{_code_stamp()}\n{key}".encode(), digest_size=12).hexdigest()[:24]
    return folder / f"{name}.pickle"


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _read(entry: Path):
    try:
        with entry.open("rb") as handle:
            deps, value = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated or from another version: rebuild it
        return None
    if all(digest(Path(path)) == stamp for path, stamp in deps):
        return value
    return None


def _write(entry: Path, deps: list[tuple[str, str]], value) -> None:
    """Store atomically (a parallel run never reads half a file); a cache that cannot be written is skipped."""
    import tempfile  # here: a run that reads the cache writes nothing

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".entry-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((deps, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        _prune(entry.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass
