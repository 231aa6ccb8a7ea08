"""Linting an archive: JSONL, Parquet and WARC shards on Dask distributed (`newslint archive`).

For your own pipelines:
    lint_bag(bag, config, fields=Fields()) -> dask.bag.Bag of {"document": row, "findings": [rows]}
    lint_partition(frame, config, fields=Fields(), output="findings") -> pandas.DataFrame

Dask, pyarrow and warcio come with `pip install 'newslint[archive]'` and are imported only when used.
"""
from .api import lint_bag, lint_partition, lint_records
from .records import Fields, Record

__all__ = ["Fields", "Record", "lint_bag", "lint_partition", "lint_records"]
