"""Hostile files and output: no hang, no traceback, nothing injected into the terminal.

Every test runs the real command line on real files (FIFOs, devices, unreadable folders,
names that are not UTF-8) and must finish within a few seconds.
"""
import json
import os
import shutil
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import pytest

from newslint import lint_text

ROOT = Path(__file__).resolve().parent.parent
DOUBLED = "The the minister spoke.\n"


def run(*args, cwd=None, stdin=None, env=None, prefix=(), stdout=subprocess.PIPE, timeout=30):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8:strict", **(env or {})}
    result = subprocess.run([*prefix, sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin,
                            stdout=stdout, stderr=subprocess.PIPE, env=environment, timeout=timeout, check=False)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def test_a_fifo_in_a_folder_is_skipped_with_a_line_and_never_opened(tmp_path):
    (tmp_path / "a.txt").write_text(DOUBLED)
    os.mkfifo(tmp_path / "pipe.txt")
    for args in ((".",), ("--fix", "."), ("stats", ".")):
        result = run(*args, cwd=tmp_path, timeout=20)
        assert b"pipe.txt: skipped: a named pipe" in result.stderr
        assert result.returncode in (0, 1)


def test_a_device_is_read_only_up_to_a_cap(tmp_path):
    result = run("/dev/zero", timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == ["/dev/zero: skipped: more than 64 MB from a stream that is not a file"]


def _drop_privileges() -> tuple[str, ...] | None:
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv"):  # root reads any folder unless it gives up these two capabilities
        caps = "-dac_override,-dac_read_search"
        return ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}")
    return None


def test_a_folder_that_cannot_be_entered_is_one_error_and_the_run_goes_on(tmp_path):
    prefix = _drop_privileges()
    if prefix is None:
        assert os.environ.get("CI") != "true", "CI runs as root and needs setpriv (util-linux)"
        pytest.skip("running as root without setpriv: no folder is unreadable")
    (tmp_path / "a.txt").write_text(DOUBLED)
    locked = tmp_path / "lost+found"
    locked.mkdir()
    (locked / "b.txt").write_text(DOUBLED)
    locked.chmod(0)
    try:
        result = run("--format", "json", ".", cwd=tmp_path, prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == ["lost+found: cannot read: permission denied"]
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]


def test_a_file_name_that_is_not_utf8_is_escaped_in_text_and_json(tmp_path):
    name = b"bad\xff\x1b[2J.txt"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as stream:
        stream.write(DOUBLED.encode())
    text = run("--color", "never", ".", cwd=tmp_path)
    assert text.stdout.decode("utf-8").splitlines()[0].startswith("bad\\xff\\x1b[2J.txt:1:1: warning [doubled-word]")
    report = run("--format", "json", ".", cwd=tmp_path)
    assert json.loads(report.stdout.decode("utf-8"))["findings"][0]["path"] == "bad\\xff\x1b[2J.txt"


def test_a_newline_in_a_file_name_cannot_forge_a_report_line(tmp_path):
    (tmp_path / "x\nfake.txt:9:9: error [forged] boom.txt").write_text(DOUBLED)
    for fmt in ("text", "github"):
        lines = run("--format", fmt, "--color", "never", ".", cwd=tmp_path).stdout.decode().splitlines()
        assert not any(line.startswith("fake.txt") for line in lines)
        assert len(lines) == (2 if fmt == "text" else 1)


def test_escape_sequences_from_the_article_never_reach_the_terminal(tmp_path):
    hostile = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
    (tmp_path / "a.md").write_text(f"<!-- newslint-disable {hostile} -->\n\nSome text.\n")
    (tmp_path / "b.txt").write_text(f"Begin typing your search {hostile}\n\nA line {hostile} here.\n\n"
                                    f"A line {hostile} here.\n")
    for fmt in ("text", "github", "junit"):
        result = run("--format", fmt, "--color", "always", ".", cwd=tmp_path)
        body = result.stdout.decode()
        assert "\x1b]" not in body and "\x1b[2J" not in body and "\x07" not in body, fmt
        assert "\\x1b]52" in body, fmt  # shown, escaped
    xml.dom.minidom.parseString(run("--format", "junit", ".", cwd=tmp_path).stdout)  # valid XML


def test_junit_is_valid_xml_with_control_characters_in_path_and_message(tmp_path):
    (tmp_path / "a\x01b.txt").write_text("The the \x0b\x1f vote.\n")
    xml.dom.minidom.parseString(run("--format", "junit", ".", cwd=tmp_path).stdout)


def test_closed_stdout_and_a_full_disk_get_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(DOUBLED)
    with open("/dev/full", "wb") as full:
        result = run("a.txt", cwd=tmp_path, stdout=full)
    assert (result.returncode, result.stderr) == (2, b"newslint: cannot write the report: no space left on device\n")
    closed = subprocess.run(f"{sys.executable} -m newslint a.txt >&-", shell=True, cwd=tmp_path, capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False, timeout=30)
    assert closed.returncode == 2 and b"Traceback" not in closed.stderr
    assert closed.stderr == b"newslint: standard output is closed; nothing can be reported\n"


def test_a_path_component_over_255_bytes_is_one_error(tmp_path):
    result = run("a" * 300 + ".txt", str(tmp_path), cwd=tmp_path)
    assert result.stderr.decode().endswith(".txt: cannot read: file name too long\n")
    assert result.returncode == 2


def test_lone_surrogates_in_lint_text():
    found = lint_text("The the \ud800 vote \udcff.\n")
    assert [(f.line, f.column, f.rule) for f in found] == [(1, 1, "doubled-word")]


def test_utf16_with_a_bom_is_read_and_fixed_in_utf16(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        bom = "\ufeff".encode(encoding)
        path.write_bytes(bom + "They will fulfill with the the aides.\n".encode(encoding))
        result = run("--format", "json", path.name, cwd=tmp_path)
        assert [(f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]] == [(1, 11), (1, 24)]
        run("--fix", path.name, cwd=tmp_path)
        assert path.read_bytes() == bom + "They will meet with the aides.\n".encode(encoding)


def test_cr_only_line_endings_give_real_lines(tmp_path):
    (tmp_path / "mac.txt").write_bytes(b"First line.\rSecond line.\rThe the vote.\r")
    result = run("--format", "json", "mac.txt", cwd=tmp_path)
    assert [(f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [
        (3, 1, "doubled-word")]


def test_env_folder_is_linted_and_a_real_virtual_environment_is_not(tmp_path):
    for name in ("env", "venv", "myvenv"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(DOUBLED)
    (tmp_path / "myvenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    report = json.loads(run("--format", "json", ".", cwd=tmp_path).stdout)
    assert [f["path"] for f in report["findings"]] == ["env/a.txt", "venv/a.txt"]


def test_stdin_twice_is_read_once():
    result = run("--format", "json", "-", "-", stdin=DOUBLED.encode())
    report = json.loads(result.stdout)
    assert (len(report["findings"]), report["summary"]["files"]) == (1, 1)


def test_select_by_category_switches_on_its_rules_that_are_off_by_default(tmp_path):
    long = " ".join(["word"] * 60) + ".\n"
    (tmp_path / "a.txt").write_text(long)
    by_category = json.loads(run("--format", "json", "--select", "readability", "a.txt", cwd=tmp_path).stdout)
    by_id = json.loads(run("--format", "json", "--select", "long-sentence", "a.txt", cwd=tmp_path).stdout)
    assert {f["rule"] for f in by_category["findings"]} >= {"long-sentence"}
    assert [f["rule"] for f in by_id["findings"]] == ["long-sentence"]


def test_statistics_with_json_goes_into_the_report(tmp_path):
    (tmp_path / "a.txt").write_text(DOUBLED + "The the end.\n")
    report = json.loads(run("--format", "json", "--statistics", "a.txt", cwd=tmp_path).stdout)
    assert report["statistics"] == [{"rule": "doubled-word", "category": "mangled", "findings": 2}]
    refused = run("--format", "sarif", "--statistics", "a.txt", cwd=tmp_path)
    assert refused.returncode == 2 and b"--statistics works with --format text or json" in refused.stderr


@pytest.mark.parametrize("value", ["-3", "0", "many"])
def test_jobs_must_be_positive(tmp_path, value):
    result = run("--jobs", value, ".", cwd=tmp_path)
    assert result.returncode == 2 and b"argument --jobs: expected a whole number of 1 or more" in result.stderr


def test_jobs_is_capped_at_the_cpus(tmp_path):
    from newslint.runner import worker_count

    cpus = os.cpu_count() or 1
    assert worker_count(10_000, 100_000) == cpus
    assert worker_count(10_000, 1) == 1
    assert worker_count(None, 3) == 1


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_fifo_or_device_as_config_or_baseline_is_one_error(tmp_path, option):
    (tmp_path / "a.txt").write_text(DOUBLED)
    os.mkfifo(tmp_path / "pipe")
    for target, reason in (("pipe", "a named pipe, not a regular file"), ("/dev/zero", "more than 64 MB")):
        result = run(option, target, "a.txt", cwd=tmp_path, timeout=60)
        assert result.returncode == 2
        assert reason in result.stderr.decode() and len(result.stderr.splitlines()) == 1
