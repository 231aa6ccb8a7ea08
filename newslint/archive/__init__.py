"""Linting an archive: JSONL, Parquet and WARC shards on Dask distributed (`newslint archive`).

For your own pipelines:
    run_job(inputs, config, JobOptions(output), client=None) -> Totals   (what `newslint archive` runs)
    lint_bag(bag, config, fields=Fields()) -> dask.bag.Bag of {"document": row, "findings": [rows]}
    lint_partition(frame, config, fields=Fields(), output="findings") -> pandas.DataFrame

Dask, pyarrow and warcio come with `pip install 'newslint[archive]'` and are imported only when used.
"""
from .api import lint_bag, lint_partition, lint_records
from .records import Fields, Record
from .run import JobOptions, run_job

__all__ = ["Fields", "JobOptions", "Record", "lint_bag", "lint_partition", "lint_records", "run_job"]
