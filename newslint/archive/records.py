"""Reading archive shards: JSONL (plain or .gz), Parquet and WARC, one record at a time.

A shard is read as a stream of `Record`s, each a document to lint or a bad record that says
what is wrong with it (its shard and record number included), so that one broken record never
stops the job. Records are numbered from 1 within their shard: the line of a JSONL file, the
row of a Parquet file, the record of a WARC file. pyarrow and warcio are imported only when a
shard of their kind is read.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from dataclasses import dataclass
from typing import Any, Iterator

PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")
_BATCH_ROWS = 512  # Parquet rows read at a time: memory stays flat however big the row group
_CHUNK = 1 << 20  # bytes read at a time when cutting a JSONL file into parts


class ShardError(Exception):
    """A shard that cannot be read on (missing column, corrupt compression); the message names it."""


@dataclass(frozen=True)
class Fields:
    """Which record fields hold what; `title` (off by default) is put above the text like a headline."""

    id: str = "id"
    url: str = "url"
    text: str = "text"
    title: str | None = None
    markup: str = "text"  # text | markdown | html, for JSONL and Parquet (WARC responses are HTML)


@dataclass(frozen=True)
class Record:
    shard: str
    number: int
    id: str
    url: str | None
    text: str | None  # None for a bad record
    markup: str = "text"
    error: str | None = None


def shard_kind(path: str) -> str:
    """'jsonl', 'parquet' or 'warc' from the file name; ValueError for anything else."""
    name = path.lower()
    for kind, suffixes in (("warc", WARC_SUFFIXES), ("parquet", PARQUET_SUFFIXES), ("jsonl", JSONL_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    raise ValueError(f"{path}: not an archive shard (expected {', '.join(JSONL_SUFFIXES + PARQUET_SUFFIXES + WARC_SUFFIXES)})")


def bad(shard: str, number: int, ident: str, url: str | None, problem: str) -> Record:
    return Record(shard, number, ident, url, None, error=f"{shard}: record {number}: {problem}")


def from_mapping(data: Any, shard: str, number: int, fields: Fields) -> Record:
    """A record from a decoded JSON object or Parquet row: type errors become bad records."""
    fallback = f"{os.path.basename(shard)}#{number}"
    if not isinstance(data, dict):
        return bad(shard, number, fallback, None, f"expected an object, found {type(data).__name__}")
    ident, url = (_label(data.get(name)) for name in (fields.id, fields.url))
    if ident is None:
        ident = fallback
    elif not isinstance(ident, (str, int)) or isinstance(ident, bool):
        return bad(shard, number, fallback, None, f"field {fields.id!r} must be a string or an integer")
    if url is not None and not isinstance(url, str):
        return bad(shard, number, str(ident), None, f"field {fields.url!r} must be a string")
    text, problem = _field_text(data, fields.text)
    if problem:
        return bad(shard, number, str(ident), url, problem)
    if fields.title:
        title, problem = _field_text(data, fields.title)
        if problem:
            return bad(shard, number, str(ident), url, problem)
        text = f"{title}\n\n{text}" if title.strip() else text
    return Record(shard, number, str(ident), url, text, fields.markup)


def _label(value: Any) -> Any:
    """An id or URL stored as bytes, as text (a bad byte in a label is not worth losing the record)."""
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


def _field_text(data: dict, name: str) -> tuple[str, str]:
    """(text, "") or ("", what is wrong with the field)."""
    value = data.get(name)
    if value is None:
        return "", f"no text in field {name!r}"
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8"), ""
        except UnicodeDecodeError as exc:
            return "", f"field {name!r} is not valid UTF-8 (byte {exc.start})"
    if not isinstance(value, str):
        return "", f"field {name!r} must be a string, found {type(value).__name__}"
    if "\x00" in value:
        return "", f"field {name!r} holds binary content (NUL characters)"
    return value, ""


def read_shard(path: str, fields: Fields, start: int = 0, stop: int | None = None, first: int = 1) -> Iterator[Record]:
    """The records of one shard, or of a part of it: Parquet row groups start..stop, or the lines
    of a plain JSONL file that begin in bytes start..stop, the first of them record `first`."""
    kind = shard_kind(path)
    if kind == "parquet":
        yield from _parquet(path, fields, start, stop)
    elif kind == "warc":
        from .warc import read_warc

        yield from read_warc(path)
    else:
        yield from _jsonl(path, fields, start, stop, first)


def _jsonl(path: str, fields: Fields, start: int, stop: int | None, first: int) -> Iterator[Record]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    number, position = first - 1, start
    try:
        with opener(path, "rb") as stream:
            stream.seek(start)
            for raw in iter(stream.readline, b""):
                if stop is not None and position >= stop:
                    break
                position += len(raw)
                number += 1
                if raw.strip():
                    yield _json_line(raw, path, number, fields)
    except (OSError, EOFError, zlib.error) as exc:
        raise ShardError(f"{path}: cannot read past record {number}: {exc}") from None


def jsonl_splits(path: str, part_bytes: int) -> list[tuple[int, int, int]]:
    """(start, stop, first record) of parts of about part_bytes of a plain JSONL file, cut after
    a line break; one pass over the file counts the lines so that record numbers stay exact."""
    splits: list[tuple[int, int, int]] = []
    start, first, lines, offset, target = 0, 1, 0, 0, part_bytes
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            while target < offset + len(chunk):
                cut = chunk.find(b"\n", max(target - offset, 0))
                if cut < 0:
                    break  # the line goes on into the next chunk
                end = offset + cut + 1
                splits.append((start, end, first))
                start, first, target = end, lines + chunk.count(b"\n", 0, cut + 1) + 1, end + part_bytes
            lines += chunk.count(b"\n")
            offset += len(chunk)
    if start < offset:
        splits.append((start, offset, first))
    return splits


def _json_line(raw: bytes, path: str, number: int, fields: Fields) -> Record:
    fallback = f"{os.path.basename(path)}#{number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return bad(path, number, fallback, None, f"not valid UTF-8 (byte {exc.start})")
    try:
        data = json.loads(line)
    except ValueError as exc:
        return bad(path, number, fallback, None, f"not valid JSON ({exc.msg}, column {exc.colno})")
    return from_mapping(data, path, number, fields)


def parquet_row_groups(path: str) -> list[int]:
    """Rows per row group of a Parquet shard (from its footer: no data is read)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def _parquet(path: str, fields: Fields, start: int, stop: int | None) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid/OSError for a corrupt footer
        raise ShardError(f"{path}: cannot read as Parquet: {exc}") from None
    names = shard.schema_arrow.names
    if fields.text not in names:
        raise ShardError(f"{path}: no column {fields.text!r} (columns: {', '.join(names)})")
    wanted = [n for n in (fields.id, fields.url, fields.text, fields.title) if n and n in names]
    groups = list(range(start, shard.num_row_groups if stop is None else stop))
    number = sum(shard.metadata.row_group(i).num_rows for i in range(start))
    batches = shard.iter_batches(batch_size=_BATCH_ROWS, row_groups=groups, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
        except (OSError, pa.ArrowException) as exc:  # a damaged page: what came before it stands
            raise ShardError(f"{path}: cannot read past record {number}: {exc}") from None
        if batch is None:
            return
        for row in _as_bytes(batch, pa).to_pylist():
            number += 1
            yield from_mapping(row, path, number, fields)


def _as_bytes(batch, pa):
    """The batch with its string columns as bytes: pyarrow does not check that stored strings are
    UTF-8, and one bad value would otherwise fail the whole batch instead of its own record."""
    def raw(column):
        if pa.types.is_large_string(column.type):
            return column.cast(pa.large_binary())
        return column.cast(pa.binary()) if pa.types.is_string(column.type) else column

    return pa.RecordBatch.from_arrays([raw(c) for c in batch.columns], names=batch.schema.names)
