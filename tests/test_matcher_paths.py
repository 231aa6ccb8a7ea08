"""The phrase engine's fast paths find what the regex trie finds: runs of spaces, regex entries without a literal start."""
import re
from pathlib import Path

import pytest

from newslint import lint_text, load_config, matcher
from newslint.regexstems import required_literal, stems

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
FILLER = ("The report underlines the complexity of the talks.\n\nIt is a highly volatile situation that requires "
          "immediate attention to avert disaster, and it serves as a stark reminder of the risks.\n"
          "Officials navigate the intricacies of the deal and play a pivotal role in shaping it.\n")


def phrase_findings(text, config):
    return [(f.line, f.column, f.end_column, f.rule, f.message, f.replacements)
            for f in lint_text(text, config) if f.category in ("paraphrase", "style")]


def spaced(text):
    """Runs of spaces, tabs and blank lines between words, and an indented line."""
    return "    " + re.sub(r"(\w) (\w)", lambda m: m.group(1) + ("  " if m.start() % 3 else "\n\n\t") + m.group(2), text)


@pytest.mark.parametrize("make", [spaced, lambda t: t], ids=["runs-of-spaces", "single-spaced"])
def test_the_automaton_finds_what_the_trie_finds(monkeypatch, make):
    text = make("\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS) + "\n\n" + FILLER)
    fast = phrase_findings(text, load_config(discover=False))
    assert len(fast) > 20
    monkeypatch.setattr(matcher, "ahocorasick", None)
    assert phrase_findings(text, load_config(discover=False)) == fast


def test_runs_of_spaces_no_longer_need_the_trie(monkeypatch):
    def no_trie(*args):
        raise AssertionError("the regex trie was used")

    monkeypatch.setattr(matcher.PhraseEngine, "_scan_trie", no_trie)
    found = [f.rule for f in lint_text("He will  fulfill   with\n\nthe minister.", load_config(discover=False))]
    assert found == ["spun-phrases"]


def test_a_regex_entry_without_a_literal_start_is_found_by_its_stems(monkeypatch):
    def found():
        return [(f.line, f.column, f.rule) for f in lint_text(FILLER, load_config(discover=False))
                if f.rule == "machine-filler"]

    expected = [(1, 12, "machine-filler"), (3, 7, "machine-filler"), (3, 95, "machine-filler"),
                (4, 52, "machine-filler")]  # "a highly ...", with its optional "a"
    assert found() == expected
    monkeypatch.setattr(matcher.PhraseEngine, "_unanchored_regexes", lambda self, with_stems=True: [])
    assert found() == expected  # no scan for them: the automaton found their stems


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!\w)(?:underlines? the complexit(?:y|ies) of)(?!\w)", ("underline",)),
    (r"(?<!\w)(?:(?:a\s+)?highly volatile)", ("a", "highly")),
    (r"(?<!\w)(?:navigat(?:e|es|ing) the)", ("navigat",)),
    (r"(?<!\w)(?:x*abc)", ("abc", "x")),
    (r"(?<!\w)(?:[a-z]+ly)", ()),  # can start with any letter: no stem
    (r"(?<!\w)(?:\d+-12 months)", ()),
    (r"(?<!\w)(?:(?:colou?r)?)", ()),  # can match nothing at all
])
def test_stems(pattern, expected):
    assert stems(re.compile(pattern, re.IGNORECASE)) == expected


def test_an_entry_with_a_one_letter_stem_is_gated_by_a_literal_it_holds(monkeypatch):
    engine = matcher.PhraseEngine()
    entry = matcher.PhraseEntry("r", re.compile(r"(?<!\w)(?:(?:a\s+)?highly volatile)(?!\w)", re.IGNORECASE),
                                stems=("a", "highly"))
    engine.add(entry)
    assert engine.gated == [(entry, "highly volatile")] and "a" not in engine.stemmed
    starts = lambda text: [m.match.start() for m in engine.scan(text)]  # noqa: E731
    assert starts("It is a  Highly volatile mix.") == [6, 9]  # with its optional "a", and without
    assert starts("It is a highly charged and volatile mix.") == []
    # A dotless i matches "i" under IGNORECASE but does not lower to it: the gate opens for such a text.
    assert starts("It is a hıghly volatile mix.") == [6, 8]
    monkeypatch.setattr(matcher, "ahocorasick", None)
    assert starts("It is a hıghly volatile mix.") == [6, 8]


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!\w)(?:(?:a\s+)?highly volatile)(?!\w)", "highly volatile"),
    (r"(?<!\w)(?:underlines? the complexit(?:y|ies) of)", " the complexit"),
    (r"Ab(?:c|d)EFG", "efg"),
    (r"(?:x)?[a-z]+", ""),
])
def test_required_literal(pattern, expected):
    assert required_literal(re.compile(pattern, re.IGNORECASE)) == expected


def test_squeeze_maps_back_to_the_text():
    text = "Ab  cd\n\n\tef g   h’s\u2009x"
    squeezed, where = matcher.squeeze(text.lower())
    assert squeezed == "ab cd ef g h's x"
    assert [text[where(i)] for i in range(len(squeezed))] == list("Ab c") + ["d", "\n", "e", "f", " ", "g", " ",
                                                                            "h", "’", "s", "\u2009", "x"]
