"""The CLI's lint cache on real files: unchanged files are not linted again; anything that matters is."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import newslint.runner
from newslint import cache
from newslint.cli import main

ARTICLE = "The minister will fulfill with union leaders on Monday.\nShare this story\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder of articles with a config and a rule file; the current folder for the run."""
    (tmp_path / "articles").mkdir()
    for n in range(6):
        (tmp_path / "articles" / f"a{n}.txt").write_text(f"Story {n} begins here with the the news.\n" + ARTICLE)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house-words.yaml").write_text(
        "kind: existence\ncategory: style\nseverity: warning\ndescription: House words.\n"
        "message: \"house style: '{match}'\"\ntokens: [begins here]\n")
    (tmp_path / ".newslint.yaml").write_text("rule-files: [house]\nrules:\n  long-sentence: {max-words: 40}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    return tmp_path


@pytest.fixture
def linted(monkeypatch):
    """The paths the runner actually lints (the real lint_file, watched)."""
    seen: list[str] = []
    real = newslint.runner.lint_file

    def watched(path, config):
        seen.append(path)
        return real(path, config)

    monkeypatch.setattr(newslint.runner, "lint_file", watched)
    return seen


def run(capsys, *args) -> tuple[str, str]:
    main(["--format", "json", "--jobs", "1", *args, "articles"])
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_a_second_run_lints_nothing_and_reports_the_same(project, linted, capsys):
    first, _ = run(capsys)
    assert len(linted) == 6 and (project / ".newslint_cache").is_dir()
    linted.clear()
    second, err = run(capsys)
    assert linted == [] and err == ""
    assert second == first
    uncached, _ = run(capsys, "--no-cache")
    assert uncached == first
    report = json.loads(first)
    assert {f["rule"] for f in report["findings"]} >= {"cross-file-boilerplate", "house-words", "doubled-word"}


def test_an_edited_file_is_linted_again_and_only_it(project, linted, capsys):
    run(capsys)
    linted.clear()
    (project / "articles" / "a3.txt").write_text("A new story with no chrome.\n")
    out, _ = run(capsys)
    assert linted == ["articles/a3.txt"]
    assert out == run(capsys, "--no-cache")[0]
    assert "a3.txt" not in {f["path"].split("/")[-1] for f in json.loads(out)["findings"]
                            if f["rule"] == "cross-file-boilerplate"}


@pytest.mark.parametrize("change", ["config", "rule file", "selection"])
def test_a_changed_config_or_rule_file_lints_everything_again(project, linted, capsys, change):
    run(capsys)
    linted.clear()
    args = []
    if change == "config":
        (project / ".newslint.yaml").write_text("rule-files: [house]\nrules:\n  doubled-word: disable\n")
    elif change == "rule file":
        rule = project / "house" / "house-words.yaml"
        rule.write_text(rule.read_text().replace("[begins here]", "[news]"))
    else:
        args = ["--ignore", "style"]
    out, _ = run(capsys, *args)
    assert len(linted) == 6
    assert out == run(capsys, "--no-cache", *args)[0]


def test_a_corrupt_or_foreign_cache_is_ignored_with_one_warning_and_rebuilt(project, linted, capsys):
    first, _ = run(capsys)
    files = sorted((project / ".newslint_cache").glob("lint-*.json"))  # one per bucket holding a path
    assert 1 < len(files) <= 6
    damages = {b'{"newslint-cache": 1, "key": "x': "newslint: warning: ignoring corrupt cache ",
               json.dumps({"some": "other tool"}).encode(): "newslint: warning: ignoring "}
    for damage, warning in damages.items():
        for cache_file in files:
            cache_file.write_bytes(damage)
        linted.clear()
        out, err = run(capsys)
        assert out == first and len(linted) == 6
        assert err.startswith(warning + str(project / ".newslint_cache" / "lint-")) and err.count("\n") == 1
        for cache_file in files:
            assert json.loads(cache_file.read_text())["newslint-cache"] == cache.FORMAT  # rebuilt


def test_a_run_over_one_file_reads_and_writes_only_its_bucket(project, linted, capsys, monkeypatch):
    # A pre-commit run in a folder whose cache holds many files: its cost must not grow with them.
    run(capsys)
    files = {p.name: p.read_bytes() for p in (project / ".newslint_cache").glob("lint-*.json")}
    read = []
    real = cache.LintCache._load
    monkeypatch.setattr(cache.LintCache, "_load", lambda self, file: read.append(file.name) or real(self, file))
    (project / "articles" / "a3.txt").write_text("A new story with no chrome.\n")
    linted.clear()
    main(["--format", "json", "articles/a3.txt"])
    assert linted == ["articles/a3.txt"] and len(read) == 1
    after = {p.name: p.read_bytes() for p in (project / ".newslint_cache").glob("lint-*.json")}
    assert [name for name in after if after[name] != files[name]] == read  # only its bucket was rewritten
    linted.clear()
    capsys.readouterr()
    out, _ = run(capsys)
    assert linted == [] and out == run(capsys, "--no-cache")[0]


def test_the_cache_folder_is_chosen_by_option_or_environment(project, capsys, monkeypatch, tmp_path):
    run(capsys, "--cache-dir", str(tmp_path / "mine"))
    assert list((tmp_path / "mine").glob("lint-*.json")) and not (project / ".newslint_cache").exists()
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "env"))
    run(capsys)
    assert list((tmp_path / "env").glob("lint-*.json"))
    run(capsys, "--no-cache", "--cache-dir", str(tmp_path / "unused"))
    assert not (tmp_path / "unused").exists()


def test_an_unwritable_cache_folder_is_one_warning_and_the_report_is_unchanged(project, capsys):
    (project / "blocked").write_text("a file, not a folder")
    out, err = run(capsys, "--cache-dir", str(project / "blocked"))
    assert out == run(capsys, "--no-cache")[0]
    assert err.startswith(f"newslint: warning: cannot write the cache in {project / 'blocked'}") and err.count("\n") == 1


def test_the_cached_command_line_in_a_subprocess_reports_what_the_uncached_one_does(project):
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "newslint", *args, "articles"], capture_output=True, text=True,
                              cwd=project, timeout=120)

    first, second, bare = cli(), cli(), cli("--no-cache")
    assert first.returncode == second.returncode == bare.returncode == 1
    assert first.stdout == second.stdout == bare.stdout and "cross-file-boilerplate" in first.stdout


def test_buckets_of_the_earlier_one_line_layout_cost_one_warning_and_are_rewritten_a_line_an_entry(
        project, linted, capsys):
    first, _ = run(capsys)
    files = sorted((project / ".newslint_cache").glob("lint-*.json"))
    stored = {}
    for cache_file in files:
        data = json.loads(cache_file.read_text())
        assert cache_file.read_text().count("\n") == len(data["files"]) + 2  # a header, an entry a line, the end
        stored.update(data["files"])
        data["newslint-cache"] = 3  # round 3's first layout: a bucket on one line
        cache_file.write_text(json.dumps(data, separators=(",", ":")), encoding="ascii")
    linted.clear()
    out, err = run(capsys)
    assert out == first and len(linted) == 6
    assert err.startswith("newslint: warning: ignoring ") and "not a newslint cache of this version" in err \
        and err.count("\n") == 1
    rewritten = {}
    for cache_file in files:
        data = json.loads(cache_file.read_text())
        assert data["newslint-cache"] == cache.FORMAT and cache_file.read_text().count("\n") == len(data["files"]) + 2
        rewritten.update(data["files"])
    assert rewritten == stored
    linted.clear()
    assert run(capsys) == (first, "") and linted == []


def test_a_damaged_entry_is_linted_again_and_the_rest_of_its_bucket_kept(project, linted, capsys):
    first, _ = run(capsys)
    cache_file = max((project / ".newslint_cache").glob("lint-*.json"), key=lambda p: p.read_text().count("\n"))
    lines = cache_file.read_text().split("\n")
    entries = len(lines) - 3
    lines[1] = lines[1].replace('"result":{"path":', '"result":{"pathX":', 1)  # the index still reads it
    cache_file.write_text("\n".join(lines))
    linted.clear()
    assert run(capsys) == (first, "") and len(linted) == 1
    linted.clear()
    assert run(capsys) == (first, "") and linted == [] and cache_file.read_text().count("\n") == entries + 2


def test_a_bucket_closed_to_stay_under_the_open_file_limit_is_read_again(project, linted, capsys, monkeypatch):
    first, _ = run(capsys)
    monkeypatch.setattr(cache, "OPEN_BUCKETS", 1)
    linted.clear()
    assert run(capsys) == (first, "") and linted == []


def test_a_bucket_replaced_by_another_run_while_this_one_reads_it_is_linted_again(project, tmp_path):
    from newslint.config import load_config

    path = "articles/a1.txt"
    (result,) = cache.lint_paths([path], load_config(), 1)
    first = cache.LintCache(tmp_path / "c", "k")
    first.put(path, first.probe(path)[0], result)
    first.save()
    store = cache.LintCache(tmp_path / "c", "k")
    digest, hit = store.probe(path)
    assert hit and store.get(path)[1].findings == result.findings
    store.close()  # as if closed to stay under OPEN_BUCKETS
    bucket = store.file(store._entries(path)[0])
    bucket.with_name("copy").write_bytes(bucket.read_bytes())
    bucket.with_name("copy").replace(bucket)  # the same bytes, but not the file indexed
    assert store.get(path) == (digest, None)


def _same_bucket(names):
    """Two of the names whose paths fall in the same bucket file."""
    from newslint.hashes import blake2b

    seen = {}
    for name in names:
        bucket = blake2b(name.encode(), digest_size=2).hexdigest()[:cache.BUCKET_DIGITS]
        if bucket in seen:
            return seen[bucket], name
        seen[bucket] = name
    raise AssertionError("no two names share a bucket")


def test_a_copy_of_a_cached_file_in_its_bucket_is_linted_as_itself(project, linted, capsys):
    first, second = _same_bucket([f"articles/copy{n}.txt" for n in range(2000)])
    (project / first).write_text("Copied story with the the news.\n")
    run(capsys)
    (project / second).write_bytes((project / first).read_bytes())  # same content: the index holds its hash
    linted.clear()
    out, _ = run(capsys)
    assert linted == [second]  # the entry of that hash names the other path
    assert out == run(capsys, "--no-cache")[0]
    assert {f["path"] for f in json.loads(out)["findings"] if f["rule"] == "doubled-word"} >= {first, second}
    linted.clear()
    assert run(capsys)[0] == out and linted == []


def test_a_hash_found_across_two_entries_is_no_entry():
    index = cache.Index()
    index.add("00" * 8 + "11" * 8, 0, 10)
    index.add("22" * 8 + "33" * 8, 10, 10)
    assert list(index.holding("11" * 8 + "22" * 8)) == []  # the bytes occur, straddling the two
    index.add("11" * 8 + "22" * 8, 20, 5)
    index.add("00" * 8 + "11" * 8, 25, 7)
    assert list(index.holding("11" * 8 + "22" * 8)) == [(20, 5)]
    assert list(index.holding("00" * 8 + "11" * 8)) == [(25, 7), (0, 10)]  # the newest first


@pytest.mark.slow
def test_a_one_file_cache_miss_keeps_its_new_result_in_memory_and_imports_no_tempfile(project):
    probe = ("import sys\nfrom newslint.cli import main\nmain(['articles/a1.txt'])\n"
             "print('tempfile' in sys.modules, file=sys.stderr)\n")
    # The first run fills the config cache and unpacks the tables into the folder; the second is the miss.
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(project / "cache")}
    runs = []
    for text in ("A version with the the slip.\nOnce.\n", "A version with the the slip.\n"):
        (project / "articles" / "a1.txt").write_text(ARTICLE + text)
        runs.append(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=project,
                                   env=env, timeout=120))
    assert runs[1].stderr.split()[-1] == "False" and "doubled-word" in runs[1].stdout
    stored = [json.loads(p.read_text())["files"] for p in (project / "cache").glob("lint-*.json")]
    assert [list(files) for files in stored] == [["articles/a1.txt"]]  # the new result was saved


@pytest.mark.parametrize("limit", [0, 2500])
def test_new_results_kept_in_memory_move_to_a_temporary_file_when_they_grow(project, linted, capsys, monkeypatch, limit):
    made = []
    real = cache._temporary
    monkeypatch.setattr(cache, "_temporary", lambda: made.append(1) or real())
    monkeypatch.setattr(cache, "NEW_IN_MEMORY", limit)  # 0: the first result already; 2500: a few results in
    first, _ = run(capsys)
    assert made == [1] and len(linted) == 6
    linted.clear()
    assert run(capsys) == (first, "") and linted == []  # every result, kept before and after the move, was stored
    assert first == run(capsys, "--no-cache")[0]


def test_a_run_removes_the_temporary_buckets_of_killed_runs_and_keeps_a_live_runs(project, capsys):
    run(capsys)
    folder = project / ".newslint_cache"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = folder / f".lint-x-00.json.{int(finished.stdout)}.tmp"  # a run killed while writing
    live = folder / f".lint-x-01.json.{os.getpid()}.tmp"  # a run still writing
    dead.write_bytes(b'{"newslint-cache":4,"files":{')
    live.write_bytes(b'{"newslint-cache":4,"files":{')
    (project / "articles" / "a0.txt").write_text("An edited story begins here.\n")
    run(capsys)
    assert not dead.exists() and live.exists()


def test_a_failed_bucket_write_leaves_no_temporary_file(project, capsys, monkeypatch):
    def full_disk(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.LintCache, "_header", full_disk)
    out, err = run(capsys)
    assert err.startswith("newslint: warning: cannot write the cache") and "No space left on device" in err
    assert out == run(capsys, "--no-cache")[0]
    assert not list((project / ".newslint_cache").glob(".*.tmp"))


def test_an_interrupted_run_stores_what_it_finished_and_the_next_run_starts_there(project, capsys, monkeypatch):
    # Ctrl-C in the fourth file: the three finished results are stored, so the next run lints the
    # other three only, and reports what an uncached run does.
    real, linted = newslint.runner.lint_file, []

    def watched(path, config, stop_at=None):
        if len(linted) == stop_at:
            raise KeyboardInterrupt
        linted.append(path)
        return real(path, config)

    monkeypatch.setattr(newslint.runner, "lint_file", lambda path, config: watched(path, config, stop_at=3))
    assert main(["--format", "json", "--jobs", "1", "articles"]) == 130
    assert linted == [f"articles/a{n}.txt" for n in range(3)]
    capsys.readouterr()
    linted.clear()
    monkeypatch.setattr(newslint.runner, "lint_file", watched)
    second, _ = run(capsys)
    assert linted == [f"articles/a{n}.txt" for n in range(3, 6)]
    assert second == run(capsys, "--no-cache")[0]
