"""Baselines: --write-baseline records today's findings; --baseline reports only new ones."""
import json

from newslint import lint_text

from helpers import default_config
from test_cli import run

OLD = "Gallant is scheduled to fulfill with Jake Sullivan.\n"
OTHER = "Officials said the talks went on.\n"
NEW = "A gradual quite than immediate withdrawal.\n"


def rules(result):
    return [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_baseline_survives_edits_elsewhere_and_reports_new_findings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(OTHER + OLD, encoding="utf-8")
    written = run("--write-baseline", "base.json", "a.txt", cwd=tmp_path)
    assert written.returncode == 0 and "wrote 1 finding to baseline base.json" in written.stderr
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["rule"]) for e in data["findings"]] == [("a.txt", "spun-phrases")]

    article.write_text(NEW + OTHER + "More text here.\n" + OLD, encoding="utf-8")
    result = run("--format", "json", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert rules(result) == [(1, "spun-function-words")] and result.returncode == 1
    # Editing the old finding's own paragraph makes it new again.
    article.write_text(OTHER + OLD.replace("Jake ", ""), encoding="utf-8")
    assert rules(run("--format", "json", "--baseline", "base.json", "a.txt", cwd=tmp_path)) == [(2, "spun-phrases")]


def test_clean_against_its_baseline_exits_zero(tmp_path):
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    run("--write-baseline", "base.json", ".", cwd=tmp_path)
    result = run("--baseline", "base.json", ".", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "No findings in 1 file."


def test_a_recorded_finding_absorbs_only_as_many_as_were_recorded(tmp_path):
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    run("--write-baseline", "base.json", "a.txt", cwd=tmp_path)
    (tmp_path / "a.txt").write_text(OLD + OLD, encoding="utf-8")
    assert rules(run("--format", "json", "--select", "spun-phrases", "--baseline", "base.json", "a.txt", cwd=tmp_path)) == [(2, "spun-phrases")]


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path):
    sub = tmp_path / "copy"
    sub.mkdir()
    (sub / "a.txt").write_text(OLD, encoding="utf-8")
    run("--write-baseline", "copy/base.json", "copy/a.txt", cwd=tmp_path)
    assert json.loads((sub / "base.json").read_text())["findings"][0]["path"] == "a.txt"
    assert run("--baseline", "base.json", "a.txt", cwd=sub).returncode == 0


def test_same_phrase_in_another_file_is_new(tmp_path):
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    run("--write-baseline", "base.json", "a.txt", cwd=tmp_path)
    (tmp_path / "b.txt").write_text(OLD, encoding="utf-8")
    result = run("--format", "json", "--baseline", "base.json", ".", cwd=tmp_path)
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["b.txt"]


def test_missing_or_broken_baseline_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    missing = run("--baseline", "nope.json", "a.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.json: cannot read baseline" in missing.stderr
    (tmp_path / "bad.json").write_text('{"version": 7}', encoding="utf-8")
    assert run("--baseline", "bad.json", "a.txt", cwd=tmp_path).returncode == 2


def test_fingerprint_ignores_position_and_spacing_but_not_the_paragraph():
    def prints(text):
        return [f.fingerprint for f in lint_text(text, default_config()) if f.rule == "spun-phrases"]

    base = prints("Intro.\nThey fulfill with aides.\n")
    assert base == prints("Another line.\n\nIntro.\nThey fulfill with aides.\n")
    assert base == prints("Intro.\nThey  fulfill\twith aides. \n")
    assert prints("Intro.\nThey fulfill with aides.\n") != prints("Intro.\nThey fulfill with staff.\n")
    assert len(base) == 1 and len(base[0]) == 16


def test_findings_without_a_fingerprint_are_matched_by_rule_and_message(tmp_path):
    from newslint import baseline
    from newslint.model import Finding, Severity
    from newslint.runner import FileResult

    finding = Finding("a.txt", 3, 1, 3, 5, "x-rule", "style", Severity.WARNING, "same story as b.txt")
    moved = Finding("a.txt", 9, 1, 9, 5, "x-rule", "style", Severity.WARNING, "same story as b.txt")
    other = Finding("a.txt", 9, 1, 9, 5, "x-rule", "style", Severity.WARNING, "same story as c.txt")
    path = str(tmp_path / "base.json")
    baseline.write([FileResult("a.txt", (finding,))], path)
    kept = baseline.apply([FileResult("a.txt", (moved, other))], path)
    assert kept[0].findings == (other,)


# -- hostile baselines: a one-line error, never a Python internal -----------------------------------
import pytest  # noqa: E402

from newslint.baseline import BaselineError, load  # noqa: E402


@pytest.mark.parametrize("content, reason", [
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply or too large)"),
    ('{"version": 1}', 'not a newslint baseline (a JSON object with "version": 1 and a "findings" list)'),
    ('{"version": 1, "findings": ["abc"]}', 'finding 1 is not an object with a "path" and a "fingerprint" string'),
    ('{"version": 1, "findings": [{"path": "a.txt"}]}', 'finding 1 is not an object with a "path" and a "fingerprint" string'),
    ("{nope", "not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)"),
    ("[]", 'not a newslint baseline (a JSON object with "version": 1 and a "findings" list)'),
])
def test_a_bad_baseline_is_one_plain_error(tmp_path, content, reason):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as err:
        load(str(path))
    assert str(err.value) == f"{path}: cannot read baseline: {reason}"


def test_a_baseline_with_a_bom_is_read(tmp_path):
    path = tmp_path / "b.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"version": 1, "findings": [{"path": "a.txt", "fingerprint": "x"}]}')
    assert load(str(path)) == {("a.txt", "x"): 1}
