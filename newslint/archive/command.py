"""`newslint archive INPUT... --output DIR`: arguments, the extra's check, the summary, exit codes."""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from .parts import FORMATS
from .records import Fields

EXIT_OK, EXIT_ERROR = 0, 2
SHOWN_ERRORS = 10  # bad records named on standard error; the documents parts have them all
NEEDED = {"dask": "dask[distributed]", "distributed": "dask[distributed]", "pyarrow": "pyarrow", "warcio": "warcio"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newslint archive",
                                description="Lint JSONL, Parquet or WARC shards on Dask; write findings and documents parts.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="shard files or folders (*.jsonl[.gz], *.parquet, *.warc[.gz])")
    p.add_argument("--output", "-o", required=True, metavar="DIR", help="output folder (findings/ and documents/ parts)")
    p.add_argument("--output-format", choices=FORMATS, default="parquet", help="part format (default: parquet)")
    p.add_argument("--config", metavar="FILE", help="config file (default: found upward from this folder)")
    p.add_argument("--select", metavar="RULES", help="comma-separated rule ids, id prefixes or categories to run")
    p.add_argument("--ignore", metavar="RULES", help="comma-separated rule ids, id prefixes or categories to skip")
    p.add_argument("--id-field", default="id", metavar="NAME", help="record field with the document id (default: id)")
    p.add_argument("--url-field", default="url", metavar="NAME", help="record field with the URL (default: url)")
    p.add_argument("--text-field", default="text", metavar="NAME", help="record field with the text (default: text)")
    p.add_argument("--title-field", metavar="NAME", help="record field with a headline to put above the text")
    p.add_argument("--markup", choices=("text", "markdown", "html"), default="text",
                   help="what the text field holds, for JSONL and Parquet (WARC pages are HTML)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask scheduler (default: a local cluster)")
    p.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: one per core)")
    p.add_argument("--row-groups-per-task", type=int, default=4, metavar="N", help="Parquet row groups per task")
    p.add_argument("--task-mb", type=float, default=64, metavar="MB", help="plain JSONL megabytes per task (default: 64)")
    return p


def missing_packages() -> list[str]:
    missing = set()
    for module, extra in NEEDED.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.add(extra)
    return sorted(missing)


def run_archive(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = missing_packages()
    if missing:
        print(f"newslint: 'newslint archive' needs {', '.join(missing)}: pip install 'newslint[archive]'", file=sys.stderr)
        return EXIT_ERROR
    from ..cli import _configure

    args.report_unused, args.stdin_filename = False, None  # what the lint command's _configure also reads
    config = _configure(args)
    if config is None:
        return EXIT_ERROR
    from .plan import PlanError
    from .run import JobOptions, run_job

    fields = Fields(args.id_field, args.url_field, args.text_field, args.title_field, args.markup)
    options = JobOptions(args.output, fields, args.output_format, args.scheduler, args.workers,
                         max(1, args.row_groups_per_task), max(1, int(args.task_mb * 1e6)))
    try:
        totals = run_job(args.inputs, config, options)
    except (PlanError, ValueError, OSError) as exc:
        print(f"newslint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a task that failed on every retry, a lost scheduler: one line, no traceback
        print(f"newslint: archive job failed: {type(exc).__name__}: {exc} (rerun the command to resume)", file=sys.stderr)
        return EXIT_ERROR
    _summarise(totals, args.output)
    return EXIT_OK if totals.documents else EXIT_ERROR


def _summarise(totals, output: str) -> None:
    shown = totals.errors[:SHOWN_ERRORS]
    for line in shown:
        print(f"newslint: {line}", file=sys.stderr)
    if totals.bad > len(shown):
        print(f"newslint: ... and {totals.bad - len(shown)} more bad records "
              "(the 'error' column of the documents parts lists them all)", file=sys.stderr)
    bad = f"{totals.bad} bad record{'' if totals.bad == 1 else 's'}"
    print(f"newslint: {totals.documents} documents ({bad}), {totals.findings} findings, "
          f"{totals.bytes / 1e6:.1f} MB -> {output}/findings, {output}/documents", file=sys.stderr)
