"""boilerplate-line: the learned line model as a rule, and the model file it loads."""
import json

import pytest

from newslint import lint_text
from newslint.boilerplate_features import FEATURES, rows
from newslint.boilerplate_model import ModelError, from_dict, load
from newslint.checks import boilerplate_line
from newslint.model import Severity

from helpers import check, default_config, findings

ARTICLE = ("Council approves bus lanes\n"
           "The council voted on Tuesday to add bus lanes on four roads, a plan it says will cut journey times.\n"
           "Work will start in March and take eight months, the transport chief said.\n"
           "Shop owners have raised concerns about deliveries and parking during the works.\n")
TABLE = "Player | Pos | Stats |\nJane Roe | FW | 2 goals |\nSam Poe | DF | No stats |\n"
CAPTION = "A bus in the new lane on Monday. Jane Roe/Reuters\n"


def test_a_flattened_table_after_the_story_is_flagged_line_by_line():
    assert check(ARTICLE + TABLE, "boilerplate-line") == [(5, 1, "boilerplate-line"), (6, 1, "boilerplate-line"),
                                                          (7, 1, "boilerplate-line")]
    found = findings(ARTICLE + TABLE, "boilerplate-line")
    assert {f.severity for f in found} == {Severity.WARNING}
    assert found[0].message.startswith("table row left in the text (confidence 1.00): 'Player | Pos")
    assert (found[0].column, found[0].end_column) == (1, len("Player | Pos | Stats |") + 1)  # the whole line


def test_captions_and_credits_are_named_as_such():
    found = findings(ARTICLE + "Jane Roe, the council's transport chief, at the depot on Monday\n", "boilerplate-line")
    assert [f.line for f in found] == [5] and found[0].message.startswith("caption or credit left in the text")


def test_a_credit_the_lexicon_flags_is_left_to_it():
    found = [f for f in lint_text(ARTICLE + CAPTION, default_config()) if f.category == "boilerplate"]
    assert [(f.line, f.rule) for f in found] == [(5, "image-credits")]


def test_clean_copy_and_its_subheadings_are_left_alone():
    assert check(ARTICLE, "boilerplate-line") == []
    subheading = ARTICLE + "What changes for drivers\nParking will be banned on the new lanes at peak hours.\n"
    assert check(subheading, "boilerplate-line") == []


def test_the_headline_is_never_judged():
    assert check(TABLE + ARTICLE, "boilerplate-line") == [(2, 1, "boilerplate-line"), (3, 1, "boilerplate-line")]


def test_a_line_with_a_quote_or_a_reporting_verb_is_at_most_a_suggestion():
    quoted = ARTICLE + 'Player | Pos | "Stats" |\nJane Roe | FW | 2 goals, she said |\n'
    assert [(f.line, f.severity) for f in findings(quoted, "boilerplate-line")] == [
        (5, Severity.SUGGESTION), (6, Severity.SUGGESTION)]


def test_confidence_options():
    assert {f.severity for f in findings(ARTICLE + TABLE, "boilerplate-line", **{"warn-confidence": 1.01})} == {
        Severity.SUGGESTION}
    assert check(ARTICLE + CAPTION, "boilerplate-line", **{"min-confidence": 0.99}) == []


def test_lines_the_lexicon_rules_flag_are_left_to_them():
    text = ARTICLE + "Share this article\n" + TABLE
    by_line = {}
    for f in lint_text(text, default_config()):
        by_line.setdefault(f.line, set()).add(f.rule)
    assert by_line[5] == {"share-prompts"}
    assert by_line[6] == {"boilerplate-line"}


def test_the_shipped_model_loads_and_matches_the_rule_defaults():
    model = load()
    assert model.info["warn_confidence"] == boilerplate_line.DEFAULTS["warn-confidence"]
    assert model.info["suggest_confidence"] == boilerplate_line.DEFAULTS["min-confidence"]
    assert len(model.weights) == len(FEATURES)
    first, second = rows(ARTICLE.splitlines() + TABLE.splitlines(), set())[1:3]
    assert model.probability(first) < 0.1 and 0.0 < model.probability(second) < 0.1


def test_a_model_fitted_on_other_features_or_damaged_is_refused():
    data = json.loads(json.dumps({"features": list(FEATURES), "base": 0.0, "weights": [0.0] * len(FEATURES)}))
    assert from_dict(data).probability([1.0] * len(FEATURES)) == 0.5
    with pytest.raises(ModelError, match="other features"):
        from_dict({**data, "features": list(FEATURES[:-1])})
    with pytest.raises(ModelError, match="damaged"):
        from_dict({**data, "weights": [0.0]})
    with pytest.raises(ModelError, match="damaged"):
        from_dict({"features": list(FEATURES), "weights": []})


def test_paragraphs_the_model_skips_are_not_copies_of_a_punctuation_only_line():
    long = "The council said the plan would be reviewed. " * 8  # over MAX_CHARS: never judged
    texts = ["Council approves bus lanes", long, "-", long + "Again.", "-"]
    copies = FEATURES.index("copies")
    assert [row[copies] for row in rows(texts, set()) if row is not None] == [2.0, 2.0]


def test_a_table_flattened_between_paragraphs_is_flagged_row_by_row():
    table = "Road | Length | Start |\nHigh Street | 1.2 km | March |\nMill Lane | 0.8 km | May |\n"
    text = ARTICLE.replace("Shop owners", table + "Shop owners")
    assert [(f.line, f.severity) for f in findings(text, "boilerplate-line")] == [
        (4, Severity.WARNING), (5, Severity.WARNING), (6, Severity.WARNING)]


def test_the_articles_own_lists_are_never_warned():
    # Lists of points look like lists of other stories; a model that lets runs of list items lift
    # each other (the stacked variant in docs/boilerplate-model.md) warned on exactly these. A
    # numbered list inside the story may draw suggestions (advice, never stripped), not warnings.
    numbered = ARTICLE.replace("Shop owners", "The plan has three parts:\n1. Bus lanes on four roads\n"
                               "2. New crossings near schools\n3. Wider pavements in the centre\nShop owners")
    dashed = ARTICLE + "What the plan includes:\n- Bus lanes on four roads\n- New crossings near schools\n"
    assert all(f.severity == Severity.SUGGESTION for f in findings(numbered, "boilerplate-line"))
    assert check(dashed, "boilerplate-line") == []
