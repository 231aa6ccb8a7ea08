"""Safe autofix: --fix and --diff on real files."""
import json
import os
import shutil
import stat
import subprocess
import sys

from newslint import lint_text
from newslint.fix import Edit, fix_text, resolve
from newslint.runner import make_document

from helpers import default_config
from test_cli import ROOT, run

SEED = ROOT / "seeds" / "002_80019d912228d57b.txt"


def _offset_findings(text, path):
    """The findings --fix may apply (a statistical guess such as unlikely-collocation's never is)."""
    document = make_document(text, path)
    return [(document.offset(f.line, f.column), document.offset(f.end_line, f.end_column), f.replacements)
            for f in lint_text(text, default_config(), path=path) if f.fixable]


def _only_replacements_changed(before, after, findings):
    """True when `after` is `before` with some findings' spans replaced by their single replacement."""
    i = j = 0
    for start, end, replacements in sorted(findings):
        if start < i or len(replacements) != 1:
            continue
        unchanged = before[i:start]
        if after[j:j + len(unchanged)] != unchanged:
            return False
        j += len(unchanged)
        for candidate in (replacements[0], before[start:end]):
            if after[j:j + len(candidate)] == candidate:
                j += len(candidate)
                break
        else:
            return False
        i = end
    return after[j:] == before[i:]


def test_fix_on_seed_replaces_safe_phrases_and_keeps_every_other_byte(tmp_path):
    target = tmp_path / SEED.name
    shutil.copy(SEED, target)
    before = target.read_bytes().decode("utf-8")
    result = run("--fix", "--format", "json", target.name, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    after = target.read_text(encoding="utf-8")
    assert after != before and "newslint: fixed" in result.stderr
    assert _only_replacements_changed(before, after, _offset_findings(before, target.name))
    assert "fulfill with" not in after and "36-12 months-old" not in after

    stamp = os.stat(target)
    again = run("--fix", target.name, cwd=tmp_path)
    assert "newslint: fixed" not in again.stderr
    assert target.read_text(encoding="utf-8") == after
    assert (os.stat(target).st_ino, os.stat(target).st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == [SEED.name]


def test_fix_keeps_bom_crlf_and_permissions(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes("\ufeffHe will fulfill with them.\r\nA gradual quite than fast exit.\r\n".encode("utf-8"))
    target.chmod(0o640)
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_bytes() == "\ufeffHe will meet with them.\r\nA gradual rather than fast exit.\r\n".encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert result.stdout.strip() == "No findings in 1 file."


def test_file_without_fixes_is_not_rewritten(tmp_path):
    target = tmp_path / "clean.md"
    target.write_text("Gallant will meet with Sullivan.\n", encoding="utf-8")
    before = os.stat(target)
    assert run("--fix", "clean.md", cwd=tmp_path).returncode == 0
    assert (os.stat(target).st_ino, os.stat(target).st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_fix_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("They fulfill with aides.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    run("--fix", "link.txt", cwd=tmp_path)
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "They meet with aides.\n"


def test_quoted_speech_and_markup_inside_a_span_are_left_for_the_editor():
    text = "He said: “We will fulfill with them.” They **fulfill** with aides. They fulfill with staff.\n"
    fixed = fix_text(text, "a.md", default_config())
    assert fixed.text == text.replace("fulfill with staff", "meet with staff")
    assert len(fixed.applied) == 1
    assert [f.column for f in fixed.result.findings if f.rule == "spun-phrases"] == [19, 46]


def test_rule_with_fix_false_is_never_applied(tmp_path):
    rule = tmp_path / "rules" / "house-swap.yaml"
    rule.parent.mkdir()
    rule.write_text("kind: substitution\ncategory: style\ndescription: House style.\nfix: false\n"
                    "message: \"use '{replacement}' for '{match}'\"\nswap: {utilise: use}\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule-files: [rules]\n", encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("We utilise it and fulfill with them.\n", encoding="utf-8")
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "We utilise it and meet with them.\n"
    assert "[house-swap]" in result.stdout and result.returncode == 1


def test_overlapping_edits_resolve_deterministically():
    edits = [Edit(4, 10, "x", "b-rule"), Edit(0, 6, "y", "a-rule"), Edit(0, 6, "z", "a-rule"),
             Edit(0, 3, "w", "c-rule"), Edit(6, 8, "v", "d-rule"), Edit(6, 8, "v", "d-rule")]
    assert resolve(edits) == [Edit(0, 6, "y", "a-rule"), Edit(6, 8, "v", "d-rule")]
    assert resolve(reversed(edits)) == resolve(edits)


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("Intro.\nThey fulfill with aides.\n", encoding="utf-8")
    result = run("--diff", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n Intro.\n"
                             "-They fulfill with aides.\n+They meet with aides.\n")
    assert target.read_text(encoding="utf-8") == "Intro.\nThey fulfill with aides.\n"
    target.write_text("Clean.\n", encoding="utf-8")
    clean = run("--diff", "a.txt", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_leaves_invalid_utf8_alone(tmp_path):
    target = tmp_path / "a.txt"
    data = b"They fulfill with aides \xff.\n"
    target.write_bytes(data)
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert target.read_bytes() == data
    assert "not fixed" in result.stderr and "[spun-phrases]" in result.stdout


def test_guesses_and_plain_english_look_alikes_are_never_applied(tmp_path):
    # "greater than" (spun-possible) is also plain English and "redoubled their" is only a statistical
    # suspect (unlikely-collocation): both show a replacement but --fix leaves them to the editor.
    article = tmp_path / "a.txt"
    text = "Officials have redoubled their efforts, and greater than 1,000,000 people fled.\n"
    article.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "--fix", "--format", "json", str(article)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert article.read_text(encoding="utf-8") == text
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "spun-possible" in rules


def _house_rule(tmp_path, name, body):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule-files: [rules]\n", encoding="utf-8")


def test_a_replacement_that_holds_its_own_match_is_never_applied_again_and_again(tmp_path):
    _house_rule(tmp_path, "gaza", "kind: substitution\ncategory: style\ndescription: House style.\n"
                "message: \"use '{replacement}'\"\nswap: {Gaza Strip: the Gaza Strip}\n")
    target = tmp_path / "a.txt"
    text = "Police said the Gaza Strip was calm.\n"
    target.write_text(text, encoding="utf-8")
    for _ in range(2):
        result = run("--fix", "a.txt", cwd=tmp_path)
        assert target.read_text(encoding="utf-8") == text
        assert "a.txt:1:17: warning [gaza]" in result.stdout and "newslint: fixed" not in result.stderr


def test_fix_applies_what_it_reports_and_never_glues_two_words(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("They sent aid . ,more came later.\n", encoding="utf-8")
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "They sent aid. ,more came later.\n"
    assert result.stderr.splitlines() == ["newslint: fixed a.txt:1:13 [space-before-punctuation] 'd .' -> 'd.'",
                                          "newslint: fixed 1 finding in 1 file"]
    assert "[stray-punctuation]" in result.stdout  # ". ," -> "." would make "aid.more": left to the editor
    assert run("--fix", "a.txt", cwd=tmp_path).stderr == ""


def test_every_fix_made_is_listed(tmp_path):
    target = tmp_path / SEED.name
    shutil.copy(SEED, target)
    before = target.read_text(encoding="utf-8")
    shown = {(f.line, f.column, f.rule) for f in lint_text(before, default_config(), path=target.name)
             if len(f.replacements) == 1}
    result = run("--fix", target.name, cwd=tmp_path)
    listed = [line for line in result.stderr.splitlines() if line.startswith(f"newslint: fixed {target.name}:")]
    assert listed and f"newslint: fixed {len(listed)} findings in 1 file" in result.stderr
    for line in listed:
        place, rule = line.split()[2], line.split()[3].strip("[]")
        row, column = (int(n) for n in place.split(":")[1:3])
        assert "(found after an earlier fix)" in line or (row, column, rule) in shown


def test_a_zero_width_match_is_reported_but_never_inserted(tmp_path):
    _house_rule(tmp_path, "insert", "kind: pattern\ncategory: style\ndescription: Insertion.\nmessage: odd\n"
                "pattern: '(?<=The )(?=senior)'\nreplacement: 'very '\n")
    target = tmp_path / "a.txt"
    target.write_text("The senior officials met.\n", encoding="utf-8")
    result = run("--fix", "a.txt", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "The senior officials met.\n"
    assert "[insert] odd (-> very )" in result.stdout


def test_a_straight_quote_nested_in_curly_quotes_is_still_quoted_speech(tmp_path):
    text = "“I told him \"we will fulfill with the unions\" and he agreed,” the minister said.\n"
    assert fix_text(text, "a.txt", default_config()).text == text


def test_fix_fixes_only_what_the_same_command_reports(tmp_path):
    _house_rule(tmp_path, "house-words", "kind: substitution\ncategory: style\nseverity: suggestion\n"
                "description: House words.\nmessage: \"use '{replacement}'\"\nswap: {utilise: use}\n")
    target = tmp_path / "a.txt"
    target.write_text("We utilise it.\nThey fulfill with aides.\n", encoding="utf-8")
    diff = run("--diff", "--min-severity", "warning", "a.txt", cwd=tmp_path).stdout
    assert "+They meet with aides." in diff and "utilise" not in diff.replace(" We utilise it.", "")
    run("--fix", "--min-severity", "warning", "a.txt", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "We utilise it.\nThey meet with aides.\n"

    target.write_text("We utilise it.\n", encoding="utf-8")
    assert run("--write-baseline", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    target.write_text("We utilise it.\nThey will utilise them.\n", encoding="utf-8")
    result = run("--fix", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "We utilise it.\nThey will use them.\n"
    assert result.returncode == 0 and "No findings" in result.stdout
