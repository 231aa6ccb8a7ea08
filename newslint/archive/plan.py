"""The job's plan: the shards of the inputs, cut into tasks, and the manifest that makes reruns resume.

A task is a shard, or a part of one, so one big shard still spreads over the workers: a run of
Parquet row groups (read from the footer) or about PART_BYTES of a plain JSONL file. The manifest records the inputs (path, size, modification time),
the fields, the output format and the config fingerprint: a rerun with the same manifest resumes
from the parts already written; a different job writing into the same folder is refused.
"""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass

from .records import Fields, jsonl_splits, parquet_row_groups, shard_kind

MANIFEST = "_newslint_job.json"
PART_BYTES = 64_000_000  # plain JSONL files larger than this are cut into tasks of about this size


class PlanError(Exception):
    """The inputs or the output folder cannot be used; the message says why."""


@dataclass(frozen=True)
class Task:
    index: int
    shard: str
    start: int = 0  # Parquet row groups start..stop; bytes of a plain JSONL file; else the whole shard
    stop: int | None = None
    size: int = 0  # bytes of input (for the progress estimate and MB/s)
    first: int = 1  # the number of the task's first record (a part of a JSONL file)


def shards(inputs: list[str]) -> list[str]:
    """The shard files named or found (recursively, sorted) in the folders named, as absolute
    paths: a worker on another machine has another current folder."""
    found: list[str] = []
    for given in inputs:
        if os.path.isdir(given):
            for folder, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(folder, n) for n in sorted(files) if _is_shard(n)]
        elif os.path.isfile(given):
            shard_kind(given)  # ValueError names the file
            found.append(given)
        else:
            raise PlanError(f"{given}: no such file or folder")
    return [os.path.abspath(p) for p in found]


def _is_shard(name: str) -> bool:
    try:
        shard_kind(name)
    except ValueError:
        return False
    return not name.startswith(".")


def make_tasks(paths: list[str], groups_per_task: int, part_bytes: int = PART_BYTES) -> list[Task]:
    tasks: list[Task] = []
    for path in paths:
        size = os.path.getsize(path)
        kind = shard_kind(path)
        if kind == "jsonl" and size > part_bytes and not path.lower().endswith(".gz"):
            tasks += [Task(len(tasks) + n, path, start, stop, stop - start, first)
                      for n, (start, stop, first) in enumerate(jsonl_splits(path, part_bytes))]
            continue
        if kind != "parquet":  # a gzip stream cannot be entered in the middle: one task
            tasks.append(Task(len(tasks), path, size=size))
            continue
        try:
            groups = parquet_row_groups(path)
        except Exception:  # unreadable footer: one task, whose reader reports the shard's error
            groups = [0]
        for start in range(0, max(len(groups), 1), groups_per_task):
            stop = min(start + groups_per_task, len(groups))
            share = size * (stop - start) // max(len(groups), 1)
            tasks.append(Task(len(tasks), path, start, stop, share))
    return tasks


def manifest(tasks: list[Task], fields: Fields, output_format: str, fingerprint: str) -> dict:
    inputs = sorted({t.shard for t in tasks})
    return {"inputs": [[p, os.path.getsize(p), os.stat(p).st_mtime_ns] for p in inputs],
            "tasks": [[t.shard, t.start, t.stop, t.first] for t in tasks], "fields": dataclasses.asdict(fields),
            "output_format": output_format, "config": fingerprint}


def claim_output(output: str, wanted: dict) -> bool:
    """Create the output folders and record the manifest; True when this resumes an earlier run."""
    path = os.path.join(output, MANIFEST)
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as stream:
                found = json.load(stream)
        except (OSError, ValueError) as exc:
            raise PlanError(f"{path}: unreadable job manifest ({exc}); remove it or choose another --output") from None
        if found != wanted:
            what = next(k for k in wanted if found.get(k) != wanted[k])
            raise PlanError(f"{output}: holds the output of a different job (its {what} differ); "
                            "choose another --output or remove the folder")
        return True
    if os.path.isdir(output) and any(not n.startswith(".") for n in os.listdir(output)):
        raise PlanError(f"{output}: not empty and not a newslint archive output; choose another --output")
    for folder in ("findings", "documents"):
        os.makedirs(os.path.join(output, folder), exist_ok=True)
    temporary = f"{path}.tmp"
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(wanted, stream, indent=1)
    os.replace(temporary, path)
    return False
