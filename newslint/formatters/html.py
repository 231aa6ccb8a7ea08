"""The HTML report: one self-contained page (inline CSS, JS and SVG; nothing fetched) that shows
every article's text with its findings highlighted in place.

Each finding is a focusable <mark> coloured by category and underlined by severity, whose
tooltip (shown on hover and on keyboard focus) gives the severity, rule, message and fix. The
page has filters by rule, category and severity (also read from the URL fragment, e.g.
#rule=spun-phrases&severity=warning), a summary per category and rule, a chart of the articles'
machine-paraphrased scores, and a findings table per article that stays when printed.

Every piece of article text, path, message and replacement is escaped: the text is hostile.
"""
from __future__ import annotations

import re
from collections import Counter
from html import escape
from importlib.resources import files
from typing import Any, Iterator, Mapping, Sequence

from ..model import CATEGORIES, Finding, Severity

SEVERITIES = tuple(str(s) for s in reversed(Severity))  # error, warning, suggestion
BINS = 10  # score histogram: [0, 0.1), ..., [0.9, 1.0]


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def render(results: Sequence[Any], catalogue: Mapping[str, Any] | None = None, **_: Any) -> str:
    from . import all_findings, summary

    findings = all_findings(results)
    counts = summary(results)
    readable = [r for r in results if not r.errors]
    articles = "\n".join(_article(number, r) for number, r in enumerate(readable, 1))
    body = "\n".join([
        '<a class="skip" href="#articles">Skip to the articles</a>',
        "<header><h1>newslint report</h1>",
        f"<p>{_count(counts['findings'], 'finding')} in {_count(counts['files'], 'file')}: "
        + ", ".join(_count(n, s) for s, n in counts["by_severity"].items()) + ".</p></header>",
        _filters(findings), "<main>", _summary(findings, catalogue or {}), _chart(readable),
        _unread(results), _contents(readable),
        f'<section id="articles" aria-label="Articles">{articles}</section>', "</main>",
    ])
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>newslint report</title><style>{_asset('report.css')}</style></head>\n"
            f"<body>\n{body}\n<script>{_asset('report.js')}</script>\n</body></html>\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _filters(findings: list[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    categories = [c for c in CATEGORIES if any(f.category == c for f in findings)]
    options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
    boxes = {
        "category": "".join(f'<label class="c-{c}"><input type="checkbox" name="category" value="{c}" checked> {c}'
                            "</label>" for c in categories),
        "severity": "".join(f'<label class="s-{s}"><input type="checkbox" name="severity" value="{s}" checked> {s}'
                            "</label>" for s in SEVERITIES),
    }
    return ('<form id="filters" aria-label="Filters"><label>Rule <select name="rule">'
            f'<option value="">all rules</option>{options}</select></label>'
            f'<fieldset><legend>Category</legend>{boxes["category"]}</fieldset>'
            f'<fieldset><legend>Severity</legend>{boxes["severity"]}</fieldset>'
            '<button type="reset">Show all</button> <output id="shown"></output></form>')


def _summary(findings: list[Finding], catalogue: Mapping[str, Any]) -> str:
    by_category = Counter(f.category for f in findings)
    by_rule = Counter((f.rule, f.category) for f in findings)
    severity = Counter((f.rule, str(f.severity)) for f in findings)
    categories = "".join(f'<tr class="c-{c}"><th scope="row"><span class="swatch"></span>{c}</th><td>{by_category[c]}</td></tr>'
                         for c in CATEGORIES if by_category[c])
    rows = []
    for (rule, category), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        described = catalogue.get(rule)
        title = f' title="{escape(described.description)}"' if described is not None else ""
        cells = "".join(f"<td>{severity[(rule, s)] or ''}</td>" for s in SEVERITIES)
        rows.append(f'<tr data-rule="{escape(rule)}"><th scope="row"{title}>{escape(rule)}</th><td>{category}</td>'
                    f"<td>{n}</td>{cells}</tr>")
    heads = "".join(f"<th scope=\"col\">{s}</th>" for s in SEVERITIES)
    return ('<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>'
            '<div class="tables"><table id="by-category"><caption>Findings per category</caption>'
            f'<thead><tr><th scope="col">category</th><th scope="col">findings</th></tr></thead><tbody>{categories}'
            '</tbody></table><table id="by-rule"><caption>Findings per rule</caption><thead><tr><th scope="col">rule'
            f'</th><th scope="col">category</th><th scope="col">findings</th>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _chart(results: Sequence[Any]) -> str:
    """An inline SVG histogram of the machine-paraphrased scores (0 to 1) of the articles."""
    scores = [r.metrics["score"] for r in results if isinstance(r.metrics.get("score"), (int, float))]
    title = '<section id="scores" aria-labelledby="scores-title"><h2 id="scores-title">Article scores</h2>'
    if not scores:
        return title + "<p>No article has a score (the machine-paraphrased rule is off).</p></section>"
    bins = Counter(min(BINS - 1, int(score * BINS)) for score in scores)
    top, width, height = max(bins.values()), 40, 120  # the bars start 10 below the top, their labels above
    bars = []
    for index in range(BINS):
        n = bins.get(index, 0)
        h = round(height * n / top)
        x = 30 + index * width
        label = f"{index / BINS:.1f}–{(index + 1) / BINS:.1f}: {n} article{'s' if n != 1 else ''}"
        bars.append(f'<g class="bar{" high" if index >= BINS - 1 else ""}"><title>{label}</title>'
                    f'<rect x="{x + 4}" y="{20 + height - h}" width="{width - 8}" height="{h}"></rect>'
                    f'<text x="{x + width / 2}" y="{16 + height - h}" text-anchor="middle">{n or ""}</text></g>')
    ticks = "".join(f'<text x="{30 + i * width}" y="{height + 36}" text-anchor="middle">{i / BINS:.1f}</text>'
                    for i in range(0, BINS + 1, 2))
    svg = (f'<svg id="score-chart" role="img" viewBox="0 0 {60 + BINS * width} {height + 60}" width="{60 + BINS * width}"'
           f' aria-labelledby="chart-desc"><desc id="chart-desc">Histogram of {len(scores)} article scores from 0 '
           f'(reads as written) to 1 (reads as machine-paraphrased)</desc>'
           f'<line x1="30" y1="{height + 20}" x2="{30 + BINS * width}" y2="{height + 20}"></line>'
           f'{"".join(bars)}{ticks}</svg>')
    return title + f"<p>{len(scores)} articles; the score is the machine-paraphrased probability.</p>{svg}</section>"


def _unread(results: Sequence[Any]) -> str:
    errors = [e for r in results for e in r.errors]
    if not errors:
        return ""
    items = "".join(f"<li>{escape(e)}</li>" for e in errors)
    return f'<section id="unread"><h2>Files not read</h2><ul>{items}</ul></section>'


def _contents(results: Sequence[Any]) -> str:
    items = "".join(f'<li><a href="#article-{n}">{escape(r.path)}</a> '
                    f'<span class="count">({len(r.findings)})</span></li>' for n, r in enumerate(results, 1))
    return f'<nav id="contents" aria-label="Articles"><h2>Articles</h2><ol>{items}</ol></nav>'


def _article(number: int, result: Any) -> str:
    findings = sorted(result.findings)
    spans = _offsets(result.source, findings)
    rows = "".join(_row(number, index, f) for index, f in enumerate(findings))
    score = result.metrics.get("score")
    score_text = f", score {score:.2f}" if isinstance(score, (int, float)) else ""
    table = (f'<table class="findings"><caption>Findings in {escape(result.path)}</caption><thead><tr>'
             '<th scope="col">line:col</th><th scope="col">severity</th><th scope="col">rule</th>'
             f'<th scope="col">message</th><th scope="col">fix</th></tr></thead><tbody>{rows}</tbody></table>'
             if findings else "<p>No findings.</p>")
    return (f'<article id="article-{number}" aria-labelledby="title-{number}"><h2 id="title-{number}">'
            f'{escape(result.path)}</h2><p class="meta">{len(findings)} findings, '
            f'{result.metrics.get("words", 0)} words{score_text}</p>'
            f'<div class="text">{"".join(_highlight(number, result.source, findings, spans))}</div>{table}</article>')


def _offsets(source: str, findings: list[Finding]) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset(line: int, column: int) -> int:
        return min(len(source), starts[min(line, len(starts)) - 1] + column - 1)

    return [(offset(f.line, f.column), max(offset(f.line, f.column), offset(f.end_line, f.end_column)))
            for f in findings]


def _fix(finding: Finding) -> str:
    if not finding.replacements:
        return ""
    fix = " | ".join(repr(r) if not r.strip() else r for r in finding.replacements)
    return fix + (" [*] (applied by --fix)" if finding.fixable else "")


def _row(article: int, index: int, finding: Finding) -> str:
    ident = f"f{article}-{index}"
    return (f'<tr class="c-{finding.category} s-{finding.severity}" data-for="{ident}" data-rule="{escape(finding.rule)}"'
            f' data-category="{finding.category}" data-severity="{finding.severity}">'
            f'<td><a href="#{ident}">{finding.line}:{finding.column}</a></td><td>{finding.severity}</td>'
            f"<td>{escape(finding.rule)}</td><td>{escape(finding.message)}</td><td>{escape(_fix(finding))}</td></tr>")


def _open(article: int, index: int, finding: Finding, first: bool) -> str:
    ident = f"f{article}-{index}"
    data = (f'data-rule="{escape(finding.rule)}" data-category="{finding.category}" '
            f'data-severity="{finding.severity}"')
    if not first:  # the rest of a finding cut by another's end: highlighted, not focusable again
        return f'<mark class="finding cont c-{finding.category} s-{finding.severity}" data-of="{ident}" {data}>'
    fix = _fix(finding)
    tip = (f'<span class="tip" role="tooltip" id="tip-{ident}"><b>{finding.severity}</b> [{escape(finding.rule)}] '
           f'{escape(finding.message)}{"<br>fix: " + escape(fix) if fix else ""}</span>')
    return (f'<mark class="finding c-{finding.category} s-{finding.severity}" id="{ident}" tabindex="0" '
            f'aria-describedby="tip-{ident}" {data}>{tip}')


def _highlight(article: int, source: str, findings: list[Finding], spans: list[tuple[int, int]]) -> Iterator[str]:
    """The text with a <mark> per finding; where spans overlap without nesting, the inner marks are
    closed and reopened as continuations so the HTML stays well formed."""
    events = sorted({0, len(source), *(p for span in spans for p in span)})
    opened: list[int] = []  # indexes of open findings, outermost first
    by_start: dict[int, list[int]] = {}
    for index, (start, _) in enumerate(spans):
        by_start.setdefault(start, []).append(index)
    for here, after in zip(events, events[1:] + [None]):
        keep = [i for i in opened if spans[i][1] > here]
        if keep != opened:
            yield "</mark>" * len(opened)
            opened = keep
            yield from (_open(article, i, findings[i], False) for i in keep)  # still running: continued
        for i in sorted(by_start.get(here, ()), key=lambda i: -spans[i][1]):  # the longest outermost
            yield _open(article, i, findings[i], True)
            if spans[i][1] > here:
                opened.append(i)
            else:
                yield "</mark>"  # an empty span still gets its focusable marker
        if after is not None:
            yield escape(source[here:after])
    yield "</mark>" * len(opened)
