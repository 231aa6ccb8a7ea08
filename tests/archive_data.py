"""Archive shards the tests write: articles made of the seeds' paragraphs, some with page chrome."""
from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROME = ["Share this story", "Sign up for our newsletter", "Most Read"]


def paragraphs() -> list[str]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    return found


def articles(count: int, seed: int = 7) -> list[dict]:
    """Records {id, url, text}: a few seed paragraphs each; most carry the same chrome lines."""
    rng = random.Random(seed)
    pool = paragraphs()
    records = []
    for n in range(count):
        body = rng.sample(pool, rng.randint(2, 5))
        if n % 3:
            body.insert(rng.randint(0, len(body)), CHROME[0])
        if n % 4 == 0:
            body.append(rng.choice(CHROME[1:]))
        records.append({"id": f"doc-{n:04d}", "url": f"https://news.example/{n}", "text": "\n".join(body) + "\n"})
    return records


def write_jsonl(path: Path, records: list[dict], compress: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def write_parquet(path: Path, records: list[dict], row_group_size: int = 20) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=row_group_size)
    return path


def html_page(record: dict) -> str:
    body = "\n".join(f"<p>{line}</p>" for line in record["text"].splitlines())
    return (f"<!DOCTYPE html>\n<html><head><title>{record['id']}</title></head>\n<body>\n"
            f"<nav>Home | News | Sport</nav>\n<article>\n{body}\n</article>\n</body></html>\n")


def write_warc(path: Path, records: list[dict], extra=()) -> Path:
    """A gzipped WARC: a request and an HTML response per record, then `extra` (uri, type, body bytes)."""
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for record in records:
            uri = record["url"]
            writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            _response(writer, uri, "text/html; charset=utf-8", html_page(record).encode("utf-8"))
        for uri, content_type, body in extra:
            _response(writer, uri, content_type, body)
    return path


def _response(writer, uri: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
