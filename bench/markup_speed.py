"""Markup conversion speed: Markdown and HTML -> prose, on real articles and on hostile lines.

usage: python bench/markup_speed.py FOLDER [--base CHECKOUT] [--limit N] [--size BYTES]
Wraps each *.txt article of FOLDER as Markdown and HTML (as bench/markup_parity.py does) and
times the conversion alone (CPU seconds, MB/s), then times 100 KB single lines made of one
markup character pattern ("[", "*a", "![[", ...), where a quadratic scan would show. With
--base, the same figures for another checkout (e.g. the round's starting point) are measured
in a subprocess in the same run and printed as ratios.
Example: python bench/markup_speed.py ../shared/eval/clean-news/bbc --base ../wt/base
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

DAMAGE = ["[", "*a", "[a](", "![[", "<", "`", "&", "_a", "{{<", "{%", "> ", "[^", "**a*"]


def _articles(folder: str, limit: int) -> list[str]:
    texts = []
    for path in sorted(Path(folder).rglob("*.txt"))[: limit or None]:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


def _cpu(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def measure(folder: str, limit: int, size: int) -> dict:
    from newslint.markup import prose  # first: markup_parity puts this tree on the path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from markup_parity import as_html, as_markdown

    figures = {"root": str(Path(sys.modules["newslint"].__file__).parent.parent)}

    texts = _articles(folder, limit)
    figures["files"] = len(texts)
    for markup, wrap in (("markdown", as_markdown), ("html", as_html)):
        sources = [wrap(t) for t in texts]
        figures[f"{markup}_mb"] = sum(len(s.encode("utf-8")) for s in sources) / 1e6
        figures[f"{markup}_cpu"] = _cpu(lambda sources, markup: [prose(s, markup) for s in sources], sources, markup)
    for damage in DAMAGE:
        line = damage * (size // len(damage))
        figures[f"line {damage!r}"] = _cpu(prose, line, "markdown")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--base", help="another checkout to measure in the same run")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--size", type=int, default=100_000, help="bytes of each hostile line")
    parser.add_argument("--root", help=argparse.SUPPRESS)  # internal: the checkout to import from
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, args.root or str(Path(__file__).resolve().parent.parent))
    here = measure(args.folder, args.limit, args.size)
    if args.json:
        print(json.dumps(here))
        return
    base = None
    if args.base:
        command = [sys.executable, __file__, args.folder, "--root", str(Path(args.base).resolve()), "--json",
                   "--limit", str(args.limit), "--size", str(args.size)]
        base = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    print(f"files: {here['files']}  (CPU seconds; ratio = this tree / base)  this tree: {here['root']}"
          + (f"  base: {base['root']}" if base else ""))
    for markup in ("markdown", "html"):
        mb, cpu = here[f"{markup}_mb"], here[f"{markup}_cpu"]
        line = f"{markup:9} {mb:6.1f} MB  {cpu:7.2f} s  {mb / cpu:6.1f} MB/s"
        if base:
            line += f"   base {base[f'{markup}_cpu']:7.2f} s  ratio {cpu / base[f'{markup}_cpu']:5.2f}"
        print(line)
    print(f"one Markdown line of {args.size:,} bytes of:")
    for damage in DAMAGE:
        key = f"line {damage!r}"
        line = f"  {damage!r:8} {here[key]:7.3f} s"
        if base:
            line += f"   base {base[key]:7.3f} s"
        print(line)


if __name__ == "__main__":
    main()
