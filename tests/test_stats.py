"""`newslint stats`: a row per file, JSON too, through the real command line."""
import json

import pytest

from newslint.document import Document
from newslint.readability import reading_time
from newslint.stats import minutes

from test_cli import run

ARTICLE = ("Talks resume\n\nMr. Smith met U.S. officials on Monday. He will fulfill with the minister. "
           "They agreed the the plan.\n")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    return tmp_path


def test_json_has_figures_and_findings_per_category(folder):
    result = run("stats", "--format", "json", "a.txt", "b.txt", cwd=folder)
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)["files"]
    assert (first["path"], first["words"], first["sentences"]) == ("a.txt", 21, 4)
    assert first["findings"]["paraphrase"] == 1 and first["findings"]["mangled"] == 1
    assert first["findings"]["grammar"] == 0
    assert first["reading_seconds"] == round(21 * 60 / 238, 1)
    assert isinstance(first["grade"], float) and isinstance(first["reading_ease"], float)
    assert (second["words"], second["sentences"], sum(second["findings"].values())) == (5, 1, 0)


def test_text_table_has_a_row_per_file_and_a_total(folder):
    result = run("stats", ".", cwd=folder)
    assert result.returncode == 0, result.stderr
    header, row_a, row_b, total = result.stdout.splitlines()
    assert header.split() == ["file", "words", "sentences", "grade", "ease", "read", "paraphrase", "mangled"]
    assert row_a.split()[:3] == ["a.txt", "21", "4"] and row_a.split()[-2:] == ["1", "1"]
    assert row_b.split()[:3] == ["b.txt", "5", "1"] and row_b.split()[-2:] == ["0", "0"]
    assert total.split()[:5] == ["total", "(2", "files)", "26", "5"]


def test_unreadable_paths_are_reported_and_exit_2(tmp_path):
    result = run("stats", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "" and "missing.txt: cannot read: no such file" in result.stderr


def test_reading_time_at_238_words_a_minute():
    assert reading_time(Document("word " * 476)) == 120.0
    assert minutes(119.6) == "2:00" and minutes(61) == "1:01"
