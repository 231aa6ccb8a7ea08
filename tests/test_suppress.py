"""Suppression directives in Markdown, HTML and plain text."""
import dataclasses

from newslint import lint_text
from newslint.config import select_rules
from newslint.runner import make_document

from helpers import default_config

SPUN = "They fulfill with aides."


def lint(text, path, report_unused=False):
    # The examples repeat one sentence and end it with a marker after its full stop: the rules for
    # repeated paragraphs and mid-clause full stops would rightly flag that, and are not under test.
    config = select_rules(default_config(), [], ["repeated-paragraph", "clause-full-stop"])
    if report_unused:
        config = dataclasses.replace(config, sections={"suppress": {"report-unused": True}})
    return [(f.line, f.column, f.rule) for f in lint_text(text, config, path=path)]


def test_disable_and_enable_region_in_markdown():
    text = "\n".join([SPUN, "<!-- newslint-disable spun-phrases -->", SPUN, SPUN, "<!-- newslint-enable -->", SPUN])
    assert lint(text, "a.md") == [(1, 6, "spun-phrases"), (6, 6, "spun-phrases")]


def test_disable_without_rules_silences_every_rule_to_the_end():
    text = "\n".join(["<!-- newslint-disable -->", SPUN, "The the end."])
    assert lint(text, "a.md") == []


def test_disable_names_only_its_rules():
    text = "\n".join(["<!-- newslint-disable doubled-word -->", "They fulfill with the the aides."])
    assert lint(text, "a.md") == [(2, 6, "spun-phrases")]


def test_enable_one_rule_after_disabling_all():
    text = "\n".join(["<!-- newslint-disable -->", "<!-- newslint-enable spun-phrases -->", "They fulfill with the the aides."])
    assert lint(text, "a.md") == [(3, 6, "spun-phrases")]


def test_disable_next_line_in_html():
    text = "<p>\n<!-- newslint-disable-next-line spun-phrases -->\n" + SPUN + "\n" + SPUN + "\n</p>\n"
    assert lint(text, "a.html") == [(4, 6, "spun-phrases")]


def test_plain_text_marker_suppresses_its_line_only():
    text = f"{SPUN}  newslint: ignore[spun-phrases]\n{SPUN}\nThe the end. newslint: ignore\n"
    assert lint(text, "a.txt") == [(2, 6, "spun-phrases")]


def test_plain_text_marker_is_not_read_by_rules():
    document = make_document("Done. newslint: ignore[doubled-word]\n", "a.txt")
    assert document.text == "Done." + " " * 31 + "\n"
    assert document.source.endswith("ignore[doubled-word]\n")


def test_marker_must_end_the_line():
    # not a marker, and said so: a marker that does nothing must not pass without a word
    assert lint(f"{SPUN} newslint: ignore[spun-phrases] later\n", "a.txt") == [
        (1, 6, "spun-phrases"), (1, 26, "invalid-directive")]


def test_comment_directives_do_nothing_in_plain_text():
    text = f"<!-- newslint-disable -->\n{SPUN}\n"
    assert lint(text, "a.txt") == [(2, 6, "spun-phrases")]


def test_unknown_rule_is_reported_with_a_suggestion():
    findings = lint_text(f"<!-- newslint-disable spun-phrase -->\n{SPUN}\n", default_config(), path="a.md")
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 1, "invalid-directive"), (2, 6, "spun-phrases")]
    assert findings[0].message == "unknown rule 'spun-phrase' in a newslint directive (did you mean 'spun-phrases'?)"


def test_misspelt_directive_is_reported():
    findings = lint_text("Text.\n<!-- newslint-disabel -->\n", default_config(), path="a.md")
    assert [(f.line, f.rule) for f in findings] == [(2, "invalid-directive")]
    assert "unknown directive 'newslint-disabel'" in findings[0].message


def test_unknown_rule_in_plain_text_marker():
    assert lint("Fine. newslint: ignore[nope]\n", "a.txt") == [(1, 7, "invalid-directive")]


def test_unused_directives_are_reported_only_when_asked():
    text = "\n".join(["<!-- newslint-disable doubled-word -->", "Clean copy.",
                      "<!-- newslint-disable-next-line spun-phrases -->", SPUN])
    assert lint(text, "a.md") == []
    assert lint(text, "a.md", report_unused=True) == [(1, 1, "unused-directive")]


def test_unused_marker_in_plain_text():
    findings = lint_text("Clean. newslint: ignore[spun-phrases]\n", dataclasses.replace(
        default_config(), sections={"suppress": {"report-unused": True}}), path="a.txt")
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 8, "unused-directive")]
    assert findings[0].message == "unused suppression: 'newslint: ignore[spun-phrases]' suppressed nothing"


def test_directive_for_an_inactive_rule_is_not_unused():
    config = dataclasses.replace(default_config(), rules=(), sections={"suppress": {"report-unused": True}})
    assert lint_text("Clean. newslint: ignore[spun-phrases]\n", config, path="a.txt") == []


def test_report_unused_on_the_command_line(tmp_path):
    from test_cli import run

    (tmp_path / "a.md").write_text("<!-- newslint-disable doubled-word -->\nClean copy.\n", encoding="utf-8")
    assert run("a.md", cwd=tmp_path).returncode == 0
    result = run("--report-unused", "--color", "never", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("a.md:1:1: warning [unused-directive] unused suppression: "
                                             "'<!-- newslint-disable doubled-word -->' suppressed nothing")


# -- hostile and careless directives ------------------------------------------------------------------
import time  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.parametrize("marker", ["newslint: ingore", "newslint: ignore[spun-phrases", "NEWSLINT: IGNORE",
                                    "Newslint: ignore[spun-phrases]", "newslint:ignore[spun-phrases] and more"])
def test_misspelt_unclosed_and_upper_case_markers_are_reported(marker):
    findings = [f for f in lint_text(f"{SPUN}  {marker}\n", default_config(), path="a.txt") if f.rule != "clause-full-stop"]
    assert [(f.line, f.rule) for f in findings] == [(1, "spun-phrases"), (1, "invalid-directive")]
    invalid = findings[1]
    assert invalid.message.startswith("malformed marker '") and "at the end of a line" in invalid.message


def test_a_mention_of_newslint_in_a_url_or_path_is_no_marker():
    assert lint("See https://example.org/newslint:ignore and tools/newslint: here.\n", "a.txt") == []


def test_upper_case_and_unclosed_comment_directives_are_reported():
    findings = lint_text(f"<!-- NEWSLINT-DISABLE -->\n\n{SPUN}\n\n<!-- newslint-disable\n\n{SPUN}\n",
                         default_config(), path="a.md")
    # the unclosed comment runs to the end of the file, so what follows it is not prose
    assert [(f.line, f.rule) for f in findings] == [(1, "invalid-directive"), (3, "spun-phrases"),
                                                    (5, "invalid-directive")]
    assert findings[0].message.startswith("directives are lower case")
    assert findings[2].message == "unclosed newslint comment: it has no '-->'"


@pytest.mark.parametrize("path, wrapped", [
    ("a.md", "```html\n<!-- newslint-disable -->\n```"),
    ("a.md", "~~~~\n<!-- newslint-disable -->\n~~~~"),
    ("a.md", "<script>\nvar x = '<!-- newslint-disable -->';\n</script>"),
    ("a.html", "<pre><!-- newslint-disable --></pre>"),
    ("a.html", "<script>document.write('<!-- newslint-disable -->')</script>"),
])
def test_a_directive_inside_code_takes_no_effect(path, wrapped):
    text = f"{wrapped}\n\n<p>{SPUN}</p>\n" if path.endswith("html") else f"{wrapped}\n\n{SPUN}\n"
    assert [rule for _, _, rule in lint(text, path)] == ["spun-phrases"]


def test_a_directive_after_a_closed_fence_still_works():
    text = f"```\ncode\n```\n\n<!-- newslint-disable -->\n\n{SPUN}\n"
    assert lint(text, "a.md") == []


def test_unclosed_disable_comments_cost_linear_time():
    text = "<!-- newslint-disable x " * 10_000  # about 240 KB (the quadratic scan took minutes)
    started = time.process_time()
    findings = lint_text(text, default_config(), path="a.md")
    assert time.process_time() - started < 5
    assert [f.rule for f in findings].count("invalid-directive") == 1


def test_ten_thousand_markers_cost_linear_time():
    text = "".join(f"They fulfill with the the aides {i}.  newslint: ignore[doubled-word]\n" for i in range(10_000))
    started = time.process_time()
    findings = lint(text, "a.txt")
    assert time.process_time() - started < 8
    rules = [rule for _, _, rule in findings]
    assert rules.count("spun-phrases") == 10_000 and "doubled-word" not in rules
