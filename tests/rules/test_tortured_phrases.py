"""The optional tortured-phrases pack: off by default, on with `extends: [default, tortured-phrases]`."""
from __future__ import annotations

import yaml

from newslint import lint_text, load_config
from newslint.config import rules_root

PACK = rules_root() / "optional" / "tortured-phrases.yaml"


def test_pack_is_not_loaded_by_the_default_set(tmp_path):
    assert "tortured-phrases" not in load_config(discover=False).catalogue


def test_pack_is_switched_on_by_extends_and_flags_with_the_expected_wording(tmp_path):
    (tmp_path / ".newslint.yaml").write_text("extends: [default, tortured-phrases]\n", encoding="utf-8")
    config = load_config(str(tmp_path / ".newslint.yaml"))
    found = [f for f in lint_text("The model uses a neural organization and image acknowledgment.", config)
             if f.rule == "tortured-phrases"]
    assert [f.replacements for f in found] == [("neural network",), ("image recognition",)]
    assert lint_text("The model uses a neural network for image recognition.", config) == []


def test_pack_credits_its_source_and_licence_and_keeps_only_multiword_entries():
    text = PACK.read_text(encoding="utf-8")
    assert "Problematic Paper Screener" in text and "CC BY 4.0" in text and "build_tortured_phrases.py" in text
    swaps = yaml.safe_load(text)["swap"]
    assert len(swaps) > 1000
    assert all(len(phrase.split()) >= 2 and expected for phrase, expected in swaps.items())
