"""Exclude globs: folders always honour them; named files with --force-exclude (the pre-commit hook)."""
from newslint.sources import discover

from test_cli import run

SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"


def _desk(tmp_path):
    (tmp_path / ".newslint.yaml").write_text('exclude: ["drafts/*", "*.wip.md"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    for name in ("drafts/a.txt", "drafts/b.md", "story.wip.md", "story.txt"):
        (tmp_path / name).write_text(SPUN, encoding="utf-8")
    return tmp_path


def test_discover_reports_what_it_excluded(tmp_path):
    _desk(tmp_path)
    excluded = []
    found = list(discover([str(tmp_path)], ("*.txt", "*.md"), ("drafts/*", "*.wip.md"), excluded=excluded))
    assert found == [str(tmp_path / "story.txt")]
    assert sorted(excluded) == sorted(str(tmp_path / n) for n in ("drafts/a.txt", "drafts/b.md", "story.wip.md"))
    named = ["drafts/a.txt", "story.txt"]
    assert list(discover(named, (), ("drafts/*",))) == named
    assert list(discover(named, (), ("drafts/*",), force_exclude=True)) == ["story.txt"]


def test_named_files_are_linted_unless_force_exclude(tmp_path):
    desk = _desk(tmp_path)
    plain = run("--color", "never", "drafts/a.txt", "story.wip.md", "story.txt", cwd=desk)
    assert plain.returncode == 1 and plain.stdout.count("[spun-phrases]") == 3
    forced = run("--color", "never", "--force-exclude", "drafts/a.txt", "story.wip.md", "story.txt", cwd=desk)
    assert forced.returncode == 1
    assert [line.split(":")[0] for line in forced.stdout.splitlines()[:-1]] == ["story.txt"]


def test_everything_excluded_exits_0_with_a_note(tmp_path):
    desk = _desk(tmp_path)
    folder = run("drafts", cwd=desk)
    assert folder.returncode == 0
    assert folder.stderr.strip() == "newslint: nothing to lint: 2 files found, all excluded by the exclude globs"
    hook = run("--force-exclude", "drafts/a.txt", cwd=desk)
    assert hook.returncode == 0 and "1 file found, it excluded" in hook.stderr
    empty = desk / "empty"
    empty.mkdir()
    assert run("empty", cwd=desk).returncode == 2  # nothing found at all is still a usage error


def test_stdin_filename_excluded_with_force_exclude(tmp_path):
    desk = _desk(tmp_path)
    lint = run("--force-exclude", "--stdin-filename", "drafts/new.txt", stdin=SPUN, cwd=desk)
    assert (lint.returncode, lint.stdout) == (0, "")
    fixed = run("--fix", "--force-exclude", "--stdin-filename", "drafts/new.txt", stdin=SPUN, cwd=desk)
    assert (fixed.returncode, fixed.stdout) == (0, SPUN)  # an editor's buffer comes back unchanged
    linted = run("--stdin-filename", "drafts/new.txt", stdin=SPUN, cwd=desk)
    assert linted.returncode == 1
