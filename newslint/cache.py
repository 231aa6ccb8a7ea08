"""The lint cache: a file whose content, config, rules and newslint version are unchanged is not linted again.

JSON files per config fingerprint (newslint/fingerprint.py; up to 256, by a hash of the path) in
the cache folder: `--cache-dir`, else $NEWSLINT_CACHE_DIR, else `.newslint_cache/` beside the
config file (or in the current folder when there is none). They map each path to its content
hash and its whole result before the cross-file step, the collected per-file data included, so cross-file rules see the same
values with or without it. A corrupt or foreign file is ignored with one warning and rewritten;
a result that depends on the run's environment (a rule that could not run) is never stored.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from array import array
from pathlib import Path
from typing import Any, Iterator, Sequence

from .config import Config
from .fingerprint import config_fingerprint
from .hashes import blake2b
from .model import Finding, Severity
from .runner import FileResult, lint_paths
from .sources import STDIN, SourceError, decode, read_bytes

FORMAT = 3  # 2: findings carry `fixable`; 3: in buckets by path
BUCKET_DIGITS = 2  # 256 bucket files per config fingerprint
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
    """The entries of one config fingerprint, in BUCKETS files by a hash of the path
    (`lint-<key>-<bucket>.json`), each read when a path in it is first asked for and written once
    at the end if it changed: a pre-commit run over a few files reads and writes a few small files,
    however many files the folder's earlier runs stored (one file for all of them grew with the
    repository: 8.9 MB for 10,000 articles, read and written again on every commit)."""

    def __init__(self, folder: Path, key: str):
        self.folder, self.key = folder, key
        self.buckets: dict[str, dict[str, Any]] = {}
        self.dirty: set[str] = set()
        self.warned = False  # one warning per run for damaged files, however many

    def file(self, bucket: str) -> Path:
        return self.folder / f"lint-{self.key}-{bucket}.json"

    def _entries(self, path: str) -> tuple[str, dict[str, Any]]:
        bucket = blake2b(os.fsencode(path), digest_size=2).hexdigest()[:BUCKET_DIGITS]
        if bucket not in self.buckets:
            self.buckets[bucket] = self._load(self.file(bucket))
        return bucket, self.buckets[bucket]

    def _load(self, file: Path) -> dict[str, Any]:
        try:
            data = json.loads(file.read_bytes())
        except (FileNotFoundError, NotADirectoryError):  # no cache yet (an unusable folder is reported on save)
            return {}
        except (OSError, ValueError) as exc:
            self._warn(f"ignoring corrupt cache {file} ({type(exc).__name__}); rebuilding it")
            return {}
        if not isinstance(data, dict) or data.get("newslint-cache") != FORMAT or data.get("key") != self.key \
                or not isinstance(data.get("files"), dict):
            self._warn(f"ignoring {file}: not a newslint cache of this version and config; rebuilding it")
            return {}
        return data["files"]

    def _warn(self, message: str) -> None:
        if not self.warned:
            self.warned = True
            _warn(message)

    def get(self, path: str) -> tuple[str, FileResult | None]:
        """(content hash, the cached result or None); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)  # a named pipe is refused, not opened: it would block
        except SourceError:
            return "", None  # not cached: linting it says what is wrong
        digest = blake2b(data, digest_size=16).hexdigest()
        entry = self._entries(path)[1].get(path)
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
            entry = {"hash": digest, "result": encode_result(result)}
        except TypeError:
            return  # a value JSON cannot hold faithfully: not cached
        bucket, entries = self._entries(path)
        entries[path] = entry
        self.dirty.add(bucket)

    def save(self) -> None:
        """Write the changed buckets, less the entries of files that no longer exist."""
        if not self.dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# created by newslint\n*\n")
            (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# newslint cache\n")
            for bucket in sorted(self.dirty):
                entries = {p: e for p, e in self.buckets[bucket].items() if os.path.exists(p)}
                file = self.file(bucket)
                temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
                temporary.write_text(json.dumps({"newslint-cache": FORMAT, "key": self.key, "files": entries},
                                                separators=(",", ":")), encoding="ascii")  # names that are not UTF-8 stay escaped
                os.replace(temporary, file)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.folder}: {exc.strerror or exc}")
        self.dirty.clear()


def lint_cached(paths: Sequence[str], config: Config, jobs: int | None, folder: Path,
                progress=lambda items, total: items) -> list[FileResult]:
    """lint_paths, with unchanged files taken from the cache; results in the order given."""
    cache = LintCache(folder, config_fingerprint(config))
    known: dict[str, tuple[str, FileResult | None]] = {p: cache.get(p) for p in paths if p != STDIN}
    missing = [p for p in paths if p == STDIN or known[p][1] is None]
    fresh: Iterator[FileResult] = iter(progress(lint_paths(missing, config, jobs), len(missing)))
    results = []
    for path in paths:
        cached = known.get(path, ("", None))[1]
        if cached is None:
            cached = next(fresh)
            if path != STDIN:
                cache.put(path, known[path][0], cached)
        results.append(cached)
    cache.save()
    return results


def lint_files(paths: Sequence[str], config: Config, jobs: int | None, use_cache: bool = True,
               folder: str | None = None) -> list[FileResult]:
    """The CLI's lint step: through the cache unless told not to, with a progress bar on a terminal."""
    from .progress import track

    if not use_cache:
        return list(track(lint_paths(paths, config, jobs), len(paths)))
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
