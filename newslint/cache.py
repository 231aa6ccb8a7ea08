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
    def __init__(self, folder: Path, key: str):
        self.folder, self.key = folder, key
        self.file = folder / f"lint-{key}.json"
        self.entries: dict[str, Any] = self._load()
        self.changed = False

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_bytes())
        except (FileNotFoundError, NotADirectoryError):  # no cache yet (an unusable folder is reported on save)
            return {}
        except (OSError, ValueError) as exc:
            _warn(f"ignoring corrupt cache {self.file} ({type(exc).__name__}); rebuilding it")
            return {}
        if not isinstance(data, dict) or data.get("newslint-cache") != FORMAT or data.get("key") != self.key \
                or not isinstance(data.get("files"), dict):
            _warn(f"ignoring {self.file}: not a newslint cache of this version and config; rebuilding it")
            return {}
        return data["files"]

    def probe(self, path: str) -> tuple[str, bool]:
        """(content hash, whether the cache holds an entry for that content); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)  # a named pipe is refused, not opened: it would block
        except SourceError:
            return "", False  # not cached: linting it says what is wrong
        digest = _digest(data)
        entry = self.entries.get(path)
        return digest, isinstance(entry, dict) and entry.get("hash") == digest

    def get(self, path: str) -> tuple[str, FileResult | None]:
        """(content hash, the cached result or None); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)
        except SourceError:
            return "", None
        digest = _digest(data)
        entry = self.entries.get(path)
        if not isinstance(entry, dict) or entry.get("hash") != digest:
            return digest, None
        try:
            result = decode_result(entry["result"])
            # The text as read is not stored: the bytes just hashed are the same file, for the reports that show it.
            return digest, dataclasses.replace(result, source=decode(data, path).text)
        except (KeyError, TypeError, ValueError, IndexError, SourceError):
            return digest, None  # a damaged entry is linted again and replaced

    def put(self, path: str, digest: str, result: FileResult) -> None:
        if not digest or result.errors or any(w.startswith("newslint:") for w in result.warnings):
            return
        try:
            self.entries[path] = {"hash": digest, "result": encode_result(result)}
        except TypeError:
            return  # a value JSON cannot hold faithfully: not cached
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        self.entries = {p: e for p, e in self.entries.items() if os.path.exists(p)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# created by newslint\n*\n")
            (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# newslint cache\n")
            temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"newslint-cache": FORMAT, "key": self.key, "files": self.entries},
                                            separators=(",", ":")), encoding="ascii")  # names that are not UTF-8 stay escaped
            os.replace(temporary, self.file)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.folder}: {exc.strerror or exc}")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def lint_cached(paths: Sequence[str], config: Config, jobs: int | None, folder: Path,
                progress=lambda items, total: items) -> Iterator[FileResult]:
    """lint_paths, with unchanged files taken from the cache; results in the order given, one at a time.

    The files are hashed first, to send only the changed ones to the workers; a cached result is
    read when its turn comes, so the run holds no result the reporter has not asked for yet."""
    cache = LintCache(folder, config_fingerprint(config))
    probed: dict[str, tuple[str, bool]] = {p: cache.probe(p) for p in paths if p != STDIN}
    missing = [p for p in paths if p == STDIN or not probed[p][1]]
    fresh: Iterator[FileResult] = iter(progress(lint_paths(missing, config, jobs), len(missing)))
    for path in paths:
        digest, hit = probed.get(path, ("", False))
        result = None
        if hit:
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
