"""--format html: a self-contained page, checked as text and in a real headless Chromium.

The browser tests load a report of the seeds, read the live DOM, press keys, switch to print
media, and keep screenshots (and a PDF) in artefacts/ (ignored by git) for a person to look at.
"""
import json
import re
import struct
import zlib
from collections import Counter

import pytest

from browser import Browser
from test_cli import ROOT, run

ARTEFACTS = ROOT / "artefacts"
HOSTILE = ('They will fulfill with aides.</div></script><script>alert("x")</script>\n'
           '<img src=x onerror="alert(1)"> and the the "><b onmouseover=alert(2)>bold\n')


def test_report_is_self_contained_and_escapes_the_article(tmp_path):
    (tmp_path / "<i>story<i>.txt").write_text(HOSTILE, encoding="utf-8")
    page = run("--format", "html", ".", cwd=tmp_path).stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<script") == 1 and "alert(" not in page.split("<script>")[1].split("</script>")[0]
    assert "<img" not in page and "<b onmouseover" not in page and "<i>story" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page and "&lt;i&gt;story&lt;i&gt;.txt" in page
    # Nothing is fetched: no external scripts, styles, images, fonts or imports.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?!#)[a-z]+:|url\(|@import|<link""", page, re.IGNORECASE)


def test_report_of_unreadable_and_clean_files(tmp_path):
    (tmp_path / "clean.md").write_text("# Talks\n\nOfficials met on Monday.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    result = run("--format", "html", "clean.md", "bad.txt", "missing.txt", cwd=tmp_path)
    assert "<h2>Files not read</h2>" in result.stdout and "missing.txt" in result.stdout
    assert "No findings." in result.stdout and "Officials met on Monday." in result.stdout


def _seed_report(tmp_path):
    report = json.loads(run("--format", "json", "seeds", cwd=ROOT).stdout)
    page = tmp_path / "report.html"
    page.write_text(run("--format", "html", "seeds", cwd=ROOT).stdout, encoding="utf-8")
    return report, page


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    report, page = _seed_report(tmp)
    browser = Browser(tmp / "profile")
    yield browser, report, page.as_uri()
    browser.close()


MARKS = "Array.from(document.querySelectorAll('mark.finding:not(.cont)'))"


@pytest.mark.slow
def test_every_finding_is_highlighted_at_its_place_with_its_message(seeds):
    browser, report, url = seeds
    browser.open(url + "?load=1")
    marks = browser.evaluate(MARKS + ".map(m => [m.closest('article').querySelector('h2').textContent,"
                             " m.dataset.rule, m.dataset.category, m.dataset.severity, m.tabIndex,"
                             " m.querySelector('.tip').textContent])")
    expected = report["findings"]
    assert len(marks) == len(expected)
    assert Counter((m[0], m[1], m[2], m[3]) for m in marks) == Counter(
        (f["path"], f["rule"], f["category"], f["severity"]) for f in expected)
    assert all(m[4] == 0 for m in marks)
    messages = Counter(m[5] for m in marks)
    for f in expected:
        assert any(f["message"] in tip and all(r in tip for r in f["replacements"]) for tip in messages), f
    # The marked text is the text of the finding's span in the article (where no other finding
    # cuts it in two).
    marked = browser.evaluate(MARKS + ".filter(m => !document.querySelector(`[data-of='${m.id}']`)).map(m => {"
                              " const c = m.cloneNode(true); c.querySelectorAll('.tip').forEach(t => t.remove());"
                              " return [m.closest('article').querySelector('h2').textContent, m.dataset.rule, c.textContent]; })")
    spans = Counter()
    for f in expected:
        lines = (ROOT / f["path"]).read_text(encoding="utf-8").split("\n")
        text = "\n".join(lines[f["line"] - 1:f["end_line"]])
        start = f["column"] - 1
        end = len(text) - len(lines[f["end_line"] - 1]) + f["end_column"] - 1
        spans[(f["path"], f["rule"], text[start:end])] += 1
    assert len(marked) > len(expected) / 2
    assert not Counter(tuple(m) for m in marked) - spans
    assert browser.evaluate("document.getElementById('shown').value") == f"{len(expected)} of {len(expected)} findings shown"
    assert browser.evaluate("document.querySelectorAll('#score-chart .bar').length") == 10


@pytest.mark.slow
def test_filters_from_the_url_fragment(seeds):
    browser, report, url = seeds
    rule = Counter(f["rule"] for f in report["findings"]).most_common(1)[0][0]
    browser.open(url + f"?load=2#rule={rule}")
    on = browser.evaluate(MARKS + ".filter(m => !m.classList.contains('off')).map(m => m.dataset.rule)")
    assert on == [rule] * sum(1 for f in report["findings"] if f["rule"] == rule)
    rows = browser.evaluate("Array.from(document.querySelectorAll('table.findings tbody tr'))"
                            ".filter(r => !r.hidden).map(r => r.dataset.rule)")
    assert set(rows) == {rule}
    browser.open(url + "?load=3#category=mangled,attribution&severity=warning")
    on = browser.evaluate(MARKS + ".filter(m => !m.classList.contains('off')).map(m => m.dataset.category + ' ' + m.dataset.severity)")
    expected = [f for f in report["findings"] if f["category"] in ("mangled", "attribution") and f["severity"] == "warning"]
    assert Counter(on) == Counter(f"{f['category']} {f['severity']}" for f in expected)
    assert browser.evaluate(MARKS + ".filter(m => m.classList.contains('off')).every(m => m.tabIndex === -1)")


@pytest.mark.slow
def test_a_report_with_one_category_and_one_finding_shows_it(seeds, tmp_path):
    browser, _, _ = seeds
    (tmp_path / "a.txt").write_text("Gallant will fulfill with aides.\n", encoding="utf-8")
    page = tmp_path / "one.html"
    page.write_text(run("--format", "html", "a.txt", cwd=tmp_path).stdout, encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.evaluate("document.getElementById('shown').value") == "1 of 1 findings shown"
    assert browser.evaluate(MARKS + ".filter(m => !m.classList.contains('off')).length") == 1


def _tab_to(browser, condition, presses=80):
    for _ in range(presses):
        browser.press("Tab", "Tab", 9)
        if browser.evaluate(condition):
            return True
    return False


@pytest.mark.slow
def test_keyboard_reaches_findings_opens_their_tooltip_and_toggles_filters(seeds):
    browser, report, url = seeds
    browser.open(url + "?load=4")
    tip_shown = "getComputedStyle(document.activeElement.querySelector('.tip')).display"
    assert _tab_to(browser, "document.activeElement.matches('mark.finding')")
    first = browser.evaluate("document.activeElement.id")
    assert browser.evaluate(tip_shown) == "block"
    assert report["findings"][0]["message"] in browser.evaluate("document.activeElement.querySelector('.tip').textContent")
    browser.press("Tab", "Tab", 9)
    assert browser.evaluate("document.activeElement.id") != first
    assert browser.evaluate(f"getComputedStyle(document.querySelector('#tip-{first}')).display") == "none"
    # Space on the first category box switches that category off, from the keyboard alone.
    browser.open(url + "?load=5")
    assert _tab_to(browser, "document.activeElement.name === 'category'")
    category = browser.evaluate("document.activeElement.value")
    browser.press(" ", "Space", 32)
    assert browser.evaluate("document.activeElement.checked") is False
    off = browser.evaluate(MARKS + ".filter(m => m.classList.contains('off')).map(m => m.dataset.category)")
    assert off == [category] * sum(1 for f in report["findings"] if f["category"] == category)
    assert browser.evaluate("location.hash").startswith("#category=")


@pytest.mark.slow
def test_print_media_hides_the_controls_and_keeps_the_findings(seeds):
    browser, report, url = seeds
    browser.open(url + "?load=6#rule=spun-phrases")
    browser.page("Emulation.setEmulatedMedia", media="print")
    try:
        style = "getComputedStyle(document.querySelector({!r})).display"
        assert browser.evaluate(style.format("#filters")) == "none"
        assert browser.evaluate(style.format(".tip")) == "none"
        # Every finding's row is printed, filtered or not.
        assert browser.evaluate("Array.from(document.querySelectorAll('table.findings tbody tr'))"
                                ".filter(r => getComputedStyle(r).display !== 'none').length") == len(report["findings"])
        pdf = browser.page("Page.printToPDF")["data"]
        ARTEFACTS.mkdir(exist_ok=True)
        import base64

        (ARTEFACTS / "html-report.pdf").write_bytes(base64.b64decode(pdf))
        assert base64.b64decode(pdf).startswith(b"%PDF")
    finally:
        browser.page("Emulation.setEmulatedMedia", media="")


def _png_ink(data: bytes) -> tuple[int, float]:
    """(width, share of bytes that are neither 0 nor 255 in the filtered scanlines): a blank page is ~0."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = struct.unpack(">I", data[16:20])[0]
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return width, sum(1 for b in raw if b not in (0, 255)) / len(raw)


@pytest.mark.slow
def test_screenshots_of_the_summary_and_of_a_focused_finding(seeds):
    browser, report, url = seeds
    browser.open(url + "?load=7")
    width, ink = _png_ink(browser.screenshot(ARTEFACTS / "html-report-summary.png"))
    assert width == 1280 and ink > 0.01
    browser.open(url + "?load=8#article=3&focus=f3-1")
    assert browser.evaluate("document.activeElement.id") == "f3-1"
    assert browser.evaluate("getComputedStyle(document.querySelector('#tip-f3-1')).display") == "block"
    assert browser.evaluate("getComputedStyle(document.getElementById('article-1')).display") == "none"
    width, ink = _png_ink(browser.screenshot(ARTEFACTS / "html-report-finding.png"))
    assert width == 1280 and ink > 0.01
