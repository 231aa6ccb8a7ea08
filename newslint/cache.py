"""The lint cache: a file whose content, config, rules and newslint version are unchanged is not linted again.

JSON files per config fingerprint (newslint/fingerprint.py; up to 256, by a hash of the path) in
the cache folder: `--cache-dir`, else $NEWSLINT_CACHE_DIR, else `.newslint_cache/` beside the
config file (or in the current folder when there is none). They map each path to its content
hash and its whole result before the cross-file step, the collected per-file data included, so
cross-file rules see the same values with or without it; one entry a line, so that a run indexes
a file without parsing its results and reads each result when its turn comes. A corrupt or
foreign file is ignored with one warning and rewritten; a result that depends on the run's
environment (a rule that could not run) is never stored.
"""
from __future__ import annotations

import dataclasses
import io
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
from .spool import on_disk

FORMAT = 4  # 2: findings carry `fixable`; 3: in buckets by path; 4: a bucket holds one entry a line
BUCKET_DIGITS = 2  # 256 bucket files per config fingerprint
NEW_IN_MEMORY = 4 << 20  # bytes of new results a run of a few files keeps in memory
OPEN_BUCKETS = 64  # bucket files kept open for reading at once (a few file descriptors, wherever the limit is)
ENV = "NEWSLINT_CACHE_DIR"
DEFAULT_FOLDER = ".newslint_cache"



class Index:
    """A bucket's entries, flat: for each, where its line is (at offset `where` of the bucket file,
    or at ~where (where < 0) of this run's file of new results), the line's length, and the 16
    bytes of its content hash. No path is held: an entry is found by its content hash and is the
    path's only once its line's head (path and hash) is read and matches, so a 10,000-file run
    keeps 32 bytes an entry, built a bucket at a time, and no dictionary."""

    def __init__(self):
        self.places = array("q")  # where, length, for each entry in file order (new ones last)
        self.digests = bytearray()  # 16 bytes for each entry

    def __len__(self) -> int:
        return len(self.digests) // 16

    def add(self, digest: str, where: int, length: int) -> None:
        self.places.extend((where, length))
        self.digests += bytes.fromhex(digest)

    def holding(self, digest: str) -> Iterator[tuple[int, int]]:
        """(where, length) of every entry stored for that content, last added first (a newer
        result for a path wins); a path's own is the one whose head names it."""
        wanted, end = bytes.fromhex(digest), len(self.digests)
        while (start := self.digests.rfind(wanted, 0, end)) >= 0:
            if start % 16 == 0:  # not a match straddling two entries' hashes
                number = start // 16
                yield self.places[2 * number], self.places[2 * number + 1]
            end = start + 15  # next, the matches that start before this one

    def lines(self) -> Iterator[tuple[int, int]]:
        for number in range(len(self)):
            yield self.places[2 * number], self.places[2 * number + 1]


def cache_folder(config: Config, given: str | None = None) -> Path:
    if given:
        return Path(given)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    return (Path(config.path).resolve().parent if config.path else Path.cwd()) / DEFAULT_FOLDER


def _warn(message: str) -> None:
    print(f"newslint: warning: {message}", file=sys.stderr)


class LintCache:
    """The entries of one config fingerprint, in up to 256 files by a hash of the path
    (`lint-<key>-<bucket>.json`), each indexed when a path in it is first asked for and rewritten
    once at the end if it changed: a pre-commit run over a few files reads and writes a few small
    files, however many the folder's earlier runs stored. A bucket's index holds each entry's content hash and
    the place of its line in the file, which stays open (up to OPEN_BUCKETS at once) to read the
    result when asked for; results put during the run go to one temporary file (kept in memory for a few files). So a run over 10,000
    files holds no result, cached or new, that the reporter has not asked for."""

    def __init__(self, folder: Path, key: str, few: bool = False):
        self.folder, self.key = folder, key
        self.few = few  # a run of a few files: its new results are kept in memory, not in a temporary file
        self.index: dict[str, Index] = {}
        self.handles: dict[str, Any] = {}  # bucket -> its open file, least recently read first
        self.stamps: dict[str, tuple[int, int, int]] = {}  # bucket -> the indexed file's identity
        self.dirty: set[str] = set()
        self.warned = False  # one warning per run for damaged files, however many
        self._new: Any = None  # this run's new results (a temporary file without a name)

    def file(self, bucket: str) -> Path:
        return self.folder / f"lint-{self.key}-{bucket}.json"

    def _header(self) -> bytes:
        return f'{{"newslint-cache":{FORMAT},"key":{json.dumps(self.key)},"files":{{\n'.encode("ascii")

    def _entries(self, path: str) -> tuple[str, Index]:
        bucket = blake2b(os.fsencode(path), digest_size=2).hexdigest()[:BUCKET_DIGITS]
        if bucket not in self.index:
            self.index[bucket], handle = self._load(self.file(bucket))
            if handle is not None:
                self.stamps[bucket] = _stamp(handle)
                self._keep(bucket, handle)
        return bucket, self.index[bucket]

    def _load(self, file: Path) -> tuple[Index, Any]:
        """The bucket's index and its file, open; ({}, None) when there is none or it is damaged."""
        try:
            handle = open(file, "rb")
        except (FileNotFoundError, NotADirectoryError):  # no cache yet (an unusable folder is reported on save)
            return Index(), None
        except OSError as exc:
            self._warn(f"ignoring corrupt cache {file} ({type(exc).__name__}); rebuilding it")
            return Index(), None
        try:
            first = handle.readline()
            if first == self._header():
                return _indexed(handle), handle
            json.loads(first + handle.read())  # another layout (an earlier version's) or a damaged file
            self._warn(f"ignoring {file}: not a newslint cache of this version and config; rebuilding it")
        except (OSError, ValueError) as exc:
            self._warn(f"ignoring corrupt cache {file} ({type(exc).__name__}); rebuilding it")
        handle.close()
        return Index(), None

    def _warn(self, message: str) -> None:
        if not self.warned:
            self.warned = True
            _warn(message)

    def probe(self, path: str) -> tuple[str, bool]:
        """(content hash, whether the cache holds an entry for that content); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)  # a named pipe is refused, not opened: it would block
        except SourceError:
            return "", False  # not cached: linting it says what is wrong
        digest = _digest(data)
        # Another file of the same content in the bucket answers yes too; `get` then finds no
        # line naming this path and the file is linted: a duplicate costs time, never a finding.
        return digest, next(self._entries(path)[1].holding(digest), None) is not None

    def get(self, path: str) -> tuple[str, FileResult | None]:
        """(content hash, the cached result or None); an empty hash when the file cannot be read."""
        try:
            data = read_bytes(path)
        except SourceError:
            return "", None
        digest = _digest(data)
        try:
            stored = self._stored(path, digest)
            if stored is None:
                return digest, None
            result = decode_result(json.loads(stored))
            # The text as read is not stored: the bytes just hashed are the same file, for the reports that show it.
            # The caller's path string rather than the entry's equal copy: a folder run keeps one a file.
            return digest, dataclasses.replace(result, path=path if result.path == path else result.path,
                                               source=decode(data, path).text)
        except (OSError, KeyError, TypeError, ValueError, IndexError, AttributeError, SourceError):
            return digest, None  # a damaged entry (or a bucket replaced since) is linted again and replaced

    def _stored(self, path: str, digest: str) -> bytes | None:
        """The stored result of the path for that content: the entry of that hash whose line's
        head names the path (as this module writes it), the newest first."""
        bucket, entries = self._entries(path)
        head = _line(path, digest, b"")[:-1]
        for where, length in entries.holding(digest):
            line = self._bytes(bucket, where, length)
            if line.startswith(head) and line.endswith(b"}"):
                return line[len(head):-1]
        return None

    def put(self, path: str, digest: str, result: FileResult) -> None:
        if not digest or result.errors or any(w.startswith("newslint:") for w in result.warnings):
            return
        try:
            data = json.dumps(encode_result(result), separators=(",", ":")).encode("ascii")  # names that are not UTF-8 stay escaped
        except TypeError:
            return  # a value JSON cannot hold faithfully: not cached
        line = _line(path, digest, data)
        new = self._new_results(len(line))
        offset = new.seek(0, 2)
        new.write(line)
        bucket, entries = self._entries(path)
        entries.add(digest, ~offset, len(line))
        self.dirty.add(bucket)

    def _new_results(self, adding: int) -> Any:
        """The file of this run's new results: in memory for a few files, unless they grow large
        (one very long article's findings), then, like a folder run's, a temporary file."""
        if self._new is None:
            self._new = io.BytesIO() if self.few and adding <= NEW_IN_MEMORY else _temporary()
        elif type(self._new) is io.BytesIO and self._new.seek(0, 2) + adding > NEW_IN_MEMORY:
            spilled = _temporary()
            spilled.write(self._new.getbuffer())
            self._new = spilled  # the same bytes at the same offsets
        return self._new

    def save(self) -> None:
        """Write the changed buckets, less the entries of files that no longer exist: one entry a
        line after a header line, still one JSON object."""
        try:
            if self.dirty:
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / ".gitignore").write_text("# created by newslint\n*\n")
                (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# newslint cache\n")
                _sweep(self.folder)
            for bucket in sorted(self.dirty):
                self._write(bucket)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.folder}: {exc.strerror or exc}")
        finally:
            self.dirty.clear()
            self.close()

    def _write(self, bucket: str) -> None:
        file = self.file(bucket)
        temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        lines = self._lines(bucket)
        try:
            with open(temporary, "wb") as out:
                out.write(self._header())
                out.write(b",\n".join(line for path, line in lines.items() if os.path.exists(path)))
                out.write(b"\n}}\n")
        except BaseException:  # a full disk, Ctrl-C: no half-written file stays in the folder
            _remove(temporary)
            raise
        handle = self.handles.pop(bucket, None)
        if handle is not None:
            handle.close()  # before the rename: Windows replaces no open file
        os.replace(temporary, file)

    def _lines(self, bucket: str) -> dict[str, bytes]:
        """path -> its entry's line, for every entry of the bucket: the newest for a path put again,
        in the order the paths were first stored. A bucket's lines at a time: kilobytes."""
        lines: dict[str, bytes] = {}
        for where, length in self.index[bucket].lines():
            try:
                line = self._bytes(bucket, where, length)
                path = _head_path(line)
            except (OSError, ValueError):
                continue  # the old bucket was replaced by another run: its entry is dropped
            lines[path] = line
        return lines

    def _bytes(self, bucket: str, where: int, length: int) -> bytes:
        if where < 0:
            handle, where = self._new, ~where
        else:
            handle = self._open(bucket)
        handle.seek(where)
        data = handle.read(length)
        if len(data) != length:
            raise ValueError("cut short")
        return data

    def _open(self, bucket: str) -> Any:
        """The bucket's file as indexed; one closed to stay under OPEN_BUCKETS is opened again, and
        refused (OSError) if another run has replaced it since."""
        handle = self.handles.pop(bucket, None)
        if handle is None:
            handle = open(self.file(bucket), "rb")
            if _stamp(handle) != self.stamps.get(bucket):
                handle.close()
                raise OSError(f"{self.file(bucket)} changed since it was read")
        self._keep(bucket, handle)
        return handle

    def _keep(self, bucket: str, handle: Any) -> None:
        self.handles[bucket] = handle  # last: the most recently read
        while len(self.handles) > OPEN_BUCKETS:
            self.handles.pop(next(iter(self.handles))).close()

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles.clear()
        if self._new is not None:
            self._new.close()
            self._new = None


def _sweep(folder: Path) -> None:
    """Remove the temporary buckets of runs killed while they wrote them (SIGKILL, a power cut):
    named `.<bucket file>.<pid>.tmp`, each is stale once its process is gone."""
    if os.name != "posix":
        return
    for stale in folder.glob(".lint-*.tmp"):
        pid = stale.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _running(int(pid)):
            _remove(stale)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: it exists
    return True


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _temporary() -> Any:
    import tempfile  # here: a pre-commit run (a few files, held in memory) never imports it (2 ms)

    return tempfile.TemporaryFile(prefix="newslint-cache-")


def _stamp(handle: Any) -> tuple[int, int, int]:
    status = os.fstat(handle.fileno())
    return status.st_ino, status.st_size, status.st_mtime_ns


def _line(path: str, digest: Any, result: bytes) -> bytes:
    return f'{json.dumps(path)}:{{"hash":{json.dumps(digest)},"result":'.encode("ascii") + result + b"}"


def _indexed(handle: Any) -> Index:
    """The hash, offset and length (less the separator) of each entry line after the header;
    ValueError when a line is not one this module writes (a damaged file)."""
    decoder, entries = json.JSONDecoder(), Index()
    offset = handle.tell()
    for raw in iter(handle.readline, b""):
        # Only the line's head (path and hash) is decoded: the result, most of the line, is read when
        # used. `,"result":` cannot occur inside the JSON-escaped path, whose quotes are escaped.
        cut = raw.find(b',"result":')
        if cut < 0:
            if raw.rstrip(b"\n") not in (b"", b"}}"):
                raise ValueError("not a cache entry")
            offset += len(raw)
            continue
        end_of_line = len(raw) - raw.endswith(b"\n")
        end_of_line -= raw.startswith(b",", end_of_line - 1)
        head = raw[:cut].decode("ascii")
        path, end = decoder.raw_decode(head)
        if not head.startswith(':{"hash":', end) or not raw.startswith(b"}", end_of_line - 1):
            raise ValueError("not a cache entry")
        digest, end = decoder.raw_decode(head, end + 9)
        if end != len(head) or not isinstance(path, str) or not isinstance(digest, str) or len(digest) != 32:
            raise ValueError("not a cache entry")
        entries.add(digest, offset, end_of_line)
        offset += len(raw)
    return entries


def _head_path(line: bytes) -> str:
    """The path an entry's line (as _indexed checked it, or put wrote it) is stored for."""
    cut = line.find(b',"result":')
    path = json.JSONDecoder().raw_decode(line[:cut].decode("ascii"))[0] if cut > 0 else None
    if not isinstance(path, str):
        raise ValueError("not a cache entry")
    return path


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def lint_cached(paths: Sequence[str], config: Config, jobs: int | None, folder: Path,
                progress=lambda items, total: items) -> Iterator[FileResult]:
    """lint_paths, with unchanged files taken from the cache; results in the order given, one at a time.

    The files are hashed first, to send only the changed ones to the workers; a cached result is
    read when its turn comes, so the run holds no result the reporter has not asked for yet."""
    cache = LintCache(folder, config_fingerprint(config), few=not on_disk(len(paths)))
    # For each path: None when the cache holds its content (read again when its turn comes), else
    # its hash to store the new result under ("" when it cannot be read): one pointer a cached file.
    hashes = [_unless_cached(cache, p) for p in paths]
    missing = [p for p, digest in zip(paths, hashes) if digest is not None]
    fresh: Iterator[FileResult] = iter(progress(lint_paths(missing, config, jobs), len(missing)))
    try:
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
    finally:
        # A run cut short (Ctrl-C, a closed pipe, an error) still stores the results it finished, so
        # the next run over a large folder starts where this one stopped; each bucket is replaced whole.
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
