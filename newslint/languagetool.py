"""A LanguageTool client for the grammar rule: find a server, check paragraphs, cache the answers.

language_tool_python is imported only here and only when the grammar rule runs. It never gets
the chance to download LanguageTool: without a server URL we start a local server only when
LTP_JAR_DIR_PATH names a folder that holds languagetool-server.jar (the library skips its
download when that variable is set) and Java is on the PATH. Everything is per process: one
client per settings, one answer per paragraph text, one failure message per settings.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import RuleUnavailable

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
ENV_JAR_DIR = "LTP_JAR_DIR_PATH"
HOW_TO = ("set grammar.server in .newslint.yaml or NEWSLINT_LANGUAGETOOL_URL to a LanguageTool server "
          "(README: 'Grammar with LanguageTool'); the other rules ran")
_MAX_CACHED = 20_000


@dataclass(frozen=True)
class Issue:
    """One LanguageTool match inside a paragraph, in code points."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str


_clients: dict[tuple, Any] = {}
_failures: dict[tuple, str] = {}
_answers: dict[tuple, tuple[Issue, ...]] = {}


def _settings_key(options: Mapping[str, Any]) -> tuple:
    """The options plus the environment that picks the server: one client and one cache per key."""
    settings = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(options.items()))
    return settings + (os.environ.get(ENV_URL), os.environ.get(ENV_JAR_DIR))


def server_url(options: Mapping[str, Any]) -> str | None:
    return options.get("server") or os.environ.get(ENV_URL) or None


def api_base(url: str) -> str:
    """http://host:8081, .../v2 or .../prefix -> the base language_tool_python appends "v2/" to."""
    base = url.rstrip("/")
    base = base[: -len("/v2")] if base.endswith("/v2") else base
    return base + "/"


def local_jar_dir() -> Path | None:
    """The LanguageTool folder LTP_JAR_DIR_PATH names, if it can run; RuleUnavailable says why not."""
    folder = os.environ.get(ENV_JAR_DIR)
    if not folder:
        return None
    if not (Path(folder) / "languagetool-server.jar").is_file():
        raise RuleUnavailable(f"grammar: {ENV_JAR_DIR}={folder} holds no languagetool-server.jar; {HOW_TO}")
    if not shutil.which("java"):
        raise RuleUnavailable(f"grammar: {ENV_JAR_DIR} is set but Java is not on the PATH; {HOW_TO}")
    return Path(folder)


def _describe(exc: BaseException, url: str | None, timeout: float) -> str:
    import requests

    where = f"LanguageTool at {url}" if url else "the local LanguageTool server"
    cause = exc.__cause__ or exc
    if isinstance(cause, requests.Timeout):
        return f"grammar: {where} did not answer within {timeout:g} s (grammar.timeout); the other rules ran"
    if isinstance(cause, requests.ConnectionError):
        return f"grammar: cannot reach {where}; {HOW_TO}"
    text = " ".join(str(cause).split())[:160]
    return f"grammar: {where} failed ({text}); {HOW_TO}"


def _connect(options: Mapping[str, Any]) -> Any:
    """A configured language_tool_python client; RuleUnavailable when there is none to be had."""
    url = server_url(options)
    if url is None and local_jar_dir() is None:
        raise RuleUnavailable(f"grammar: no LanguageTool server configured; {HOW_TO}")
    from language_tool_python import LanguageTool
    from language_tool_python.exceptions import LanguageToolError

    class Client(LanguageTool):
        # language_tool_python waits 300 s per request (a class constant); ours comes from config.
        _TIMEOUT = options["timeout"]

    try:
        client = Client(language=options["language"], remote_server=api_base(url) if url else None)
    except (LanguageToolError, OSError) as exc:
        raise RuleUnavailable(_describe(exc, url, options["timeout"])) from exc
    except ValueError as exc:  # LanguageTag: the server does not offer that language
        where = f"LanguageTool at {url}" if url else "the local LanguageTool server"
        raise RuleUnavailable(f"grammar: {where} has no language {options['language']!r}; "
                              f"set grammar.language to one it lists at /v2/languages") from exc
    client.enabled_rules = set(options["enabled-rules"])
    client.disabled_rules = set(options["disabled-rules"])
    client.enabled_categories = set(options["enabled-categories"])
    client.disabled_categories = set(options["disabled-categories"])
    client.picky = bool(options["picky"])
    return client


def client_for(options: Mapping[str, Any]) -> Any:
    key = _settings_key(options)
    if key in _failures:
        raise RuleUnavailable(_failures[key])
    if key not in _clients:
        try:
            _clients[key] = _connect(options)
        except RuleUnavailable as exc:
            _failures[key] = str(exc)
            raise
    return _clients[key]


def utf16_end(text: str, start: int, units: int) -> int:
    """The code-point offset `units` UTF-16 code units after `start` (astral characters count two)."""
    end = start
    while units > 0 and end < len(text):
        units -= 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


def check_paragraph(text: str, options: Mapping[str, Any]) -> tuple[Issue, ...]:
    """LanguageTool's matches for one paragraph, each paragraph text asked once per process."""
    key = (_settings_key(options), text)
    if key in _answers:
        return _answers[key]
    client = client_for(options)
    from language_tool_python.exceptions import LanguageToolError

    try:
        matches = client.check(text)
    except (LanguageToolError, OSError) as exc:
        _failures[_settings_key(options)] = message = _describe(exc, server_url(options), options["timeout"])
        raise RuleUnavailable(message) from exc
    # language_tool_python already moves each offset from UTF-16 units to code points; the length
    # it leaves in UTF-16 units, so the end is counted here.
    issues = tuple(Issue(m.offset, utf16_end(text, m.offset, m.error_length), " ".join(m.message.split()),
                         tuple(m.replacements[:5]), m.rule_id) for m in matches)
    if len(_answers) >= _MAX_CACHED:
        _answers.clear()
    _answers[key] = issues
    return issues
