"""How long `newslint server` takes to re-lint a large article after an edit (a benchmark, not a test).

usage: python bench/lsp_latency.py FOLDER [--kb 100] [--edits 30] [--markup txt|md] [--base CHECKOUT]

Joins articles from FOLDER (sorted, blank line between) into one article of about --kb KB, opens it
in a real server over stdio (pygls's client, --debounce 0, the built-in rules) and makes --edits
edits (a word typed into the middle paragraph, alternately a spun phrase and a plain word), each
sent as the whole text as an editor does. Prints, warm (the first edit left out): the time from
the change to its diagnostics (median, 90th percentile, max), the server's CPU time per edit, and
the same article linted in-process (lint_document, median of 5) by this checkout and, with
--base, by another checkout run from its own folder, so the server's overhead and the round's
change show as ratios (CPU time is the steadier figure on a busy machine). Typing adds the debounce (250 ms by default) before a lint starts.
Example: python bench/lsp_latency.py ../shared/eval/clean-news/bbc --base ../wt/base
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
RAW_LINT = """
import json, sys, time
from newslint.config import load_config
from newslint.runner import lint_document, make_document
text, path = open(sys.argv[1], encoding="utf-8").read(), sys.argv[1]
config = load_config(discover=False)
lint_document(make_document(text, path), config)
walls, cpus = [], []
for _ in range(5):
    wall, cpu = time.perf_counter(), time.process_time()
    count = len(lint_document(make_document(text, path), config).findings)
    walls.append(time.perf_counter() - wall); cpus.append(time.process_time() - cpu)
walls.sort(); cpus.sort()
print(json.dumps({"wall": walls[2], "cpu": cpus[2], "findings": count}))
"""


def article(folder: Path, size: int) -> str:
    parts, total = [], 0
    for path in sorted(folder.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8").strip()
        except UnicodeDecodeError:
            continue
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        if total >= size:
            break
    return "\n\n".join(parts) + "\n"


def edited(text: str, number: int) -> str:
    """The text with a word typed into its middle paragraph (edits accumulate, as typing does)."""
    middle = text.index("\n\n", len(text) // 2) + 2
    word = "fulfill with " if number % 2 else "also "
    return text[:middle] + word + text[middle:]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def server_latency(path: Path, text: str, edits: int) -> tuple[list[float], float, int]:
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams):
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    await client.start_io(sys.executable, "-m", "newslint", "server", "--debounce", "0", env=env, cwd=str(path.parent))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text)))
    await wait_for(arrived, 1)
    pid = client._server.pid  # the server process, for its CPU time
    times, cpu = [], 0.0
    for number in range(2, edits + 3):
        text = edited(text, number)
        before, sent = cpu_seconds(pid), time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=number, uri=uri), [types.TextDocumentContentChangeWholeDocument(text)]))
        await wait_for(arrived, number)
        if number > 2:  # the first edit is left out: warm means after it
            times.append(arrived[number] - sent)
            cpu += cpu_seconds(pid) - before
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, cpu / len(times), counts[edits + 2]


async def wait_for(arrived: dict[int, float], version: int) -> None:
    while version not in arrived:
        await asyncio.sleep(0.001)


def raw_lint(checkout: Path, path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", RAW_LINT, str(path)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(checkout)}, cwd=str(checkout), check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--markup", choices=("txt", "md"), default="txt")
    parser.add_argument("--base", type=Path, help="another checkout whose in-process lint time to compare")
    args = parser.parse_args()
    text = article(args.folder, args.kb * 1000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"article.{args.markup}")
        path.write_text(edited(text, 1), encoding="utf-8")  # what the in-process lint times: the text as edited
        times, cpu, findings = asyncio.run(server_latency(path, text, args.edits))
        here = raw_lint(ROOT, path)
        base = raw_lint(args.base.resolve(), path) if args.base else None
    ms = sorted(t * 1000 for t in times)
    print(f"article:        {len(text.encode('utf-8')) / 1000:.0f} KB, {text.count(chr(10))} lines, .{args.markup}; "
          f"{findings} diagnostics after the last edit")
    print(f"server re-lint: median {statistics.median(ms):.0f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.0f} ms, "
          f"max {ms[-1]:.0f} ms over {len(ms)} warm edits (change sent -> diagnostics received); "
          f"server CPU {cpu * 1000:.0f} ms per edit")
    print(f"in-process:     this checkout {here['wall'] * 1000:.0f} ms wall, {here['cpu'] * 1000:.0f} ms CPU "
          f"(server / in-process: {statistics.median(ms) / (here['wall'] * 1000):.2f} wall, "
          f"{cpu / here['cpu']:.2f} CPU)")
    if base:
        print(f"base checkout:  {base['wall'] * 1000:.0f} ms wall, {base['cpu'] * 1000:.0f} ms CPU "
              f"(this / base CPU: {here['cpu'] / base['cpu']:.2f})")


if __name__ == "__main__":
    main()
