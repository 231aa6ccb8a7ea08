"""The paraphrase detectors on a spun copy of clean articles: recall on spun text, false alarms on the originals.

usage: python bench/spun.py FOLDER [--rates 0.05,0.1,0.2] [--part dev|heldout|both] [--fit pairs|articles]

The spun set is made on the fly and never written to disk. Spinning method: every lower-case word
that the collocation table knows is, with probability RATE, swapped for one of its WordNet
synonyms (any sense, any part of speech, in the same inflection) that is rarer than the word,
chosen at random; the 150 most frequent words (the, in, a, ...) are spared, because their WordNet
synonyms ("indium", "angstrom") are swaps no spinner makes; nothing else changes, so "a"
stays before a swapped word that now starts with a vowel. That is what a synonym-swapping spinner
does: "meet with" becomes "fulfill with", "coming days" "approaching days".

Articles are split by a hash of their path into a development half (--part dev), the only one
any weight was fitted on, and a held-out half (--part heldout) that nothing was tuned on.
--fit pairs prints logistic weights for newslint.swaps.WEIGHTS (a suspect pair is
positive when one of its words was swapped); --fit articles prints weights for
newslint/checks/machine_paraphrased.WEIGHTS (an article is positive when it was spun). Fitting
needs numpy (a development tool only, not a dependency of newslint).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.collocations import table  # noqa: E402
from newslint.swaps import analyse  # noqa: E402
from newslint.config import load_config, select_rules  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.model import CATEGORIES  # noqa: E402
from newslint.checks.machine_paraphrased import FEATURES  # noqa: E402
from newslint.runner import lint_document  # noqa: E402

# The most frequent words ("the", "in", "a") are left alone: their WordNet synonyms ("indium",
# "angstrom") are swaps no spinner makes and any detector catches.
SPARED = 150


def part_of(path: Path, folder: Path) -> str:
    return "dev" if zlib.crc32(str(path.relative_to(folder)).encode()) % 2 == 0 else "heldout"


def spin(text: str, rate: float, rng: random.Random) -> tuple[str, set[int]]:
    """The spun text and the indices (in text.split()) of the words swapped."""
    tb = table()
    parts = re.split(r"(\s+)", text)
    swapped, index = set(), -1
    for k in range(0, len(parts), 2):
        word = parts[k]
        if not word:
            continue
        index += 1
        if tb.ids.get(word, 0) < SPARED or rng.random() >= rate:
            continue
        rarer = [s for s in tb.synonyms(word) if tb.word(s) < tb.word(word)]
        if rarer:
            parts[k] = rng.choice(rarer)
            swapped.add(index)
    return "".join(parts), swapped


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def articles(folder: Path, part: str, rates: list[float]):
    """(path, rate, text, swapped) for each original (rate 0) and its spun copies."""
    for path in sorted(folder.rglob("*.txt")):
        if part != "both" and part_of(path, folder) != part:
            continue
        text = read(path)
        yield path, 0.0, text, set()
        for rate in rates:
            rng = random.Random(zlib.crc32(f"{path.name}:{rate}".encode()))
            yield (path, rate, *spin(text, rate, rng))


def fit(rows: list[tuple[float, ...]], labels: list[int], weights: list[float]) -> list[float]:
    """Logistic regression by Newton's method with a little ridge."""
    import numpy as np

    x, y, w = np.array(rows), np.array(labels, dtype=float), np.array(weights)
    beta = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (y - p)) - 0.01 * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + 0.01 * np.eye(x.shape[1])
        beta += np.linalg.solve(hessian, gradient)
    return [round(float(b), 3) for b in beta]


def fit_pairs(data) -> None:
    rows, labels = [], []
    for _, _, text, swapped in data:
        for s in analyse(text).suspect_pairs:
            rows.append(s.features)
            labels.append(int(bool(swapped & set(range(s.index, s.index + len(s.words))))))
    positives = sum(labels)
    print(f"pairs: {len(rows)} suspects, {positives} positive (PRIOR = {positives / len(rows):.2f})")
    print("WEIGHTS =", tuple(fit(rows, labels, [1.0] * len(rows))))


def fit_articles(results) -> None:
    keys = FEATURES
    rows = [(1.0, *(m["traces"][k] for k in keys)) for _, rate, m, _ in results]
    labels = [int(rate > 0) for _, rate, _, _ in results]
    spun = sum(labels)
    # Originals and spun copies weigh the same in total: a 50:50 prior.
    weights = [1.0 if y else spun / (len(labels) - spun) for y in labels]
    print("WEIGHTS =", tuple(fit(rows, labels, weights)))


def lint_all(data, config):
    for path, rate, text, swapped in data:
        result = lint_document(Document(text, str(path)), config)
        yield path, rate, result.metrics, (result.findings, swapped)


def report(results, rates: list[float]) -> None:
    for rate in [0.0, *rates]:
        rows = [r for r in results if r[1] == rate]
        verdicts = sum(1 for r in rows if r[2].get("verdict"))
        warnings = suggestions = 0
        for _, _, _, (findings, _swapped) in rows:
            for f in findings:
                if f.rule == "unlikely-collocation" and str(f.severity) == "warning":
                    warnings += 1
                elif f.rule == "unlikely-collocation":
                    suggestions += 1
        label = "originals" if rate == 0 else f"spun at {rate:.2f}"
        print(f"{label:>14}: {len(rows)} articles, verdict {100 * verdicts / len(rows):5.1f}%, "
              f"unlikely-collocation {100 * warnings / len(rows):6.1f} warnings and "
              f"{100 * suggestions / len(rows):6.1f} suggestions per 100 articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rates", default="0.05,0.1,0.2")
    parser.add_argument("--part", choices=("dev", "heldout", "both"), default="dev")
    parser.add_argument("--fit", choices=("pairs", "articles"))
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    if args.fit and args.part != "dev":
        sys.exit("fit on the development half only (--part dev)")
    data = list(articles(args.folder, args.part, rates))
    if args.fit == "pairs":
        fit_pairs(data)
        return
    config = select_rules(load_config(discover=False), list(CATEGORIES), [])
    results = list(lint_all(data, config))
    if args.fit == "articles":
        fit_articles(results)
        return
    print(f"part: {args.part}; spinning: WordNet synonyms rarer than the word, at rates {args.rates}")
    report(results, rates)


if __name__ == "__main__":
    main()
