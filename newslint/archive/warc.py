"""WARC shards (warcio): each successful HTML response becomes a document of markup 'html'.

The page is linted as newslint lints an .html file: its own HTML path keeps every offset of the
page, so a finding's line and column point into the archived HTML, and the page chrome stays in
view of the boilerplate rules (an extractor such as trafilatura would remove it first; see
docs/archive.md). Requests, metadata, redirects, errors and non-HTML responses are skipped.
"""
from __future__ import annotations

import codecs
import contextlib
import io
from typing import Iterator

from .records import Record, ShardError, bad

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    with open(path, "rb") as stream:
        records = iter(ArchiveIterator(stream))
        while True:
            try:
                with contextlib.redirect_stderr(io.StringIO()):  # warcio prints multi-line warnings itself
                    record = next(records, None)
                    page = None if record is None else _page(record, path, number + 1)
            except ArchiveLoadFailed as exc:
                raise ShardError(f"{path}: cannot read past record {number}: {exc}") from None
            except Exception as exc:  # warcio fails in its own ways on damaged bytes
                raise ShardError(f"{path}: cannot read past record {number}: {type(exc).__name__}: {exc}") from None
            if record is None:
                return
            number += 1
            if page is not None:
                yield page


def _page(record, path: str, number: int) -> Record | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not content_type.startswith(_HTML_TYPES):
        return None
    ident = record.rec_headers.get_header("WARC-Record-ID") or f"{path}#{number}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)  # what Content-Length promised and the file lacks
    if missing:
        return bad(path, number, ident, url, f"truncated: the last {missing} bytes of the record are missing")
    text, problem = _decode(body, _charset(content_type))
    if problem:
        return bad(path, number, ident, url, problem)
    return Record(path, number, ident, url, text, "html")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return "utf-8"


def _decode(body: bytes, charset: str) -> tuple[str, str]:
    """The page as text in its declared charset (UTF-8 when none); undecodable bytes make it bad."""
    try:
        codecs.lookup(charset)
    except LookupError:
        return "", f"unknown charset {charset!r}"
    if b"\x00" in body:
        return "", "binary content (contains NUL bytes)"
    codec = "utf-8-sig" if codecs.lookup(charset).name == "utf-8" else charset  # a BOM is not text, as in a file
    try:
        return body.decode(codec), ""
    except UnicodeDecodeError as exc:
        return "", f"not valid {charset} (byte {exc.start})"
