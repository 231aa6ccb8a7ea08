"""Line precision and recall of the boilerplate rules on labelled extractor output (a benchmark, not a test).

usage: python bench/boilerplate_eval.py FOLDER [--extractors trafilatura,readability,newspaper]
                                        [--select boilerplate] [--show-fp N] [--show-misses N]
                                        [--judged FILE] [--join '\\n']
FOLDER holds lines_<extractor>.jsonl (../shared/eval/boilerplate): one row per extracted line with
the page id, line_no, text and a label (content or boilerplate) from matching the gold article
body. Each page's lines are joined into one document and linted with the selected rules, plus
the cross-file rule over each extractor's pages as one folder run. A line is flagged when a
finding starts on it. The labels are noisy (headlines and edited quotes can show as
boilerplate, related links inside the gold body as content), so flagged lines labelled content
are printed to be judged by hand; --judged FILE (tab-separated: extractor, page id prefix,
line_no, verdict 'boilerplate' or 'content') overrides labels to give the judged precision.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.config import load_config, select_rules  # noqa: E402
from newslint.crossfile import add_cross_file_findings  # noqa: E402
from newslint.runner import lint_document, make_document  # noqa: E402


def load_pages(path: Path) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            pages[row["id"]].append(row)
    return {page: sorted(rows, key=lambda r: r["line_no"]) for page, rows in pages.items()}


def load_judgments(path: str | None) -> dict[tuple[str, str, int], str]:
    judged: dict[tuple[str, str, int], str] = {}
    if not path:
        return judged
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            extractor, page, line_no, verdict = line.split("\t")[:4]
            judged[(extractor, page, int(line_no))] = verdict.strip()
    return judged


def flagged_lines(pages: dict[str, list[dict]], config, join: str) -> dict[str, dict[int, set[str]]]:
    """{page id: {row index: rule ids}} for every line a boilerplate finding starts on."""
    results, starts = [], {}
    for page, rows in pages.items():
        text = join.join(r["text"] for r in rows)
        results.append(lint_document(make_document(text, page), config))
        starts[page] = [1 + sum(join.count("\n") + r["text"].count("\n") for r in rows[:i]) for i in range(len(rows))]
    results = add_cross_file_findings(results, config)
    flagged: dict[str, dict[int, set[str]]] = {}
    for result in results:
        line_to_row = {line: index for index, line in enumerate(starts[result.path])}
        hits: dict[int, set[str]] = defaultdict(set)
        for finding in result.findings:
            if finding.category == "boilerplate" and finding.line in line_to_row:
                hits[line_to_row[finding.line]].add(finding.rule)
        flagged[result.path] = hits
    return flagged


def evaluate(name: str, pages, flagged, judged, args) -> Counter:
    tally: Counter = Counter()
    by_rule: Counter = Counter()
    false_pos, misses = [], []
    for page, rows in pages.items():
        for index, row in enumerate(rows):
            rules = flagged[page].get(index)
            label = row["label"]
            verdict = judged.get((name, page[:12], row["line_no"]), label)
            tally["boilerplate"] += label == "boilerplate"
            if rules:
                tally["flagged"] += 1
                tally["raw_tp"] += label == "boilerplate"
                tally["judged_tp"] += verdict == "boilerplate"
                for rule in rules:
                    by_rule[(rule, label == "boilerplate")] += 1
                if label != "boilerplate":
                    false_pos.append((page, row, sorted(rules), verdict))
            elif label == "boilerplate":
                misses.append((page, row))
    _print_figures(name, tally, by_rule)
    _print_samples(name, false_pos, misses, args)
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def _print_figures(name: str, tally: Counter, by_rule: Counter) -> None:
    print(f"\n== {name}: {tally['flagged']} lines flagged, {tally['boilerplate']} labelled boilerplate")
    print(f"   raw precision {_ratio(tally['raw_tp'], tally['flagged'])}"
          f"   judged precision {_ratio(tally['judged_tp'], tally['flagged'])}"
          f"   recall {_ratio(tally['raw_tp'], tally['boilerplate'])}")
    for rule in sorted({r for r, _ in by_rule}):
        print(f"   {rule:30} labelled boilerplate {by_rule[(rule, True)]:4}"
              f"   labelled content {by_rule[(rule, False)]:4}")


def _print_samples(name: str, false_pos: list, misses: list, args) -> None:
    for page, row, rules, verdict in false_pos[: args.show_fp]:
        judged = " (judged boilerplate)" if verdict == "boilerplate" else ""
        print(f"   FP{judged} {name}\t{page[:12]}\t{row['line_no']}\t{','.join(rules)}\t{row['text'][:110]!r}")
    for page, row in random.Random(5).sample(misses, min(args.show_misses, len(misses))):
        print(f"   MISS {name}\t{page[:12]}\t{row['line_no']}\t{row['text'][:110]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--extractors", default="trafilatura,readability,newspaper")
    parser.add_argument("--config")
    parser.add_argument("--select", default="boilerplate")
    parser.add_argument("--show-fp", type=int, default=20)
    parser.add_argument("--show-misses", type=int, default=10)
    parser.add_argument("--judged", help="hand judgments of flagged lines labelled content")
    parser.add_argument("--join", default="\n", help="what joins a page's lines (default: one newline)")
    args = parser.parse_args()
    args.join = args.join.encode().decode("unicode_escape")
    config = load_config(args.config, discover=False) if args.config else load_config(discover=False)
    config = select_rules(config, [s for s in args.select.split(",") if s], [])
    judged = load_judgments(args.judged)
    total: Counter = Counter()
    for name in args.extractors.split(","):
        pages = load_pages(Path(args.folder) / f"lines_{name}.jsonl")
        total += evaluate(name, pages, flagged_lines(pages, config, args.join), judged, args)
    print(f"\n== all: raw precision {_ratio(total['raw_tp'], total['flagged'])}, judged precision "
          f"{_ratio(total['judged_tp'], total['flagged'])}, recall {_ratio(total['raw_tp'], total['boilerplate'])}"
          f" ({total['flagged']} flagged, {total['boilerplate']} labelled boilerplate)")


if __name__ == "__main__":
    main()
