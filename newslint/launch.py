"""The console script and `python -m newslint`: the command line, with the cyclic garbage collector
paused while newslint starts.

Start-up imports some sixty modules and unpickles the cached config (about 20,000 objects); every
one of them lives until the process ends, yet each allocation counts towards a collection that
walks them all again: about a tenth of a one-file run's CPU. So the collector is off from here until
the config is loaded (cli.run_lint calls resume()), and what exists then is frozen
(`gc.freeze()`: left out of every later collection) before it is switched back on for linting.
Library use (newslint.cli.main, lint_text) never pauses it.
"""
from __future__ import annotations

import gc

_paused = False


def entry_point() -> int:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        from .cli import entry_point as run

        return run()
    finally:
        resume()


def resume() -> None:
    """Switch the collector back on if entry_point paused it, the start-up objects frozen first."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
