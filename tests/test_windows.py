"""Very long files are linted in windows: the same findings, at the same places, as in one piece."""
from pathlib import Path

import pytest

from newslint import load_config, windows
from newslint.runner import lint_document, make_document

PER_WINDOW = {"machine-paraphrased", "unlikely-collocation", "boilerplate-line"}  # judged per window, by design
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def config():
    return load_config(discover=False)


def lint(text, config):
    return lint_document(make_document(text, "long.txt"), config)


def small_windows(monkeypatch, limit=10_000, window=3_000, context=1_500):
    monkeypatch.setattr(windows, "WINDOW_LIMIT", limit)
    monkeypatch.setattr(windows, "WINDOW", window)
    monkeypatch.setattr(windows, "CONTEXT", context)


def seeds_text(separator="\n\n"):
    return separator.join(p.read_text(encoding="utf-8") for p in SEEDS)


@pytest.mark.parametrize("separator", ["\n\n", " "])  # articles apart, or every line run into one
def test_windows_find_what_one_piece_finds(monkeypatch, config, separator):
    text = seeds_text(separator)
    if separator == " ":
        text = " ".join(text.split("\n"))
    whole = lint(text, config)
    small_windows(monkeypatch)
    assert len(list(windows.spans(text))) > 3
    windowed = lint(text, config)
    assert len(whole.findings) > 30
    # machine-paraphrased and boilerplate-line weigh each window on its own (newslint/windows.py).
    assert [(f.line, f.column, f.end_line, f.end_column, f.rule, f.message) for f in windowed.findings
            if f.rule not in PER_WINDOW] == \
           [(f.line, f.column, f.end_line, f.end_column, f.rule, f.message) for f in whole.findings
            if f.rule not in PER_WINDOW]
    assert windowed.metrics["words"] == whole.metrics["words"]


def test_a_repeat_far_apart_is_found_in_a_windowed_file(monkeypatch, config):
    paragraph = "The offensive has taken an immense toll on the strip, with tens of thousands dead."
    filler = "\n".join(f"Line {i} of the filler says nothing at all." for i in range(1500))
    text = f"Headline\n{paragraph}\n{filler}\n{paragraph}\n"
    small_windows(monkeypatch)
    found = [(f.line, f.rule, f.message) for f in lint(text, config).findings if f.rule == "repeated-paragraph"]
    assert found == [(1503, "repeated-paragraph", f"'{' '.join(paragraph.split()[:8])} ...' repeats line 2")]


def test_cuts_prefer_blank_lines_then_lines_then_spaces():
    assert windows.cut("aaaa\n\nbb\ncc dd", 13, 13) == 6
    assert windows.cut("aaaa\nbb cc dd", 12, 12) == 5
    assert windows.cut("aaaa bb", 6, 6) == 5
    assert windows.cut("aaaaaaaa", 5, 5) == 5


def test_the_word_count_of_a_long_text_is_counted_in_slices(monkeypatch):
    from newslint import document

    text = seeds_text() + " don’t-stop  x\n" * 50
    expected = len(document.WORD_RE.findall(text))
    monkeypatch.setattr(document, "_COUNT_CHUNK", 37)
    assert document.Document(text).word_count == expected
