"""The lint cache: a file whose content, config, rules and newslint version are unchanged is not linted again.

One JSON file per config fingerprint (newslint/fingerprint.py) in the cache folder: `--cache-dir`,
else $NEWSLINT_CACHE_DIR, else `.newslint_cache/` beside the config file (or in the current
folder when there is none). It maps each path to its content hash and its whole result before
the cross-file step, the collected per-file data included, so cross-file rules see the same
values with or without it. A corrupt or foreign file is ignored with one warning and rewritten;
a result that depends on the run's environment (a rule that could not run) is never stored.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from array import array
from pathlib import Path
from typing import Any, Iterator, Sequence

from .config import Config
from .fingerprint import config_fingerprint
from .model import Finding, Severity
from .runner import FileResult, lint_paths
from .sources import STDIN, SourceError, decode, read_bytes

FORMAT = 2  # 2: findings carry `fixable`
ENV = "NEWSLINT_CACHE_DIR"
DEFAULT_FOLDER = ".newslint_cache"


def cache_folder(config: Config, given: str | None = None) -> Path:
    if given:
        return Path(given)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    return (Path(config.path).resolve().parent if config.path else Path.cwd()) / DEFAULT_FOLDER


def _warn(message: str) -> None:
    print(f"newslint: warning: {message}", file=sys.stderr)


class LintCache:
    """The cache file of one config: an index of path -> (content hash, where its result is) in
    memory, the results themselves read from the file when asked for and written to a temporary
    file when put, so a run over 10,000 files holds none of them."""

    def __init__(self, folder: Path, key: str):
        self.folder, self.key = folder, key
        self.file = folder / f"lint-{key}.json"
        self._old: Any = None  # the cache file, kept open while its entries are read from it
        self._new: Any = None  # this run's new entries (a temporary file)
        # path -> (hash, where, length): the result at offset `where` of the cache file, or at ~where
        # (where < 0) of this run's file; with length None, `where` is the result itself (parsed).
        self.entries: dict[str, tuple[Any, Any, int | None]] = self._load()
        self.changed = False

    def _header(self) -> bytes:
        return f'{{"newslint-cache":{FORMAT},"key":{json.dumps(self.key)},"files":{{\n'.encode("ascii")

    def _load(self) -> dict[str, tuple[Any, Any, int | None]]:
        try:
            handle = open(self.file, "rb")
        except (FileNotFoundError, NotADirectoryError):  # no cache yet (an unusable folder is reported on save)
            return {}
        except OSError as exc:
            _warn(f"ignoring corrupt cache {self.file} ({type(exc).__name__}); rebuilding it")
            return {}
        try:
            if handle.readline() == self._header():
                self._old = handle
                return _indexed(handle)
            handle.seek(0)
            data = json.loads(handle.read())  # another layout (one line): read as a whole, as before
        except (OSError, ValueError) as exc:
            self._old = None
            _warn(f"ignoring corrupt cache {self.file} ({type(exc).__name__}); rebuilding it")
            return {}
        finally:
            if self._old is None:
                handle.close()
        if not isinstance(data, dict) or data.get("newslint-cache") != FORMAT or data.get("key") != self.key \
                or not isinstance(data.get("files"), dict):
            _warn(f"ignoring {self.file}: not a newslint cache of this version and config; rebuilding it")
            return {}
        return {p: (e.get("hash"), e.get("result"), None) if isinstance(e, dict) else _NO_ENTRY
                for p, e in data["files"].items()}

    def probe(self, path: str) -> tuple[str, bool]:
        """(content hash, whether the cache holds an entry for that content); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)  # a named pipe is refused, not opened: it would block
        except SourceError:
            return "", False  # not cached: linting it says what is wrong
        digest = _digest(data)
        return digest, self.entries.get(path, _NO_ENTRY)[0] == digest

    def get(self, path: str) -> tuple[str, FileResult | None]:
        """(content hash, the cached result or None); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)
        except SourceError:
            return "", None
        digest = _digest(data)
        known, where, length = self.entries.get(path, _NO_ENTRY)
        if known != digest:
            return digest, None
        try:
            result = decode_result(where if length is None else json.loads(self._bytes(where, length)))
            # The text as read is not stored: the bytes just hashed are the same file, for the reports that show it.
            # The caller's path string rather than the entry's equal copy: a folder run keeps one a file.
            return digest, dataclasses.replace(result, path=path if result.path == path else result.path,
                                               source=decode(data, path).text)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, SourceError):
            return digest, None  # a damaged entry is linted again and replaced

    def put(self, path: str, digest: str, result: FileResult) -> None:
        if not digest or result.errors or any(w.startswith("newslint:") for w in result.warnings):
            return
        try:
            data = json.dumps(encode_result(result), separators=(",", ":")).encode("ascii")  # names that are not UTF-8 stay escaped
        except TypeError:
            return  # a value JSON cannot hold faithfully: not cached
        if self._new is None:
            import tempfile  # here: a run that changes nothing never needs it

            self._new = tempfile.TemporaryFile(prefix="newslint-cache-")
        offset = self._new.seek(0, 2)
        self._new.write(data)
        self.entries[path] = (digest, ~offset, len(data))
        self.changed = True

    def save(self) -> None:
        """One entry a line, so that the next run can index the file without reading its results;
        still one JSON object, the layout an older newslint reads too."""
        if not self.changed:
            self._close()
            return
        entries = {p: e for p, e in self.entries.items() if os.path.exists(p)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# created by newslint\n*\n")
            (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# newslint cache\n")
            temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as out:
                out.write(self._header())
                for number, (path, (digest, where, length)) in enumerate(entries.items()):
                    result = json.dumps(where, separators=(",", ":")).encode("ascii") \
                        if length is None else self._bytes(where, length)
                    out.write(b",\n" * bool(number) + _line(path, digest, result))
                out.write(b"\n}}\n")
            self._close()
            os.replace(temporary, self.file)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.folder}: {exc.strerror or exc}")
        finally:
            self._close()

    def _bytes(self, where: int, length: int) -> bytes:
        handle, offset = (self._old, where) if where >= 0 else (self._new, ~where)
        handle.seek(offset)
        return handle.read(length)

    def _close(self) -> None:
        for handle in (self._old, self._new):
            if handle is not None:
                handle.close()
        self._old = self._new = None


_NO_ENTRY = (None, None, None)


def _line(path: str, digest: Any, result: bytes) -> bytes:
    return f'{json.dumps(path)}:{{"hash":{json.dumps(digest)},"result":'.encode("ascii") + result + b"}"


def _indexed(handle: Any) -> dict[str, tuple[Any, Any, int | None]]:
    """path -> (hash, offset, length of the result) for each entry line after the header;
    ValueError when a line is not one this module writes (a damaged file)."""
    decoder, entries = json.JSONDecoder(), {}
    offset = handle.tell()
    for raw in iter(handle.readline, b""):
        line = raw.rstrip(b"\n").rstrip(b",")
        if line in (b"", b"}}"):
            offset += len(raw)
            continue
        text = line.decode("ascii")
        path, end = decoder.raw_decode(text)
        if not text.startswith(':{"hash":', end):
            raise ValueError("not a cache entry")
        digest, end = decoder.raw_decode(text, end + 9)
        if not text.startswith(',"result":', end) or not text.endswith("}"):
            raise ValueError("not a cache entry")
        start = end + 10
        entries[path] = (digest, offset + start, len(line) - 1 - start)
        offset += len(raw)
    return entries


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def lint_cached(paths: Sequence[str], config: Config, jobs: int | None, folder: Path,
                progress=lambda items, total: items) -> Iterator[FileResult]:
    """lint_paths, with unchanged files taken from the cache; results in the order given, one at a time.

    The files are hashed first, to send only the changed ones to the workers; a cached result is
    read when its turn comes, so the run holds no result the reporter has not asked for yet."""
    cache = LintCache(folder, config_fingerprint(config))
    # For each path: None when the cache holds its content (read again when its turn comes), else
    # its hash to store the new result under ("" when it cannot be read): one pointer a cached file.
    hashes = [_unless_cached(cache, p) for p in paths]
    missing = [p for p, digest in zip(paths, hashes) if digest is not None]
    fresh: Iterator[FileResult] = iter(progress(lint_paths(missing, config, jobs), len(missing)))
    for path, digest in zip(paths, hashes):
        if digest is None:
            digest, result = cache.get(path)
            if result is None:  # a damaged entry, or the file changed since it was hashed
                result = next(lint_paths([path], config, 1))
                cache.put(path, digest, result)
        else:
            result = next(fresh)
            if path != STDIN:
                cache.put(path, digest, result)
        yield result
    cache.save()


def _unless_cached(cache: LintCache, path: str) -> str | None:
    if path == STDIN:
        return ""
    digest, hit = cache.probe(path)
    return None if hit else digest


def lint_files(paths: Sequence[str], config: Config, jobs: int | None, use_cache: bool = True,
               folder: str | None = None) -> Iterator[FileResult]:
    """The CLI's lint step, a result at a time in the order given: through the cache unless told
    not to, with a progress bar on a terminal."""
    from .progress import track

    if not use_cache:
        return track(lint_paths(paths, config, jobs), len(paths))
    return lint_cached(paths, config, jobs, cache_folder(config, folder), progress=track)


def _tagged(value: Any) -> Any:
    """JSON for the values rules collect: tuples and bytes kept apart from lists and strings."""
    if isinstance(value, bytes):
        return {"\0b": value.hex()}
    if isinstance(value, array):  # cross-file-boilerplate packs its rows' numbers in one
        return {"\0a": [value.typecode, value.tolist()]}
    if isinstance(value, tuple):
        return {"\0t": [_tagged(v) for v in value]}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dict):
        return {"\0d": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if isinstance(value, dict):
        if "\0b" in value:
            return bytes.fromhex(value["\0b"])
        if "\0a" in value:
            return array(*value["\0a"])
        if "\0t" in value:
            return tuple(_untagged(v) for v in value["\0t"])
        return {_untagged(k): _untagged(v) for k, v in value["\0d"]}
    return value


def encode_result(result: FileResult) -> dict[str, Any]:
    findings = [[f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.category, int(f.severity),
                 f.message, list(f.replacements), f.fingerprint, f.fixable] for f in result.findings]
    return {"path": result.path, "findings": findings, "metrics": _tagged(result.metrics),
            "warnings": list(result.warnings), "collected": _tagged(result.collected)}


def decode_result(data: dict[str, Any]) -> FileResult:
    findings = tuple(Finding(p, line, column, end_line, end_column, rule, category, Severity(severity), message,
                             tuple(replacements), fingerprint, fixable=bool(fixable))
                     for p, line, column, end_line, end_column, rule, category, severity, message, replacements,
                     fingerprint, fixable in data["findings"])
    return FileResult(data["path"], findings, _untagged(data["metrics"]), (), tuple(data["warnings"]),
                      _untagged(data["collected"]))
