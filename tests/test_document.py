"""Positions: CRLF, a UTF-8 BOM, tabs and characters outside the BMP all land where an editor shows them."""
from newslint import lint_text
from newslint.document import Document
from newslint.sources import decode

from helpers import config_for


def test_offsets_become_one_based_lines_and_columns():
    doc = Document("ab\ncd\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(3) == (2, 1)
    assert doc.position(4) == (2, 2)
    assert doc.span_position(3, 5) == (2, 1, 2, 3)


def test_crlf_lines_keep_columns_and_line_spans_drop_the_cr():
    text = "First line.\r\nThey will fulfill with him.\r\n"
    doc = Document(text)
    assert doc.line_span(2) == (13, 13 + len("They will fulfill with him."))
    found = lint_text(text, config_for("spun-phrases"))
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 11, 23)]


def test_bom_is_not_a_column():
    source = decode("\ufeffThey will fulfill with him.".encode("utf-8"), "x.txt")
    assert source.bom and not source.text.startswith("\ufeff")
    found = lint_text(source.text, config_for("spun-phrases"))
    assert [(f.line, f.column) for f in found] == [(1, 11)]


def test_tab_counts_as_one_column():
    found = lint_text("\tThey fulfill with him.", config_for("spun-phrases"))
    assert [(f.line, f.column) for f in found] == [(1, 7)]


def test_characters_outside_the_bmp_count_as_one_column():
    found = lint_text("🎉🎉 They fulfill with him.", config_for("spun-phrases"))
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 9, 21)]


def test_quotes_and_in_quote():
    text = 'He said “we will fulfill with them” and left. "Yes," she said.'
    doc = Document(text)
    assert doc.in_quote(text.index("fulfill"))
    assert not doc.in_quote(text.index("left"))
    assert doc.in_quote(text.index("Yes"))


def test_unclosed_quote_runs_to_the_end_of_its_paragraph_only():
    doc = Document("“Open quote runs on\nNext paragraph")
    assert doc.in_quote(5) and not doc.in_quote(doc.text.index("Next"))


def test_paragraphs_are_lines_in_plain_text_and_blocks_in_markdown():
    text = "One.\nTwo.\n\nThree\nfour."
    assert len(Document(text).paragraphs) == 4
    assert len(Document(text, markup="markdown").paragraphs) == 2


def test_a_straight_quote_nested_in_curly_quotes_neither_closes_nor_reopens_them():
    text = "“I told him \"we will fulfill with them\" and he agreed,” the minister said. He left."
    doc = Document(text)
    assert doc.quotes == [(1, text.index("”"))]
    assert doc.in_quote(text.index("fulfill")) and doc.in_quote(text.index("agreed"))
    assert not doc.in_quote(text.index("minister")) and not doc.in_quote(text.index("left"))
