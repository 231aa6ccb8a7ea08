"""The archive job on Dask distributed: scan for repeated lines, count them, lint and write parts.

Three passes over the tasks (a task is a shard or a run of Parquet row groups). The first two
only split documents into lines, so that cross-file-boilerplate sees the whole archive (a line is
found in one pass and reported in the next) while each task sends back a small table; the third
lints every document once and writes its findings and documents parts. Each task is retried if
it fails or its worker dies; a part that exists is complete (see parts.py), so a rerun skips the
tasks that already wrote theirs. The config reaches each worker once, as one shared dependency.
"""
from __future__ import annotations

import dataclasses
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..config import Config
from . import parts, rows
from .plan import Task
from .records import Fields, Record, ShardError, read_shard

RETRIES = 3
_SHOWN_ERRORS = 10  # bad records named per task; all are in the documents parts


@dataclass
class Totals:
    documents: int = 0
    bad: int = 0
    findings: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Totals) -> None:
        self.documents += other.documents
        self.bad += other.bad
        self.findings += other.findings
        self.bytes += other.bytes
        self.errors += other.errors


def records(task: Task, fields: Fields) -> Iterable[Record]:
    """A task's records; a shard that breaks off ends with one bad record saying where."""
    number = 0
    try:
        for record in read_shard(task.shard, fields, task.start, task.stop, task.first):
            number = record.number
            yield record
    except ShardError as exc:
        yield Record(task.shard, number + 1, f"{os.path.basename(task.shard)}#{number + 1}", None, None,
                     error=str(exc))


def scan_task(task: Task, config: Config, fields: Fields) -> tuple[int, Counter]:
    return rows.scan(records(task, fields), config)


def count_task(task: Task, config: Config, fields: Fields, candidates: frozenset) -> Counter:
    return rows.count(records(task, fields), config, candidates)


def lint_task(task: Task, config: Config, fields: Fields, lines: rows.Repeated, output: str, fmt: str) -> Totals:
    """Lint one task's documents into its two parts (documents last: its presence marks the task done)."""
    writers = [parts.PartWriter(parts.part_path(output, folder, task.index, fmt), folder, fmt)
               for folder in parts.FOLDERS]
    totals = Totals(bytes=task.size)
    try:
        for record in records(task, fields):
            document, found, record = _lint_one(record, config, lines)
            writers[1].write(document)
            for row in found:
                writers[0].write(row)
            totals.documents += 1
            totals.findings += len(found)
            if record.error:
                totals.bad += 1
                if len(totals.errors) < _SHOWN_ERRORS:
                    totals.errors.append(record.error)
        for writer in writers:
            writer.close()
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    return totals


def _lint_one(record: Record, config: Config, lines: rows.Repeated | None) -> tuple[dict, list[dict], Record]:
    """One record's rows; a document no rule can get through becomes a bad record, not a failed job."""
    try:
        document, found = rows.lint_record(record, config, lines)
        return document, found, record
    except Exception as exc:  # a defect to report, but one article must not stop ten million
        error = f"{record.shard}: record {record.number}: could not be linted ({type(exc).__name__}: {exc})"
        failed = dataclasses.replace(record, text=None, error=error)
        return rows.document_row(failed, {}, error), [], failed


def done_totals(task: Task, output: str, fmt: str) -> Totals | None:
    """The totals of a task whose parts an earlier run wrote; None when it must run."""
    documents = parts.part_path(output, "documents", task.index, fmt)
    findings = parts.part_path(output, "findings", task.index, fmt)
    if not (os.path.exists(documents) and os.path.exists(findings)):
        return None
    written = parts.read_rows(documents)
    bad = [r["error"] for r in written if r["error"]]
    return Totals(len(written), len(bad), parts.count_rows(findings), task.size, bad[:_SHOWN_ERRORS])


def start_client(scheduler: str | None, workers: int | None):
    """A client of the cluster at `scheduler`, or of a new LocalCluster: one process per core."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    count = workers or os.cpu_count() or 1
    # The job reports its own failures (newslint/archive/command.py); what the cluster logs below
    # CRITICAL is dask's to recover from (a worker's missed heartbeat on a loaded machine is retried)
    # and would only be noise on the user's terminal.
    cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.CRITICAL)
    return Client(cluster)


def _shared(client, value: Any):
    """A value every task may depend on: fetched once per worker, recomputed if its holder dies."""
    return client.submit(_identity, value, pure=False)


def _identity(value: Any) -> Any:
    return value


def gather(client, function: Callable, tasks: list[Task], *args, on_result: Callable | None = None) -> list:
    """Run function(task, *args) for every task, retried on failure; results in task order."""
    from dask.distributed import as_completed

    futures = client.map(function, tasks, *[[a] * len(tasks) for a in args], retries=RETRIES, pure=False)
    order = {f.key: i for i, f in enumerate(futures)}
    results: list = [None] * len(tasks)
    for future, result in as_completed(futures, with_results=True):
        results[order[future.key]] = result
        if on_result is not None:
            on_result(tasks[order[future.key]], result)
    return results


def repeated_lines(client, tasks: list[Task], config_future, config: Config, fields: Fields,
                   progress: Callable | None = None) -> rows.Repeated:
    """Passes one and two: the lines found in enough of the archive's documents."""
    if rows.cross_file_rule(config) is None:
        return rows.Repeated()
    scanned = gather(client, scan_task, tasks, config_future, fields, on_result=progress)
    total = sum(good for good, _ in scanned)
    candidates = frozenset(key for _, found in scanned for key in found)
    if not candidates:
        return rows.Repeated(total=total)
    counted = gather(client, count_task, tasks, config_future, fields, _shared(client, candidates))
    return rows.repeated(config, sum(counted, Counter()), total)
