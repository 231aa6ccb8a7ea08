"""Markdown and HTML: only prose is linted, and positions are those of the original file."""
import pytest
from hypothesis import given, settings, strategies as st

from newslint import lint_text
from newslint.markup import markup_for, prose
from newslint.runner import make_document

from helpers import default_config


def spun(text, path):
    """(line, column) of every spun-phrases finding in text read as the file `path`."""
    return [(f.line, f.column) for f in lint_text(text, default_config(), path=path) if f.rule == "spun-phrases"]


def test_markup_is_chosen_by_suffix():
    assert [markup_for(p) for p in ("a.md", "b.MARKDOWN", "c.html", "d.htm", "e.txt", "f", "<stdin>")] == [
        "markdown", "markdown", "html", "html", "text", "text", "text"]
    assert make_document("x", "story.md").markup == "markdown"


def test_markdown_code_block_is_skipped_and_prose_found_at_its_line():
    text = ("# Gallant visit\n\n"
            "```text\nGallant will fulfill with Sullivan.\n```\n\n"
            "Gallant is scheduled to fulfill with Jake Sullivan.\n")
    assert spun(text, "story.md") == [(7, 25)]
    # The same text as plain text: both are prose.
    assert spun(text, "story.txt") == [(4, 14), (7, 25)]


@pytest.mark.parametrize("snippet", [
    "`fulfill with`",
    "<!-- fulfill with -->",
    "<https://example.com/fulfill with>",
    "https://example.com/fulfill-with",
    "![fulfill with](photo.jpg)",
    "[Sullivan](https://example.com/fulfill with)",
    '<span title="fulfill with">Sullivan</span>',
])
def test_markdown_non_prose_is_not_linted(snippet):
    assert spun(f"He met {snippet} today.\n", "a.md") == []


def test_markdown_front_matter_and_reference_definitions_are_skipped():
    text = "---\ntitle: They fulfill with us\n---\n\nBody.\n\n[1]: https://x.org 'fulfill with'\n"
    assert spun(text, "a.md") == []
    assert spun(text.replace("Body.", "Body will fulfill with them."), "a.md") == [(5, 11)]


def test_markdown_link_text_headings_lists_and_quotes_are_prose():
    text = ("## They fulfill with aides\n"
            "- to fulfill with aides\n"
            "> to fulfill with aides\n"
            "See [fulfill with](https://x.org).\n"
            "They **fulfill with** aides.\n")
    assert spun(text, "a.md") == [(1, 9), (2, 6), (3, 6), (4, 6), (5, 8)]


def test_markdown_text_keeps_length_and_line_breaks():
    source = "---\na: b\n---\r\n# T\r\n\r\n```\r\ncode\r\n```\r\nA *b* `c` [d](e) &amp; <!-- f\r\n g -->\r\n"
    text = prose(source, "markdown")
    assert len(text) == len(source)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(source) if c in "\r\n"]
    assert text.split("\n")[-3].split() == ["A", "b", "d", "&"]


def test_unclosed_fence_runs_to_the_end():
    assert spun("Intro.\n\n```\nto fulfill with them\n", "a.md") == []


HTML = """<!DOCTYPE html>
<html><head><title>They fulfill with aides</title>
<style>p::before { content: "fulfill with"; }</style></head>
<body>
<p class="fulfill with">He is set to fulfill with Sullivan.</p>
<script>var s = "fulfill with";</script>
<p>AT&amp;T will fulfill&nbsp;with us.</p>
</body></html>
"""


def test_html_body_text_only_at_original_positions():
    assert spun(HTML, "page.html") == [(5, 38), (7, 18)]
    text = prose(HTML, "html")
    assert len(text) == len(HTML) and text.count("\n") == HTML.count("\n")
    assert "AT&    T will fulfill      with us." in text
    assert "title" not in text and "script" not in text and "var" not in text


def test_html_without_body_and_with_crlf():
    source = "<div>\r\n<p>They fulfill with aides.</p>\r\n<pre>fulfill with</pre></div>\r\n"
    assert spun(source, "frag.htm") == [(2, 9)]


def test_html_entities_decode_for_quotes():
    document = make_document("<p>&ldquo;We fulfill with them,&rdquo; he said.</p>", "q.html")
    assert document.text.startswith("   “      We")
    assert document.in_quote(document.text.index("We"))


def test_folders_include_markdown_and_html_by_default(tmp_path):
    from test_cli import run

    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "story.md").write_text("```\nfulfill with\n```\nThey fulfill with aides.\n", encoding="utf-8")
    result = run("--color", "never", ".", cwd=tmp_path)
    assert [line.split(" ")[0] for line in result.stdout.splitlines()[:-1]] == [
        "page.html:5:38:", "page.html:7:18:", "story.md:4:6:"]


def test_a_number_mid_paragraph_is_prose_not_a_list():
    text = prose("It began in\n1990. That year.\n\n2. First item\n3. Second item\n", "markdown")
    assert text.split("\n")[:5] == ["It began in", "1990. That year.", "", "   First item", "   Second item"]


def test_html_paragraphs_and_sentences_follow_block_tags():
    source = ("<body><h1>Rafah talks</h1><p>He said “we will stay</p>\n<p>They fulfill with aides.</p>\n"
              "<ul><li>One<li>Two</ul></body>")
    document = make_document(source, "a.html")
    assert [document.text[s:e] for s, e in document.paragraphs] == [
        "Rafah talks", "He said “we will stay", "They fulfill with aides.", "One", "Two"]
    assert [document.text[s:e] for s, e in document.sentences][:2] == ["Rafah talks", "He said “we will stay"]
    # An unclosed quote ends with its paragraph, so the next paragraph is not quoted speech.
    assert not document.in_quote(source.index("fulfill"))


def test_markdown_emphasis_markers_are_blanked_only_when_the_parser_pairs_them():
    text = prose("They **fulfill with** aides, 2 * 3 and a \\*star\\*; snake_case.\n", "markdown")
    assert text == "They   fulfill with   aides, 2 * 3 and a  *star *; snake_case.\n"


def test_markdown_footnotes_are_prose_and_their_markers_are_not():
    text = "Aides met[^1] today.\n\n[^1]: They will fulfill with Sullivan.\n"
    assert prose(text, "markdown") == "Aides met     today.\n\n      They will fulfill with Sullivan.\n"
    assert spun(text, "a.md") == [(3, 17)]


@pytest.mark.parametrize("snippet", [
    '{{< figure src="a.jpg" caption="They fulfill with aides" >}}',
    "{{% notice fulfill with %}}Body.{{% /notice %}}",
    "{% include fulfill with.html %}",
    "{{ page.fulfill with }}",
])
def test_hugo_and_liquid_tags_are_not_prose(snippet):
    assert spun(f"Officials met. {snippet}\n", "a.md") == []


def test_code_carrying_template_tags_blank_their_body_and_other_tags_keep_it():
    assert spun("{{% notice note %}}They fulfill with aides.{{% /notice %}}\n", "a.md") == [(1, 25)]
    text = "{{< highlight go >}}\nthey fulfill with x\n{{< /highlight >}}\n{% raw %}fulfill with{% endraw %}\n"
    assert spun(text, "a.md") == []
    assert spun(text + "\nThey fulfill with aides.\n", "a.md") == [(6, 6)]


def test_markdown_tables_setext_headings_and_nested_blocks():
    text = ("Aides fulfill with them\n=======================\n\n"
            "| who | what |\n|---|---|\n| aides | to fulfill with them |\n\n"
            "- a list\n\t- to fulfill with them\n  > to fulfill with them\n")
    assert spun(text, "a.md") == [(1, 7), (6, 14), (9, 7), (10, 8)]
    document = make_document(text, "a.md")
    assert [document.text[s:e] for s, e in document.paragraphs][:5] == [
        "Aides fulfill with them", "who", "what", "aides", "to fulfill with them"]


def test_html_blocks_and_toml_front_matter_are_not_prose_but_indented_lines_are():
    text = ("+++\ntitle = 'fulfill with'\n+++\n<div>\nfulfill with\n</div>\n\n"
            "    They will fulfill with aides.\n")
    assert spun(text, "a.md") == [(8, 15)]


def test_markdown_headings_end_their_sentence():
    document = make_document("# Rafah talks\nThey met in Cairo\n", "a.md")
    assert [document.text[s:e] for s, e in document.sentences] == ["Rafah talks", "They met in Cairo"]


@pytest.mark.parametrize("damage", ["[", "*a", "[a](", "![[", "<", "`", "&", "{{<", "{%"])
def test_a_100_kb_line_of_markup_characters_is_parsed_in_linear_time(damage):
    # A quadratic parse of 100 KB would take minutes; this bound only catches that.
    import subprocess
    import sys

    source = damage * (100_000 // len(damage))
    code = "import sys; from newslint.markup import prose; print(len(prose(sys.stdin.read(), 'markdown')))"
    result = subprocess.run([sys.executable, "-c", code], input=source, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == str(len(source)), result.stderr

_PIECES = st.sampled_from(["*", "**", "_", "~~", "`", "[", "]", "(", ")", "![", "<", ">", "&amp;", "&", "\\", "#",
                           "- ", "1. ", "> ", "|", "---", "[^1]", "[^1]: ", "{{<", ">}}", "{%", "%}", "\t", " ",
                           "\n", "\r\n", "\n\n", "    ", "```", "word", "Gaza", ",", ".", "“", "é", "中"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_markdown_prose_keeps_every_offset_and_only_blanks(source):
    text = prose(source, "markdown")
    assert len(text) == len(source)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(source) if c in "\r\n"]
    # Prose is the source's own characters; the rest is spaces (or a decoded entity's character).
    assert all(t == s or t == " " or s == "&" for t, s in zip(text, source))
