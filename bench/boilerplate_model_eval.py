"""Held-out line precision and recall of the boilerplate rules with the learned line model (a benchmark, not a test).

usage: python bench/boilerplate_model_eval.py ZYTE_FOLDER --part test|train [--bbc BBC_FOLDER] [--show N]

ZYTE_FOLDER holds lines_<extractor>.jsonl (../shared/eval/boilerplate). The pages are split as
tools/boilerplate_data.py splits them (a hash of the page id); --part test is the held-out third
nothing was fitted or tuned on: run it once, for the final figures. Every labelled line of the
part counts, the headline and long paragraphs too (which the model never judges). A line is
flagged at warning severity when a lexicon rule or the cross-file rule warns on it (the
extractor's pages linted as one folder run), or when boilerplate-line would warn: its
probability is at least the threshold and the line is not protected (a reporting verb or a
quotation mark). For each extractor the script prints the precision-recall curve over the
threshold, the lexicon rules alone (main before the model), the figures at the shipped threshold
checked against a real run of the rule, and the same without the headline line. --bbc adds the
model's warnings per 100 articles on each half of the BBC articles.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from boilerplate_data import EXTRACTORS, MODEL_RULE, bbc_part, label_noise, lexicon_config, zyte_part  # noqa: E402

from newslint.boilerplate_features import flagged_paragraphs, protected, rows  # noqa: E402
from newslint.boilerplate_model import load  # noqa: E402
from newslint.checks.boilerplate_line import DEFAULTS  # noqa: E402
from newslint.config import load_config, select_rules  # noqa: E402
from newslint.crossfile import add_cross_file_findings  # noqa: E402
from newslint.model import Severity  # noqa: E402
from newslint.runner import lint_document, make_document  # noqa: E402
from newslint.sources import SourceError, read_source  # noqa: E402

CURVE = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99]


def pages_of(folder: Path, extractor: str, part: str) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = defaultdict(list)
    with (folder / f"lines_{extractor}.jsonl").open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            if zyte_part(row["id"]) == part and row["text"].strip():
                pages[row["id"]].append(row)
    return {page: sorted(rows_, key=lambda r: r["line_no"]) for page, rows_ in sorted(pages.items())}


def score_lines(pages: dict[str, list[dict]]) -> list[dict]:
    """Per line: label, lexicon warning, model probability (None: not judged), protected, rule warning."""
    lexicon, full = lexicon_config(), select_rules(load_config(discover=False), ["boilerplate"], [])
    documents = {page: make_document("\n".join(r["text"] for r in rs), page) for page, rs in pages.items()}
    per_file = [lint_document(d, lexicon) for d in documents.values()]
    own = {r.path: r.findings for r in per_file}  # what the rule itself sees (no cross-file findings)
    lexicon_results = add_cross_file_findings(per_file, lexicon)
    rule_results = {r.path: r for r in add_cross_file_findings([lint_document(d, full) for d in documents.values()], full)}
    model, out = load(), []
    for result in lexicon_results:
        document, page_rows = documents[result.path], pages[result.path]
        texts = [document.text[s:e] for s, e in document.paragraphs]
        warned = flagged_paragraphs(document, [f for f in result.findings if f.severity >= Severity.WARNING])
        seen = flagged_paragraphs(document, own[result.path])
        features = rows(texts, seen)
        by_rule = flagged_paragraphs(document, [f for f in rule_results[result.path].findings
                                                if f.severity >= Severity.WARNING])
        for i, row in enumerate(page_rows):
            judged = features[i] is not None and i not in seen and i not in warned
            out.append({"page": result.path, "index": i, "text": row["text"], "label": row["label"] == "boilerplate",
                        "lexicon": i in warned, "p": model.probability(features[i]) if judged else None,
                        "protected": protected(texts[i]), "rule": i in by_rule})
    return out


def flagged(line: dict, threshold: float | None) -> bool:
    if line["lexicon"]:
        return True
    return threshold is not None and line["p"] is not None and line["p"] >= threshold and not line["protected"]


def pr(lines: list[dict], threshold: float | None, key=None) -> tuple[float, float, int]:
    hits = [flagged(line, threshold) if key is None else line[key] for line in lines]
    tp = sum(h and line["label"] for h, line in zip(hits, lines))
    positives, predicted = sum(line["label"] for line in lines), sum(hits)
    return (tp / predicted if predicted else 1.0), (tp / positives if positives else 0.0), predicted


def report(name: str, lines: list[dict], show: int) -> None:
    threshold = DEFAULTS["warn-confidence"]
    positives = sum(line["label"] for line in lines)
    print(f"\n== {name}: {len({line['page'] for line in lines})} pages, {len(lines)} lines, {positives} labelled boilerplate")
    p, r, n = pr(lines, None)
    print(f"   lexicon rules only        P {p:.3f}  R {r:.3f}  ({n} flagged)")
    for t in sorted(set(CURVE + [threshold])):
        p, r, n = pr(lines, t)
        mark = "  <- shipped" if t == threshold else ""
        print(f"   with model at {t:.2f}        P {p:.3f}  R {r:.3f}  ({n} flagged){mark}")
    p, r, n = pr(lines, threshold, key="rule")
    agrees = all(line["rule"] == flagged(line, threshold) for line in lines)
    print(f"   real rule run (warnings)  P {p:.3f}  R {r:.3f}  ({n} flagged); matches the curve: {agrees}")
    body = [line for line in lines if line["index"] > 0]
    p, r, n = pr(body, threshold)
    print(f"   without the headline line P {p:.3f}  R {r:.3f}  ({sum(x['label'] for x in body)} labelled)")
    shaped = [line for line in body if len(line["text"]) <= 300 and not (len(line["text"].split()) >= 12
                                                                        and line["text"].rstrip()[-1:] in ".!?\"”")]
    p, r, n = pr(shaped, threshold)
    print(f"   short non-sentence lines  P {p:.3f}  R {r:.3f}  ({sum(x['label'] for x in shaped)} labelled)")
    # Recall without label noise by a rule fixed before the second look (boilerplate_data.label_noise):
    # boilerplate labels on the first line or on article-style prose leave the denominator; precision
    # still counts every line. This never replaces the raw figure above.
    clean = [x for x in lines if not (x["label"] and label_noise(x["text"], x["index"]))]
    p, r, n = pr(clean, threshold)
    print(f"   less rule-defined noise   P {p:.3f}  R {r:.3f}  ({sum(x['label'] for x in clean)} labelled)")
    rng = random.Random(16)
    fps = [x for x in lines if flagged(x, threshold) and not x["label"]]
    misses = [x for x in lines if x["label"] and not flagged(x, threshold)]
    for kind, sample in (("FP", fps[:show]), ("MISS", rng.sample(misses, min(show, len(misses))))):
        for x in sample:
            p_text = "lexicon" if x["lexicon"] else ("-" if x["p"] is None else f"{x['p']:.2f}")
            print(f"   {kind} {x['page'][:12]} {x['index']:3} {p_text:>7} {x['text'][:100]!r}")


def bbc_figures(folder: Path) -> None:
    config = select_rules(load_config(discover=False), [MODEL_RULE], [])
    counts = {"dev": [0, 0], "heldout": [0, 0]}
    for path in sorted(folder.rglob("*.txt")):
        try:
            text = read_source(str(path)).text
        except SourceError:
            continue
        result = lint_document(make_document(text, str(path)), config)
        part = counts[bbc_part(path, folder)]
        part[0] += 1
        part[1] += sum(f.severity >= Severity.WARNING for f in result.findings)
    for name, (articles, warnings) in counts.items():
        print(f"BBC {name}: {warnings} boilerplate-line warnings in {articles} articles "
              f"({100 * warnings / max(articles, 1):.2f} per 100)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--part", choices=("test", "train"), required=True)
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--bbc", help="the BBC folder: warnings per 100 articles on each half")
    parser.add_argument("--show", type=int, default=8, help="false positives and misses to print per extractor")
    args = parser.parse_args()
    missing = [name for name in args.extractors.split(",") if not (Path(args.folder) / f"lines_{name}.jsonl").exists()]
    if missing:
        sys.exit(f"boilerplate_model_eval: no lines_<extractor>.jsonl in {args.folder} for {', '.join(missing)}")
    everything = []
    for name in args.extractors.split(","):
        lines = score_lines(pages_of(Path(args.folder), name, args.part))
        report(name, lines, args.show)
        everything += lines
    report("all extractors", everything, 0)
    if args.bbc:
        bbc_figures(Path(args.bbc))


if __name__ == "__main__":
    main()
