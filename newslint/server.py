"""`newslint server`: a Language Server Protocol server over stdio, on pygls.

Diagnostics on open and save at once, on change after a pause in typing (`--debounce`); a
quick fix for each replacement, marked preferred only when --fix would apply it; a "fix all"
source action; hover shows the rule's documentation. Each document's config is found from its
own folder and re-read when it changes; a bad config is one diagnostic on line 1, never a crash.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__
from .editing import Analysis, ConfigCache, analyse, column_of_units, line_text, lint_path, units
from .fix import fix_text
from .model import Finding, Severity
from .yamlfile import ConfigError

SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.SUGGESTION: types.DiagnosticSeverity.Information}
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.newslint"
CONFIG_GLOBS = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")


class NewslintServer(LanguageServer):
    def __init__(self, debounce: float, config: str | None = None):
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = debounce
        self.configs = ConfigCache(config)
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.noted: set[str] = set()

    # -- linting -------------------------------------------------------------------------------
    def _place(self, uri: str) -> tuple[str, Path]:
        """(path to lint the buffer as, folder to find its config from)."""
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        folder = Path(path).parent if path else Path(self.workspace.root_path or Path.cwd())
        return lint_path(path or "untitled", document.language_id), folder

    def analysis(self, uri: str) -> Analysis | ConfigError:
        """The buffer's current version linted (reused when nothing changed), or the config's error."""
        document = self.workspace.get_text_document(uri)
        path, folder = self._place(uri)
        _, config = self.configs.lookup(folder)
        if isinstance(config, ConfigError):
            return config
        cached = self.analyses.get(uri)
        if cached and cached.version == document.version and cached.config is config:
            return cached
        result = self.analyses[uri] = analyse(document.source, path, config, document.version)
        return result

    def guarded(self, uri: str) -> Analysis | ConfigError | None:
        """analysis(), with any failure logged in one line (a rule's bug must not reach the user as a traceback)."""
        try:
            return self.analysis(uri)
        except Exception as exc:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"newslint: {uri}: {exc!r}"))
            return None

    def publish(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        result = self.guarded(uri)
        if result is None:
            return
        if isinstance(result, ConfigError):
            first = document.lines[0].rstrip("\r\n") if document.lines else ""
            diagnostics = [config_diagnostic(result, units(first, self.encoding))]
        else:
            diagnostics = [diagnostic(result, f, self.encoding) for f in result.findings]
            self.note(result.notes)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint after `delay` seconds unless another change comes first (typing)."""
        previous = self.pending.pop(uri, None)
        if previous:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.publish(uri)

    def note(self, notes: tuple[str, ...]) -> None:
        """A rule that could not run, said once in the editor's log, not after every keystroke."""
        for line in notes:
            if line not in self.noted:
                self.noted.add(line)
                self.window_log_message(types.LogMessageParams(types.MessageType.Warning, line))

    @property
    def encoding(self) -> str:
        """The column units agreed with the client: 'utf-16' (LSP's default), 'utf-8' or 'utf-32'."""
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or "utf-16")  # str() of the enum is its name

    def relint_all(self) -> None:
        self.configs.forget()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)


def position(analysis: Analysis, line: int, column: int, encoding: str) -> types.Position:
    """A 1-based code-point position as LSP's 0-based one in the client's units."""
    return types.Position(line - 1, units(line_text(analysis.document, line)[:column - 1], encoding))


def finding_range(analysis: Analysis, finding: Finding, encoding: str) -> types.Range:
    return types.Range(position(analysis, finding.line, finding.column, encoding),
                       position(analysis, finding.end_line, finding.end_column, encoding))


def offset_of(analysis: Analysis, where: types.Position, encoding: str) -> int:
    document = analysis.document
    line = min(where.line + 1, document.line_count)
    return document.offset(line, column_of_units(line_text(document, line), where.character, encoding) + 1)


def diagnostic(analysis: Analysis, finding: Finding, encoding: str) -> types.Diagnostic:
    return types.Diagnostic(range=finding_range(analysis, finding, encoding), message=finding.message,
                            severity=SEVERITIES[finding.severity], code=finding.rule, source="newslint",
                            data={"replacements": list(finding.replacements)})


def config_diagnostic(error: ConfigError, width: int) -> types.Diagnostic:
    """Every problem of a config that does not load, as one diagnostic on the document's first line."""
    count = len(error.problems)
    head = f"newslint: the config has {count} problem{'s' if count != 1 else ''}; no rule ran"
    return types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, width)),
                            message="\n".join([head, *(str(p) for p in error.problems)]),
                            severity=types.DiagnosticSeverity.Error, code="config-error", source="newslint",
                            related_information=[_related(p) for p in error.problems if p.line] or None)


def _related(problem) -> types.DiagnosticRelatedInformation:
    where = types.Position(problem.line - 1, 0)
    return types.DiagnosticRelatedInformation(
        types.Location(from_fs_path(str(Path(problem.file).resolve())) or problem.file, types.Range(where, where)),
        f"{problem.key}: {problem.message}" if problem.key else problem.message)


def code_actions(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri, encoding = params.text_document.uri, ls.encoding
    analysis = ls.guarded(uri)
    if analysis is None or isinstance(analysis, ConfigError):
        return []
    start, end = offset_of(analysis, params.range.start, encoding), offset_of(analysis, params.range.end, encoding)
    actions = []
    for finding in analysis.findings:
        span = analysis.span(finding)
        if span[0] > end or span[1] < start:
            continue
        here = diagnostic(analysis, finding, encoding)
        original = analysis.document.source[span[0]:span[1]]
        for replacement in finding.replacements:
            edit = types.TextEdit(here.range, replacement)
            actions.append(types.CodeAction(
                title=f"Replace '{original}' with '{replacement}' ({finding.rule})",
                kind=types.CodeActionKind.QuickFix, diagnostics=[here],
                is_preferred=analysis.preferred(finding, replacement),
                edit=types.WorkspaceEdit(changes={uri: [edit]})))
    if analysis.safe:
        actions.append(_fix_all(uri, analysis, encoding))
    return actions


def _fix_all(uri: str, analysis: Analysis, encoding: str) -> types.CodeAction:
    """Every fix --fix would make, as one edit of the whole buffer."""
    outcome = fix_text(analysis.document.source, analysis.document.path, analysis.config)
    fixed, applied = outcome.text, len(outcome.applied)
    document = analysis.document
    last = document.line_count
    whole = types.Range(types.Position(0, 0), position(analysis, last, len(line_text(document, last)) + 1, encoding))
    return types.CodeAction(title=f"Apply newslint's safe fixes ({applied})", kind=FIX_ALL,
                            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, fixed)]}))


def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    from .cli import explain  # the same text as `newslint rules --explain`

    analysis = ls.guarded(params.text_document.uri)
    if analysis is None or isinstance(analysis, ConfigError):
        return None
    encoding = ls.encoding
    found = analysis.at(offset_of(analysis, params.position, encoding))
    if not found:
        return None
    parts = []
    for finding in found:
        rule = analysis.config.catalogue.get(finding.rule)
        fix = f" (-> {', '.join(finding.replacements)})" if finding.replacements else ""
        parts.append(f"**{finding.rule}** ({finding.category}, {finding.severity}): {finding.message}{fix}")
        if rule is not None:
            parts.append(f"```text\n{explain(rule, analysis.config)}\n```")
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n".join(parts)),
                       finding_range(analysis, found[0], encoding))


def build(debounce: float = 0.25, config: str | None = None) -> NewslintServer:
    server = NewslintServer(debounce, config)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(to_fs_path(params.text_document.uri) or "").name in (".newslint.yaml", ".newslint.yml",
                                                                     "pyproject.toml"):
            ls.relint_all()  # a config saved in the editor: every open article may lint differently
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if task := ls.pending.pop(uri, None):
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()

    @server.feature(types.INITIALIZED)
    def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:  # so that a config edited outside the editor is seen too
            options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(g) for g in CONFIG_GLOBS])
            ls.client_register_capability(types.RegistrationParams([types.Registration(
                "newslint-configs", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)]))

    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))(code_actions)
    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    return server


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="newslint server", description="A language server over stdio for editors.")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only way)")
    parser.add_argument("--debounce", type=int, default=250, metavar="MS",
                        help="milliseconds of quiet after a change before linting (default: 250)")
    parser.add_argument("--config", metavar="FILE", help="one config for every document (default: found per folder)")
    args = parser.parse_args(argv)
    build(max(args.debounce, 0) / 1000, args.config).start_io()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
