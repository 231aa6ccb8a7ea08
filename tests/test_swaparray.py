"""The spin scan over arrays (newslint/swaparray.py) gives the Python path's suspects, field for field."""
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint import runner, swaps
from newslint.config import load_config
from newslint.spinmodel import model

swaparray = pytest.importorskip("newslint.swaparray")

TEXTS = [
    "Sales of unsettled phones rose sharply last year. The firm said extrinsic investment would double.",
    "The bank will pay beside the mark its debts, and the rank and register voted against the deal.",
    "Moreover, the talks went quite well. Invoice Nye met Mr. Glazer on Jan. 5 in Washington.",
    "Shares rose after Mr Glazer and his sons raised their offer. Mr Glazer said it was fair.",
    "\"Unsettled phones,\" she said (quietly). 2,000 unsettled xqzv. They were (unsettled) today!",
    "Gallant is scheduled to fulfill with Jake Sullivan quite than the defence minister; rank, and register.",
    "The case went to the Sovereign Courtroom last year, and the Zephyr Pull flew over the White House.",
    "A",
    "",
]

WORDS = ["unsettled", "phones", "mobile", "extrinsic", "investment", "beside", "the", "mark", "rank", "and",
         "register", "file", "fulfill", "with", "meet", "bill", "invoice", "nye", "mr", "glazer", "said", "rose",
         "sharply", "sales", "of", "quite", "than", "rather", "moreover", "well", "talks", "went", "zzqx", "2,000",
         "us", "weather", "storm", "off", "pay", "debts", "a", "sure", "certain", "big", "large"]
TOKENS = st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", "", ",", ".", "!", "\"", "(", ")", "-"]),
                   st.booleans())


def _token(word: str, mark: str, capital: bool) -> str:
    word = word[:1].upper() + word[1:] if capital else word
    return mark + word if mark in "\"(" and mark else word + mark


def _python(lm, ctx, spans):
    return [swaps._best(lm, ctx, k, n, entry) for k, n, entry in spans]


def _fields(suspects):
    return [None if s is None else (s.index, s.words, s.original, s.margin, s.confidence, s.features,
                                    tuple(map(type, s.features)), type(s.margin), type(s.confidence))
            for s in suspects]


def test_both_paths_give_the_same_suspects_span_by_span_and_as_a_batch():
    lm = model()
    contexts = [swaps._Context(text, lm) for text in TEXTS]
    spans = [list(swaps._spans(lm, ctx)) for ctx in contexts]
    expected = [_fields(_python(lm, ctx, s)) for ctx, s in zip(contexts, spans)]
    assert sum(s is not None for e in expected for s in e) >= 8  # the texts do have suspects
    assert [_fields(swaparray.best_all(lm, ctx, s)) for ctx, s in zip(contexts, spans)] == expected
    assert list(map(_fields, swaparray.best_many(lm, list(zip(contexts, spans))))) == expected
    # The gate over arrays answers as Model.maybe_listed does, unknown words (-1) included.
    firsts, seconds = [0, 5, -1, lm.ids["mobile"], lm.ids["united"]], [7, -1, 3, lm.ids["phones"], lm.ids["states"]]
    assert swaparray.maybe_listed(firsts, seconds) == lm.maybe_listed(firsts, seconds)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, min_size=1, max_size=40))
def test_both_paths_agree_on_any_text_of_entry_words_punctuation_and_capitals(tokens):
    lm = model()
    ctx = swaps._Context(" ".join(_token(*t) for t in tokens), lm)
    spans = list(swaps._spans(lm, ctx))
    assert _fields(swaparray.best_all(lm, ctx, spans)) == _fields(_python(lm, ctx, spans))
    assert list(swaps._spans(lm, ctx, swaparray.maybe_listed)) == spans


def test_a_prepared_batch_answers_analyse_as_the_text_alone_would(monkeypatch):
    lm = model()
    monkeypatch.setattr(swaps, "ARRAYS_MIN", 10**9)  # each text alone: the Python path
    alone = [swaps._analysis(lm, swaps._Context(text, lm)) for text in TEXTS]
    monkeypatch.setattr(swaps, "_scanned", swaps.ARRAYS_AFTER)
    swaps.prepare(TEXTS)
    assert set(swaps._prepared) == set(TEXTS)
    assert [swaps.analyse.__wrapped__(text) for text in TEXTS] == alone
    # The pairs of capitalised words both swapped (swapnames, in Python on both paths) are among them.
    assert {s.fix for a in alone for s in a.suspects if len(s.words) == 2} >= {"Supreme Court", "Air Force"}
    assert not swaps._prepared  # each answer is handed over once; the lru cache keeps it from there


def test_a_corpus_run_in_batches_reports_what_file_by_file_linting_does(tmp_path, monkeypatch):
    paths = []
    for i in range(7):
        path = tmp_path / f"{i}.txt"
        path.write_text(TEXTS[i % 6] + "\n\nThe minister said the plan was new.\n", encoding="utf-8")
        paths.append(str(path))
    paths.insert(3, str(tmp_path / "missing.txt"))
    config = load_config(discover=False)
    alone = [runner.lint_file(p, config) for p in paths]
    monkeypatch.setattr(swaps, "_scanned", swaps.ARRAYS_AFTER)
    monkeypatch.setattr(runner, "BATCH_FILES", 3)
    swaps.analyse.cache_clear()
    batched = list(runner.lint_paths(paths, config, 1))
    assert [(r.path, r.findings, r.errors, r.warnings) for r in batched] == \
        [(r.path, r.findings, r.errors, r.warnings) for r in alone]
    assert any(f.rule == "unlikely-collocation" for r in batched for f in r.findings)
    assert batched[3].errors


@pytest.mark.slow
def test_a_one_file_run_never_imports_numpy(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(" ".join(TEXTS[:4]) * 3, encoding="utf-8")
    probe = ("import sys\n"
             "from newslint.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "print(code, 'numpy' in sys.modules, 'newslint.swaparray' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, str(article), "--no-cache", "--format", "json"],
                          capture_output=True, text=True, check=False, cwd=str(Path(__file__).parent))
    assert done.stderr.split()[-3:] == ["1", "False", "False"], done.stderr


def test_past_the_switch_files_are_read_a_batch_ahead_and_before_it_one_at_a_time(tmp_path, monkeypatch):
    paths = []
    for n in range(4):
        paths.append(str(tmp_path / f"{n}.txt"))
        (tmp_path / f"{n}.txt").write_text(f"Story {n}: sales of unsettled phones rose.\n")
    config = load_config(discover=False)
    for scanned, errors in ((0, [True, True, True]), (swaps.ARRAYS_AFTER, [False, False, False])):
        for n, path in enumerate(paths):
            Path(path).write_text(f"Story {n}: sales of unsettled phones rose.\n")
        monkeypatch.setattr(swaps, "_scanned", scanned)
        results = runner.lint_paths(paths, config, 1)
        assert not next(results).errors
        for path in paths[1:]:
            Path(path).unlink()  # in time for the files not yet read
        assert [bool(r.errors) for r in results] == errors


def test_without_numpy_the_scan_stays_on_the_python_path(monkeypatch):
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy raises ImportError
    monkeypatch.delitem(sys.modules, "newslint.swaparray")
    monkeypatch.delattr(newslint, "swaparray")  # `from . import swaparray` would find the loaded one
    assert swaps._arrays.__wrapped__() is None
    monkeypatch.setattr(swaps, "_arrays", lambda: None)
    monkeypatch.setattr(swaps, "_scanned", swaps.ARRAYS_AFTER)
    assert not swaps.batching()
    swaps.prepare(TEXTS)
    assert not swaps._prepared
    lm = model()
    ctx = swaps._Context(" ".join(TEXTS[:6] * 4), lm)
    spans = list(swaps._spans(lm, ctx))
    assert len(spans) >= swaps.ARRAYS_MIN and swaps._scored(lm, ctx, spans) == _python(lm, ctx, spans)
