"""Archive shards read record by record (real files on disk), bad records named, parts written atomically."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys

import pytest
from archive_data import articles, write_jsonl, write_parquet, write_warc

import newslint.archive.rows
from newslint import load_config
from newslint.archive import Fields, lint_partition, lint_records
from newslint.archive.job import Task, lint_task, records
from newslint.archive.parts import PartWriter, read_rows
from newslint.archive.plan import PlanError, claim_output, make_tasks, manifest, shards
from newslint.archive.records import read_shard
from newslint.runner import lint_document, make_document


@pytest.fixture(scope="module")
def config():
    return load_config(discover=False)


def test_jsonl_plain_and_gzip_read_the_same_records(tmp_path):
    docs = articles(5)
    plain = list(read_shard(str(write_jsonl(tmp_path / "a.jsonl", docs)), Fields()))
    packed = list(read_shard(str(write_jsonl(tmp_path / "a.jsonl.gz", docs, compress=True)), Fields()))
    assert [(r.id, r.url, r.text, r.number) for r in plain] == [(d["id"], d["url"], d["text"], n)
                                                                  for n, d in enumerate(docs, 1)]
    assert [(r.id, r.text) for r in packed] == [(r.id, r.text) for r in plain]


def test_bad_jsonl_records_are_named_by_shard_and_record_and_the_rest_are_read(tmp_path):
    shard = tmp_path / "bad.jsonl"
    lines = [json.dumps({"id": "ok-1", "text": "Fine."}).encode(), b"{not json", json.dumps({"id": "x"}).encode(),
             json.dumps({"id": "y", "text": 12}).encode(), json.dumps(["a", "list"]).encode(),
             b'{"id": "z", "text": "caf\xe9"}', json.dumps({"id": [1], "text": "t"}).encode(),
             json.dumps({"id": 7, "text": "Also fine."}).encode()]
    shard.write_bytes(b"\n".join(lines) + b"\n")
    found = list(read_shard(str(shard), Fields()))
    assert [(r.number, r.id, r.text is not None) for r in found] == [
        (1, "ok-1", True), (2, "bad.jsonl#2", False), (3, "x", False), (4, "y", False), (5, "bad.jsonl#5", False),
        (6, "bad.jsonl#6", False), (7, "bad.jsonl#7", False), (8, "7", True)]
    errors = [r.error for r in found if r.error]
    assert errors[0] == f"{shard}: record 2: not valid JSON (Expecting property name enclosed in double quotes, column 2)"
    assert errors[1] == f"{shard}: record 3: no text in field 'text'"
    assert errors[2] == f"{shard}: record 4: field 'text' must be a string, found int"
    assert "record 6: not valid UTF-8 (byte 24)" in errors[4]


def test_a_truncated_gzip_shard_keeps_its_records_and_ends_with_one_error(tmp_path):
    data = gzip.compress("".join(json.dumps(d) + "\n" for d in articles(50)).encode())
    shard = tmp_path / "cut.jsonl.gz"
    shard.write_bytes(data[: len(data) // 2])
    found = list(records(Task(0, str(shard)), Fields()))
    assert all(r.text is not None for r in found[:-1]) and len(found) > 5
    assert found[-1].text is None and f"{shard}: cannot read past record {found[-2].number}" in found[-1].error


def test_parquet_row_groups_become_tasks_and_read_every_row_once(tmp_path):
    docs = articles(45)
    shard = write_parquet(tmp_path / "a.parquet", docs, row_group_size=10)
    tasks = make_tasks(shards([str(tmp_path)]), groups_per_task=2)
    assert [(t.start, t.stop) for t in tasks] == [(0, 2), (2, 4), (4, 5)]
    read = [r for t in tasks for r in read_shard(str(shard), Fields(), t.start, t.stop)]
    assert [(r.id, r.number) for r in read] == [(d["id"], n) for n, d in enumerate(docs, 1)]


def test_parquet_fields_are_configurable_and_a_missing_column_is_one_shard_error(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    shard = tmp_path / "b.parquet"
    pq.write_table(pa.table({"key": ["a", "b"], "body": ["Text one.", None], "headline": ["Title", "T"]}), shard)
    found = list(read_shard(str(shard), Fields(id="key", text="body", title="headline")))
    assert (found[0].id, found[0].text) == ("a", "Title\n\nText one.")
    assert found[1].error == f"{shard}: record 2: no text in field 'body'"
    broken = list(records(Task(0, str(shard)), Fields()))
    assert broken[-1].error == f"{shard}: no column 'text' (columns: key, body, headline)"


def test_warc_html_responses_become_documents_and_other_records_are_skipped(tmp_path):
    docs = articles(3)
    extra = [("https://news.example/logo.png", "image/png", b"\x89PNG"),
             ("https://news.example/latin", "text/html; charset=iso-8859-1", "<p>Caf\xe9 news.</p>".encode("latin-1")),
             ("https://news.example/broken", "text/html; charset=utf-8", b"<p>caf\xe9</p>")]
    shard = write_warc(tmp_path / "crawl.warc.gz", docs, extra)
    found = list(read_shard(str(shard), Fields()))
    assert [r.url for r in found] == [d["url"] for d in docs] + ["https://news.example/latin", "https://news.example/broken"]
    assert all(r.markup == "html" for r in found[:4]) and all(r.id.startswith("<urn:uuid:") for r in found)
    assert found[3].text == "<p>Café news.</p>"
    assert found[4].text is None and found[4].error.endswith("record 9: not valid utf-8 (byte 6)")


def test_lint_records_equals_linting_the_same_text_as_a_file(config):
    doc = articles(1)[0]
    document, found = next(lint_records([doc], config))
    expected = lint_document(make_document(doc["text"], doc["id"]), config).findings
    assert [(f["line"], f["column"], f["end_column"], f["rule"], f["message"]) for f in found] == [
        (f.line, f.column, f.end_column, f.rule, f.message) for f in expected]
    assert document["words"] > 0 and document["error"] is None and found


def test_lint_partition_takes_a_pandas_frame(config):
    import pandas as pd

    docs = articles(4) + [{"id": "empty", "url": None, "text": None}]
    frame = pd.DataFrame(docs)
    found = lint_partition(frame, config)
    documents = lint_partition(frame, config, output="documents")
    assert list(documents["id"]) == [d["id"] for d in docs]
    assert documents["error"].iloc[-1] == "<records>: record 5: no text in field 'text'"
    assert set(found["id"]) <= {d["id"] for d in docs[:4]} and len(found) > 0


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_a_part_appears_only_when_complete(tmp_path, fmt):
    path = tmp_path / f"part-00000.{fmt}"
    writer = PartWriter(str(path), "documents", fmt)
    for n in range(5000):  # more than one batch: some rows are on disk before close()
        writer.write({"id": str(n), "url": None, "shard": "s", "record": n, "words": 1, "score": None,
                      "verdict": None, "error": None})
    assert not path.exists() and len(os.listdir(tmp_path)) == 1
    writer.close()
    assert len(read_rows(str(path))) == 5000 and os.listdir(tmp_path) == [path.name]
    aborted = PartWriter(str(tmp_path / f"part-00001.{fmt}"), "findings", fmt)
    aborted.abort()
    assert os.listdir(tmp_path) == [path.name]


def test_a_task_killed_before_its_parts_close_leaves_no_part(tmp_path, config, monkeypatch):
    shard = write_jsonl(tmp_path / "a.jsonl", articles(6))
    out = tmp_path / "out"
    claim_output(str(out), manifest(make_tasks([str(shard)], 1), Fields(), "jsonl", "x"))

    def dies(*args):
        raise KeyboardInterrupt  # as if the worker were stopped mid-task

    monkeypatch.setattr("newslint.archive.rows.lint_record", dies)
    with pytest.raises(KeyboardInterrupt):
        lint_task(Task(0, str(shard)), config, Fields(), None, str(out), "jsonl")
    assert os.listdir(out / "findings") == [] and os.listdir(out / "documents") == []


def test_an_output_folder_of_another_job_is_refused(tmp_path):
    shard = write_jsonl(tmp_path / "a.jsonl", articles(2))
    tasks = make_tasks([str(shard)], 1)
    out = str(tmp_path / "out")
    assert claim_output(out, manifest(tasks, Fields(), "jsonl", "config-1")) is False
    assert claim_output(out, manifest(tasks, Fields(), "jsonl", "config-1")) is True
    with pytest.raises(PlanError, match="holds the output of a different job \\(its config differ"):
        claim_output(out, manifest(tasks, Fields(), "jsonl", "config-2"))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(PlanError, match="not empty and not a newslint archive output"):
        claim_output(str(tmp_path / "other"), manifest(tasks, Fields(), "jsonl", "config-1"))


def test_without_the_archive_extra_the_command_says_what_to_install(tmp_path):
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('dask', 'distributed', 'pyarrow', 'warcio'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from newslint.cli import main\n"
        f"sys.exit(main(['archive', {str(tmp_path)!r}, '--output', {str(tmp_path / 'out')!r}]))\n")
    done = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == ("newslint: 'newslint archive' needs dask[distributed], pyarrow, warcio: "
                           "pip install 'newslint[archive]'\n")
    assert not (tmp_path / "out").exists()


def test_a_record_no_rule_can_get_through_is_a_bad_record_and_the_task_goes_on(tmp_path, config, monkeypatch):
    docs = articles(4)
    shard = write_jsonl(tmp_path / "a.jsonl", docs)
    out = tmp_path / "out"
    claim_output(str(out), manifest(make_tasks([str(shard)], 1), Fields(), "jsonl", "x"))
    real = newslint.archive.rows.lint_record

    def fragile(record, *args):
        if record.number == 2:
            raise RecursionError("maximum recursion depth exceeded")
        return real(record, *args)

    monkeypatch.setattr(newslint.archive.rows, "lint_record", fragile)
    totals = lint_task(Task(0, str(shard)), config, Fields(), None, str(out), "jsonl")
    assert (totals.documents, totals.bad) == (4, 1)
    assert totals.errors == [f"{shard}: record 2: could not be linted (RecursionError: maximum recursion depth exceeded)"]
    written = read_rows(str(out / "documents" / "part-00000.jsonl"))
    assert [d["id"] for d in written] == [d["id"] for d in docs] and written[1]["error"] == totals.errors[0]
    assert docs[1]["id"] not in {f["id"] for f in read_rows(str(out / "findings" / "part-00000.jsonl"))}


@pytest.mark.parametrize("chunk", [1 << 20, 97])  # 97 bytes: lines cross the chunks the cutter reads
def test_a_big_plain_jsonl_shard_is_cut_into_tasks_that_read_each_record_once(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("newslint.archive.records._CHUNK", chunk)
    lines = [json.dumps(d) for d in articles(60)]
    lines[17], lines[40] = "{broken", ""  # a bad record and a blank line, in later parts
    shard = tmp_path / "big.jsonl"
    shard.write_text("\n".join(lines) + "\n")
    tasks = make_tasks([str(shard)], 1, part_bytes=shard.stat().st_size // 7)
    assert len(tasks) >= 6 and sum(t.size for t in tasks) == shard.stat().st_size
    parts = [r for t in tasks for r in records(t, Fields())]
    whole = list(read_shard(str(shard), Fields()))
    assert [(r.number, r.id, r.text, r.error) for r in parts] == [(r.number, r.id, r.text, r.error) for r in whole]
    assert len(whole) == 59 and whole[17].error == f"{shard}: record 18: not valid JSON (Expecting property name " \
        "enclosed in double quotes, column 2)"


def test_lint_partition_maps_over_a_dask_dataframe(config):
    import dask
    import dask.dataframe as dd
    import pandas as pd

    from newslint.archive.api import partition_meta

    docs = articles(12, seed=23)
    frame = dd.from_pandas(pd.DataFrame(docs), npartitions=3)
    with dask.config.set(scheduler="synchronous"):  # the cluster runs in tests/test_archive_job.py
        found = frame.map_partitions(lint_partition, config, meta=partition_meta()).compute()
    expected = [f for _, rows in lint_records(docs, config) for f in rows]
    assert found.to_dict("records") == expected and expected


def test_dask_names_a_config_by_its_fingerprint(config):
    import dataclasses

    from dask.base import tokenize

    from newslint.fingerprint import config_fingerprint

    fewer = dataclasses.replace(config, rules=config.rules[1:])
    assert tokenize(config) == tokenize(load_config(discover=False)) != tokenize(fewer)
    assert config.__dask_tokenize__() == config_fingerprint(config)


def test_the_summary_names_ten_bad_records_and_counts_the_rest(capsys):
    from newslint.archive.command import _summarise
    from newslint.archive.job import Totals

    _summarise(Totals(documents=40, bad=25, findings=3, bytes=2_000_000, errors=[f"s.jsonl: record {n}: x" for n in range(20)]),
               "out")
    lines = capsys.readouterr().err.splitlines()
    assert lines[:10] == [f"newslint: s.jsonl: record {n}: x" for n in range(10)]
    assert lines[10:] == ["newslint: ... and 15 more bad records (the 'error' column of the documents parts lists them all)",
                          "newslint: 40 documents (25 bad records), 3 findings, 2.0 MB -> out/findings, out/documents"]


def test_a_truncated_warc_keeps_its_pages_and_ends_with_one_error(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", articles(8))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    found = list(records(Task(0, str(cut)), Fields()))
    assert 2 <= len(found) - 1 < 8 and all(r.text for r in found[:-1])
    assert found[-1].text is None and found[-1].number == 2 * len(found)  # a request and a response per page
    assert re.fullmatch(rf"{re.escape(str(cut))}: record \d+: truncated: the last \d+ bytes of the record are missing",
                        found[-1].error)


def test_a_damaged_parquet_page_ends_its_task_with_one_error_after_the_rows_before_it(tmp_path):
    shard = write_parquet(tmp_path / "a.parquet", articles(50), row_group_size=10)
    data = bytearray(shard.read_bytes())
    data[len(data) // 2: len(data) // 2 + 200] = bytes(200)
    shard.write_bytes(bytes(data))
    found = [r for t in make_tasks([str(shard)], 1) for r in records(t, Fields())]
    errors = [r.error for r in found if r.error]
    assert errors and all(f"{shard}: cannot read past record " in e for e in errors)
    assert len([r for r in found if r.text]) >= 10  # the row groups before the damage are read


def test_parquet_text_that_is_not_utf8_is_one_bad_record(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = pa.array([b"Fine text.", b"caf\xe9 society", b"More text."], type=pa.binary()).view(pa.string())
    shard = tmp_path / "a.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": texts}), shard)
    found = list(read_shard(str(shard), Fields()))
    assert [(r.id, r.text) for r in found] == [("a", "Fine text."), ("b", None), ("c", "More text.")]
    assert found[1].error == f"{shard}: record 2: field 'text' is not valid UTF-8 (byte 3)"
