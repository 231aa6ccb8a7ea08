"""The progress bar of a folder run: on a real terminal (a pseudo-terminal) it shows; through a pipe it does not."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from newslint.progress import MIN_FILES


def _folder(tmp_path, count):
    for n in range(count):
        (tmp_path / f"a{n:04d}.txt").write_text(f"Story {n} begins here.\n")
    return tmp_path


def _run(folder, stderr):
    return subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--jobs", "1", str(folder)],
                          stdout=subprocess.PIPE, stderr=stderr, timeout=300)


def _read_all(fd) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_run_of_many_files_shows_files_done_rate_and_eta_on_a_terminal(tmp_path):
    folder = _folder(tmp_path, MIN_FILES + 10)
    main, secondary = pty.openpty()
    done = _run(folder, secondary)
    os.close(secondary)
    shown = _read_all(main)
    os.close(main)
    assert done.returncode in (0, 1)
    assert f"/{MIN_FILES + 10}" in shown and "file/s" in shown and "<" in shown  # done/total, rate, ETA


def test_no_bar_when_standard_error_is_not_a_terminal(tmp_path):
    folder = _folder(tmp_path, MIN_FILES + 10)
    done = _run(folder, subprocess.PIPE)
    assert done.stderr == b""
