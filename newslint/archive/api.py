"""The archive API for your own pipelines: a Dask bag of records, or a dataframe partition.

Records are mappings with the fields named by `Fields` (id, url, text; title optional). Rows are
those of `newslint archive`'s parts. lint_bag finds the archive's repeated lines in two lazy
passes (cross-file-boilerplate) before it lints; lint_partition sees only its own partition
unless given the `repeated` table of a whole run.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping

from ..config import Config
from . import rows
from .records import Fields, Record, from_mapping

_SOURCE = "<records>"
DEFAULT_FIELDS = Fields()


def _records(items: Iterable[Mapping[str, Any]], fields: Fields, shard: str = _SOURCE) -> Iterator[Record]:
    for number, item in enumerate(items, 1):
        yield from_mapping(item, shard, number, fields)


def lint_records(items: Iterable[Mapping[str, Any]], config: Config, fields: Fields = DEFAULT_FIELDS,
                 repeated: rows.Repeated = rows.NOTHING_REPEATED) -> Iterator[tuple[dict, list[dict]]]:
    """(document row, finding rows) per record, in order; bad records get an error and no findings."""
    for record in _records(items, fields):
        yield rows.lint_record(record, config, repeated)


def _scan_partition(items, config: Config, fields: Fields) -> list:
    return [rows.scan(_records(items, fields), config)]


def _merge_scans(partitions: list) -> tuple[int, frozenset]:
    scans = [scan for partition in partitions for scan in partition]
    return sum(good for good, _ in scans), frozenset(key for _, found in scans for key in found)


def _count_partition(items, config: Config, fields: Fields, scanned: tuple[int, frozenset]) -> list:
    return [rows.count(_records(items, fields), config, scanned[1])]


def _repeated(partitions: list, config: Config, scanned: tuple[int, frozenset]) -> rows.Repeated:
    return rows.repeated(config, sum((c for partition in partitions for c in partition), Counter()), scanned[0])


def _lint_partition(items, config: Config, fields: Fields, repeated: rows.Repeated) -> list:
    return [{"document": document, "findings": found} for document, found in lint_records(items, config, fields, repeated)]


def lint_bag(bag, config: Config, fields: Fields = DEFAULT_FIELDS, cross_file: bool = True):
    """A lazy bag of {"document": row, "findings": [rows]}, one per record of `bag`.

    With cross_file (and cross-file-boilerplate active), the bag is read three times: two cheap
    passes find the lines repeated across the whole bag, the third lints.
    """
    import dask

    shared = dask.delayed(config, traverse=False)
    if not cross_file or rows.cross_file_rule(config) is None:
        return bag.map_partitions(_lint_partition, shared, fields, rows.NOTHING_REPEATED)
    scanned = dask.delayed(_merge_scans)(bag.map_partitions(_scan_partition, shared, fields).to_delayed())
    counts = bag.map_partitions(_count_partition, shared, fields, scanned).to_delayed()
    repeated = dask.delayed(_repeated)(counts, shared, scanned)
    return bag.map_partitions(_lint_partition, shared, fields, repeated)


def _native(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def lint_partition(frame, config: Config, fields: Fields = DEFAULT_FIELDS, output: str = "findings",
                   repeated: rows.Repeated = rows.NOTHING_REPEATED):
    """A pandas DataFrame of finding rows (output="findings") or document rows ("documents").

    For dask.dataframe: `ddf.map_partitions(lint_partition, config, meta=partition_meta())`.
    """
    import pandas as pd

    items = ({k: _native(v) for k, v in item.items()} for item in frame.to_dict("records"))
    wanted = []
    for document, found in lint_records(items, config, fields, repeated):
        if output == "documents":
            wanted.append(document)
        else:
            wanted.extend(found)
    columns = rows.DOCUMENT_COLUMNS if output == "documents" else rows.FINDING_COLUMNS
    return pd.DataFrame(wanted, columns=list(columns))


def partition_meta(output: str = "findings"):
    """The empty frame dask.dataframe needs as `meta` for lint_partition's output."""
    import pandas as pd

    columns = rows.DOCUMENT_COLUMNS if output == "documents" else rows.FINDING_COLUMNS
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
