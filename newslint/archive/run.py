"""Running the whole archive job from the driver: plan, resume, the three passes, progress."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from ..config import Config
from ..fingerprint import config_fingerprint
from ..progress import bar
from . import job, parts
from .plan import PART_BYTES, PlanError, claim_output, make_tasks, manifest, shards
from .records import Fields


@dataclass(frozen=True)
class JobOptions:
    output: str
    fields: Fields = Fields()
    output_format: str = "parquet"
    scheduler: str | None = None
    workers: int | None = None
    groups_per_task: int = 4  # Parquet row groups per task
    part_bytes: int = PART_BYTES  # bytes of a plain JSONL file per task


def run_job(inputs: list[str], config: Config, options: JobOptions, client=None) -> job.Totals:
    """Lint the archive into options.output; PlanError for unusable inputs or output."""
    options = dataclasses.replace(options, output=os.path.abspath(options.output))  # for workers elsewhere
    tasks = make_tasks(shards(inputs), options.groups_per_task, options.part_bytes)
    if not tasks:
        raise PlanError(f"no shards in {', '.join(inputs)} (*.jsonl, *.jsonl.gz, *.parquet, *.warc, *.warc.gz)")
    claim_output(options.output, manifest(tasks, options.fields, options.output_format, config_fingerprint(config)))
    totals = job.Totals()
    pending = []
    for task in tasks:
        done = job.done_totals(task, options.output, options.output_format)
        if done is None:
            pending.append(task)
        else:
            totals.add(done)
    if not pending:
        return totals
    own = client is None
    client = client or job.start_client(options.scheduler, options.workers)
    try:
        _run(client, tasks, pending, config, options, totals)
        parts.remove_leftovers(options.output)
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    return totals


def _run(client, tasks, pending, config: Config, options: JobOptions, totals: job.Totals) -> None:
    config_future = client.submit(job._identity, config, pure=False)
    size = sum(t.size for t in tasks)
    with _Estimate(size, "finding repeated lines") as scanning:
        lines = job.repeated_lines(client, tasks, config_future, config, options.fields,
                                   progress=lambda task, result: scanning.advance(task.size, result[0]))
    with _Estimate(sum(t.size for t in pending), "linting") as linting:
        job.gather(client, job.lint_task, pending, config_future, options.fields, client.submit(job._identity, lines),
                   options.output, options.output_format,
                   on_result=lambda task, result: (totals.add(result), linting.advance(task.size, result.documents)))


class _Estimate:
    """A documents bar whose total, when not known, is estimated from the bytes read so far."""

    def __init__(self, size: int, description: str):
        self.size = size
        self.bytes = self.documents = 0
        self.bar = bar(None, description)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.bar.close()

    def advance(self, size: int, documents: int) -> None:
        self.bytes += size
        self.documents += documents
        if self.bytes:
            self.bar.total = max(self.documents, round(self.documents * self.size / self.bytes))
        self.bar.update(documents)
        self.bar.refresh()  # a task is coarse (seconds to minutes): show each one, however soon after the last
