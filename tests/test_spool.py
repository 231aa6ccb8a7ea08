"""A folder run's results on disk (newslint/spool.py): the reports read from it are the reports
built from every result in memory, and the run holds no file's result once it is spooled."""
from __future__ import annotations

import gc
import weakref

import pytest

from newslint import spool
from newslint.cache import lint_files
from newslint.cli import main
from newslint.crossfile import add_cross_file_findings
from newslint.formatters import FORMATTERS
from newslint.model import Finding, Severity
from newslint.runner import FileResult, _builtin_config, lint_paths

CHROME = "Share this story"
FORMATS = sorted(FORMATTERS)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Twelve articles in folders whose path order differs from the walk's ("a-b" < "a/b" < "a/c"),
    a chrome line in half of them (cross-file-boilerplate), a Markdown file and an unreadable one."""
    for number in range(12):
        where = tmp_path / ("a", "a-b", "a/b", "z")[number % 4]
        where.mkdir(parents=True, exist_ok=True)
        lines = [f"Story {number} begins here, and the the minister will fulfill with aides."]
        if number % 2 == 0:
            lines.append(CHROME)
        lines.append(f"Officials said {number * 7} people had been hurt.")
        (where / f"{number:02d}.{'md' if number == 5 else 'txt'}").write_text("\n\n".join(lines) + "\n")
    (tmp_path / "a" / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(capsys, monkeypatch, on_disk_from: int, *args: str, paths=(".",)) -> tuple[str, str]:
    monkeypatch.setattr(spool, "ON_DISK_FROM", on_disk_from)
    code = main(["--no-cache", "--jobs", "1", *args, *paths])
    captured = capsys.readouterr()
    return f"{captured.out}exit {code}", captured.err


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("options", [(), ("--min-severity", "warning", "--show-source")])
def test_a_report_read_back_from_disk_is_the_one_held_in_memory(folder, capsys, monkeypatch, fmt, options):
    in_memory = report(capsys, monkeypatch, 10_000, "--format", fmt, *options)
    on_disk = report(capsys, monkeypatch, 1, "--format", fmt, *options)
    assert on_disk == in_memory
    assert "cross-file-boilerplate" in in_memory[0] and "bin.txt" in in_memory[1]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_statistics_and_a_baseline_read_back_from_disk_are_the_same(folder, capsys, monkeypatch, fmt):
    assert report(capsys, monkeypatch, 10_000, "--write-baseline", "base.json", paths=["z"])[1].startswith("newslint: wrote")
    for options in (("--statistics",), ("--baseline", "base.json")):
        in_memory = report(capsys, monkeypatch, 10_000, "--format", fmt, *options)
        assert report(capsys, monkeypatch, 1, "--format", fmt, *options) == in_memory


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_streamed_report_is_the_one_rendered_from_the_whole_list(folder, fmt):
    """Read back from disk file by file against the reference: a list of every result, all its
    findings sorted at once; in any run order (the findings are reported sorted by path)."""
    config = _builtin_config()
    paths = [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()]
    whole = add_cross_file_findings(list(lint_paths(paths, config, 1)), config)
    assert any(f.rule == "cross-file-boilerplate" for r in whole for f in r.findings)
    for order in (whole, whole[::-1]):
        on_disk = spool.Spool(keep_source=True, on_disk=True)
        for result in order:
            on_disk.add(result)
        for options in ({}, {"show_source": True}, {"show_statistics": True}):
            expected = FORMATTERS[fmt](order, catalogue=config.catalogue, **options)
            assert FORMATTERS[fmt](spool.Results(on_disk, {}), catalogue=config.catalogue, **options) == expected


def _result(path: str, *lines: int, source: str = "") -> FileResult:
    findings = tuple(Finding(path, line, 1, line, 2, "doubled-word", "mangled", Severity.WARNING, "m") for line in lines)
    return FileResult(path, findings, {"words": 3}, collected={"cross-file-boilerplate": (b"", None, "")}, source=source)


def test_the_spool_keeps_no_result_it_was_given_and_reads_each_back(tmp_path):
    kept = spool.Spool(keep_source=False, on_disk=True)
    given = [_result(f"{name}.txt", 3, 1, source="The the text.\n") for name in ("b", "a/c", "a-b", "a")]
    alive = [weakref.ref(r) for r in given]
    for result in given:
        kept.add(result)
    expected = [(r.path, r.findings, r.metrics) for r in given]
    del given, result
    gc.collect()
    assert all(ref() is None for ref in alive)  # nothing in the spool refers to a result
    back = [kept.read(n) for n in range(len(kept))]
    assert [(r.path, r.findings, r.metrics) for r in back] == expected
    assert {r.source for r in back} == {""} and {r.collected.__len__() for r in back} == {0}
    gathered = kept.gathered["cross-file-boilerplate"]  # read from disk as the rule's finish step walks it
    assert len(gathered) == 4 and gathered[-1] == ("a.txt", (b"", None, ""))
    assert [path for path, _ in gathered] == ["b.txt", "a/c.txt", "a-b.txt", "a.txt"]
    results = spool.Results(kept, {"a.txt": [Finding("a.txt", 2, 1, 2, 5, "x", "boilerplate", Severity.SUGGESTION, "c")]},
                            floor=None)
    assert [r.path for r in results.by_path()] == ["a-b.txt", "a.txt", "a/c.txt", "b.txt"]
    assert [f.line for f in next(results.by_path()).findings] == [3, 1]  # stored as given
    assert [f.line for f in list(results.by_path())[1].findings] == [1, 2, 3]  # the added finding in order
    results.floor = Severity.WARNING
    assert [f.line for r in results for f in r.findings if r.path == "a.txt"] == [1, 3]  # merged, then the floor


def test_one_path_given_twice_is_reported_as_one_list_of_sorted_findings():
    kept = spool.Spool(keep_source=True, on_disk=True)
    for result in (_result("a.txt", 4), _result("b.txt", 1), _result("a.txt", 2, source="x")):
        kept.add(result)
    merged = list(spool.Results(kept, {}).by_path())
    assert [(r.path, [f.line for f in r.findings], r.source) for r in merged] == [("a.txt", [2, 4], "x"), ("b.txt", [1], "")]


@pytest.mark.parametrize("cached", [False, True])
def test_the_lint_step_yields_each_result_before_linting_the_next_file(tmp_path, monkeypatch, cached):
    """Results come one at a time: a file is read only after the one before it was handed on (in a process
    that has not yet scanned enough to read files a batch ahead for the spin scan: runner._lint_batched)."""
    paths = []
    for n in range(4):
        paths.append(str(tmp_path / f"{n}.txt"))
        (tmp_path / f"{n}.txt").write_text(f"Story {n}: the the end.\n")
    config = _builtin_config()
    if cached:
        list(lint_files(paths, config, 1, True, str(tmp_path / "cache")))  # fill the cache
    results = lint_files(paths, config, 1, cached, str(tmp_path / "cache"))
    first = next(results)
    for path in paths[1:]:
        (tmp_path / path).unlink()  # too late for the first, in time for the others
    assert not first.errors and first.findings
    assert [bool(r.errors) for r in results] == [True, True, True]


def test_without_a_writable_temporary_folder_the_run_keeps_its_results_in_memory(folder, capsys, monkeypatch, tmp_path):
    expected = report(capsys, monkeypatch, 10_000, "--format", "json")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))
    assert report(capsys, monkeypatch, 1, "--format", "json") == expected


def _open_in(pid: int, folder) -> bool:
    """Whether the process holds a file of `folder` open (a temporary file without a name shows as
    the folder's path in /proc)."""
    import os

    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(str(folder) + "/"):
                return True
        except OSError:
            continue
    return False


@pytest.mark.slow
@pytest.mark.parametrize("ending", ["normal", "error", "SIGTERM", "SIGINT"])
def test_the_console_script_leaves_no_temporary_file_behind(tmp_path, ending):
    # The console script ends with os._exit (launch.py): the spool and the cache's file of new
    # results must be gone however the run ends, the report written, refused or cut short.
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = Path(sys.executable).with_name("newslint")
    assert script.exists(), "the console script is installed beside the interpreter"
    articles = tmp_path / "articles"
    articles.mkdir()
    # Over spool.ON_DISK_FROM: the results go to a temporary file. A signal's run is longer, so that
    # on a loaded machine the signal still lands while it works, not after it has finished (exit 1).
    for number in range(600 if ending.startswith("SIG") else 250):
        (articles / f"{number:03d}.txt").write_text(
            f"Story {number} begins here, and the the minister will fulfill with aides.\n\n{CHROME}\n" * 20)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    out = open(os.devnull if ending != "error" else "/dev/full", "wb")
    with out:
        child = subprocess.Popen([str(script), "--jobs", "1", "articles"], cwd=tmp_path, env=env, stdout=out,
                                 stderr=subprocess.PIPE)
        if ending.startswith("SIG"):
            deadline = time.monotonic() + 60
            while not _open_in(child.pid, temporary) and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert child.poll() is None, "the run ended before it opened its temporary files"
            child.send_signal(getattr(signal, ending))
        _, err = child.communicate(timeout=120)
    expected = {"normal": 1, "error": 2, "SIGTERM": -signal.SIGTERM, "SIGINT": 130}[ending]
    assert child.returncode == expected, err
    assert b"Traceback" not in err
    assert list(temporary.iterdir()) == []
