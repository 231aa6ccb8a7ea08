"""`newslint server` driven by a real LSP client (pygls's) over the stdio of a real subprocess."""
import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds for any one answer: the machine may be busy, the server is not slow
SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"


class Session:
    """A client that records what the server publishes, per document, as it arrives."""

    def __init__(self, workspace: Path):
        self.workspace = workspace
        self.client = LanguageClient("newslint-test", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.registrations: list[types.Registration] = []
        self.arrived = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

        self.logged: list[str] = []

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams):
            self.logged.append(params.message)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams):
            self.registrations.extend(params.registrations)

    async def start(self, *args: str, encodings=None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_PROXY": "127.0.0.1,localhost"}
        await self.client.start_io(sys.executable, "-m", "newslint", "server", *args, env=env, cwd=str(self.workspace))
        capabilities = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
            general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None)
        self.result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=from_fs_path(str(self.workspace)))), TIMEOUT)
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await self.client.stop()

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = from_fs_path(str(path))
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    async def diagnostics(self, uri: str, count: int = 1) -> list[types.Diagnostic]:
        """The diagnostics of the `count`-th publication for the document, waiting for it."""
        async def wait():
            while len(self.published.get(uri, [])) < count:
                self.arrived.clear()
                await self.arrived.wait()
        await asyncio.wait_for(wait(), TIMEOUT)
        return list(self.published[uri][count - 1].diagnostics)


def session(tmp_path, scenario, *args, encodings=None):
    async def main():
        lsp = Session(tmp_path)
        await lsp.start(*args, encodings=encodings)
        try:
            await scenario(lsp)
        finally:
            await lsp.stop()
    asyncio.run(main())


def spans(diagnostics):
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity)
            for d in diagnostics]


W = types.DiagnosticSeverity.Warning


@pytest.mark.slow
def test_diagnostics_on_open_change_and_save_for_text_markdown_and_html(tmp_path):
    async def scenario(lsp):
        # An emoji is two UTF-16 units, LSP's default: the column after it counts it twice.
        text = lsp.open(tmp_path / "a.txt", "😀 " + SPUN)
        assert spans(await lsp.diagnostics(text)) == [("spun-phrases", 0, 27, 0, 39, W)]
        markdown = lsp.open(tmp_path / "b.md", "---\ntitle: fulfill with\n---\n\n`fulfill with` and " + SPUN)
        assert spans(await lsp.diagnostics(markdown)) == [("spun-phrases", 4, 43, 4, 55, W)]
        html = lsp.open(tmp_path / "c.html", f"<p title='fulfill with'>{SPUN}</p>\n", "html")
        assert spans(await lsp.diagnostics(html)) == [("spun-phrases", 0, 48, 0, 60, W)]
        # A buffer named .txt but opened as Markdown is parsed as Markdown.
        as_markdown = lsp.open(tmp_path / "d.txt", "`fulfill with` is fine\n", "markdown")
        assert await lsp.diagnostics(as_markdown) == []
        untitled = "untitled:Untitled-1"  # never saved: no path, the language id alone says Markdown
        lsp.versions[untitled] = 1
        lsp.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=untitled, language_id="markdown", version=1, text="`fulfill with` " + SPUN)))
        assert spans(await lsp.diagnostics(untitled)) == [("spun-phrases", 0, 39, 0, 51, W)]
        assert lsp.published[text][0].version == 1

        # Typing: three quick changes are linted once, as the last version, after the pause.
        lsp.change(text, "Clean.\n")
        lsp.change(text, "Clean. They take motion.\n")
        last = lsp.change(text, "Clean. They take motion and the the rest.\n")
        changed = await lsp.diagnostics(text, 2)
        assert lsp.published[text][1].version == last
        assert [d.code for d in changed] == ["spun-phrases", "doubled-word"]
        await asyncio.sleep(0.6)
        assert len(lsp.published[text]) == 2

        (tmp_path / ".newslint.yaml").write_text("rules:\n  doubled-word: disable\n", encoding="utf-8")
        lsp.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(text)))
        assert [d.code for d in await lsp.diagnostics(text, 3)] == ["spun-phrases"]
        lsp.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(text)))
        assert await lsp.diagnostics(text, 4) == []
    session(tmp_path, scenario)


@pytest.mark.slow
def test_code_actions_prefer_only_the_fixes_fix_would_apply_and_hover_explains(tmp_path):
    article = ('He will fulfill with them. "We fulfill with them," she said. '
               "They spoke to an Israeli official and one other person aware of the talks.\n")

    async def scenario(lsp):
        uri = lsp.open(tmp_path / "a.txt", article)
        diagnostics = await lsp.diagnostics(uri)
        assert [d.code for d in diagnostics] == ["spun-phrases", "spun-phrases", "spun-possible"]
        whole = types.Range(types.Position(0, 0), types.Position(1, 0))
        actions = await asyncio.wait_for(lsp.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), whole, types.CodeActionContext(diagnostics))), TIMEOUT)
        quick = [(a.title, bool(a.is_preferred)) for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert quick == [("Replace 'fulfill with' with 'meet with' (spun-phrases)", True),
                         ("Replace 'fulfill with' with 'meet with' (spun-phrases)", False),  # quoted speech
                         ("Replace 'one other' with 'another' (spun-possible)", False)]  # a rule with fix: false
        first = actions[0].edit.changes[uri][0]
        assert (first.range.start.character, first.range.end.character, first.new_text) == (8, 20, "meet with")
        fix_all = [a for a in actions if a.kind == "source.fixAll.newslint"]
        assert len(fix_all) == 1
        assert fix_all[0].edit.changes[uri][0].new_text == article.replace("He will fulfill", "He will meet", 1)

        hover = await asyncio.wait_for(lsp.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 12))), TIMEOUT)
        assert hover.contents.value.startswith("**spun-phrases** (paraphrase, warning): garbled paraphrase")
        assert "Defined in: rules/paraphrase/spun-phrases.yaml" in hover.contents.value
        assert (hover.range.start.character, hover.range.end.character) == (8, 20)
        nothing = await asyncio.wait_for(lsp.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 2))), TIMEOUT)
        assert nothing is None
    session(tmp_path, scenario)


@pytest.mark.slow
def test_a_client_that_counts_utf8_bytes_gets_byte_columns(tmp_path):
    # No LanguageTool listens on the discard port: the grammar rule says so once, in the log.
    (tmp_path / ".newslint.yaml").write_text("grammar: {server: 'http://127.0.0.1:9'}\n", encoding="utf-8")

    async def scenario(lsp):
        assert lsp.result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = lsp.open(tmp_path / "a.txt", "Café 😀 " + SPUN)  # é is 2 bytes, the emoji 4
        assert spans(await lsp.diagnostics(uri)) == [("spun-phrases", 0, 35, 0, 47, W)]
        hover = await asyncio.wait_for(lsp.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 36))), TIMEOUT)
        assert hover is not None and (hover.range.start.character, hover.range.end.character) == (35, 47)
        lsp.change(uri, "Café 😀 " + SPUN + "More.\n")
        await lsp.diagnostics(uri, 2)
        said = [m for m in lsp.logged if "LanguageTool" in m]
        assert len(said) == 1 and said[0].startswith("newslint: grammar: cannot reach LanguageTool at http://127.0.0.1:9")
    session(tmp_path, scenario, encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])


@pytest.mark.slow
def test_config_per_folder_reloaded_on_change_and_a_bad_one_is_one_diagnostic(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    config = desk / ".newslint.yaml"
    config.write_text("rules:\n  spun-phrases: {severity: error}\n", encoding="utf-8")

    async def scenario(lsp):
        strict = lsp.open(desk / "a.txt", SPUN)
        plain = lsp.open(tmp_path / "b.txt", SPUN)
        assert [d.severity for d in await lsp.diagnostics(strict)] == [types.DiagnosticSeverity.Error]
        assert [d.severity for d in await lsp.diagnostics(plain)] == [W]
        # The server asked to be told of config edits made outside the editor (it asks once initialized).
        assert [r.method for r in lsp.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]

        config.write_text("rules:\n  spun-phrases: {severity: loud}\n  no-such-rule: enable\n", encoding="utf-8")
        lsp.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(from_fs_path(str(config)), types.FileChangeType.Changed)]))
        bad = await lsp.diagnostics(strict, 2)
        assert len(bad) == 1 and bad[0].code == "config-error" and bad[0].severity == types.DiagnosticSeverity.Error
        lines = bad[0].message.splitlines()
        assert lines[0] == "newslint: the config has 2 problems; no rule ran"
        assert any(".newslint.yaml:2: rules.spun-phrases.severity" in line for line in lines[1:])
        assert [r.location.range.start.line for r in bad[0].related_information] == [1, 2]
        assert [d.severity for d in await lsp.diagnostics(plain, 2)] == [W]  # its folder has no config

        # Repaired without any notification: the next edit finds the file changed and reloads it.
        config.write_text("rules:\n  spun-phrases: {severity: suggestion}\n", encoding="utf-8")
        lsp.change(strict, "Intro.\n" + SPUN)
        repaired = await lsp.diagnostics(strict, 3)
        assert spans(repaired) == [("spun-phrases", 1, 24, 1, 36, types.DiagnosticSeverity.Information)]
    session(tmp_path, scenario, "--debounce", "50")


def test_without_pygls_the_server_says_what_to_install():
    blocked = "import sys; sys.modules['pygls'] = None; from newslint.cli import main; sys.exit(main(['server']))"
    result = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr == ("newslint: the language server needs pygls, which is not installed: "
                             "pip install 'newslint[server]'\n")
