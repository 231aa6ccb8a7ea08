"""Fit newslint/data/boilerplate_model.json, the boilerplate line model (a build step, not a test).

usage: python tools/fit_boilerplate_model.py ZYTE_FOLDER BBC_FOLDER [--out FILE] [--trees N] [--depth D]

ZYTE_FOLDER holds lines_<extractor>.jsonl (../shared/eval/boilerplate: extractor output of real
news pages, each line labelled by matching the gold article body; Zyte article-extraction
benchmark, MIT); BBC_FOLDER is ../shared/eval/clean-news/bbc (every line content). Only the
training pages of the Zyte split and the development half of BBC are read (tools/boilerplate_data.py),
plus the project's own seeds. Needs scikit-learn (`pip install -e '.[fit]'`).

A standard-scaled logistic regression (or, with --model trees, gradient-boosted trees; fixed
seed, sorted inputs) is fitted and exported with its numbers rounded, so the same inputs give the
same file byte for byte. Boilerplate rows that boilerplate_data.label_noise calls label noise
(article prose the labelling missed) are left out of every fit but still scored. Out-of-fold
probabilities (5 folds by page) choose the warning threshold: the lowest on a grid at which the
model's warnings, with the lexicon rules' own, keep a line precision of at least TARGET_PRECISION
on every extractor and at most MAX_BBC_WARNINGS per 100 development BBC articles. The figures are printed; the held-out pages are left to bench/boilerplate_model_eval.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from boilerplate_data import EXTRACTORS, ROOT, bbc_docs, label_noise, lexicon_config, seed_docs, zyte_docs  # noqa: E402

from newslint.boilerplate_features import FEATURES  # noqa: E402
from newslint.boilerplate_model import from_dict  # noqa: E402

TARGET_PRECISION = 0.9
MAX_BBC_WARNINGS = 0.5  # per 100 articles: half the ceiling, for the held-out half's sake
SUGGEST_AT = 0.5
GRID = [round(0.5 + 0.01 * k, 2) for k in range(50)]
FOLDS = 5
SEED = 0


def matrices(docs):
    """Rows, labels, groups, (source, group, lexicon-flagged) and whether a boilerplate label is noise."""
    X, y, groups, meta, noisy = [], [], [], [], []
    for doc in docs:
        for text, features, label, flagged in zip(doc.texts, doc.features, doc.labels, doc.lexicon):
            X.append(features)
            y.append(label)
            groups.append(doc.group)
            meta.append((doc.source, doc.group, flagged))
            # Article prose the labelling missed teaches the model that prose is chrome: left out of fitting.
            noisy.append(label == 1 and label_noise(text, 1))
    return X, y, groups, meta, noisy


def fit(X, y, args):
    if args.model == "logistic":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        pipeline = make_pipeline(StandardScaler(), LogisticRegression(C=args.c, max_iter=5000))
        return pipeline.fit(X, y)
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(n_estimators=args.trees, max_depth=args.depth, learning_rate=args.rate,
                                       min_samples_leaf=args.min_leaf, subsample=1.0, random_state=SEED)
    return model.fit(X, y)


def export(model, info: dict) -> dict:
    """The fitted model as plain lists (what newslint/boilerplate_model.py reads)."""
    import numpy as np

    if hasattr(model, "named_steps"):  # logistic regression: fold the scaling into the weights
        scaler, regression = model.named_steps["standardscaler"], model.named_steps["logisticregression"]
        weights = regression.coef_[0] / scaler.scale_
        base = regression.intercept_[0] - float(np.dot(weights, scaler.mean_))
        return {"features": list(FEATURES), "base": round(float(base), 6),
                "weights": [round(float(x), 6) for x in weights], "info": info}

    trees = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        trees.append({
            "feature": [int(f) if f >= 0 else 0 for f in tree.feature],
            "threshold": [round(float(t), 6) for t in tree.threshold],
            "left": [int(c) for c in tree.children_left],
            "right": [int(c) for c in tree.children_right],
            "value": [round(float(v) * model.learning_rate, 6) for v in tree.value[:, 0, 0]],
        })
    base = float(model._raw_predict_init(np.zeros((1, len(FEATURES))))[0, 0])
    return {"features": list(FEATURES), "base": round(base, 6), "trees": trees, "info": info}


def out_of_fold(X, y, groups, noisy, args) -> list[float]:
    """Each row scored by a model fitted on the other folds (less their noisy rows); every row is scored."""
    from sklearn.model_selection import GroupKFold

    probabilities = [0.0] * len(y)
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        train = [i for i in train if not noisy[i]]
        model = from_dict(export(fit([X[i] for i in train], [y[i] for i in train], args), {}))
        for i in test:
            probabilities[i] = model.probability(X[i])
    return probabilities


def figures(p, y, meta, threshold: float, bbc_articles: int) -> dict:
    """Line precision and recall per extractor of lexicon + model warnings; BBC warnings per 100."""
    tally: dict[str, Counter] = {}
    for prob, label, (source, _, flagged) in zip(p, y, meta):
        c = tally.setdefault(source, Counter())
        warned = flagged or prob >= threshold
        c["tp"] += warned and label == 1
        c["warned"] += warned
        c["positive"] += label == 1
        c["model"] += (not flagged) and prob >= threshold
    out = {}
    for name in EXTRACTORS:
        c = tally.get(name, Counter())
        out[name] = (c["tp"] / c["warned"] if c["warned"] else 1.0, c["tp"] / c["positive"] if c["positive"] else 0.0)
    out["bbc"] = 100 * tally.get("bbc", Counter())["model"] / max(bbc_articles, 1)
    return out


def choose(p, y, meta, bbc_articles: int) -> float:
    print(f"{'threshold':>9} " + " ".join(f"{n[:11]:>11}" for n in EXTRACTORS) + "  bbc/100 (P/R per extractor)")
    chosen = None
    for threshold in GRID:
        f = figures(p, y, meta, threshold, bbc_articles)
        print(f"{threshold:9.2f} " + " ".join(f"{f[n][0]:.2f}/{f[n][1]:.2f}".rjust(11) for n in EXTRACTORS)
              + f"  {f['bbc']:.2f}")
        if chosen is None and all(f[n][0] >= TARGET_PRECISION for n in EXTRACTORS) and f["bbc"] <= MAX_BBC_WARNINGS:
            chosen = threshold
    return chosen if chosen is not None else GRID[-1]


def added(p, y, meta, threshold: float) -> str:
    """What the model warns on beyond the lexicon rules: a gain that one page gives is not a gain."""
    tp, fp, pages = 0, 0, Counter()
    for prob, label, (source, group, flagged) in zip(p, y, meta):
        if source in EXTRACTORS and not flagged and prob >= threshold:
            tp, fp = tp + label, fp + (1 - label)
            pages[group] += label
    return f"beyond the lexicon rules the model adds {tp} true lines ({max(pages.values(), default=0)} from one page), {fp} false"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zyte")
    parser.add_argument("bbc")
    parser.add_argument("--out", default=str(ROOT / "newslint" / "data" / "boilerplate_model.json"))
    parser.add_argument("--model", choices=("logistic", "trees"), default="logistic")
    parser.add_argument("-c", type=float, default=1.0, help="logistic regression: inverse regularisation")
    parser.add_argument("--trees", type=int, default=120)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--min-leaf", type=int, default=5)
    args = parser.parse_args()
    missing = [str(p) for p in [Path(args.zyte) / f"lines_{e}.jsonl" for e in EXTRACTORS] + [Path(args.bbc)]
               if not p.exists()]
    if missing:
        sys.exit(f"fit_boilerplate_model: not found: {', '.join(missing)}")
    try:
        import sklearn
    except ImportError:
        sys.exit("fit_boilerplate_model: needs scikit-learn and numpy: pip install -e '.[fit]'")

    config = lexicon_config()
    bbc = bbc_docs(Path(args.bbc), "dev", config)
    docs = zyte_docs(Path(args.zyte), "train", config) + seed_docs(config) + bbc
    X, y, groups, meta, noisy = matrices(docs)
    print(f"rows: {len(y)} ({sum(y)} boilerplate, {sum(noisy)} of them label noise left out of fitting) from "
          f"{len(docs)} documents; " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(m[0] for m in meta).items())))
    # A line another rule suggests is left to it: the rule never judges it, so it is never the model's warning.
    skipped = [s for doc in docs for s in doc.skipped]
    p = [0.0 if skip else prob for prob, skip in zip(out_of_fold(X, y, groups, noisy, args), skipped)]
    threshold = choose(p, y, meta, len(bbc))
    print(f"warning threshold: {threshold}; out of fold, {added(p, y, meta, threshold)}")
    info = {"warn_confidence": threshold, "suggest_confidence": SUGGEST_AT, "rows": len(y) - sum(noisy),
            "boilerplate_rows": sum(y) - sum(noisy), "noise_rows_left_out": sum(noisy),
            "sklearn": sklearn.__version__, "model": args.model, "c": args.c,
            **({"trees": args.trees, "depth": args.depth, "rate": args.rate, "min_leaf": args.min_leaf}
               if args.model == "trees" else {}), "data": "Zyte article-extraction benchmark lines (MIT), train pages; "
            "BBC News development half (content); newslint seeds"}
    keep = [i for i in range(len(y)) if not noisy[i]]
    data = export(fit([X[i] for i in keep], [y[i] for i in keep], args), info)
    Path(args.out).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    size = len(data["trees"]) if "trees" in data else len(data["weights"])
    print(f"wrote {args.out}: {size} {'trees' if 'trees' in data else 'weights'}, "
          f"{Path(args.out).stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
