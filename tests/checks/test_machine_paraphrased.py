import json
import subprocess
import sys
from pathlib import Path

from newslint.checks import machine_paraphrased
from newslint.document import Document
from newslint.runner import lint_document

from helpers import check, config_for, findings

ROOT = Path(__file__).resolve().parent.parent.parent
SPUN, CLEAN = machine_paraphrased.EXAMPLES["fail"][0], machine_paraphrased.EXAMPLES["pass"][0]


def _figures(text: str, **options) -> dict:
    return lint_document(Document(text, "a.txt"), config_for("machine-paraphrased", **options)).metrics


def test_a_spun_article_gets_the_verdict_and_one_warning_on_line_1():
    text = "Talks resume\n\n" + SPUN
    assert check(text, "machine-paraphrased") == [(1, 1, "machine-paraphrased")]
    [finding] = findings(text, "machine-paraphrased")
    assert finding.end_column == len("Talks resume") + 1
    assert finding.message.startswith("reads as machine-paraphrased: ") and "in 113 words" in finding.message
    # The likeliest swaps are named with their likely originals ("a everlasting settlement" was "permanent").
    assert "such as 'everlasting' for '" in finding.message
    figures = _figures(SPUN)
    assert figures["verdict"] is True and figures["score"] >= 0.9
    assert set(figures) >= {"score", "verdict", "paraphrase_per_1000_words", "traces"}


def test_the_unspun_article_gets_no_verdict():
    assert check(CLEAN, "machine-paraphrased") == []
    figures = _figures(CLEAN)
    assert figures["verdict"] is False and figures["score"] < 0.5


def test_short_texts_and_thresholds_are_options():
    assert check(SPUN, "machine-paraphrased", **{"min-words": 500}) == []
    assert check(SPUN, "machine-paraphrased", threshold=1.01) == []
    # Issue 3's figure: paraphrase findings per 1,000 words, with its own threshold.
    assert _figures(CLEAN, **{"findings-per-1000": 0.5})["verdict"] is False


def test_seed_002_alone_reads_as_machine_paraphrased():
    run = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "seeds/"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    documents = {Path(d["path"]).name[:3]: d for d in json.loads(run.stdout)["documents"]}
    assert {name for name, d in documents.items() if d["verdict"]} == {"002"}
    assert documents["002"]["paraphrase_per_1000_words"] > 5


def test_the_score_is_the_article_posterior_the_word_findings_weigh():
    from newslint.spinevidence import article

    for text in (SPUN, CLEAN):
        assert _figures(text)["score"] == round(article(Document(text, "a.txt"), ())[1], 3)
