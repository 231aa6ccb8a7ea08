"""--strip-boilerplate on real files: whole warned lines go, reported speech stays, writes are atomic."""
import os
import stat

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.boilerplate_features import protected
from newslint.runner import lint_document, make_document
from newslint.strip import remove_lines, strippable_lines

from helpers import default_config
from test_cli import run

ARTICLE = ("Council approves bus lanes\n"
           "The council voted on Tuesday to add bus lanes on four roads, a plan it says will cut journey times.\n"
           "Work will start in March and take eight months, the transport chief said.\n")
QUOTE = 'He said: "We will press ahead with the plan, whatever the shops on the high street say about it."\n'
TABLE = "Player | Pos | Stats |\nJane Roe | FW | 2 goals |\n"


def test_strips_warned_boilerplate_lines_and_keeps_everything_else(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + "Share this article\n" + TABLE + "Next Story\n", encoding="utf-8")
    os.chmod(path, 0o640)
    result = run("--strip-boilerplate", str(path))
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert "stripped 4 boilerplate lines from 1 file" in result.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert result.returncode == 0, result.stdout  # nothing left to report
    assert run("--strip-boilerplate", str(path)).stderr == ""  # a second run finds nothing to strip


def test_a_line_with_reported_speech_is_never_deleted(tmp_path):
    # The repeated quote is a repeated-paragraph warning, but it may be the article's own reporting.
    text = ARTICLE + QUOTE + "Shops on the high street have raised concerns about deliveries and parking.\n" + QUOTE
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = run("--strip-boilerplate", "--format", "json", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert '"repeated-paragraph"' in result.stdout and result.returncode == 1


def test_suggestions_are_never_acted_on_and_untouched_files_are_not_written(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("rules:\n  boilerplate-line: {warn-confidence: 1.01}\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE + TABLE, encoding="utf-8")
    before = os.stat(path).st_mtime_ns - 10**9
    os.utime(path, ns=(before, before))
    result = run("--strip-boilerplate", "--format", "json", "a.txt", cwd=tmp_path)
    assert result.stdout.count('"boilerplate-line"') == 2 and '"suggestion"' in result.stdout
    assert os.stat(path).st_mtime_ns == before and result.stderr == ""


def test_markdown_blank_lines_are_not_doubled_and_html_is_left_alone(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Bus lanes\n\nThe council voted on Tuesday to add bus lanes on four roads, officials said.\n\n"
                  "Next Story\n\nWork will start in March and take eight months, the transport chief said.\n",
                  encoding="utf-8")
    html = tmp_path / "b.html"
    page = "<h1>Bus lanes</h1>\n<p>The council voted on Tuesday, officials said.</p>\n<p>Next Story</p>\n"
    html.write_text(page, encoding="utf-8")
    result = run("--strip-boilerplate", str(md), str(html))
    assert md.read_text(encoding="utf-8") == (
        "# Bus lanes\n\nThe council voted on Tuesday to add bus lanes on four roads, officials said.\n\n"
        "Work will start in March and take eight months, the transport chief said.\n")
    assert html.read_text(encoding="utf-8") == page
    assert f"{html}: not stripped: boilerplate is not deleted from HTML" in result.stderr


def test_refuses_standard_input_and_fix_and_leaves_invalid_utf8_alone(tmp_path):
    assert run("--strip-boilerplate", "-", stdin="Next Story\n").returncode == 2
    path = tmp_path / "a.txt"
    data = ARTICLE.encode() + b"Next Story\n\xff\n"
    path.write_bytes(data)
    assert run("--strip-boilerplate", "--fix", str(path)).returncode == 2
    result = run("--strip-boilerplate", str(path))
    assert path.read_bytes() == data
    assert f"{path}: not stripped: the file is not valid UTF-8" in result.stderr


def test_remove_lines_keeps_line_endings_and_single_blank_lines():
    assert remove_lines("a\r\nb\r\nc", {2}) == "a\r\nc"
    assert remove_lines("a\n\nb\n\nc\n", {3}) == "a\n\nc\n"
    assert remove_lines("b\n\nc\n", {1}) == "c\n"


POOL = [ARTICLE.splitlines()[1], ARTICLE.splitlines()[2], QUOTE.strip(), "Share this article", "Next Story",
        "Player | Pos | Stats |", 'Jane Roe | FW | "2 goals" |', "Jane Roe/Reuters", "- See it now: Amazon",
        "", "Follow us on Twitter, she said", "Read more: Bus lanes approved"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=12))
def test_stripping_only_deletes_whole_unprotected_lines(lines):
    text = "Bus lanes approved\n" + "\n".join(lines) + "\n"
    document = make_document(text, "a.txt")
    gone = strippable_lines(document, lint_document(document, default_config()).findings)
    kept = remove_lines(text, gone).splitlines()
    original = text.splitlines()
    assert all(original[n - 1].strip() and not protected(original[n - 1]) for n in gone)
    iterator = iter(original)
    assert all(line in iterator for line in kept)  # what is left is the original, in order, less whole lines
    assert [line for line in original if protected(line)] == [line for line in kept if protected(line)]
