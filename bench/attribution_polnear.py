"""Precision and recall of unattributed-figure on PolNeAR (a benchmark, not a test).

usage: python bench/attribution_polnear.py [SPLIT_FOLDER] [--window N] [--headlines] [--show N]
SPLIT_FOLDER holds text/*.txt and attributions/*.ann (BRAT); default ../shared/eval/attribution/polnear/dev.

Scoring, one figure at a time:
- Figures: every claim figure that newslint's own detector finds in the article
  (newslint.attribution.claim_figures over every sentence, default word lists), headlines and
  quotes included. Detection is the same for gold and prediction, so the scores measure the
  attribution decision, not figure detection; figures inside a Discard span are dropped.
- Gold: a figure is attributed when its first character lies inside an annotated Content span
  that belongs to an attribution relation with a Source or a Cue (Attribution-no-source
  relations have a Cue, so they count). Articles annotated by several people (the agreement
  set) count a figure as attributed when at least half of the annotators say so.
- Prediction: a figure is flagged when unattributed-figure reports its sentence with the figure
  among the unsourced ones (the rule reports the first one and counts the rest).
- Positive class = unattributed. Precision = flagged figures that are gold-unattributed / flagged;
  recall = gold-unattributed figures that are flagged / gold-unattributed.
Tune on train, report on dev. --show prints sample false positives and false negatives.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.attribution import claim_figures, vocabulary_for  # noqa: E402
from newslint.checks import unattributed_figure as rule  # noqa: E402
from newslint.document import Document  # noqa: E402

OUTCOMES = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}  # (gold, flagged)
DEFAULT_SPLIT = Path(__file__).resolve().parent.parent.parent / "shared/eval/attribution/polnear/dev"


def parse_ann(path: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(attributed Content spans, Discard spans) of one BRAT file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (kind, [tuple(map(int, part.split())) for part in offsets.split(";")])
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    attributed = []
    for relation in relations:
        if ("Source" in relation or "Cue" in relation) and relation.get("Content") in spans:
            attributed.extend(spans[relation["Content"]][1])
    discard = [s for kind, parts in spans.values() if kind == "Discard" for s in parts]
    return attributed, discard


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def score_article(text_path: Path, ann_paths: list[Path], options: dict) -> list[tuple]:
    """(figure, gold_unattributed, flagged, sentence) for every claim figure of one article."""
    text = text_path.read_text(encoding="utf-8")
    document = Document(text, str(text_path))
    annotations = [parse_ann(p) for p in ann_paths]
    vocab = vocabulary_for(options)
    flagged = {f.start for figures in rule.unsourced_figures(document, options) for f in figures}
    rows = []
    for start, end in document.sentences:
        for figure in claim_figures(text, start, end, vocab):
            if any(inside(figure.start, discard) for _, discard in annotations):
                continue
            votes = sum(inside(figure.start, attributed) for attributed, _ in annotations)
            gold_unattributed = votes * 2 < len(annotations)
            rows.append((figure, gold_unattributed, figure.start in flagged, text[start:end]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default=str(DEFAULT_SPLIT))
    parser.add_argument("--window", type=int, default=0)
    parser.add_argument("--carry", type=int, default=None, help="override the rule's carry option")
    parser.add_argument("--headlines", action="store_true")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    split = Path(args.split)
    options = {**rule.DEFAULTS, "window": args.window, "headlines": args.headlines}
    if args.carry is not None:
        options["carry"] = args.carry
    ann_by_article = defaultdict(list)
    for ann in sorted((split / "attributions").glob("*.ann")):
        ann_by_article[re.sub(r"_[0-9a-f]{4}$", "", ann.stem)].append(ann)
    counts: Counter = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    for text_path in sorted((split / "text").glob("*.txt")):
        for figure, gold, flagged, sentence in score_article(text_path, ann_by_article[text_path.stem], options):
            outcome = OUTCOMES[gold, flagged]
            counts[outcome] += 1
            counts[f"{outcome}:{figure.kind}"] += 1
            if outcome in ("fp", "fn") and len(samples[outcome]) < args.show:
                samples[outcome].append(f"{text_path.stem[:40]}: [{figure.text}] {' '.join(sentence.split())[:220]}")
    report(counts, samples, split)


def report(counts: Counter, samples: dict, split: Path) -> None:
    tp, fp, fn, tn = (counts[k] for k in ("tp", "fp", "fn", "tn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"split: {split}")
    print(f"figures: {tp + fp + fn + tn}; gold unattributed: {tp + fn}; flagged: {tp + fp}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    for kind in ("toll", "count", "money", "percent", "quantity"):
        k = {o: counts[f"{o}:{kind}"] for o in ("tp", "fp", "fn", "tn")}
        print(f"  {kind:9} tp {k['tp']:4} fp {k['fp']:4} fn {k['fn']:4} tn {k['tn']:4}")
    for outcome in ("fp", "fn"):
        if samples[outcome]:
            print(f"\n== {outcome}")
            for line in samples[outcome]:
                print("  " + line)


if __name__ == "__main__":
    main()
