"""The boilerplate lines no rule warns on, grouped by kind, biggest first (a benchmark, not a test).

usage: python bench/boilerplate_misses.py ZYTE_FOLDER [--part train] [--show N]

ZYTE_FOLDER holds lines_<extractor>.jsonl (../shared/eval/boilerplate). Only the training part is
meant to be read here: the table says which classes of leftover to work on next. A line counts
as found when a boilerplate rule other than the fitted model warns on it (the lexicons, the
structural rules and cross-file-boilerplate): the model's in-sample warnings on its own training
pages would hide what it misses out of fold, which tools/fit_boilerplate_model.py prints.
The kind is read from the line's shape: the headline (line 1), label noise
(tools/boilerplate_data.label_noise), a paragraph too long for the model, a short label ending in
punctuation, and otherwise the kind boilerplate-line would name. --show prints N misses per kind.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from boilerplate_data import EXTRACTORS, label_noise  # noqa: E402
from boilerplate_model_eval import pages_of, score_lines  # noqa: E402

from newslint.boilerplate_features import rows  # noqa: E402
from newslint.checks.boilerplate_line import kind  # noqa: E402

_LABEL = re.compile(r"^\W*\w[\w' &-]{0,40}?\s*(?::|\.\.\.|…|»|›|→|>+|\||\(\d+\)|\[\d+\])\s*$")


def kind_of(text: str, index: int, row) -> str:
    if index == 0:
        return "headline (line 1)"
    if label_noise(text, index):
        return "label noise (running prose)"
    if row is None:
        return "long paragraph (not judged)"
    shape = kind(row)
    if shape != "table row" and _LABEL.match(text):
        return "short label with an ending"
    return shape


def misses(folder: Path, part: str) -> list[tuple[str, str, str]]:
    """(extractor, kind, text) for every boilerplate line no rule but the model warns on."""
    out = []
    for name in EXTRACTORS:
        pages = pages_of(folder, name, part)
        features = {page: rows([r["text"] for r in rs], set()) for page, rs in pages.items()}
        for line in score_lines(pages):
            if line["label"] and not line["lexicon"]:
                row = features[line["page"]][line["index"]]
                out.append((name, kind_of(line["text"], line["index"], row), line["text"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--part", default="train", choices=("train", "test"))
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    found = misses(args.folder, args.part)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for name, line_kind, _ in found:
        by_kind[line_kind][name] += 1
    print("| kind | " + " | ".join(EXTRACTORS) + " | all |")
    print("|---|" + "---|" * (len(EXTRACTORS) + 1))
    for line_kind, counts in sorted(by_kind.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"| {line_kind} | " + " | ".join(str(counts[n]) for n in EXTRACTORS) + f" | {sum(counts.values())} |")
    print("| all | " + " | ".join(str(sum(c[n] for c in by_kind.values())) for n in EXTRACTORS) + f" | {len(found)} |")
    for line_kind in by_kind:
        shown = [t for _, k, t in found if k == line_kind][:args.show]
        for text in shown:
            print(f"{line_kind}\t{text[:120]}")


if __name__ == "__main__":
    main()
