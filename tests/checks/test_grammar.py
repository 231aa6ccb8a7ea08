"""The grammar rule through the real language_tool_python client, against a stand-in LanguageTool
server on 127.0.0.1 that speaks the v2 HTTP API (GET /v2/languages, POST /v2/check) with the
response shape of LanguageTool 6.x. The stand-in flags fixed phrases and reports offsets in
UTF-16 code units, as the Java server does.
"""
from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newslint import load_config
from newslint.document import Document
from newslint.runner import lint_document

from test_cli import run

LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
             {"name": "German (Germany)", "code": "de", "longCode": "de-DE"}]
# phrase -> (LanguageTool rule id, message, replacements)
FLAGS = {
    "She go": ("HE_VERB_AGR", "The pronoun 'She' must be used with a third-person verb.", ["She goes"]),
    "the the": ("ENGLISH_WORD_REPEAT_RULE", "Possible typo: you repeated a word.", ["the"]),
    "go 🎉 now": ("EMOJI_TEST", "Odd phrase.", ["go now"]),
}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def matches_for(text: str) -> list[dict]:
    found = []
    for phrase, (rule_id, message, replacements) in FLAGS.items():
        found_at = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
        if not found_at:
            continue
        index = found_at.start()
        offset, length = utf16(text[:index]), utf16(phrase)
        found.append({
            "message": message, "shortMessage": "", "replacements": [{"value": r} for r in replacements],
            "offset": offset, "length": length, "context": {"text": text, "offset": offset, "length": length},
            "sentence": text, "type": {"typeName": "Other"},
            "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                     "category": {"id": "GRAMMAR", "name": "Grammar"}},
            "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
        })
    return found


class StandIn(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send(LANGUAGES)
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        if self.path != "/v2/check":
            return self.send_error(404)
        self.server.requests.append({k: v[0] for k, v in form.items()})
        if self.server.hang.is_set():
            self.server.release.wait(10)  # a server that never answers (until the test ends)
            return None
        text = form["text"][0]
        return self._send({
            "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 11:04:00 +0000",
                         "apiVersion": 1, "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "English (US)", "code": "en-US",
                         "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
            "matches": matches_for(text),
        })


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    httpd.requests, httpd.hang, httpd.release = [], threading.Event(), threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


def config_for(tmp_path, section: str):
    path = tmp_path / ".newslint.yaml"
    path.write_text(f"grammar: {section}\n", encoding="utf-8")
    return load_config(path)


def lint(text, config):
    return lint_document(Document(text, "a.txt"), config)


def grammar_findings(result):
    return [(f.line, f.column, f.end_column, f.replacements) for f in result.findings if f.rule == "grammar"]


def test_a_match_after_a_character_outside_the_bmp_lands_at_the_right_column(server, tmp_path):
    config = config_for(tmp_path, f"{{server: '{server.url}'}}")
    result = lint("Party 🎉 time.\n🎉🎉 She go to school.\nWe go 🎉 now.\n", config)
    assert result.warnings == ()
    # line 2: two emoji (4 UTF-16 units, 2 columns) and a space before "She go"; line 3 spans an emoji
    assert grammar_findings(result) == [(2, 4, 10, ("She goes",)), (3, 4, 12, ("go now",))]
    message = next(f.message for f in result.findings if f.line == 2)
    assert message == "'She go': The pronoun 'She' must be used with a third-person verb. (LanguageTool HE_VERB_AGR)"


def test_config_reaches_languagetool_and_each_paragraph_is_asked_once(server, tmp_path):
    config = config_for(tmp_path, f"{{server: '{server.url}', language: de-DE, picky: true, "
                                  f"disabled-rules: [A_RULE], enabled-categories: [GRAMMAR]}}")
    result = lint("She go home.\nShe go home.\nAnother line.\n", config)
    assert [f.line for f in result.findings if f.rule == "grammar"] == [1, 2]
    assert [r["text"] for r in server.requests] == ["She go home.", "Another line."]
    first = server.requests[0]
    assert (first["language"], first["level"], first["disabledRules"], first["enabledCategories"]) == \
        ("de-DE", "picky", "A_RULE", "GRAMMAR")
    assert first["disabledCategories"] == "TYPOS"  # the default: names are not spelling errors


def test_a_duplicate_of_a_newslint_finding_is_dropped(server, tmp_path):
    config = config_for(tmp_path, f"{{server: '{server.url}'}}")
    result = lint("He said the the talks would resume. She go now.\n", config)
    assert [(f.rule, f.column) for f in result.findings] == [("doubled-word", 9), ("grammar", 37)]


def test_an_unreachable_server_gives_one_clear_line_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    (tmp_path / ".newslint.yaml").write_text("grammar: {server: 'http://127.0.0.1:9'}\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("He said the the talks would resume.\n", encoding="utf-8")
    result = run("--color", "never", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("[doubled-word]") == 2
    assert result.stderr.splitlines() == [
        ("newslint: grammar: cannot reach LanguageTool at http://127.0.0.1:9; set grammar.server in .newslint.yaml "
         "or NEWSLINT_LANGUAGETOOL_URL to a LanguageTool server (README: 'Grammar with LanguageTool'); "
         "the other rules ran")]


def test_no_server_configured_says_how_to_enable_it(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    result = run("--select", "grammar", "-", cwd=tmp_path, stdin="She go home.\n")
    assert result.returncode == 0
    assert result.stderr.startswith("newslint: grammar: no LanguageTool server configured; set grammar.server")


def test_a_server_that_never_answers_times_out(server, tmp_path):
    server.hang.set()
    config = config_for(tmp_path, f"{{server: '{server.url}', timeout: 0.3}}")
    result = lint("She go home.\n", config)
    assert [f.rule for f in result.findings] == []
    assert result.warnings == (f"newslint: grammar: LanguageTool at {server.url} did not answer within 0.3 s "
                               "(grammar.timeout); the other rules ran",)
    # the next document does not wait again
    assert lint("Another line.\n", config).warnings == result.warnings
    assert len(server.requests) == 2  # language_tool_python tries a check twice, then gives up


def test_the_environment_variable_names_the_server(server, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", server.url)
    config = config_for(tmp_path, "{picky: false}")
    assert grammar_findings(lint("She go.\n", config)) == [(1, 1, 7, ("She goes",))]


def test_the_rule_is_off_unless_configured_and_rules_can_turn_the_section_off(tmp_path):
    assert load_config(discover=False).rule("grammar") is None
    path = tmp_path / ".newslint.yaml"
    path.write_text("grammar: {server: 'http://x'}\nrules: {grammar: disable}\n", encoding="utf-8")
    assert load_config(path).rule("grammar") is None


def test_section_keys_are_validated(tmp_path):
    from newslint import ConfigError

    path = tmp_path / ".newslint.yaml"
    path.write_text("grammar: {server: 8081, colour: red}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:1: grammar.server: expected a string, got 8081", f"{path}:1: grammar.colour: unknown key"]


def test_the_rules_own_examples_against_the_stand_in(server, tmp_path):
    from newslint.selftest import example_failures

    config = config_for(tmp_path, f"{{server: '{server.url}'}}")
    assert list(example_failures(config, config.rule("grammar"))) == []


def test_a_local_install_without_the_server_jar_is_reported_not_downloaded(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(tmp_path))
    config = config_for(tmp_path, "{language: en-GB}")
    result = lint("She go home.\n", config)
    expected = f"newslint: grammar: LTP_JAR_DIR_PATH={tmp_path} holds no languagetool-server.jar"
    assert result.warnings[0].startswith(expected)
    assert list(tmp_path.iterdir()) == [tmp_path / ".newslint.yaml"]


def test_server_urls_with_or_without_the_api_path():
    from newslint.languagetool import api_base

    assert api_base("http://localhost:8081") == "http://localhost:8081/"
    assert api_base("http://localhost:8081/v2/") == "http://localhost:8081/"
    assert api_base("https://lt.example.org/languagetool") == "https://lt.example.org/languagetool/"


def test_a_server_url_ending_in_v2_works(server, tmp_path):
    config = config_for(tmp_path, f"{{server: '{server.url}/v2/'}}")
    assert grammar_findings(lint("She go.\n", config)) == [(1, 1, 7, ("She goes",))]


def test_a_language_the_server_lacks_is_named(server, tmp_path):
    config = config_for(tmp_path, f"{{server: '{server.url}', language: xx-YY}}")
    assert lint("She go.\n", config).warnings == (
        f"newslint: grammar: LanguageTool at {server.url} has no language 'xx-YY'; "
        "set grammar.language to one it lists at /v2/languages",)


def test_rules_check_runs_the_examples_only_where_a_server_answers(server, tmp_path, monkeypatch):
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    without = run("rules", "--check", cwd=tmp_path)
    assert without.returncode == 0
    assert "newslint: grammar: no LanguageTool server configured" in without.stdout
    assert "(its examples were not run)" in without.stdout
    (tmp_path / ".newslint.yaml").write_text(f"grammar: {{server: '{server.url}'}}\n", encoding="utf-8")
    with_server = run("rules", "--check", cwd=tmp_path)
    assert with_server.returncode == 0 and "not run" not in with_server.stdout
    passed = int(with_server.stdout.splitlines()[-1].split()[0])
    assert passed == int(without.stdout.splitlines()[-1].split()[0]) + 2


def test_fix_leaves_languagetool_suggestions_alone_unless_opted_in(server, tmp_path):
    from newslint.fix import fix_text

    text = "She go home.\n"
    advice = config_for(tmp_path, f"{{server: '{server.url}'}}")
    assert [f.replacements for f in lint(text, advice).findings] == [("She goes",)]
    assert fix_text(text, "a.txt", advice).text == text
    opted_in = config_for(tmp_path, f"{{server: '{server.url}', apply-suggestions: true}}")
    assert fix_text(text, "a.txt", opted_in).text == "She goes home.\n"
