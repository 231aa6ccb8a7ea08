"""A user's regex cannot hang the run: past its budget the rule is skipped for that file, in one line."""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.lazyre import LazyRegex

from newslint import lint_text, load_config
from newslint.userregex import GuardedRegex

ROOT = Path(__file__).resolve().parent.parent
HEAD = "category: style\nmessage: 'm {match}'\ndescription: d\n"
EVIL = "(a|a)+b"  # exponential in re: 40 letters would take days
RULES = {
    "evil-pattern": f"kind: pattern\n{HEAD}pattern: '{EVIL}'\n",
    "evil-token": f"kind: existence\n{HEAD}regex: true\ntokens: ['{EVIL}']\n",
    "evil-line": f"kind: line\n{HEAD}patterns: ['{EVIL}']\n",
    "evil-context": f"kind: existence\n{HEAD}tokens:\n  aaa: {{followed-by: '{EVIL}'}}\n",
    "evil-exception": f"kind: existence\n{HEAD}tokens: [aaaa]\nexceptions: ['{EVIL}']\n",
}


@pytest.fixture
def folder(tmp_path):
    for name, body in RULES.items():
        (tmp_path / "r").mkdir(exist_ok=True)
        (tmp_path / "r" / f"{name}.yaml").write_text(body)
    (tmp_path / "c.yaml").write_text("rule-files: [r]\nrules:\n  related-link-list: {labels: ['(a|a)+b']}\n")
    tail = "a" * 40
    (tmp_path / "a.txt").write_text(f"{'a' * 42}\n\naaa {tail}\n\naaaa {tail}\n\nThe the vote.\n")
    (tmp_path / "b.txt").write_text("aaaab is fine here.\n")
    return tmp_path


def test_every_kind_of_user_regex_is_skipped_past_its_budget_and_the_run_goes_on(folder):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "newslint", "--config", "c.yaml", "--format", "json", "a.txt", "b.txt"],
                            cwd=folder, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    skipped = sorted(line.split(" skipped: ")[0] for line in lines)
    assert skipped == [f"a.txt: rule {rule}" for rule in
                       ("evil-context", "evil-exception", "evil-line", "evil-pattern", "evil-token", "related-link-list")]
    assert f"a.txt: rule evil-pattern skipped: {folder}/r/evil-pattern.yaml: pattern: regex '{EVIL}' took more than 1 s" in lines
    assert any(line.startswith(f"a.txt: rule evil-token skipped: {folder}/r/evil-token.yaml: tokens.{EVIL}: regex '{EVIL}'")
               for line in lines)
    assert '"doubled-word"' in result.stdout and '"b.txt"' in result.stdout  # the other rules and files went on
    assert time.monotonic() - started < 90


def test_built_in_rules_keep_re_and_user_rules_get_the_guard(folder):
    config = load_config(folder / "c.yaml")
    builtin = config.rule("spun-age").check.regex
    user = config.rule("evil-pattern").check.regex
    assert isinstance(builtin, (re.Pattern, LazyRegex)) and isinstance(user, GuardedRegex)
    assert isinstance(builtin.search("a 36-12 months-old man").re, re.Pattern)  # the plain engine, compiled on use


def test_a_guarded_rule_still_finds_what_it_should(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "ok.yaml").write_text(f"kind: pattern\n{HEAD}pattern: '(?<=the )(?P<w>\\w+)ly'\n"
                                            "replacement: '{w}'\n")
    (tmp_path / "c.yaml").write_text("extends: []\nrule-files: [r]\n")
    found = [(f.column, f.replacements) for f in lint_text("So the quickly one.\n", load_config(tmp_path / "c.yaml"))
             if f.rule == "ok"]
    assert found == [(8, ("quick",))]
