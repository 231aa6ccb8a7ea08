"""Properties of lint and --fix over random Unicode and damaged copies of the seeds (hypothesis).

- linting never raises; findings lie inside the text, sorted, the same on every run;
- --fix changes only text inside the spans of the fixes it lists, applies only fixes that a lint
  of the text showed with one replacement, never touches quoted speech, and a second --fix
  changes nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint import lint_text
from newslint.fix import fix_text, undo
from newslint.runner import lint_document, make_document

from helpers import default_config
from test_cli import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_LINES = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
# Damage of the kinds newslint fixes, and marks that change what counts as quoted speech.
SNIPPETS = [" .", ". ,", " ,", "the the ", "“", "”", '"', "'", "’", " - ", "\n", "\n\n", "  ", "..", "!", "?",
            "fulfill with ", "quite than ", "36-12 months-old", "<b>", "**", "[x](y)", "&amp;", "\t", "\r\n", "\ufeff"]
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def damaged_seed(draw) -> str:
    """A few lines of the seeds with random damage: snippets and Unicode inserted, characters deleted."""
    start = draw(st.integers(0, len(SEED_LINES) - 1))
    text = "\n".join(SEED_LINES[start:start + draw(st.integers(1, 4))]) + "\n"
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["snippet", "unicode", "delete"]))
        if action == "snippet":
            text = text[:position] + draw(st.sampled_from(SNIPPETS)) + text[position:]
        elif action == "unicode":
            text = text[:position] + draw(st.text(max_size=3)) + text[position:]
        else:
            text = text[:position] + text[position + draw(st.integers(1, 5)):]
    return text


TEXTS = st.one_of(damaged_seed(), st.text(max_size=200),
                  st.lists(st.sampled_from(SNIPPETS + ["word", "Police", "said", "30", "killed"]), max_size=30)
                  .map(" ".join))
PATHS = st.sampled_from(["a.txt", "a.md", "a.html"])


def _inside(finding, document) -> bool:
    start = document.offset(finding.line, finding.column)
    end = document.offset(finding.end_line, finding.end_column)
    return 0 <= start <= end <= len(document.text) and finding.line <= document.line_count


@SETTINGS
@given(text=TEXTS, path=PATHS)
def test_findings_lie_inside_the_text_sorted_and_deterministic(text, path):
    config = default_config()
    found = lint_text(text, config, path=path)
    assert found == sorted(found) == lint_text(text, config, path=path)
    document = make_document(text, path)
    assert all(_inside(f, document) for f in found)


@SETTINGS
@given(text=TEXTS, path=PATHS)
@example(text="FULFIL WITH .", path="a.txt")  # two fixes whose spans overlap, but not what they change
@example(text="AAA aAA  aAA aAA", path="a.txt")  # deletions that end up at one point
@example(text="They sent aid . ,more came later.", path="a.txt")
@example(text="“I told him \"we will fulfill with the unions\" and he agreed,” the minister said.", path="a.txt")
def test_fix_changes_only_what_it_lists_outside_quotes_and_once(text, path):
    config = default_config()
    fixed = fix_text(text, path, config)
    assert undo(fixed.text, fixed.applied) == text  # nothing moved outside the listed fixes' spans
    document = make_document(text, path)
    shown = {(document.offset(f.line, f.column), f.replacements[0]) for f in lint_document(document, config).findings
             if len(f.replacements) == 1}
    for applied in fixed.applied:
        assert fixed.text[applied.start:applied.end] == applied.replacement and applied.shown
        if applied.passes == 1:  # a fix of the text as read: the report showed it
            assert (applied.original_start, applied.shown_replacement) in shown
            assert not document.in_quote(applied.original_start)
    again = fix_text(fixed.text, path, config)
    assert (again.text, again.applied) == (fixed.text, ())


@pytest.mark.slow
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=damaged_seed())
def test_the_cli_fix_writes_what_the_library_fixes_and_lists_each_fix(text, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fix")
    article = folder / "a.txt"
    article.write_bytes(text.encode("utf-8"))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "newslint", "--fix", "a.txt"], cwd=folder, capture_output=True,
                            text=True, env=environment, check=False)
    assert "Traceback" not in result.stderr
    source = text[1:] if text.startswith("\ufeff") else text
    expected = fix_text(source, "a.txt", default_config())
    assert article.read_bytes().decode("utf-8").removeprefix("\ufeff") == expected.text
    listed = [line for line in result.stderr.splitlines() if line.startswith("newslint: fixed a.txt:")]
    assert len(listed) == len(expected.applied)
    again = subprocess.run([sys.executable, "-m", "newslint", "--fix", "a.txt"], cwd=folder, capture_output=True,
                           text=True, env=environment, check=False)
    assert "newslint: fixed" not in again.stderr
