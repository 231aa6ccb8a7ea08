"""Labelled lines for the boilerplate line model: read, split and turned into feature rows.

Shared by tools/fit_boilerplate_model.py (fitting) and bench/boilerplate_model_eval.py (the
held-out figures), so both split the pages the same way and build the same rows. Nothing here
is shipped or imported by newslint itself.

- Zyte lines (FOLDER/lines_<extractor>.jsonl): a page is held out when a hash of its id says so
  (about a third of the pages), for every extractor alike, so no page is seen on both sides.
- BBC articles: the development half of bench/spun.py's split (crc32 of the relative path).
- The seeds: every line is content except those tests/data/expected.yaml lists as boilerplate.
The first paragraph (the headline) and paragraphs over MAX_CHARS characters are never rows: the
model does not judge them.
"""
from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from newslint.boilerplate_features import SHAPE, flagged_paragraphs, rows, shape  # noqa: E402
from newslint.config import load_config, select_rules  # noqa: E402
from newslint.model import Severity  # noqa: E402
from newslint.runner import lint_document, make_document  # noqa: E402
from newslint.sources import SourceError, read_source  # noqa: E402

EXTRACTORS = ("trafilatura", "readability", "newspaper", "goose3")
MODEL_RULE = "boilerplate-line"
_PROSE, _READER, _LINK, _HANDLES = (SHAPE.index(n) for n in ("prose", "reader_words", "link", "handles"))


@dataclass
class Doc:
    """One document's rows: features, labels (1 = boilerplate), and what to group and report by."""

    source: str  # extractor name, "bbc" or "seeds"
    group: str  # page id or path: cross-validation folds never split a group
    texts: list[str]
    features: list[list[float]]
    labels: list[int]
    lexicon: list[bool]  # another boilerplate rule already warns on the line (a suggestion does not count)
    index: list[int]  # each row's paragraph index in the document
    paragraphs: list[str]  # every paragraph of the document, judged or not
    skipped: list[bool]  # another rule's suggestion only: the rule leaves the line to it and warns on nothing


def label_noise(text: str, index: int) -> bool:
    """A line whose boilerplate label is probably the matching's mistake, by a rule fixed before the
    held-out pages were scored the second time: the extraction's first line (the headline, which the
    gold body leaves out and newslint reads as the headline), or running prose in the article's style
    (12 words or more ending like a sentence, with no link, handle or words addressed to the reader).
    Fitting leaves such boilerplate rows out; the evaluation reports recall with and without them."""
    if index == 0:
        return True
    row = shape(text)
    return bool(row[_PROSE] and not (row[_READER] or row[_LINK] or row[_HANDLES]))


def zyte_part(page_id: str) -> str:
    digest = hashlib.blake2b(f"newslint-boilerplate-split:{page_id}".encode(), digest_size=8).digest()
    return "test" if int.from_bytes(digest, "big") % 3 == 0 else "train"


def bbc_part(path: Path, folder: Path) -> str:
    return "dev" if zlib.crc32(str(path.relative_to(folder)).encode()) % 2 == 0 else "heldout"


def lexicon_config():
    """The default config's boilerplate rules, less the model's own."""
    config = load_config(discover=False)
    return select_rules(config, ["boilerplate"], [MODEL_RULE])


def make_doc(source: str, group: str, texts: list[str], labels: list[int], config) -> Doc:
    """Rows for the paragraphs the model judges (after the first, short enough); texts are one paragraph each."""
    document = make_document("\n".join(texts), group)
    findings = lint_document(document, config).findings
    flagged = flagged_paragraphs(document, findings)  # what the model sees: suggestions count (as in the rule)
    # What counts as already found: warnings only (teaser-block's suggestions are not).
    warned = flagged_paragraphs(document, [f for f in findings if f.severity >= Severity.WARNING])
    paragraphs = [document.text[s:e] for s, e in document.paragraphs]
    features = rows(paragraphs, flagged)
    keep = [i for i in range(1, len(paragraphs)) if features[i] is not None]
    return Doc(source, group, [paragraphs[i] for i in keep], [features[i] for i in keep],
               [labels[i] for i in keep], [i in warned for i in keep], keep, paragraphs,
               [i in flagged and i not in warned for i in keep])


def zyte_docs(folder: Path, part: str, config) -> list[Doc]:
    docs = []
    for extractor in EXTRACTORS:
        pages: dict[str, list[dict]] = defaultdict(list)
        with (folder / f"lines_{extractor}.jsonl").open(encoding="utf-8") as handle:
            for row in map(json.loads, handle):
                pages[row["id"]].append(row)
        for page in sorted(pages):
            if zyte_part(page) != part:
                continue
            lines = [r for r in sorted(pages[page], key=lambda r: r["line_no"]) if r["text"].strip()]
            texts = [" ".join(r["text"].split()) for r in lines]
            labels = [int(r["label"] == "boilerplate") for r in lines]
            docs.append(make_doc(extractor, page, texts, labels, config))
    return docs


def bbc_docs(folder: Path, part: str, config) -> list[Doc]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        if bbc_part(path, folder) != part:
            continue
        try:
            text = read_source(str(path)).text
        except SourceError:
            continue
        texts = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        docs.append(make_doc("bbc", str(path.relative_to(folder)), texts, [0] * len(texts), config))
    return docs


def seed_docs(config) -> list[Doc]:
    expected = yaml.safe_load((ROOT / "tests" / "data" / "expected.yaml").read_text(encoding="utf-8"))
    boilerplate = {(i["file"], i["line"]) for i in expected["items"] if i["kind"] == "boilerplate"}
    docs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        numbered = [(n, " ".join(line.split())) for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                    if line.strip()]
        labels = [int((path.name, n) in boilerplate) for n, _ in numbered]
        docs.append(make_doc("seeds", path.name, [t for _, t in numbered], labels, config))
    return docs

