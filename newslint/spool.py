"""A folder run's results held on disk until the report is written, read back in run or path order.

The report can only be written once every file is linted (the cross-file rules report last, and
a report's summary comes after its findings), so a run used to hold every file's findings,
figures and text until the end: memory grew with the number of files. A `Spool` pickles each
result to one temporary file as it arrives and keeps in memory only what a later stage needs:
its path and place in the file, whether it could be read, the cross-file rules' per-line rows,
and the notes to print. `Results` reads it back for the reporters, one file at a time, with
the cross-file findings added and the --min-severity floor applied.

A short run keeps its results in a list: a temporary file would cost more than it saves.
"""
from __future__ import annotations

import dataclasses
import pickle
from collections import defaultdict
from typing import Any, Callable, Iterator

from .model import Finding, Severity
from .runner import FileResult

ON_DISK_FROM = 200  # files: a run of fewer keeps its results in memory


def on_disk(files: int) -> bool:
    return files >= ON_DISK_FROM


class Spool:
    """Each result as it arrives, its cross-file data and source set apart, the rest on disk."""

    def __init__(self, keep_source: bool, on_disk: bool):
        self.keep_source, self.on_disk = keep_source, on_disk
        self.gathered: dict[str, list[tuple[str, Any]]] = defaultdict(list)  # rule id -> [(path, value)]
        self.notes: list[str] = []  # every file's errors and warnings, each distinct line once
        self._seen_notes: set[str] = set()
        self._index: list[tuple[str, int, int]] = []  # path, offset, length (or position in _kept)
        self._unread = 0
        self._kept: list[FileResult] | None = None if on_disk else []
        self._file = _temporary() if on_disk else None

    def add(self, result: FileResult) -> None:
        for line in result.errors + result.warnings:
            if line not in self._seen_notes:  # a run-wide note (no grammar server) once, not once per file
                self._seen_notes.add(line)
                self.notes.append(line)
        for rule_id, value in result.collected.items():
            self.gathered[rule_id].append((result.path, value))
        self._unread += bool(result.errors)
        result = dataclasses.replace(result, collected={}, source=result.source if self.keep_source else "")
        if self._kept is not None:
            self._index.append((result.path, len(self._kept), 0))
            self._kept.append(result)
            return
        data = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        self._index.append((result.path, self._file.tell(), len(data)))
        self._file.write(data)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def unread(self) -> int:
        """How many files could not be linted."""
        return self._unread

    def read(self, number: int) -> FileResult:
        _, offset, length = self._index[number]
        if self._kept is not None:
            return self._kept[offset]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def in_path_order(self) -> list[list[int]]:
        """The results' numbers sorted by path, those of one path together (a path is linted once,
        but a caller may pass the same path twice)."""
        groups: list[list[int]] = []
        last = None
        for number in sorted(range(len(self._index)), key=lambda n: self._index[n][0]):
            path = self._index[number][0]
            if path == last:
                groups[-1].append(number)
            else:
                groups.append([number])
                last = path
        return groups

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _temporary():
    import tempfile  # here: a run of a few files never needs it

    return tempfile.TemporaryFile(prefix="newslint-results-")


class Results:
    """The run's results as the reporters read them, never all at once: in run order (`iter`), or
    in the order the findings are reported (`by_path`: sorted by path, each file's findings sorted),
    with the cross-file findings added and the findings under `floor` left out."""

    def __init__(self, spool: Spool, extra: dict[str, list[Finding]], floor: Severity | None = None):
        self.spool, self.extra, self.floor = spool, extra, floor

    def __len__(self) -> int:
        return len(self.spool)

    @property
    def readable(self) -> int:
        return len(self.spool) - self.spool.unread

    def __iter__(self) -> Iterator[FileResult]:
        for number in range(len(self.spool)):
            yield self._final(self.spool.read(number))

    def by_path(self) -> Iterator[FileResult]:
        for group in self.spool.in_path_order():
            results = [self._final(self.spool.read(n)) for n in group]
            if len(results) == 1:
                yield results[0]
                continue
            source = next((r.source for r in reversed(results) if r.source), "")
            findings = tuple(sorted(f for r in results for f in r.findings))
            yield dataclasses.replace(results[-1], findings=findings, source=source)

    def _final(self, result: FileResult) -> FileResult:
        findings = result.findings
        added = self.extra.get(result.path)
        if added:
            findings = tuple(sorted(findings + tuple(added)))
        if self.floor is not None:
            findings = tuple(f for f in findings if f.severity >= self.floor)
        if findings is not result.findings:
            result = dataclasses.replace(result, findings=findings)
        return result

    def rewritten(self, edit: Callable[[FileResult], FileResult]) -> Results:
        """The results, each changed by `edit` in run order (the baseline's absorb step, whose
        counts are used up in that order), in a spool of their own."""
        spool = Spool(self.spool.keep_source, self.spool.on_disk)
        for result in self:
            spool.add(edit(result))
        self.spool.close()
        return Results(spool, {})
