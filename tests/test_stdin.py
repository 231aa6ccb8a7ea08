"""Standard input named by --stdin-filename: markup and config from that path, --fix to stdout."""
import json
import os
import subprocess
import sys

from test_cli import ROOT, run

SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"
MARKDOWN = "---\ntitle: fulfill with\n---\n\n# Visit\n\n" + SPUN + "\n```\nfulfill with\n```\n"


def run_bytes(*args, stdin: bytes, cwd):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=environment, check=False)


def _findings(result):
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_markup_comes_from_the_filename(tmp_path):
    plain = run("--format", "json", "-", stdin=MARKDOWN, cwd=tmp_path)
    named = run("--format", "json", "--stdin-filename", "story.md", stdin=MARKDOWN, cwd=tmp_path)
    # As plain text the front matter and the code block are prose; as Markdown only the body is.
    assert sorted({line for _, line, _, _ in _findings(plain)}) == [2, 7, 10]
    assert _findings(named) == [("story.md", 7, 25, "spun-phrases")]
    assert run("--format", "json", "--stdin-filename", "story.md", "-", stdin=MARKDOWN,
               cwd=tmp_path).stdout == named.stdout


def test_config_comes_from_the_filename_folder_not_the_working_folder(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".newslint.yaml").write_text("rules:\n  spun-phrases: {severity: error}\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    result = run("--format", "json", "--stdin-filename", str(desk / "new" / "story.txt"), stdin=SPUN,
                 cwd=tmp_path / "elsewhere")
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error"]
    here = run("--format", "json", "--stdin-filename", "story.txt", stdin=SPUN, cwd=tmp_path / "elsewhere")
    assert [f["severity"] for f in json.loads(here.stdout)["findings"]] == ["warning"]


def test_a_bad_config_beside_the_filename_is_an_error(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("rules:\n  doubled-word: loud\n", encoding="utf-8")
    result = run("--stdin-filename", str(tmp_path / "a.txt"), stdin=SPUN, cwd=ROOT)
    assert result.returncode == 2
    assert ".newslint.yaml:2: rules.doubled-word" in result.stderr and "Traceback" not in result.stderr


def test_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(tmp_path):
    source = ("\ufeff" + MARKDOWN).encode("utf-8")
    result = run_bytes("--fix", "--stdin-filename", "story.md", stdin=source, cwd=tmp_path)
    assert result.stdout == source.replace(b"fulfill with Jake", b"meet with Jake")  # BOM, front matter, code kept
    assert b"fixed 1 finding in story.md" in result.stderr and b"No findings in 1 file." in result.stderr
    assert result.returncode == 0
    crlf = ("Intro.\r\n" + SPUN.replace("\n", "\r\n")).encode("utf-8")
    plain = run_bytes("--fix", "--stdin-filename", "story.txt", stdin=crlf, cwd=tmp_path)
    assert plain.stdout == crlf.replace(b"fulfill with", b"meet with")
    assert list(tmp_path.iterdir()) == []  # nothing written to disk


def test_fix_on_stdin_with_nothing_to_fix_echoes_the_input(tmp_path):
    quoted = b'"We will fulfill with them," she said.\n'
    result = run_bytes("--fix", "-", stdin=quoted, cwd=tmp_path)
    assert result.stdout == quoted
    assert result.returncode == 1 and b"[spun-phrases]" in result.stderr


def test_fix_on_stdin_never_loses_bytes_it_cannot_decode(tmp_path):
    for data in (b"They fulfill with aides \xff.\n", b"binary\x00data fulfill with\n"):
        result = run_bytes("--fix", "--stdin-filename", "a.txt", stdin=data, cwd=tmp_path)
        assert result.stdout == data
        assert b"a.txt:" in result.stderr and b"Traceback" not in result.stderr


def test_diff_on_stdin(tmp_path):
    result = run("--diff", "--stdin-filename", "a.txt", stdin="Intro.\nThey fulfill with aides.\n", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n Intro.\n"
                             "-They fulfill with aides.\n+They meet with aides.\n")


def test_stdin_filename_with_other_paths_is_a_usage_error(tmp_path):
    (tmp_path / "b.txt").write_text(SPUN, encoding="utf-8")
    result = run("--stdin-filename", "a.txt", "b.txt", stdin=SPUN, cwd=tmp_path)
    assert result.returncode == 2 and "--stdin-filename" in result.stderr
