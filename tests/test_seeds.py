"""The seed articles against expected.yaml: what a good editor finds in them, line by line.

Items whose rules exist must be found (paraphrase items with the intended wording among the
replacements); items for rules still to come are strict xfails, so they must be taken off the
PENDING list the moment a rule catches them. Clean lines must draw no finding of their kind.
"""
from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = yaml.safe_load((ROOT / "tests" / "data" / "expected.yaml").read_text(encoding="utf-8"))

PENDING = {
}


@lru_cache(maxsize=1)
def report() -> dict:
    """One real CLI run over seeds/, as a user would make it."""
    run = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "seeds/"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _covering(item: dict) -> list[dict]:
    line_text = (ROOT / "seeds" / item["file"]).read_text(encoding="utf-8").split("\n")[item["line"] - 1]
    start = line_text.index(item["text"]) + 1
    end = start + len(item["text"])
    found = []
    for f in report()["findings"]:
        if Path(f["path"]).name != item["file"] or not f["line"] <= item["line"] <= f["end_line"]:
            continue
        f_start = f["column"] if f["line"] == item["line"] else 1
        f_end = f["end_column"] if f["end_line"] == item["line"] else 10**9
        if f_start < end and start < f_end:
            found.append(f)
    return found


def _item_id(item: dict) -> str:
    return f"{item['file'][:3]}:{item['line']}:{item['kind']}:{item['text'][:24]}"


def _params():
    for item in EXPECTED["items"]:
        key = (item["file"], item["line"], item["text"])
        marks = [pytest.mark.xfail(reason=PENDING[key], strict=True)] if key in PENDING else []
        yield pytest.param(item, marks=marks, id=_item_id(item))


@pytest.mark.parametrize("item", list(_params()))
def test_expected_item_is_found(item):
    found = _covering(item)
    assert found, f"nothing flags {item['text']!r} on line {item['line']} of {item['file']}"
    if item["kind"] == "paraphrase" and item.get("intended"):
        want = _norm(item["intended"])
        assert any(want in _norm(r) or _norm(r) in want for f in found for r in f["replacements"] if r.strip()), \
            f"no finding offers {item['intended']!r}: {[f['replacements'] for f in found]}"


@pytest.mark.parametrize("clean", EXPECTED["clean"], ids=lambda c: f"{c['file'][:3]}:{c['kind']}")
def test_clean_lines_draw_no_finding_of_their_kind(clean):
    wrong = [f for f in report()["findings"]
             if Path(f["path"]).name == clean["file"] and f["line"] in clean["lines"] and f["category"] == clean["kind"]]
    assert not wrong, wrong


def test_pending_list_names_real_items():
    keys = {(i["file"], i["line"], i["text"]) for i in EXPECTED["items"]}
    assert set(PENDING) <= keys
