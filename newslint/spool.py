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
from array import array
from collections.abc import Sequence
from typing import Any, Callable, Iterator

from .model import Finding, Severity
from .runner import FileResult

ON_DISK_FROM = 200  # files: a run of fewer keeps its results in memory


def on_disk(files: int) -> bool:
    return files >= ON_DISK_FROM


class Spool:
    """Each result as it arrives, on disk (or, for a short run, in a list), its cross-file values
    and its text set apart: the values are read back for the cross-file step, the text dropped
    unless the report shows it."""

    def __init__(self, keep_source: bool, on_disk: bool):
        self.keep_source, self.on_disk = keep_source, on_disk
        self.gathered: dict[str, Gathered] = {}  # rule id -> every file's value, in run order
        self.notes: list[str] = []  # every file's errors and warnings, each distinct line once
        self._seen_notes: set[str] = set()
        self._paths: list[str] = []  # the discovered paths' own strings: no copy
        self._places = array("q")  # offset and length of each result in the file
        self._unread = 0
        self._file = _temporary() if on_disk else None
        self._kept: list[Any] | None = None if self._file is not None else []

    def add(self, result: FileResult) -> None:
        for line in result.errors + result.warnings:
            if line not in self._seen_notes:  # a run-wide note (no grammar server) once, not once per file
                self._seen_notes.add(line)
                self.notes.append(line)
        number = len(self._paths)
        for rule_id, value in result.collected.items():
            self.gathered.setdefault(rule_id, Gathered(self)).add(number, self._put(value))
        self._unread += bool(result.errors)
        self._paths.append(result.path)
        self._places.extend(self._put(dataclasses.replace(
            result, collected={}, source=result.source if self.keep_source else "")))

    def _put(self, value: Any) -> tuple[int, int]:
        if self._kept is not None:
            self._kept.append(value)
            return len(self._kept) - 1, 0
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, 2)  # the end: reading moves the position
        self._file.write(data)
        return offset, len(data)

    def _get(self, offset: int, length: int) -> Any:
        if self._kept is not None:
            return self._kept[offset]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def __len__(self) -> int:
        return len(self._paths)

    @property
    def unread(self) -> int:
        """How many files could not be linted."""
        return self._unread

    def path(self, number: int) -> str:
        return self._paths[number]

    def read(self, number: int) -> FileResult:
        return self._get(self._places[2 * number], self._places[2 * number + 1])

    def in_path_order(self) -> Iterator[list[int]]:
        """The results' numbers sorted by path, those of one path together (a path is linted once,
        but a caller may pass the same path twice). The order is held as one array, not a list a
        file: 10,000 one-number lists were a megabyte at report time."""
        order = self._path_order()
        group: list[int] = []
        for number in order:
            if group and self._paths[number] != self._paths[group[0]]:
                yield group
                group = []
            group.append(number)
        if group:
            yield group

    def _path_order(self) -> Sequence[int]:
        paths = self._paths
        if all(paths[n] <= paths[n + 1] for n in range(len(paths) - 1)):
            return range(len(paths))  # walked in path order already (one folder's files): no sort
        return array("q", sorted(range(len(paths)), key=paths.__getitem__))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class Gathered(Sequence):
    """One cross-file rule's values, [(path, value)] in run order, read from the spool as the
    rule's finish step walks them: the run keeps three numbers a file, not the values."""

    def __init__(self, spool: Spool):
        self._spool = spool
        self._places = array("q")  # file number, offset, length

    def add(self, number: int, place: tuple[int, int]) -> None:
        self._places.extend((number, *place))

    def __len__(self) -> int:
        return len(self._places) // 3

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        number, offset, length = self._places[3 * index:3 * index + 3]
        return self._spool.path(number), self._spool._get(offset, length)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return (self[i] for i in range(len(self)))


def _temporary():
    """A temporary file, removed when closed (or when the process ends); None when none can be made
    (no writable temporary folder): the run then keeps its results in memory, as a short run does."""
    import tempfile  # here: a run of a few files never needs it

    try:
        return tempfile.TemporaryFile(prefix="newslint-results-")
    except OSError:
        return None


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
