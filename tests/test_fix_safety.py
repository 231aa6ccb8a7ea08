"""--fix never loses copy and never hides what it did: real files, real processes, real races."""
import functools
import json
import os
import shutil
import signal
import site
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from newslint.fixwrite import fix_paths

from helpers import default_config
from test_cli import ROOT, run

SPUN = "They will fulfill with aides.\n"
FIXED = "They will meet with aides.\n"
NOBODY = 65534


def _as_nobody():
    os.setgid(NOBODY)
    os.setuid(NOBODY)


@functools.cache
def _user_python() -> tuple[str, dict]:
    """A Python that 'nobody' may run, with this environment's packages (a venv under /root is closed to it)."""
    paths = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    environment = {**os.environ, "PYTHONPATH": paths, "HOME": "/tmp"}
    for python in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        try:
            probe = subprocess.run([python, "-c", "import newslint.cli"], env=environment, cwd="/",
                                   preexec_fn=_as_nobody, capture_output=True, check=False)
        except (OSError, TypeError):  # not executable by nobody, or not found
            continue
        if probe.returncode == 0:
            return python, environment
    pytest.skip("no Python interpreter that the user 'nobody' can run")


def run_as_user(*args, cwd):
    """The CLI as an ordinary user: 'nobody' when the tests run as root, else the user running them."""
    if os.geteuid() != 0:
        return run(*args, cwd=cwd)
    python, environment = _user_python()
    return subprocess.run([python, "-m", "newslint", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, preexec_fn=_as_nobody, check=False)


@pytest.fixture
def shared_dir():
    """A folder anyone may enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="newslint-test-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(folder)


def test_a_write_that_fails_reports_every_finding_still_on_disk(shared_dir):
    article = shared_dir / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(article, NOBODY, NOBODY)  # the user may write the file, but not the folder that holds it
    else:
        shared_dir.chmod(0o555)
    result = run_as_user("--fix", "a.txt", cwd=shared_dir)
    assert article.read_text(encoding="utf-8") == SPUN
    assert "a.txt: not fixed: Permission denied" in result.stderr
    assert "a.txt:1:11: warning [spun-phrases]" in result.stdout and "No findings" not in result.stdout
    assert result.returncode == 1
    assert "newslint: fixed" not in result.stderr


def test_a_read_only_file_is_reported_not_rewritten(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    article.chmod(0o444)
    result = run("--fix", "--exit-zero", "a.txt", cwd=tmp_path)
    assert article.read_text(encoding="utf-8") == SPUN
    assert "a.txt: not fixed: the file is read-only (mode 0444)" in result.stderr
    assert "[spun-phrases]" in result.stdout
    assert result.returncode == 1  # a fix that could not be made is not a pass, even with --exit-zero


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_group_and_mode_are_kept(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    os.chown(article, NOBODY, NOBODY)
    article.chmod(0o640)
    assert run("--fix", "a.txt", cwd=tmp_path).returncode == 0
    after = article.stat()
    assert article.read_text(encoding="utf-8") == FIXED
    assert (after.st_uid, after.st_gid, after.st_mode & 0o7777) == (NOBODY, NOBODY, 0o640)


def test_a_file_of_another_user_is_not_rewritten_by_an_ordinary_user(shared_dir):
    if os.geteuid() != 0:
        pytest.skip("needs root to make a file another user owns")
    shared_dir.chmod(0o777)  # the folder lets nobody write; the file stays root's, writable by all
    article = shared_dir / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    article.chmod(0o666)
    result = run_as_user("--fix", "a.txt", cwd=shared_dir)
    assert article.read_text(encoding="utf-8") == SPUN and article.stat().st_uid == 0
    assert "not fixed: the file belongs to another user" in result.stderr and result.returncode == 1


def test_a_folder_run_does_not_follow_a_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(SPUN, encoding="utf-8")
    tree = tmp_path / "articles"
    tree.mkdir()
    (tree / "inside.txt").write_text(SPUN, encoding="utf-8")
    (tree / "out.txt").symlink_to(outside)
    (tree / "in.txt").symlink_to(tree / "inside.txt")
    result = run("--fix", "articles", cwd=tmp_path)
    assert outside.read_text(encoding="utf-8") == SPUN
    assert "not fixed: it is a link to a file outside articles" in result.stderr
    assert (tree / "inside.txt").read_text(encoding="utf-8") == FIXED  # a link inside the tree is fine
    assert result.returncode == 1


def test_a_hard_linked_file_is_left_for_the_editor(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    os.link(article, tmp_path / "b.txt")
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert article.read_text(encoding="utf-8") == SPUN == (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert article.stat().st_ino == (tmp_path / "b.txt").stat().st_ino
    assert "a.txt: not fixed: the file has 2 hard links" in result.stderr


# A separate process, so that it watches while newslint works: "ready", then append a line to the
# article the moment newslint's temporary file appears, then "appended". It is told of the file by
# inotify (through ctypes), so that it never misses one that lives a millisecond; polling is the
# fallback where inotify is missing.
WATCHER = """
import ctypes, os, select, struct, sys, time
article, line = sys.argv[1], sys.argv[2].encode()
folder = os.path.dirname(article)

def append():
    with open(article, "ab") as stream:
        stream.write(line)
    print("appended", flush=True)

try:
    libc = ctypes.CDLL(None, use_errno=True)
    watch = libc.inotify_init()
    if watch < 0 or libc.inotify_add_watch(watch, folder.encode(), 0x100) < 0:  # IN_CREATE
        raise OSError
except (OSError, AttributeError):
    watch = None
print("ready", flush=True)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    if watch is None:
        if any(name.startswith(".newslint-") for name in os.listdir(folder)):
            append()
            break
        continue
    if not select.select([watch], [], [], 1)[0]:
        continue
    data, position = os.read(watch, 65536), 0
    while position < len(data):
        length = struct.unpack_from("iIII", data, position)[3]
        name = data[position + 16:position + 16 + length].rstrip(b"\\0")
        position += 16 + length
        if name.startswith(b".newslint-"):
            append()
            sys.exit(0)
"""


def _watch(article: Path, line: str) -> subprocess.Popen:
    watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(article), line], stdout=subprocess.PIPE, text=True)
    assert watcher.stdout.readline() == "ready\n"
    return watcher


def test_an_editors_save_during_the_write_is_never_lost(tmp_path):
    article = tmp_path / "a.txt"
    body = ("Officials will fulfill with the unions on Monday, the minister told reporters.\n" * 300).encode()
    losses = caught = 0
    for trial in range(20):
        article.write_bytes(body)
        line = f"An editor's line {trial}.\n"
        watcher = _watch(article, line)
        [outcome] = fix_paths([str(article)], default_config(), write=True)
        assert watcher.communicate(timeout=60)[0] == "appended\n"
        on_disk = article.read_bytes()
        losses += not on_disk.endswith(line.encode())
        caught += bool(outcome.failure)
        # Either the save beat the rename (the user's version stays, reported as not fixed) or it went
        # into the fixed file after it.
        expected = body + line.encode() if outcome.failure else body.replace(b"fulfill with", b"meet with") + line.encode()
        assert on_disk == expected
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert losses == 0, f"{losses} saves lost; {caught} of 20 landed before the rename and were kept"


def test_the_cli_reports_a_save_during_the_run(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Officials will fulfill with the unions.\n" * 1000, encoding="utf-8")
    watcher = _watch(article, "An editor's line.\n")
    result = run("--fix", "--format", "json", "a.txt", cwd=tmp_path)
    assert watcher.communicate(timeout=60)[0] == "appended\n"
    on_disk = article.read_text(encoding="utf-8")
    assert on_disk.endswith("An editor's line.\n")
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    if "a.txt: not fixed: the file changed while it was being fixed; the new version was kept" in result.stderr:
        # The save beat the rename: the user's version stays, and its findings are reported.
        assert rules.count("spun-phrases") == 1000 and result.returncode == 1
    else:  # on a slow machine the save can land after the rename, in the fixed file: nothing was lost
        assert "fixed 1000 findings in 1 file" in result.stderr
        assert on_disk == "Officials will meet with the unions.\n" * 1000 + "An editor's line.\n"
        assert rules.count("spun-phrases") == 0


@pytest.mark.slow
def test_sigterm_leaves_no_temporary_file(tmp_path):
    article = tmp_path / "a.txt"
    body = "Officials will fulfill with the unions on Monday.\n" * 3000
    for _ in range(2):
        article.write_text(body, encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "newslint", "--fix", "a.txt"], cwd=tmp_path,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if any(p.name.startswith(".newslint-") for p in tmp_path.iterdir()):
                process.send_signal(signal.SIGTERM)
                break
        process.wait(60)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
        assert article.read_text(encoding="utf-8") in (body, body.replace("fulfill with", "meet with"))


def test_a_signal_just_after_the_temporary_file_is_made_leaves_none_behind(tmp_path, monkeypatch):
    # The window the subprocess test above can only hit by luck: SIGTERM (SystemExit, as cli.py
    # turns it) landing the moment the file exists, before any cleanup could know its name. Another
    # live thread matters: it can take the signal even while this one holds it, so the name must
    # be known before the file is made, not guarded by a signal mask.
    from newslint import fixwrite

    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    real = fixwrite._reserve

    def then_a_signal(*args, **kwargs):
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return made

    def exit_on_term(signum, frame):
        raise SystemExit(143)

    monkeypatch.setattr(fixwrite, "_reserve", then_a_signal)
    awake = threading.Event()
    other = threading.Thread(target=awake.wait, args=(30,), daemon=True)
    other.start()
    previous = signal.signal(signal.SIGTERM, exit_on_term)
    try:
        with pytest.raises(SystemExit):
            fixwrite.rewrite(str(article), b"They will meet with aides.\n", article.stat())
    finally:
        signal.signal(signal.SIGTERM, previous)
        awake.set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert article.read_text(encoding="utf-8") == SPUN


def test_a_temporary_name_taken_by_another_file_is_left_alone(tmp_path, monkeypatch):
    from newslint import fixwrite

    names = iter([b"\x00" * 8, b"\x01" * 8])
    monkeypatch.setattr(fixwrite.os, "urandom", lambda n: next(names))
    theirs = tmp_path / f".newslint-{'00' * 8}.tmp"
    theirs.write_text("not ours", encoding="utf-8")
    made: list[str] = []
    handle, name = fixwrite._reserve(str(tmp_path), made)
    os.close(handle)
    assert made == [name] and name.endswith(f"{'01' * 8}.tmp")
    assert theirs.read_text(encoding="utf-8") == "not ours"
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600


def test_write_baseline_with_an_unreadable_path_keeps_the_baseline(tmp_path):
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    assert run("--write-baseline", "b.json", "a.txt", cwd=tmp_path).returncode == 0
    recorded = (tmp_path / "b.json").read_text(encoding="utf-8")
    result = run("--write-baseline", "b.json", "a.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2 and "baseline b.json not written: 1 file could not be read" in result.stderr
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == recorded


def test_an_immutable_file_is_reported_not_fixed(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN, encoding="utf-8")
    chattr = shutil.which("chattr")
    assert chattr or os.environ.get("CI") != "true", "CI needs chattr (Debian e2fsprogs)"
    if not chattr or subprocess.run([chattr, "+i", str(article)], capture_output=True).returncode != 0:
        pytest.skip("this file system (or user) cannot make a file immutable")
    try:
        result = run("--fix", "a.txt", cwd=tmp_path)
    finally:
        subprocess.run([chattr, "-i", str(article)], check=True)
    assert article.read_text(encoding="utf-8") == SPUN
    assert "a.txt: not fixed:" in result.stderr and "[spun-phrases]" in result.stdout and result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.slow
def test_concurrent_fixes_of_one_file_never_garble_it(tmp_path):
    article = tmp_path / "a.txt"
    body = "Officials will fulfill with the unions on Monday.\n" * 500
    for _ in range(2):
        article.write_text(body, encoding="utf-8")
        runs = [subprocess.Popen([sys.executable, "-m", "newslint", "--fix", "a.txt"], cwd=tmp_path,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True) for _ in range(3)]
        notes = [process.communicate(timeout=120)[1] for process in runs]
        assert article.read_text(encoding="utf-8") == body.replace("fulfill with", "meet with")
        assert sum("newslint: fixed 500 findings" in note for note in notes) >= 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KiB file system, mounted for the test (root only), to be filled up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_reported_and_the_findings_stay(full_disk):
    article = full_disk / "a.txt"
    article.write_text(SPUN * 600, encoding="utf-8")  # 17 KiB
    with open(full_disk / "filler", "wb", buffering=0) as filler:
        try:
            while filler.write(b"x" * 1024):
                pass
        except OSError:  # full: the fix's temporary file cannot be written
            pass
    result = run("--fix", "a.txt", cwd=full_disk)
    assert article.read_text(encoding="utf-8") == SPUN * 600
    assert "a.txt: not fixed: No space left on device" in result.stderr and result.returncode == 1
    assert result.stdout.count("[spun-phrases]") == 600
    assert sorted(p.name for p in full_disk.iterdir()) == ["a.txt", "filler"]
