"""Markup parity: the same articles as plain text, HTML and Markdown must draw the same findings.

usage: python bench/markup_parity.py FOLDER [--limit N]
Each *.txt article gets one spun sentence appended to its third line, then is wrapped as HTML
(head, script and entities as decoys) and as Markdown (front matter and a fenced code block
holding spun text). Prints the findings per form and the files whose findings (rule and matched
text) differ from the plain-text ones, with a few samples to judge.
Example: python bench/markup_parity.py ../shared/eval/clean-news/bbc
"""
from __future__ import annotations

import argparse
import html
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.config import load_config  # noqa: E402
from newslint.runner import lint_document, make_document  # noqa: E402

INJECTED = " They will fulfill with aides, the the aides."
DECOY = "fulfill with the the"


def as_html(text: str) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" if line.strip() else "" for line in text.split("\n"))
    return f"<!DOCTYPE html>\n<html><head><title>{DECOY}</title><script>var s = '{DECOY}';</script></head>\n<body>\n{body}\n</body></html>\n"


def as_markdown(text: str) -> str:
    return f"---\ntitle: {DECOY}\n---\n\n{text}\n\n```\n{DECOY}\n```\n"


def findings(text: str, path: str, config) -> Counter:
    document = make_document(text, path)
    found = Counter()
    for f in lint_document(document, config).findings:
        start, end = document.offset(f.line, f.column), document.offset(f.end_line, f.end_column)
        found[(f.rule, " ".join(document.text[start:end].split()))] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    config = load_config(discover=False)
    paths = sorted(Path(args.folder).rglob("*.txt"))[: args.limit or None]
    totals, differs, samples = Counter(), Counter(), []
    rules = {"html": Counter(), "markdown": Counter()}  # the rules of the differing findings
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except UnicodeDecodeError:
            continue
        lines[min(2, len(lines) - 1)] += INJECTED
        text = "\n".join(lines)
        plain = findings(text, "a.txt", config)
        totals["files"] += 1
        totals["text"] += sum(plain.values())
        for form, variant, name in (("html", as_html(text), "a.html"), ("markdown", as_markdown(text), "a.md")):
            got = findings(variant, name, config)
            totals[form] += sum(got.values())
            if got != plain:
                differs[form] += 1
                for rule, _ in (got - plain) + (plain - got):
                    rules[form][rule] += 1
                if len(samples) < 8:
                    samples.append(f"{path.name} {form}: extra {dict(got - plain)} missing {dict(plain - got)}")
    print(f"files: {totals['files']}")
    for form in ("text", "html", "markdown"):
        print(f"{form:9} findings: {totals[form]:6}  files differing from text: {differs[form]}"
              + (f"  (differing findings by rule: {dict(rules[form].most_common())})" if form in rules else ""))
    print("\n".join(samples))


if __name__ == "__main__":
    main()
