"""Progress bars for long runs (tqdm): documents done, documents per second and the ETA.

Shown on standard error only when it is a terminal, so pipes, CI logs and reports stay clean.
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
MIN_FILES = 200  # a folder run of fewer files is over before a bar would help


def bar(total: int | None, description: str, unit: str = "doc"):
    """A tqdm bar on standard error, disabled when standard error is not a terminal."""
    from tqdm import tqdm

    enabled = sys.stderr.isatty()
    # A terminal that reports no width (a bare pseudo-terminal) would get an empty bar.
    sized = enabled and _width() > 0
    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, disable=not enabled,
                dynamic_ncols=sized, ncols=None if sized else 80, nrows=None if sized else 20,
                smoothing=0.1, leave=False)


def _width() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 0


def track(items: Iterable[T], total: int, description: str = "linting") -> Iterator[T]:
    """The items, unchanged, with a bar for runs of many files."""
    if total < MIN_FILES or not sys.stderr.isatty():
        yield from items
        return
    with bar(total, description, "file") as progress:
        for item in items:
            progress.update(1)
            yield item
