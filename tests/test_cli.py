"""The command line as a user runs it: real files on disk, a real subprocess."""
import json
from collections import Counter
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"
CLEAN = "Gallant is scheduled to meet with Jake Sullivan.\n"


def run(*args, cwd=None, stdin=None, env=None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=environment, check=False)


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "a.txt").write_text(SPUN, encoding="utf-8")
    (tmp_path / "b.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.csv").write_text(SPUN, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.text").write_text("They will fulfill with him and the the aides.\n", encoding="utf-8")
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text(SPUN, encoding="utf-8")
    venv = tmp_path / "venv2"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    (venv / "y.txt").write_text(SPUN, encoding="utf-8")
    return tmp_path


def test_text_format_lines_and_summary(articles):
    result = run("--color", "never", ".", cwd=articles)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("a.txt:1:25: warning [spun-phrases] [*] garbled paraphrase: 'fulfill with' reads as a "
                        "machine rewrite of 'meet with' (-> meet with)")
    assert [line.split(":")[0] for line in lines[:-1]] == ["a.txt", "sub/c.text", "sub/c.text"]
    assert lines[-1] == "Found 3 findings (3 warnings) in 3 files. 3 fixable with --fix ([*])."


def test_json_format_has_the_documented_shape(articles):
    result = run("--format", "json", "a.txt", "sub", cwd=articles)
    report = json.loads(result.stdout)
    assert set(report) == {"version", "findings", "documents", "summary"}
    assert report["version"] == 1
    first = report["findings"][0]
    assert first == {"path": "a.txt", "line": 1, "column": 25, "end_line": 1, "end_column": 37,
                     "rule": "spun-phrases", "category": "paraphrase", "severity": "warning",
                     "message": "garbled paraphrase: 'fulfill with' reads as a machine rewrite of 'meet with'",
                     "replacements": ["meet with"]}
    assert report["summary"] == {"files": 2, "findings": 3,
                                 "by_severity": {"error": 0, "warning": 3, "suggestion": 0},
                                 "by_category": {"paraphrase": 2, "mangled": 1}}
    assert [d["path"] for d in report["documents"]] == ["a.txt", "sub/c.text"]
    assert report["documents"][0]["words"] == 8


def test_clean_file_exits_zero(articles):
    result = run("b.md", cwd=articles)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "No findings in 1 file."


def test_exit_zero_and_fail_on(articles):
    assert run("--exit-zero", "a.txt", cwd=articles).returncode == 0
    assert run("--fail-on", "error", "a.txt", cwd=articles).returncode == 0


def test_stdin(articles):
    result = run("--format", "json", "-", stdin=SPUN, cwd=articles)
    assert json.loads(result.stdout)["findings"][0]["path"] == "<stdin>"


def test_include_and_exclude(articles):
    result = run("--include", "*.csv", "--format", "json", ".", cwd=articles)
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"notes.csv"}
    result = run("--exclude", "sub/*", "--format", "json", ".", cwd=articles)
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"a.txt"}


def test_select_ignore_by_id_prefix_and_category(articles):
    def rules(*args):
        out = run("--format", "json", *args, "sub", cwd=articles).stdout
        return sorted(f["rule"] for f in json.loads(out)["findings"])

    assert rules() == ["doubled-word", "spun-phrases"]
    assert rules("--select", "mangled") == ["doubled-word"]
    assert rules("--select", "spun-") == ["spun-phrases"]
    assert rules("--ignore", "doubled-word") == ["spun-phrases"]
    bad = run("--select", "nonsense", "sub", cwd=articles)
    assert bad.returncode == 2 and "unknown rule or category" in bad.stderr


def test_min_severity_and_statistics(articles):
    assert "No findings" in run("--min-severity", "error", "sub", cwd=articles).stdout
    stats = run("--statistics", ".", cwd=articles).stdout.splitlines()
    assert stats[0].split() == ["2", "spun-phrases", "[paraphrase]"]


def test_bad_files_get_one_line_each_and_the_run_goes_on(articles):
    (articles / "bin.txt").write_bytes(b"abc\x00def")
    (articles / "latin.txt").write_bytes("Caf\xe9 owners fulfill with him.".encode("latin-1"))
    result = run("--format", "json", "bin.txt", "latin.txt", "missing.txt", "a.txt", cwd=articles)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert "bin.txt: skipped: binary file (contains NUL bytes)" in errors
    assert "missing.txt: cannot read: no such file" in errors
    assert any(e.startswith("latin.txt: warning: not valid UTF-8") for e in errors)
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"latin.txt", "a.txt"}


def test_nothing_readable_exits_two(articles):
    result = run("missing.txt", cwd=articles)
    assert result.returncode == 2
    assert result.stderr.strip() == "missing.txt: cannot read: no such file"


def test_config_errors_exit_two_with_every_problem(articles):
    (articles / "bad.yaml").write_text("rules:\n  nope: enable\nwhat: 1\n", encoding="utf-8")
    result = run("--config", "bad.yaml", "a.txt", cwd=articles)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "newslint: config error: bad.yaml:3: what: unknown key",
        "newslint: config error: bad.yaml:2: rules.nope: unknown rule id",
    ]


def test_colour_only_when_asked_or_on_a_terminal(articles):
    assert "\033[" in run("--color", "always", "a.txt", cwd=articles).stdout
    assert "\033[" not in run("a.txt", cwd=articles).stdout  # not a terminal
    assert "\033[" not in run("--color", "auto", "a.txt", cwd=articles, env={"NO_COLOR": "1"}).stdout


def test_parallel_run_matches_serial(articles):
    for i in range(70):
        (articles / f"many{i:02}.txt").write_text(SPUN if i % 2 else CLEAN, encoding="utf-8")
    serial = run("--jobs", "1", "--format", "json", ".", cwd=articles).stdout
    parallel = run("--jobs", "2", "--format", "json", ".", cwd=articles).stdout
    assert serial == parallel
    counts = Counter(f["rule"] for f in json.loads(serial)["findings"])
    assert counts.pop("cross-file-boilerplate") == 72  # SPUN and CLEAN each stand in 36 of 73 files
    assert sum(counts.values()) == 38


def test_rules_list_explain_and_check():
    listing = run("rules").stdout
    assert any(line.split()[:3] == ["spun-phrases", "paraphrase", "warning"] for line in listing.splitlines())
    explained = run("rules", "--explain", "spun-phrases")
    assert explained.returncode == 0 and "fulfill with" in explained.stdout
    assert run("rules", "--explain", "nope").returncode == 2
    checked = run("rules", "--check")
    assert checked.returncode == 0, checked.stdout
    assert " 0 failed" in checked.stdout


def test_no_path_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and "no PATH" in result.stderr


def test_a_plain_text_run_imports_no_formatter_or_fixer_it_does_not_use(tmp_path):
    # A real run in a fresh interpreter; what it imported is read back from sys.modules.
    article = tmp_path / "story.txt"
    article.write_text("The council approved the plan on Monday. Its leader said the vote was close.\n",
                       encoding="utf-8")
    probe = ("import sys\nfrom newslint.cli import main\ncode = main([sys.argv[1], '--no-cache'])\n"
             "print(' '.join(sorted(m for m in sys.modules if m.startswith(('newslint.', 'xml', 'difflib', 'hashlib', "
             "'importlib.resources')))))\n")
    done = subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "newslint.formatters.text" in loaded and "newslint.runner" in loaded  # it did lint and report
    unused = {"newslint.formatters.junit", "newslint.formatters.sarif", "newslint.formatters.html",
              "newslint.fix", "newslint.fixwrite", "newslint.strip", "xml.etree.ElementTree",
              "hashlib", "importlib.resources"}  # OpenSSL's start-up; tempfile, zipfile and shutil (newslint/hashes.py)
    assert not loaded & unused


def test_the_help_is_laid_out_as_argparse_lays_it_out(monkeypatch):
    # cli's formatter takes the width from os instead of importing shutil; the layout must not change.
    import argparse

    from newslint.cli import _lint_parser

    for columns in ("50", "131", "", "junk"):
        monkeypatch.setenv("COLUMNS", columns)
        parser = _lint_parser()
        ours = parser.format_help()
        parser.formatter_class = argparse.HelpFormatter
        assert ours == parser.format_help(), columns


@pytest.mark.slow
def test_a_run_from_the_caches_imports_no_rule_reader_and_a_cached_result_no_check(tmp_path):
    # Fresh interpreters: the first run fills the config and result caches, the second is answered
    # from them, the third (--no-cache) lints again from the cached config.
    article = tmp_path / "story.txt"
    article.write_text("The council approved the plan on Monday. Its leader said the vote was close.\n",
                       encoding="utf-8")
    probe = ("import sys\nfrom newslint.cli import main\ncode = main(sys.argv[1:])\n"
             "print('loaded:', *sorted(m for m in sys.modules if m.split('.')[0] in "
             "('newslint', 'yaml', 'regex', 'tomllib', 'difflib')))\n")

    def loaded(*args: str) -> set[str]:
        done = subprocess.run([sys.executable, "-c", probe, *args, str(article)], capture_output=True, text=True,
                              cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return set(done.stdout.split("loaded:")[-1].split())

    loaded()
    hit = loaded()
    # The cross-file rule's finish step runs over the cached results; config.py reads grammar's option schema.
    rules = {m for m in hit if m.startswith("newslint.checks.")} - {
        "newslint.checks.common", "newslint.checks.cross_file_boilerplate", "newslint.checks.grammar"}
    assert "newslint.runner" in hit and not rules and not hit & {"yaml", "regex", "tomllib", "difflib"}
    linted = loaded("--no-cache")
    assert "newslint.checks.doubled_word" in linted and not linted & {"regex", "tomllib", "difflib", "newslint.yamlrules"}
