"""The archive job on a real Dask LocalCluster with worker processes, over shards written to disk.

Its findings must equal the plain CLI's on the same documents written out as files; a worker
killed mid-job must not change the output; a rerun resumes from the parts already written.
"""
from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from archive_data import articles, html_page, write_jsonl, write_parquet, write_warc

from newslint import load_config
from newslint.archive import lint_bag, lint_records
from newslint.archive.job import start_client
from newslint.archive.parts import read_output
from newslint.archive.run import JobOptions, run_job

pytestmark = pytest.mark.slow
COMPARED = ("line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "replacements")


@pytest.fixture(scope="module")
def client():
    client = start_client(None, 2)
    yield client
    cluster = client.cluster
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def config():
    return load_config(discover=False)


def cli_findings(folder, names: dict[str, str]) -> set[tuple]:
    """The plain CLI's findings on a folder of files, keyed by the document each file holds."""
    done = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "--no-cache", str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return {(names[os.path.basename(f["path"])], *(_frozen(f[k]) for k in COMPARED)) for f in report["findings"]}


def archive_findings(output) -> set[tuple]:
    return {(r["id"], *(_frozen(r[k]) for k in COMPARED)) for r in read_output(str(output), "findings")}


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def as_files(folder, docs: list[dict], suffix: str = ".txt", page=lambda d: d["text"]) -> dict[str, str]:
    folder.mkdir()
    names = {}
    for n, doc in enumerate(docs):
        name = f"{n:04d}{suffix}"
        (folder / name).write_text(page(doc), encoding="utf-8")
        names[name] = doc["id"]
    return names


def test_jsonl_through_the_command_line_equals_the_plain_cli(tmp_path):
    docs = articles(200)
    (tmp_path / "shards").mkdir()
    write_jsonl(tmp_path / "shards" / "a.jsonl", docs[:120])
    write_jsonl(tmp_path / "shards" / "b.jsonl.gz", docs[120:], compress=True)
    with open(tmp_path / "shards" / "a.jsonl", "a", encoding="utf-8") as stream:
        stream.write('{"id": "broken", "text": null}\n')
    names = as_files(tmp_path / "files", docs)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "newslint", "archive", str(tmp_path / "shards"), "--output", str(out),
                           "--workers", "2", "--output-format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"newslint: {tmp_path / 'shards' / 'a.jsonl'}: record 121: no text in field 'text'",
        f"newslint: 201 documents (1 bad record), {len(archive_findings(out))} findings, "
        f"{sum(p.stat().st_size for p in (tmp_path / 'shards').iterdir()) / 1e6:.1f} MB "
        f"-> {out}/findings, {out}/documents"]
    expected = cli_findings(tmp_path / "files", names)
    assert archive_findings(out) == expected
    assert any(f[5] == "cross-file-boilerplate" for f in expected)  # the archive-wide pass had work to do
    documents = read_output(str(out), "documents")
    assert [d["id"] for d in documents] == [d["id"] for d in docs[:120]] + ["broken"] + [d["id"] for d in docs[120:]]


def test_parquet_row_group_tasks_equal_the_plain_cli(tmp_path, client, config):
    docs = articles(120, seed=3)
    write_parquet(tmp_path / "a.parquet", docs, row_group_size=10)
    names = as_files(tmp_path / "files", docs)
    totals = run_job([str(tmp_path / "a.parquet")], config, JobOptions(str(tmp_path / "out"), groups_per_task=3),
                     client=client)
    assert (totals.documents, totals.bad) == (120, 0)
    assert len(os.listdir(tmp_path / "out" / "findings")) == 4
    assert archive_findings(tmp_path / "out") == cli_findings(tmp_path / "files", names)


def test_warc_pages_on_an_existing_scheduler_equal_the_plain_cli_on_the_same_html_files(tmp_path, client):
    docs = articles(60, seed=5)
    shard = write_warc(tmp_path / "crawl.warc.gz", docs)
    names = as_files(tmp_path / "files", docs, ".html", html_page)
    before = _lint_tasks_done(client)
    done = subprocess.run([sys.executable, "-m", "newslint", "archive", str(shard), "--output", str(tmp_path / "out"),
                           "--scheduler", client.scheduler.address], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    by_url = {d["url"]: d["id"] for d in docs}
    warc_ids = {r["id"]: by_url[r["url"]] for r in read_output(str(tmp_path / "out"), "documents")}
    found = {(warc_ids[f[0]], *f[1:]) for f in archive_findings(tmp_path / "out")}
    assert found == cli_findings(tmp_path / "files", names)
    assert any(f[5] == "cross-file-boilerplate" for f in found)
    assert _lint_tasks_done(client) == before + 1  # the job's one task ran on this cluster
    assert len(client.scheduler_info()["workers"]) == 2  # which it left running


def _lint_tasks_done(client) -> int:
    def count(dask_scheduler):
        prefix = dask_scheduler.task_prefixes.get("lint_task")
        return prefix.state_counts["memory"] if prefix is not None else 0  # a prefix without live tasks is falsy

    return client.run_on_scheduler(count)


def _shards(folder, docs, per_shard):
    folder.mkdir()
    for n in range(0, len(docs), per_shard):
        write_jsonl(folder / f"s{n:05d}.jsonl", docs[n:n + per_shard])
    return folder


def test_a_worker_killed_mid_job_changes_nothing(tmp_path, client, config):
    shards = _shards(tmp_path / "shards", articles(300, seed=11), 10)
    run_job([str(shards)], config, JobOptions(str(tmp_path / "reference")), client=client)
    failures: list = []
    job = threading.Thread(target=lambda: _run_catching(failures, [str(shards)], config,
                                                        JobOptions(str(tmp_path / "out")), client))
    job.start()
    killed = _kill_a_busy_worker(client, tmp_path / "out" / "documents", total=30)
    job.join(timeout=300)
    assert not failures and not job.is_alive()
    assert killed, "no worker was caught in the middle of a lint task"
    for folder in ("findings", "documents"):
        assert read_output(str(tmp_path / "out"), folder) == read_output(str(tmp_path / "reference"), folder)
    assert not [n for n in os.listdir(tmp_path / "out" / "documents") if n.endswith(".tmp")]


def _run_catching(failures, *args):
    try:
        run_job(*args[:3], client=args[3])
    except Exception as exc:  # reported by the test thread
        failures.append(exc)


def _kill_a_busy_worker(client, documents, total: int) -> bool:
    """SIGKILL a worker process while it runs a lint task and parts are still missing."""
    deadline = time.monotonic() + 120
    pids = client.run(os.getpid)
    while time.monotonic() < deadline:
        busy = [w for w, keys in client.processing().items() if any("lint_task" in str(k) for k in keys)]
        done = len(os.listdir(documents)) if documents.exists() else 0
        if busy and done < total - 4:
            os.kill(pids[busy[0]], signal.SIGKILL)
            return True
        time.sleep(0.005)
    return False


def test_a_rerun_resumes_from_the_parts_already_written(tmp_path, client, config):
    shards = _shards(tmp_path / "shards", articles(60, seed=13), 10)
    options = JobOptions(str(tmp_path / "out"), output_format="jsonl")
    run_job([str(shards)], config, options, client=client)
    first = {f: read_output(str(tmp_path / "out"), f) for f in ("findings", "documents")}
    documents = tmp_path / "out" / "documents"
    os.remove(documents / "part-00002.jsonl")  # as if the job had been killed before that task finished
    kept = {n: os.stat(documents / n).st_mtime_ns for n in os.listdir(documents)}
    totals = run_job([str(shards)], config, options, client=client)
    assert totals.documents == 60
    assert {n: os.stat(documents / n).st_mtime_ns for n in kept} == kept
    assert {f: read_output(str(tmp_path / "out"), f) for f in first} == first


def test_lint_bag_on_the_cluster_sees_lines_repeated_across_the_whole_bag(client, config):
    import dask.bag as db

    docs = articles(80, seed=17)
    results = lint_bag(db.from_sequence(docs, npartitions=8), config).compute()
    assert [r["document"]["id"] for r in results] == [d["id"] for d in docs]
    repeated = [f for r in results for f in r["findings"] if f["rule"] == "cross-file-boilerplate"]
    assert repeated and all(" of 80 files" in f["message"] for f in repeated)
    alone = {d["id"]: found for d, found in lint_records(docs, config)}
    for result in results:
        assert [f for f in result["findings"] if f["rule"] != "cross-file-boilerplate"] == alone[result["document"]["id"]]


def test_the_job_shows_documents_rate_and_eta_on_a_terminal(tmp_path, client, config, monkeypatch):
    shards = _shards(tmp_path / "shards", articles(100, seed=19), 10)
    main, secondary = pty.openpty()
    shown: list[bytes] = []
    reader = threading.Thread(target=lambda: shown.extend(iter(lambda: _read(main), b"")))
    reader.start()
    terminal = os.fdopen(secondary, "w")
    monkeypatch.setattr(sys, "stderr", terminal)
    run_job([str(shards)], config, JobOptions(str(tmp_path / "out")), client=client)
    terminal.close()
    reader.join(timeout=30)
    os.close(main)
    text = b"".join(shown).decode("utf-8", "replace")
    assert "finding repeated lines" in text and "linting" in text
    assert re.search(r"\d+/\d+ \[\d\d:\d\d<\d\d:\d\d, +[\d.]+doc/s\]", text)  # done/total [time<ETA, rate]


def _read(fd) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal closed
        return b""

