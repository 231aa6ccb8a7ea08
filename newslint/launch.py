"""The console script and `python -m newslint`: the command line, started and ended the cheap way.

Start-up imports some sixty modules and unpickles the cached config (about 20,000 objects); every
one of them lives until the process ends, yet each allocation counts towards a collection that
walks them all again: about a tenth of a one-file run's CPU. So the cyclic garbage collector is
off from here until the config is loaded (cli.run_lint calls resume()), and what exists then is
frozen (`gc.freeze()`: left out of every later collection) before it is switched back on.

At the end, the interpreter's shutdown would free every module and object one by one (about 7 ms,
for memory the OS takes back anyway), so once the report is written the process ends there:
the exit handlers run and the streams are flushed first, as a normal exit does them. A run that
still has a non-daemon thread, or whose streams cannot be flushed, exits the usual way, and so do
`newslint server` and `newslint archive`.
Library use (newslint.cli.main, lint_text) does neither.
"""
from __future__ import annotations

import atexit
import gc
import os
import sys

_paused = False


# Long-running subcommands with threads, processes and clean-up of their own: they exit as usual.
_USUAL_EXIT = ("server", "archive")


def entry_point() -> int:
    """The console script: run() and end the process with its exit code."""
    code = run()
    return code if sys.argv[1:2] and sys.argv[1] in _USUAL_EXIT else _leave(code)


def run() -> int:
    """The command line (newslint.cli.entry_point) with the collector paused while it starts."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        from .cli import entry_point as command

        return command()
    finally:
        resume()


def resume() -> None:
    """Switch the collector back on if run() paused it, the start-up objects frozen first."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def _leave(code: int) -> int:
    threading = sys.modules.get("threading")
    if threading is not None and any(not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return code  # a normal exit waits for it
    try:
        atexit._run_exitfuncs()  # what a normal exit runs first (and then forgets)
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # noqa: BLE001 - the usual exit reports it as it always has
        return code
    os._exit(code)
