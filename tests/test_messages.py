"""Messages agree in number: '1 word', '2 words'."""
import re

import dataclasses

from newslint import lint_text
from newslint.yamlrules import build_engine

from helpers import config_for, default_config, findings

ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (?:[a-z]+ ){0,3}?(?:phrases|words|figures|files|findings)\b")


def test_one_garbled_phrase_is_singular():
    config = config_for("machine-paraphrased", threshold=0.0, **{"min-words": 1, "min-flagged-swaps": 1})
    lexicon = default_config().catalogue["spun-phrases"]  # the one garbled phrase the verdict counts
    config = dataclasses.replace(config, rules=tuple(build_engine([lexicon, *config.rules])))
    [finding] = [f for f in lint_text("They will fulfill with aides.\n", config) if f.rule == "machine-paraphrased"]
    assert "1 garbled or unlikely phrase in 5 words" in finding.message
    assert not ONE_PLURAL.search(finding.message)


def test_counts_of_one_in_rule_messages_are_singular():
    messages = [f.message for f in findings("Stop.\n", "long-sentence", **{"max-words": 0})]
    messages += [f.message for f in findings("Stop.\n", "long-paragraph", **{"max-words": 0})]
    messages += [f.message for f in findings("Strikes killed 30 and injured 40.", "unattributed-figure")]
    assert messages == ["sentence of 1 word (more than 0) starting 'Stop. ...': split it",
                        "paragraph of 1 word (more than 0): break it up",
                        "'30' (and 1 more figure) has no source in its sentence: say who gives it ('according to ...')"]
