"""False-positive load of newslint on clean professional copy (a benchmark, not a test).

usage: python bench/precision.py FOLDER [FOLDER...] [--config FILE] [--select X] [--ignore X]
                                 [--min-severity warning] [--show N] [--glob PATTERN]
For every rule: findings, articles touched, and findings per 100 articles, split by severity,
then up to --show sample findings per rule with their text, so each one can be judged by hand.
On clean news every finding is a false positive unless the copy itself is wrong.
Example: python bench/precision.py ../shared/eval/clean-news/bbc --select paraphrase
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.config import load_config, select_rules  # noqa: E402
from newslint.model import Severity  # noqa: E402
from newslint.runner import lint_paths  # noqa: E402
from newslint.sources import discover  # noqa: E402


def _split(value: str) -> list[str]:
    return [v for v in value.split(",") if v]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--config")
    parser.add_argument("--select", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--min-severity", default="suggestion")
    parser.add_argument("--show", type=int, default=5)
    parser.add_argument("--glob", action="append", help="file glob (default: the config's include globs)")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    config = load_config(args.config, discover=False) if args.config else load_config(discover=False)
    config = select_rules(config, _split(args.select), _split(args.ignore))
    include = tuple(args.glob) if args.glob else config.include
    paths = list(discover(args.folders, include, config.exclude))
    floor = Severity.parse(args.min_severity)
    counts: Counter = Counter()
    touched: dict[tuple, set] = defaultdict(set)
    samples: dict[tuple, list] = defaultdict(list)
    texts: dict[str, list[str]] = {}
    for result in lint_paths(paths, config, args.jobs):
        for finding in result.findings:
            if finding.severity < floor:
                continue
            key = (finding.rule, str(finding.severity))
            counts[key] += 1
            touched[key].add(result.path)
            if len(samples[key]) < args.show:
                if result.path not in texts:
                    texts[result.path] = Path(result.path).read_text(encoding="utf-8", errors="replace").split("\n")
                line = texts[result.path][finding.line - 1]
                context = line[max(0, finding.column - 60): finding.column + 80].strip()
                samples[key].append(f"{result.path}:{finding.line}:{finding.column}: {finding.message}\n        … {context} …")
    articles = len(paths)
    print(f"articles: {articles}; rules active: {len(config.rules)}; severity >= {floor}")
    print(f"{'rule':34} {'severity':10} {'findings':>8} {'articles':>8} {'per 100':>8}")
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{rule:34} {severity:10} {n:8} {len(touched[(rule, severity)]):8} {100 * n / max(articles, 1):8.2f}")
    by_severity = Counter()
    for (_, severity), n in counts.items():
        by_severity[severity] += n
    print("total per 100 articles: " + ", ".join(f"{s} {100 * by_severity[str(s)] / max(articles, 1):.2f}"
                                                 for s in reversed(Severity) if s >= floor))
    for key, lines in sorted(samples.items()):
        print(f"\n== {key[0]} ({key[1]})")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
