"""Text output: the fixable marker and its count, and --show-source's line and caret, as a user runs them."""
import re
import shutil

from test_cli import ROOT, run

ARTICLE = ("Gallant is scheduled to fulfill with Jake Sullivan.\n"
           "\tThe the 中文 officials said , he added.\n"
           "“They will fulfill with him,” he said.\n")


def test_fixable_findings_are_marked_and_counted(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    lines = run("--color", "never", "a.txt", cwd=tmp_path).stdout.splitlines()
    marked = {line.split(" ")[2] for line in lines[:-1] if " [*] " in line}
    unmarked = [line for line in lines[:-1] if " [*] " not in line]
    assert marked == {"[spun-phrases]", "[doubled-word]", "[space-before-punctuation]"}
    # Quoted speech is left for the editor, so its finding carries a fix but no marker.
    assert len(unmarked) == 1 and unmarked[0].startswith("a.txt:3:12: warning [spun-phrases] garbled")
    assert lines[-1] == "Found 4 findings (4 warnings) in 1 file. 3 fixable with --fix ([*])."


def test_the_count_is_what_fix_applies_on_the_seeds(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    summary = run("--color", "never", "seeds", cwd=tmp_path).stdout.splitlines()[-1]
    promised = int(re.search(r"(\d+) fixable with --fix", summary).group(1))
    fixed = run("--fix", "seeds", cwd=tmp_path).stderr
    assert f"fixed {promised} findings" in fixed


def test_no_marker_and_no_count_without_a_safe_fix(tmp_path):
    (tmp_path / "a.txt").write_text("He is set to one other meeting.\nThe talks ended in whether.\n", encoding="utf-8")
    lines = run("--color", "never", "a.txt", cwd=tmp_path).stdout.splitlines()
    assert len(lines) > 1 and not any("[*]" in line for line in lines)


def test_show_source_prints_the_line_and_a_caret_under_the_span(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = run("--color", "never", "--show-source", "a.txt", cwd=tmp_path).stdout.split("\n\n")
    assert out[0].splitlines() == [
        "a.txt:1:25: warning [spun-phrases] [*] garbled paraphrase: 'fulfill with' reads as a machine rewrite "
        "of 'meet with' (-> meet with)",
        "  |",
        "1 | Gallant is scheduled to fulfill with Jake Sullivan.",
        "  |                         ^^^^^^^^^^^^"]
    # A tab shows as one space; the two wide characters before the span take two columns each:
    # the span starts at code point 26, so the caret sits under display column 25 + 2.
    assert out[2].splitlines()[2:] == ["2 |  The the 中文 officials said , he added.",
                                       "  | " + " " * 27 + "^^^"]


def test_show_source_cuts_a_long_line_around_the_span(tmp_path):
    line = "Officials spoke. " * 40 + "They will fulfill with aides." + " Talks went on." * 40
    (tmp_path / "a.md").write_text(f"# Title\n\n{line}\n", encoding="utf-8")
    out = run("--color", "never", "--show-source", "a.md", cwd=tmp_path).stdout.splitlines()
    shown, carets = out[2], out[3]
    assert shown.startswith("3 | …") and shown.endswith("…") and len(shown) < 200
    assert shown[carets.index("^"):carets.rindex("^") + 1] == "fulfill with"
