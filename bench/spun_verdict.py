"""Verdict statistics compared on cached development records, fitted on one half of dev, judged on the other.

usage: python bench/spun_verdict.py RECORDS [--swap] [--load 1]

RECORDS is what `bench/spun.py BBC --moby MOBY --part dev --fit articles --clean POLNEAR --traces RECORDS`
writes: one line per dev article and spun copy (and per clean dev article of the --clean folders), with
its suspects' confidences and how many spans the test judged. No lint runs here. The records are split
again by a hash of the article's name into a fit half (every table, weight and threshold of a variant
is set on it) and a check half (the figures printed, the only ones a variant is chosen by); --swap
exchanges the halves. A variant is a logistic score over some traces; its threshold is set where at
most --load percent of the fit half's clean articles (BBC and the --clean corpora together) reach it,
and the verdict also needs what the rule asks (min-words, min-flagged-swaps). Printed per variant: the
check half's clean articles with the verdict, by corpus, and the spun copies with it per spinner at
0.05 / 0.1 / 0.15; then the recall at 0.1 at thresholds set on the check half's own clean articles
(1% and 2%), the less noisy comparison at equal clean load.
"""
from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from spun import SPINNERS, _balanced, fit, ratio_table, read_records  # noqa: E402

from newslint.spinevidence import evidence  # noqa: E402
from newslint.swaps import fitted  # noqa: E402

LEVELS = (0.5, 0.7, 0.8, 0.9)


def half(record: dict) -> str:
    """fit or check, by a hash of the article's folder and name (the same for its spun copies)."""
    name = "/".join(record["path"].split("/")[-2:])
    return "fit" if (zlib.crc32(name.encode()) >> 1) % 2 == 0 else "check"


def features(variant: str, r: dict, verdict: dict) -> list[float]:
    c = np.array([s[2] for s in r["suspects"]])
    per, n = 1000 / max(r["words"], 1), max(r["judged"], 1)
    sure = r["lexicon"] + (c >= 0.9).sum()
    margins = sum(min(s[3], 4.0) for s in r["suspects"])
    slips = r["slips"] * per
    four = [c.sum() * per, sure * per, margins * per, slips]
    if variant == "four traces per 1,000 words (round 3)":
        return four
    if variant == "the four per judged span":
        return [c.sum() / n, sure / n, margins / n, slips]
    if variant == "per judged span + counts over levels":
        return [c.sum() / n, sure / n, margins / n, slips] + [((c >= t).sum() + r["lexicon"]) / n for t in LEVELS]
    if variant.endswith(", no lexicon in the test"):
        test = evidence(list(c), 0, r["judged"], verdict)[1]
        return four + [test / max(r["judged"], 1)]
    test = evidence(list(c), r["lexicon"], r["judged"], verdict)[1]
    if variant == "test (sum) + slips":
        return [test, slips]
    if variant == "test per judged span + slips":
        return [test / n, slips]
    if variant == "the four + test per judged span":
        return four + [test / n]
    if variant.startswith("the four + test per judged span + reporting"):
        # The reporting-verb mix (r11i): suspects that name a plain reporting verb ("stated" for *said*),
        # by their confidences, over the plain reporting verbs written beside them (at least 5).
        found = r["reporting_suspects"]
        mix = sum(found) / max(r["plain_reporting"] + len(found), 5)
        return four + [test / n, mix if variant.endswith("mix") else len(found) * per]
    if variant.startswith("the four + test per max(judged, "):
        floor = int(variant.split(", ")[1].split(")")[0])
        return four + [test / max(r["judged"] + r["lexicon"], floor)]
    if variant.startswith("test per max(judged, "):
        floor = int(variant.split(", ")[1].split(")")[0])
        return [test / max(r["judged"] + r["lexicon"], floor), slips]
    raise KeyError(variant)


VARIANTS = ("four traces per 1,000 words (round 3)", "the four per judged span", "per judged span + counts over levels",
            "test (sum) + slips", "test per judged span + slips", "the four + test per judged span",
            "test per max(judged, 30) + slips", "test per max(judged, 49) + slips",
            "the four + test per max(judged, 30)", "the four + test per max(judged, 49)",
            "the four + test per max(judged, 58)", "the four + test per max(judged, 80)",
            "the four + test per judged span, no lexicon in the test",
            "the four + test per judged span + reporting mix", "the four + test per judged span + reporting per 1,000")
# Variants that need fields older records lack.
NEWER = {"the four + test per judged span + reporting mix": "reporting_suspects",
         "the four + test per judged span + reporting per 1,000": "reporting_suspects"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--load", type=float, default=1.0)
    parser.add_argument("--swap", action="store_true", help="fit on the check half, judge on the fit half")
    args = parser.parse_args()
    records = read_records(args.records)
    parts = np.array([half(r) for r in records])
    if args.swap:
        parts = np.where(parts == "fit", "check", "fit")
    kind = np.array([r["spinner"] for r in records])
    rate = np.array([r["rate"] for r in records])
    corpus = np.array([r.get("corpus", "bbc") for r in records])
    y = (kind != "original").astype(int)
    eligible = np.array([r["words"] >= 100 and r["flagged"] >= 1 for r in records])
    fitting, check, clean = parts == "fit", parts == "check", kind == "original"
    verdict = dict(fitted()["verdict"], ratios=ratio_table([r for r, f in zip(records, fitting) if f]))
    print(f"records: {len(records)}; clean fit {(fitting & clean).sum()}, check {(check & clean).sum()}; "
          f"corpora {sorted(set(corpus))}")
    for variant in VARIANTS:
        if variant in NEWER and NEWER[variant] not in records[0]:
            continue
        x = np.array([[1.0, *features(variant, r, verdict)] for r in records])
        score = x @ np.array(fit(x[fitting], y[fitting], _balanced(y[fitting])))
        ranked = np.sort(score[fitting & clean & eligible])[::-1]
        t = ranked[min(int(args.load / 100 * len(ranked)), len(ranked) - 1)]
        verdicts = eligible & (score > t)
        cells = [f"{name} {100 * verdicts[check & clean & (corpus == name)].mean():.1f}%" for name in sorted(set(corpus))]
        for q in (0.05, 0.1, 0.15):
            cells.append(f"@{q} " + "/".join(f"{100 * verdicts[check & (kind == k) & (rate == q)].mean():.1f}"
                                             for k in SPINNERS))
        own = np.sort(score[check & clean & eligible])[::-1]
        for share in (1, 2):
            u = own[int(share / 100 * len(own))]
            cells.append(f"own {share}%: " + "/".join(
                f"{100 * (eligible & (score > u))[check & (kind == k) & (rate == 0.1)].mean():.1f}" for k in SPINNERS))
        print(f"{variant:42} " + "  ".join(cells))


if __name__ == "__main__":
    main()
