"""Loads the boilerplate line model (newslint/data/boilerplate_model.json) and scores feature rows.

The model is fitted by tools/fit_boilerplate_model.py with scikit-learn and exported as plain
lists, so scoring needs nothing but Python. It is either a logistic regression (one weight per
feature, the feature scaling folded in: the score is the intercept plus the weighted sum) or a
small ensemble of gradient-boosted trees (each walked from its root to a leaf, the leaves'
values summed with the starting score); the logistic function turns the score into a probability.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .boilerplate_features import FEATURES

MODEL_FILE = "boilerplate_model.json"


class ModelError(Exception):
    """The shipped model file is missing, damaged or was fitted on other features."""


@dataclass(frozen=True)
class Model:
    base: float
    # Per tree: (feature index, threshold, left child, right child, leaf value) per node; -1 = leaf.
    trees: tuple[tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]], ...]
    info: dict
    weights: tuple[float, ...] = ()

    def probability(self, row: Sequence[float]) -> float:
        score = self.base + sum(w * x for w, x in zip(self.weights, row))
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while left[node] != -1:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            score += value[node]
        return 1.0 / (1.0 + math.exp(-score))


def from_dict(data: dict) -> Model:
    if tuple(data.get("features", ())) != FEATURES:
        raise ModelError(f"{MODEL_FILE} was fitted on other features; rebuild it with tools/fit_boilerplate_model.py")
    try:
        trees = tuple((tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]),
                       tuple(t["value"])) for t in data.get("trees", ()))
        weights = tuple(float(w) for w in data.get("weights", ()))
        if weights and len(weights) != len(FEATURES):
            raise ValueError(f"{len(weights)} weights for {len(FEATURES)} features")
        return Model(float(data["base"]), trees, dict(data.get("info", {})), weights)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{MODEL_FILE} is damaged: {exc}") from None


@lru_cache(maxsize=1)
def load() -> Model:
    """The shipped model, read once per process."""
    try:
        # What importlib.resources gives for an installed package, without importing it (3 ms).
        text = (Path(__file__).resolve().parent / "data" / MODEL_FILE).read_text(encoding="utf-8")
        return from_dict(json.loads(text))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {MODEL_FILE}: {exc}") from None
