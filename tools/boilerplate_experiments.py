"""Out-of-fold comparison of candidate boilerplate line models (an experiment, not a build step).

usage: python tools/boilerplate_experiments.py ZYTE_FOLDER BBC_FOLDER [--variants NAME,...]

Reads the same training pages, BBC development half and seeds as tools/fit_boilerplate_model.py
(tools/boilerplate_data.py), never the held-out pages, and scores every row out of fold (5 folds
grouped by page; label-noise rows left out of each fit but scored). For each variant it prints the
warning threshold the fitting script's rule would choose (the lowest on the grid at which lexicon +
model warnings keep line precision >= 0.9 on every extractor and <= 0.5 model warnings per 100 BBC
articles), the precision and recall per extractor there, the lines the model adds beyond the
lexicon rules (true and false) and how many of its true ones one page gives, and the ranking
quality (ROC AUC, average precision) on the rows no lexicon rule flags. The variants:

- shipped: the shipped model (48 features, standard-scaled logistic regression, C=1);
- hashed: plus the line's lower-cased words, word bigrams, word-shape bigrams and first and last
  word, hashed (crc32) into 4096 buckets, scaled by 0.3 before the same L2 penalty;
- hashed-context: hashed as above, plus the previous and next paragraphs' words, scale 1;
- hashed-residual: the shipped model's score (times 10, so its weight costs the penalty little)
  and the line's hashed words (scale 0.3) in a second fit: the words may only correct the shape
  features, not take over what they carry;
- stacked: plus the model's own out-of-fold probabilities of the neighbouring paragraphs (before,
  after, the highest within two, the mean within three; lexicon-flagged paragraphs count 1), a
  second pass fitted on inner out-of-fold scores so it never learns from its own training scores;
- page-capped: the shipped features, each page's boilerplate rows weighted to at most 20 in all;
- topical: plus topical cohesion (topic_features): the rarity-weighted share of the line's content
  words, and of its run of non-prose lines, that the article's prose paragraphs use (the line's own
  run left out), and that the headline uses, with the run share's interactions with the run length
  and title case; word rarity is -log10 of the spin model's unigram probability (newslint.spinmodel);
- topical-line: only the line's, its run's and the headline's shares (no interactions);
- topical-untabled: topical, with the topical features zero on table rows;
- justext: plus jusText's two context-free measures (Pomikalek 2011; justext_features): stopword
  density (the share of a line's words in justext's English stoplist, BSD, read from the installed
  package's data file at run time of this tool) and a link density stand-in (the share of the
  line's characters in URLs, e-mail addresses, handles and hashtags: markup links are lost in text);
- justext-density: the stopword density alone;
- justext-classes: justext, plus jusText's classes as 0/1 columns: its context-free class (bad,
  short, near-good; good is the base) by its default thresholds, and its final class after its
  context rule (bad), with a line of at most 12 words and no sentence ending as a "heading";
- justext-propagate: jusText's context rule on the shipped model's own out-of-fold probabilities
  (propagate): a line the lexicons warn on or scored from HIGH up is bad, one below LOW, or over
  300 characters, is good, the rest uncertain; an uncertain line whose nearest confident lines on
  both sides are bad is warned on (probability 1). Printed for LOW in 0.1, 0.3, 0.5, HIGH 0.92 or
  1.01 (only the lexicons' warnings are bad), the file's start and end counted as bad (jusText) or
  as nothing;
- justext-direct: a line jusText's own classes and context rule call bad (justext_features) is
  warned on when the shipped model scores it at least LOW (0, 0.1, 0.3, 0.5).

Needs the `fit` extra (scikit-learn, numpy, scipy). Deterministic: the same data prints the same.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from boilerplate_data import EXTRACTORS, bbc_docs, label_noise, lexicon_config, seed_docs, zyte_docs  # noqa: E402
from fit_boilerplate_model import FOLDS, GRID, MAX_BBC_WARNINGS, TARGET_PRECISION  # noqa: E402

from newslint.boilerplate_features import FEATURES  # noqa: E402
from newslint.checks.boilerplate_line import kind  # noqa: E402

VARIANTS = ("shipped", "hashed", "hashed-context", "hashed-residual", "stacked", "page-capped", "topical", "topical-line",
            "topical-untabled", "justext", "justext-density", "justext-classes", "justext-propagate", "justext-direct")
BUCKETS = 4096
PAGE_CAP = 20.0
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")


def word_shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return word[0]
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if word[0].isupper() else "x"


def tokens(text: str, prefix: str = "") -> list[str]:
    """The lexical evidence of one paragraph (its first 200 characters, as the shape features read)."""
    found = _WORD.findall(text[:200])
    words = [w.lower() for w in found if w[0].isalpha()]
    out = [f"{prefix}w:{w}" for w in words]
    if prefix:
        return out  # a neighbour contributes its words only
    shapes = [word_shape(w) for w in found]
    out += [f"b:{x} {y}" for x, y in zip(words, words[1:])]
    out += [f"s:{x}_{y}" for x, y in zip(["^"] + shapes, shapes + ["$"])]
    return out + ([f"f:{words[0]}", f"l:{words[-1]}"] if words else [])


def buckets(doc, k: int, context: bool) -> list[int]:
    found = tokens(doc.texts[k])
    if context:
        i, paragraphs = doc.index[k], doc.paragraphs
        found += tokens(paragraphs[i - 1], "p") if i > 1 else []
        found += tokens(paragraphs[i + 1], "n") if i + 1 < len(paragraphs) else []
    return sorted({zlib.crc32(t.encode()) % BUCKETS for t in found})


_CONTENT = re.compile(r"[^\W\d_]{3,}")
TOPIC_FEATURES = ("line_in_prose", "run_in_prose", "line_in_headline", "run_in_prose_x_run", "run_in_prose_x_title",
                  "no_prose_words")


def rarity():
    """-log10 P(word) from the spin model's unigrams (words it lacks count as rare as its rarest)."""
    from newslint.spinmodel import model

    m = model()
    floor = -min(m.unigram)
    return lambda w: -m.unigram[m.ids[w]] if w in m.ids else floor


def content_words(text: str, weight) -> dict[str, float]:
    """The line's words of three letters or more, lower-cased, plural s dropped, weighted by rarity
    (the commonest words weigh nothing: below 2.5 is "the", "said", "new")."""
    out = {}
    for w in _CONTENT.findall(text.lower()):
        w = w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        out[w] = max(0.0, weight(w) - 2.5)
    return out


def share(words: dict[str, float], vocabulary: set[str]) -> float:
    total = sum(words.values())
    return sum(v for w, v in words.items() if w in vocabulary) / total if total else -1.0


def topic_features(doc, weight) -> dict[int, list[float]]:
    """Per judged paragraph index: how much of its vocabulary, and its run's, the article's prose shares."""
    from newslint.boilerplate_features import _sentence_end

    paragraphs = doc.paragraphs
    prose = [len(t.split()) >= 12 and _sentence_end(t.rstrip()[-60:]) for t in paragraphs]
    words = [content_words(t, weight) for t in paragraphs]
    # Runs of non-prose paragraphs (the headline is its own): each gets a run id.
    run_of, run = [], 0
    for i, is_prose in enumerate(prose):
        run += 1 if (is_prose or i <= 1 or prose[i - 1]) else 0
        run_of.append(run)
    headline = set(words[0]) if words else set()
    out = {}
    for i in doc.index:
        members = [j for j in range(1, len(paragraphs)) if run_of[j] == run_of[i]] if not prose[i] else [i]
        vocab = set()
        for j in range(1, len(paragraphs)):
            if prose[j] and j not in members:
                vocab |= set(words[j])
        run_words: dict[str, float] = {}
        for j in members:
            run_words.update(words[j])
        line_share, run_share = share(words[i], vocab), share(run_words, vocab)
        title = sum(w[:1].isupper() for w in paragraphs[i].split()) / max(len(paragraphs[i].split()), 1)
        out[i] = [line_share, run_share, share(words[i], headline), run_share * math.log1p(len(members)),
                  run_share * title, float(not vocab)]
    return out


# jusText's defaults (justext/core.py): characters, stopword densities, link density.
JT_LENGTH_LOW, JT_LENGTH_HIGH, JT_STOP_LOW, JT_STOP_HIGH, JT_MAX_LINK = 70, 200, 0.30, 0.32, 0.2
JT_HEADING_DISTANCE = 200
_JT_LINKISH = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|(?<!\w)[@#]\w+|\S+\.(?:com|org|net|co\.uk|html?)\S*")
_JT_STRIP = re.compile(r"^\W+|\W+$")


def stoplist() -> frozenset[str]:
    """justext's English stoplist (justext 3.0.2, BSD 2-clause), read as data: importing justext needs lxml's cleaner."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("boilerplate_experiments: the justext variants need justext's stoplist: pip install justext")
    path = Path(list(spec.submodule_search_locations)[0]) / "stoplists" / "English.txt"
    return frozenset(w.lower() for w in path.read_text(encoding="utf-8").split())


def justext_measures(text: str, stop: frozenset[str]) -> tuple[float, float]:
    """Stopword density (punctuation stripped from each word, unlike jusText) and link-like character share."""
    words = [_JT_STRIP.sub("", w).lower() for w in text.split()]
    density = sum(w in stop for w in words) / len(words) if words else 0.0
    linked = sum(len(m) for m in _JT_LINKISH.findall(text))
    return density, linked / len(text) if text else 0.0


def justext_class(text: str, stop: frozenset[str]) -> str:
    """jusText's context-free class (classify_paragraphs) of one paragraph, with the link stand-in."""
    density, links = justext_measures(text, stop)
    if links > JT_MAX_LINK or "\xa9" in text:
        return "bad"
    if len(text) < JT_LENGTH_LOW:
        return "bad" if links > 0 else "short"
    if density >= JT_STOP_HIGH:
        return "good" if len(text) > JT_LENGTH_HIGH else "neargood"
    return "neargood" if density >= JT_STOP_LOW else "bad"


def _neighbour(classes: list[str], i: int, step: int, ignore_neargood: bool, edge: str = "bad") -> str:
    i += step
    while 0 <= i < len(classes):
        if classes[i] in ("good", "bad") or (classes[i] == "neargood" and not ignore_neargood):
            return classes[i]
        i += step
    return edge


def justext_revise(texts: list[str], classes: list[str], headings: list[bool]) -> list[str]:
    """jusText's context rule (revise_paragraph_classification) as justext 3.0.2 runs it. Its first
    step (a short heading just before good text becomes near-good) looks ahead at classes it has not
    copied yet, so it never fires there; it is left out, and the result is jusText's own on every
    training paragraph (checked once with justext.core, by hand)."""
    out = list(classes)
    new = {}
    for i, c in enumerate(out):
        if c != "short":
            continue
        prev, nxt = _neighbour(out, i, -1, True), _neighbour(out, i, 1, True)
        if prev == nxt:
            new[i] = prev
        elif (prev == "bad" and _neighbour(out, i, -1, False) == "neargood") or \
                (nxt == "bad" and _neighbour(out, i, 1, False) == "neargood"):
            new[i] = "good"
        else:
            new[i] = "bad"
    out = [new.get(i, c) for i, c in enumerate(out)]
    for i, c in enumerate(out):
        if c == "neargood":
            out[i] = "bad" if (_neighbour(out, i, -1, True), _neighbour(out, i, 1, True)) == ("bad", "bad") else "good"
    for i, c in enumerate(out):  # more good headings
        if headings[i] and c == "bad" and classes[i] != "bad" and _good_within(texts, out, i):
            out[i] = "good"
    return out


def _good_within(texts: list[str], classes: list[str], i: int) -> bool:
    distance, j = 0, i + 1
    while j < len(texts) and distance <= JT_HEADING_DISTANCE:
        if classes[j] == "good":
            return True
        distance += len(texts[j])
        j += 1
    return False


def justext_features(doc, stop: frozenset[str]) -> dict[int, list[float]]:
    """Per judged paragraph index: stopword density, link share, cf class bad/short/near-good, final class bad."""
    from newslint.boilerplate_features import _sentence_end

    texts = doc.paragraphs
    classes = [justext_class(t, stop) for t in texts]
    headings = [len(t.split()) <= 12 and not _sentence_end(t.rstrip()[-60:]) for t in texts]
    final = justext_revise(texts, classes, headings)
    out = {}
    for i in doc.index:
        density, links = justext_measures(texts[i], stop)
        out[i] = [density, links, float(classes[i] == "bad"), float(classes[i] == "short"),
                  float(classes[i] == "neargood"), float(final[i] == "bad")]
    return out


def _pages(data):
    """Each page's document and {paragraph index: row} of its rows, in the order the rows come."""
    by_doc: dict[int, list[int]] = {}
    for r, (d, _) in enumerate(data.rows):
        by_doc.setdefault(id(d), []).append(r)
    for members in by_doc.values():
        d = data.rows[members[0]][0]
        yield d, {d.index[data.rows[r][1]]: r for r in members}


def propagate(data, p, low: float, high: float, edge: str):
    """jusText's near-good rule on the model's bands: an uncertain line between bad lines is warned on.

    Scores are out of fold and a page's
    rows are all in one fold, so a line's neighbours' scores never come from a fit that saw the page."""
    import numpy as np

    q = np.array(p, dtype=float)
    for d, row_at in _pages(data):
        classes = []
        for i in range(len(d.paragraphs)):
            r = row_at.get(i)
            if r is None:  # the headline is passed over; a paragraph too long to judge is running text
                classes.append("skip" if i == 0 else "good")
            elif d.lexicon[data.rows[r][1]] or p[r] >= high:
                classes.append("bad")
            else:
                classes.append("good" if p[r] < low else "uncertain")
        for i, c in enumerate(classes):
            if c == "uncertain" and _neighbour(classes, i, -1, True, edge) == "bad" == _neighbour(classes, i, 1, True, edge):
                q[row_at[i]] = 1.0
    return q


def propagate_short(data, p, low: float, high: float, sure_short: bool):
    """jusText's whole context rule on the model's bands: lexicon-warned or from HIGH up is bad; below
    LOW good (a line under jusText's 70 characters only with sure_short: in jusText a short line is
    never sure); the rest short (under 70 characters) or near-good; then justext_revise, headings as
    in justext_features. A line that ends bad is warned on (probability 1)."""
    import numpy as np
    from newslint.boilerplate_features import _sentence_end

    q = np.array(p, dtype=float)
    for d, row_at in _pages(data):
        texts = d.paragraphs
        classes = []
        for i, text in enumerate(texts):
            r = row_at.get(i)
            short = len(text) < JT_LENGTH_LOW
            if r is None:
                classes.append("short" if i == 0 else "good")  # the headline is a short heading in jusText
            elif d.lexicon[data.rows[r][1]] or p[r] >= high:
                classes.append("bad")
            elif short:
                classes.append("good" if sure_short and p[r] < low else "short")
            else:
                classes.append("good" if p[r] < low else "neargood")
        headings = [len(t.split()) <= 12 and not _sentence_end(t.rstrip()[-60:]) for t in texts]
        final = justext_revise(texts, classes, headings)
        for i, r in row_at.items():
            if final[i] == "bad" and classes[i] != "bad":
                q[r] = 1.0
    return q


def raised(data, p, q, below: float = 0.92) -> str:
    """The lines a variant raised to a warning from below the shipped threshold: true/false per source
    (and the most true from one page)."""
    c, pages = Counter(), Counter()
    for r, (d, k) in enumerate(data.rows):
        if q[r] > p[r] and p[r] < below and not d.lexicon[k]:
            c[(d.source, data.y[r])] += 1
            pages[d.group] += data.y[r]
    sources = sorted({s for s, _ in c})
    return ", ".join(f"{s} {c[(s, 1)]}/{c[(s, 0)]}" for s in sources) + f" (top page {max(pages.values(), default=0)})"


class Data:
    """Every row of the training documents, with what the variants need beside the features."""

    def __init__(self, docs, bbc_articles: int):
        self.rows = [(d, k) for d in docs for k in range(len(d.texts))]
        self.X = [d.features[k] for d, k in self.rows]
        self.y = [d.labels[k] for d, k in self.rows]
        self.groups = [d.group for d, _ in self.rows]
        self.noisy = [d.labels[k] == 1 and label_noise(d.texts[k], 1) for d, k in self.rows]
        # A line another rule only suggests is left to it: the rule never judges it (as the fitting script).
        self.skipped = [d.skipped[k] for d, k in self.rows]
        self.bbc_articles = bbc_articles

    def topical(self):
        import numpy as np

        weight, by_doc = rarity(), {}
        extra = []
        for d, k in self.rows:
            if id(d) not in by_doc:
                by_doc[id(d)] = topic_features(d, weight)
            extra.append(by_doc[id(d)][d.index[k]])
        return np.asarray(extra)

    def justext(self):
        import numpy as np

        stop, by_doc, extra = stoplist(), {}, []
        for d, k in self.rows:
            if id(d) not in by_doc:
                by_doc[id(d)] = justext_features(d, stop)
            extra.append(by_doc[id(d)][d.index[k]])
        return np.asarray(extra)

    def hashed(self, context: bool):
        from scipy import sparse

        rows, cols = [], []
        for r, (d, k) in enumerate(self.rows):
            found = buckets(d, k, context)
            rows += [r] * len(found)
            cols += found
        return sparse.csr_matrix(([1.0] * len(cols), (rows, cols)), shape=(len(self.rows), BUCKETS))


def fit_score(X, y, train, test, hashed=None, scale=1.0, weights=None):
    """Fit on train (dense features standard-scaled, hashed columns times scale), score test."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X[train])
    Z = sparse.csr_matrix(scaler.transform(X))
    if hashed is not None:
        Z = sparse.hstack([Z, hashed * scale]).tocsr()
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(Z[train], y[train], sample_weight=None if weights is None else np.asarray(weights)[train])
    return model.predict_proba(Z[test])[:, 1], model


def folds(data, subset=None):
    import numpy as np
    from sklearn.model_selection import GroupKFold

    subset = np.arange(len(data.y)) if subset is None else subset
    groups = np.asarray(data.groups)[subset]
    return [(subset[a], subset[b]) for a, b in GroupKFold(n_splits=FOLDS).split(subset, groups=groups)]


def out_of_fold(data, X, variant: str, hashed=None):
    import numpy as np

    y, noisy = np.asarray(data.y), np.asarray(data.noisy)
    scale = {"hashed": 0.3, "hashed-context": 1.0}.get(variant, 1.0)
    weights = page_weights(data) if variant == "page-capped" else None
    p = np.zeros(len(y))
    for train, test in folds(data):
        train = train[~noisy[train]]
        p[test], _ = fit_score(X, y, train, test, hashed, scale, weights)
    return p


def residual(data, X, hashed):
    """Per fold: the shipped model's score on every row, then words fitted beside it."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    y, noisy = np.asarray(data.y), np.asarray(data.noisy)
    p = np.zeros(len(y))
    for train, test in folds(data):
        train = train[~noisy[train]]
        scaler = StandardScaler().fit(X[train])
        dense = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(X[train]), y[train])
        score = dense.decision_function(scaler.transform(X))
        Z = sparse.hstack([sparse.csr_matrix(10 * score[:, None]), hashed * 0.3]).tocsr()
        p[test] = LogisticRegression(C=1.0, max_iter=5000).fit(Z[train], y[train]).predict_proba(Z[test])[:, 1]
    return p


def page_weights(data) -> list[float]:
    positives = Counter(g for g, label in zip(data.groups, data.y) if label)
    return [min(1.0, PAGE_CAP / positives[g]) if label else 1.0 for g, label in zip(data.groups, data.y)]


def stacked(data, X):
    """Second pass over the first pass's neighbour probabilities, nested so no pass sees its own fit."""
    import numpy as np

    y, noisy = np.asarray(data.y), np.asarray(data.noisy)
    p = np.zeros(len(y))
    for train, test in folds(data):
        first = np.zeros(len(y))
        for inner_train, inner_test in folds(data, train):
            first[inner_test], _ = fit_score(X, y, inner_train[~noisy[inner_train]], inner_test)
        first[test], _ = fit_score(X, y, train[~noisy[train]], test)
        X2 = np.hstack([X, neighbour_probabilities(data, first)])
        p[test], _ = fit_score(X2, y, train[~noisy[train]], test)
    return p


def neighbour_probabilities(data, p):
    import numpy as np

    by_doc: dict[int, dict[int, float]] = {}
    for r, (d, k) in enumerate(data.rows):
        by_doc.setdefault(id(d), {})[d.index[k]] = 1.0 if d.lexicon[k] else float(p[r])
    out = np.zeros((len(data.rows), 4))
    for r, (d, k) in enumerate(data.rows):
        near, i = by_doc[id(d)], d.index[k]
        q = [near.get(j, 0.0) for j in (i - 3, i - 2, i - 1, i + 1, i + 2, i + 3)]
        out[r] = [q[2], q[3], max(q[1:5]), sum(q) / 6]
    return out


def figures(data, p, threshold: float) -> dict:
    tally: dict[str, Counter] = {}
    for (d, k), prob, label in zip(data.rows, p, data.y):
        c = tally.setdefault(d.source, Counter())
        warned = d.lexicon[k] or prob >= threshold
        c["tp"] += warned and label == 1
        c["warned"] += warned
        c["positive"] += label == 1
        c["model"] += (not d.lexicon[k]) and prob >= threshold
    out = {n: (tally[n]["tp"] / max(tally[n]["warned"], 1), tally[n]["tp"] / max(tally[n]["positive"], 1))
           for n in EXTRACTORS}
    out["bbc"] = 100 * tally["bbc"]["model"] / max(data.bbc_articles, 1)
    return out


def choose(data, p) -> float | None:
    for threshold in GRID:
        f = figures(data, p, threshold)
        if all(f[n][0] >= TARGET_PRECISION for n in EXTRACTORS) and f["bbc"] <= MAX_BBC_WARNINGS:
            return threshold
    return None


def added(data, p, threshold: float) -> tuple[int, int, int]:
    """Lines the model warns on beyond the lexicon rules: true, false, and the most true from one page."""
    tp, fp, pages = 0, 0, Counter()
    for (d, k), prob, label in zip(data.rows, p, data.y):
        if d.source in EXTRACTORS and not d.lexicon[k] and prob >= threshold:
            tp, fp = tp + label, fp + (1 - label)
            pages[d.group] += label
    return tp, fp, max(pages.values(), default=0)


def ranking(data, p) -> tuple[float, float]:
    from sklearn.metrics import average_precision_score, roc_auc_score

    keep = [r for r, (d, k) in enumerate(data.rows)
            if d.source in EXTRACTORS and not d.lexicon[k] and not data.noisy[r]]
    y, s = [data.y[r] for r in keep], [p[r] for r in keep]
    return roc_auc_score(y, s), average_precision_score(y, s)


def by_kind(data, X, p, threshold: float) -> str:
    """Model-added lines per kind at a threshold: true/false on Zyte, false on BBC (a per-kind threshold's room)."""
    c: Counter = Counter()
    for r, ((d, k), prob, label) in enumerate(zip(data.rows, p, data.y)):
        if not d.lexicon[k] and prob >= threshold and d.source != "seeds":
            c[(kind(X[r]), "bbc" if d.source == "bbc" else ("tp" if label else "fp"))] += 1
    kinds = sorted({name for name, _ in c})
    return "; ".join(f"{name} {c[(name, 'tp')]}/{c[(name, 'fp')]}/{c[(name, 'bbc')]}" for name in kinds)


def hashed_size(data, X, hashed, scale: float) -> str:
    """Buckets with a weight of at least 0.01 when fitted on every row, and their JSON size."""
    import numpy as np

    y, noisy = np.asarray(data.y), np.asarray(data.noisy)
    keep = np.arange(len(y))[~noisy]
    _, model = fit_score(X, y, keep, keep[:1], hashed, scale)
    weights = model.coef_[0][X.shape[1]:] * scale
    sparse_weights = {str(i): round(float(w), 4) for i, w in enumerate(weights) if abs(w) >= 0.01}
    return f"{len(sparse_weights)} buckets, {len(json.dumps(sparse_weights, separators=(',', ':'))) / 1024:.1f} KiB"


def as_rule(data, p):
    """The scores as the rule gives them: none on a line another rule only suggests."""
    import numpy as np

    return np.where(np.asarray(data.skipped), 0.0, p)


def report(name: str, data, X, p, extra: str = "") -> None:
    p = as_rule(data, p)
    threshold = choose(data, p)
    shown = threshold if threshold is not None else GRID[-1]
    f = figures(data, p, shown)
    tp, fp, top = added(data, p, shown)
    auc, ap = ranking(data, p)
    print(f"{name:15} threshold {threshold}  " + "  ".join(f"{n} {f[n][0]:.2f}/{f[n][1]:.2f}" for n in EXTRACTORS)
          + f"  bbc/100 {f['bbc']:.2f}")
    print(f"{'':15} model adds {tp} true ({top} from one page), {fp} false; unflagged rows AUC {auc:.3f} AP {ap:.3f}"
          + (f"; {extra}" if extra else ""))
    curve = [(t, figures(data, p, t)) for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)]
    print(f"{'':15} curve: " + "; ".join(f"{t:.2f} " + " ".join(f"{c[n][0]:.2f}/{c[n][1]:.2f}" for n in EXTRACTORS)
                                         + f" bbc {c['bbc']:.2f}" for t, c in curve))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zyte")
    parser.add_argument("bbc")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    import numpy as np

    config = lexicon_config()
    bbc = bbc_docs(Path(args.bbc), "dev", config)
    data = Data(zyte_docs(Path(args.zyte), "train", config) + seed_docs(config) + bbc, len(bbc))
    X = np.asarray(data.X)
    for name in args.variants.split(","):
        if name not in VARIANTS:
            sys.exit(f"boilerplate_experiments: unknown variant {name!r}; choose from {', '.join(VARIANTS)}")
        if name == "hashed-residual":
            report(name, data, X, residual(data, X, data.hashed(context=False)))
        elif name.startswith("hashed"):
            hashed = data.hashed(context=name == "hashed-context")
            scale = 0.3 if name == "hashed" else 1.0
            report(name, data, X, out_of_fold(data, X, name, hashed), hashed_size(data, X, hashed, scale))
        elif name.startswith("topical"):
            topical = data.topical() if name != "topical-line" else data.topical()[:, :3]
            if name == "topical-untabled":  # zero on table rows, so the table's evidence stays the shape's
                topical = topical * (1 - X[:, FEATURES.index("table_cell")])[:, None]
            report(name, data, X, out_of_fold(data, np.hstack([X, topical]), name))
        elif name in ("justext", "justext-density", "justext-classes"):
            extra = data.justext()[:, :{"justext": 2, "justext-density": 1}.get(name, 6)]
            report(name, data, X, out_of_fold(data, np.hstack([X, extra]), name))
        elif name == "justext-propagate":
            p = as_rule(data, out_of_fold(data, X, "shipped"))
            for high in (0.92, 1.01):  # 1.01: only the lexicons' warnings are bad
                for edge in ("bad", "none"):
                    for low in (0.1, 0.3, 0.5):
                        q = as_rule(data, propagate(data, p, low, high, edge))
                        report(f"propagate {low}-{high} {edge}", data, X, q, "raised: " + raised(data, p, q))
            for sure_short in (False, True):
                for low in (0.1, 0.3, 0.5):
                    q = as_rule(data, propagate_short(data, p, low, 0.92, sure_short))
                    report(f"jusText rule {low}{' sure-short' if sure_short else ''}", data, X, q,
                           "raised: " + raised(data, p, q))
        elif name == "justext-direct":
            final = data.justext()[:, 5]
            p = as_rule(data, out_of_fold(data, X, "shipped"))
            for low in (0.0, 0.1, 0.3, 0.5):
                q = as_rule(data, np.where((final == 1) & (p >= low), 1.0, p))
                report(f"direct {low}", data, X, q, "raised: " + raised(data, p, q))
        elif name == "stacked":
            report(name, data, X, stacked(data, X))
        else:
            p = as_rule(data, out_of_fold(data, X, name))
            report(name, data, X, p, "per kind at 0.5 (Zyte true/false, BBC false): " + by_kind(data, X, p, 0.5)
                   if name == "shipped" else "")


if __name__ == "__main__":
    main()
