"""`newslint stats PATH...`: words, sentences, readability, reading time and findings per file."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .display import json_safe, printable
from .model import CATEGORIES
from .readability import reading_time, scores
from .runner import lint_document, make_document
from .sources import SourceError, discover, read_source


@dataclass(frozen=True)
class FileStats:
    path: str
    words: int = 0
    sentences: int = 0
    grade: float = 0.0
    reading_ease: float = 0.0
    reading_time: float = 0.0  # seconds
    findings: dict[str, int] = field(default_factory=dict)  # category -> count
    error: str = ""
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "words": self.words, "sentences": self.sentences, "grade": self.grade,
                "reading_ease": self.reading_ease, "reading_seconds": self.reading_time,
                "findings": {c: self.findings.get(c, 0) for c in CATEGORIES}}


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint stats",
                                     description="Words, sentences, Flesch-Kincaid grade, Flesch reading ease, "
                                                 "reading time and findings per category, for each file.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    parser.add_argument("--config", metavar="FILE", help="config file (default: found upward, else built-in)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    parser.add_argument("--include", action="append", metavar="GLOB", help="file glob to read in folders (repeatable)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="file glob to skip in folders (repeatable)")
    return parser


def file_stats(path: str, config: Config) -> FileStats:
    """Lint one file with the config's rules and measure it, from the same Document."""
    try:
        source = read_source(path)
    except SourceError as exc:
        return FileStats(path, error=str(exc))
    document = make_document(source.text, source.path)
    result = lint_document(document, config)
    figures = scores(document)
    categories = Counter(f.category for f in result.findings)
    return FileStats(source.path, figures.words, figures.sentences, figures.grade, figures.ease,
                     reading_time(document), {c: categories[c] for c in CATEGORIES if categories[c]},
                     warnings=source.warnings + result.warnings)


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def render_text(rows: Sequence[FileStats]) -> str:
    categories = [c for c in CATEGORIES if any(c in r.findings for r in rows)]
    header = ["file", "words", "sentences", "grade", "ease", "read", *categories]
    table = [header] + [[printable(r.path), str(r.words), str(r.sentences), f"{r.grade:.1f}", f"{r.reading_ease:.1f}",
                         minutes(r.reading_time), *(str(r.findings.get(c, 0)) for c in categories)] for r in rows]
    if len(rows) > 1:
        table.append([f"total ({len(rows)} files)", str(sum(r.words for r in rows)),
                      str(sum(r.sentences for r in rows)), "", "", minutes(sum(r.reading_time for r in rows)),
                      *(str(sum(r.findings.get(c, 0) for r in rows)) for c in categories)])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in table]
    return "\n".join(line.rstrip() for line in lines)


def render_json(rows: Sequence[FileStats]) -> str:
    return json_safe(json.dumps({"version": 1, "files": [r.to_dict() for r in rows]}, indent=2, ensure_ascii=False))


def run_stats(args: argparse.Namespace, config: Config) -> int:
    """Print the table (or JSON); 0 unless no file could be read (2). Findings do not fail stats."""
    include = tuple(args.include) if args.include else config.include
    paths = list(discover(args.paths, include, config.exclude + tuple(args.exclude or ())))
    rows, printed = [], set()
    for path in paths:
        row = file_stats(path, config)
        for line in ((row.error,) if row.error else row.warnings):
            if line not in printed:  # a run-wide note (grammar server down) once, not once per file
                printed.add(line)
                print(printable(line), file=sys.stderr)
        if not row.error:
            rows.append(row)
    if not rows:
        return 2
    print((render_json if args.format == "json" else render_text)(rows))
    return 0
