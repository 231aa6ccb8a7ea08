"""cross-file-boilerplate: a line repeated verbatim in many files of one run, page chrome a scraper copied into each.

Folder mode only: when newslint lints several files, a line (spacing and case ignored) that
appears in at least `min-files` of them and in at least `min-share` of the files linted is
reported in every file that has it. Lines shorter than `min-chars` or longer than `max-chars`
characters are not compared (a long paragraph found in many files is a duplicate article, not
chrome). A single text has nothing to compare with and draws no finding. The examples below
are runs of several files separated by a form feed.
"""
from __future__ import annotations

from array import array
from collections import Counter
from typing import Iterator

from ..hashes import blake2b
from ..model import Hit
from .common import counted

ID = "cross-file-boilerplate"
CATEGORY = "boilerplate"
SEVERITY = "warning"
OPTIONS = {"min-files": int, "min-share": (int, float), "min-chars": int, "max-chars": int}
DEFAULTS = {"min-files": 5, "min-share": 0.2, "min-chars": 3, "max-chars": 200}
EXAMPLES = {
    "fail": ["\f".join(f"Share this story\nStory number {n} begins here." for n in range(5))],
    "pass": ["\f".join(f"Share this story\nStory number {n} begins here." for n in range(4))],
}
_QUOTED_CHARS = 60  # how much of a line a message quotes


def check(document, options) -> Iterator[Hit]:
    return iter(())  # the work is done across files: collect() and finish()


def _key(line: str) -> bytes:
    return blake2b(" ".join(line.lower().split()).encode("utf-8"), digest_size=8).digest()


def collect(document, options) -> tuple:
    """(key, line, column, end column, quoted text) for each distinct comparable line of a file,
    packed (see _pack; unpack gives them back): a run keeps every file's rows until the end, so they must stay small."""
    seen, rows = set(), []
    for number, _, content in document.lines():
        stripped = content.strip()
        if not options["min-chars"] <= len(stripped) <= options["max-chars"]:
            continue
        key = _key(stripped)
        if key in seen:
            continue
        seen.add(key)
        column = content.index(stripped[0]) + 1
        rows.append((key, number, column, column + len(stripped), stripped[:_QUOTED_CHARS]))
    return _pack(rows)


def _pack(rows: list[tuple]) -> tuple[bytes, array, str]:
    """The rows as three flat values (about 80 bytes a line instead of 220 as tuples): the 8-byte
    keys end to end, the numbers in one array, the quoted texts joined by line breaks (a line holds none)."""
    numbers = array("q", (n for _, line, column, end, _ in rows for n in (line, column, end)))
    return b"".join(row[0] for row in rows), numbers, "\n".join(row[4] for row in rows)


def unpack(packed: tuple[bytes, array, str]) -> Iterator[tuple]:
    keys, numbers, texts = packed
    for i, text in enumerate(texts.split("\n") if keys else ()):
        yield keys[8 * i:8 * i + 8], numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2], text


def needed(options, total: int) -> float:
    """How many files a line must be in to be reported, in a run of `total` files."""
    return max(options["min-files"], options["min-share"] * total)


def finish(gathered, options) -> Iterator[tuple[str, int, int, int, int, str]]:
    """The lines found in enough of the run's files, in every file that has them."""
    counts = Counter(row[0] for _, rows in gathered for row in unpack(rows))
    repeated = {key: count for key, count in counts.items() if count >= needed(options, len(gathered))}
    for path, rows in gathered:
        yield from report(path, rows, repeated, len(gathered))


def report(path: str, rows, repeated, total: int) -> Iterator[tuple[str, int, int, int, int, str]]:
    """One file's lines (its packed rows) that are in `repeated` (key -> number of files), out of `total` files."""
    for key, line, column, end_column, text in unpack(rows):
        if key in repeated:
            quoted = text + ("…" if end_column - column > _QUOTED_CHARS else "")
            yield (path, line, column, line, end_column,
                   f"line repeated in {repeated[key]} of {counted(total, 'file')}: '{quoted}' is page chrome")
