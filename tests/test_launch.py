"""The console script's start (newslint/launch.py) and the package's lazy exports."""
import gc
import subprocess
import sys

import pytest

from newslint import launch

SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"


@pytest.fixture
def collector():
    """Leave the test process's collector as it was found: enabled, nothing frozen by the test."""
    frozen = gc.get_freeze_count()
    yield
    gc.enable()
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()


def test_the_collector_is_paused_while_starting_and_back_on_with_the_start_up_frozen(tmp_path, monkeypatch,
                                                                                     capsys, collector):
    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    seen = []
    real = launch.resume

    def resume():
        seen.append(gc.isenabled())  # as the config has been loaded
        real()
    monkeypatch.setattr("newslint.cli.resume", resume)
    monkeypatch.setattr(sys, "argv", ["newslint", str(article), "--no-cache"])
    before = gc.get_freeze_count()
    assert launch.run() == 1  # a finding
    assert "fulfill with" in capsys.readouterr().out
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() > before


def test_an_error_before_the_config_still_switches_the_collector_back_on(monkeypatch, capsys, collector):
    monkeypatch.setattr(sys, "argv", ["newslint", "--format", "nope", "x.txt"])
    with pytest.raises(SystemExit):
        launch.run()  # argparse refuses the format
    assert gc.isenabled()


def test_library_use_never_pauses_the_collector(tmp_path, collector):
    from newslint.cli import main

    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    before = gc.get_freeze_count()
    assert main([str(article), "--no-cache"]) == 1
    assert gc.isenabled() and gc.get_freeze_count() == before


@pytest.mark.slow
def test_importing_the_package_imports_none_of_it_until_a_name_is_used():
    probe = ("import sys, newslint\n"
             "before = sorted(m for m in sys.modules if m.startswith('newslint.'))\n"
             "from newslint import lint_text, Config, Severity\n"
             "print(before, lint_text('They met with the the aides.')[0].rule, Config.__name__, Severity.WARNING)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "doubled-word", "Config", "warning"]


def test_a_run_with_a_live_thread_returns_to_the_usual_exit():
    import threading

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert launch._leave(3) == 3  # did not end this process
    finally:
        release.set()
        worker.join()


@pytest.mark.slow
def test_the_console_script_ends_with_the_report_written_and_the_exit_handlers_run(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN * 300, encoding="utf-8")  # a report larger than a pipe's buffer
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
             "from newslint.launch import entry_point\n"
             "sys.exit(entry_point())\n")
    done = subprocess.run([sys.executable, "-c", probe, str(article), "--format", "json", "--no-cache"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert "handler ran" in done.stderr
    import json

    findings = json.loads(done.stdout)
    assert sum(f["rule"] == "spun-phrases" for f in findings["findings"]) == 300


@pytest.mark.parametrize("command, ends_here", [("server", False), ("archive", False), ("rules", True), ("a.txt", True)])
def test_the_language_server_and_the_archive_job_exit_the_usual_way(monkeypatch, command, ends_here):
    ended = []
    monkeypatch.setattr(launch, "run", lambda: 0)
    monkeypatch.setattr(launch, "_leave", lambda code: ended.append(code) or code)
    monkeypatch.setattr(sys, "argv", ["newslint", command])
    assert launch.entry_point() == 0
    assert ended == ([0] if ends_here else [])
