"""Output part files, written so that a killed job never leaves one that looks complete.

A part is written under a temporary name in its own folder (unique per attempt, so two attempts
at one task never share a file) and renamed into place when closed: a rename within a folder is
atomic, so `part-00007.parquet` either is complete or is not there. Rows are written in batches,
so a part never has to fit in memory.
"""
from __future__ import annotations

import json
import os
import uuid
from typing import Any

from .rows import DOCUMENT_COLUMNS, FINDING_COLUMNS

FORMATS = ("parquet", "jsonl")
FOLDERS = ("findings", "documents")
_BATCH = 2048


def part_name(index: int, output_format: str) -> str:
    return f"part-{index:05d}.{output_format}"


def part_path(output: str, folder: str, index: int, output_format: str) -> str:
    return os.path.join(output, folder, part_name(index, output_format))


def _schema(folder: str):
    import pyarrow as pa

    text = pa.string()
    if folder == "findings":
        return pa.schema([("id", text), ("url", text), ("rule", text), ("category", text), ("severity", text),
                          ("line", pa.int32()), ("column", pa.int32()), ("end_line", pa.int32()),
                          ("end_column", pa.int32()), ("message", text), ("replacements", pa.list_(text))])
    return pa.schema([("id", text), ("url", text), ("shard", text), ("record", pa.int64()), ("words", pa.int64()),
                      ("score", pa.float64()), ("verdict", pa.bool_()), ("error", text)])


class PartWriter:
    """Rows in, one complete part file out on close(); abort() leaves nothing behind."""

    def __init__(self, path: str, folder: str, output_format: str):
        self.path, self.folder, self.format = path, folder, output_format
        self.columns = FINDING_COLUMNS if folder == "findings" else DOCUMENT_COLUMNS
        self.temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{uuid.uuid4().hex}.tmp")
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self._writer: Any = None
        if output_format == "jsonl":
            self._writer = open(self.temporary, "w", encoding="utf-8")
        else:
            import pyarrow.parquet as pq

            self._writer = pq.ParquetWriter(self.temporary, _schema(folder), compression="zstd")

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.format == "jsonl":
            self._writer.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in self.rows)
        elif self.rows:
            import pyarrow as pa

            self._writer.write_table(pa.Table.from_pylist(self.rows, schema=_schema(self.folder)))
        self.rows = []

    def close(self) -> None:
        self._flush()
        if self.format == "jsonl":
            self._writer.flush()
            os.fsync(self._writer.fileno())
        self._writer.close()
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            if os.path.exists(self.temporary):
                os.remove(self.temporary)


def remove_leftovers(output: str) -> None:
    """Delete the temporary files of attempts that died (their tasks were retried and completed)."""
    for folder in FOLDERS:
        base = os.path.join(output, folder)
        for name in os.listdir(base):
            if name.startswith(".part-") and name.endswith(".tmp"):
                os.remove(os.path.join(base, name))


def read_rows(path: str) -> list[dict[str, Any]]:
    """A part's rows (for tests and small outputs)."""
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as stream:
            return [json.loads(line) for line in stream]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def count_rows(path: str) -> int:
    if path.endswith(".jsonl"):
        with open(path, "rb") as stream:
            return sum(1 for _ in stream)
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def read_output(output: str, folder: str) -> list[dict[str, Any]]:
    """Every row of one output folder, parts in order."""
    base = os.path.join(output, folder)
    names = sorted(n for n in os.listdir(base) if n.startswith("part-"))
    return [row for name in names for row in read_rows(os.path.join(base, name))]
