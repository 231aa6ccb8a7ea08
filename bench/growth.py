"""Growth of time and memory with hostile input: each family at size n and 2n (a benchmark, not a test).

usage: python bench/growth.py [--base ../base] [--only FAMILY,...] [--timeout SECONDS]

For every input family of issue #13 it lints (or loads) the input at n and at 2n in a fresh child
process and prints the CPU seconds of the call, their ratio (about 2 is linear, about 4 quadratic)
and the child's peak RSS. With --base it runs the same children against another checkout (the
round's starting point), so both are measured on the same machine in the same run. A child past
--timeout is reported as "> T". Families marked (left to #N) are another issue's work and are
measured here only to show where they stand.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint(text: str, path: str) -> None:
    from newslint.runner import _builtin_config, lint_text

    config = _builtin_config()
    lint_text("Warm up.\n", config)  # load the tables outside the measured call
    started = time.process_time()
    lint_text(text, config, path=path)
    _report(time.process_time() - started)


def _config(text: str) -> None:
    from newslint.config import load_config
    from newslint.yamlfile import ConfigError

    path = Path(tempfile.mkdtemp()) / "c.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.process_time()
    try:
        load_config(path)
    except ConfigError as exc:
        str(exc)
    _report(time.process_time() - started)


def _user_regex(n: int) -> None:
    from newslint.config import load_config
    from newslint.runner import lint_text

    folder = Path(tempfile.mkdtemp())
    (folder / "r").mkdir()
    (folder / "r" / "evil.yaml").write_text("kind: pattern\ncategory: style\nmessage: m\ndescription: d\n"
                                            "pattern: '(a|a)+b'\n", encoding="utf-8")
    (folder / "c.yaml").write_text("extends: []\nrule-files: [r]\n", encoding="utf-8")
    config = load_config(folder / "c.yaml")
    started = time.process_time()
    try:
        lint_text(("a" * 18 + "\n") * n, config)
    except Exception as exc:  # noqa: BLE001 - the timeout of a rule used outside the runner
        print(f"# {type(exc).__name__}", file=sys.stderr)
    _report(time.process_time() - started)


def _report(seconds: float) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.0f}")


# family -> (n, what the child does with n, note)
FAMILIES = {
    "unclosed-comments": (3_000, lambda n: _lint("<!-- newslint-disable x " * n, "a.md"), ""),
    "suppression-markers": (2_000, lambda n: _lint("".join(f"The the vote {i}.  newslint: ignore[doubled-word]\n"
                                                             for i in range(n)), "a.txt"), ""),
    "one-letter-lines": (100_000, lambda n: _lint("a\n" * n, "a.txt"), ""),
    "blank-lines": (500_000, lambda n: _lint("\n" * n, "a.txt"), ""),
    "config-unknown-keys": (20_000, lambda n: _config("".join(f"k{i}: 1\n" for i in range(n))), ""),
    "user-regex-lines": (40, _user_regex, "capped by the budget: the base hangs"),
    "many-brackets": (20_000, lambda n: _lint("[" * n + "\n", "a.md"), "(left to #15b)"),
    "clean-short-lines": (20_000, lambda n: _lint("A clean line of copy here\n" * n, "a.txt"),
                          "(_is_headline: left to #12/#17)"),
    # A paragraph of prose, then thousands of short list lines: teaser-block once read to the end of
    # the file from every line (quadratic), seventh session.
    "list-after-prose": (4_000, lambda n: _lint("Headline\nThe council approved a new budget on Tuesday after a "
                                                "debate of more than six hours, officials said.\n"
                                                + "".join(f"List entry number {i} for the record\n" for i in range(n)),
                                                "a.txt"), ""),
    # Sentences each with a figure and a toll word: unattributed-figure's toll words found once per
    # text and looked up by bisection from each sentence (eighth session).
    "toll-figures": (4_000, lambda n: _lint("".join(f"Strikes killed {i + 10} people and injured {i} more in the town.\n"
                                                    for i in range(n)), "a.txt"), ""),
    # Sentences each with a different capitalised word of the table inside it: the spin scan's name
    # mark counted the whole text once per word asked (quadratic in a huge file's window, eighth session).
    "many-names": (3_000, lambda n: _lint("".join(f"Officials said {word.title()} would meet them on Monday.\n"
                                                  for word in _entry_words(n)), "a.txt"), ""),
}


def _entry_words(n: int) -> list[str]:
    """n one-word entries of the spin table, in a fixed order."""
    from newslint.spinmodel import model

    return sorted(word for word in model().entries if word.isalpha())[:n]


def _child(family: str, n: int) -> None:
    FAMILIES[family][1](n)


def _measure(family: str, n: int, checkout: Path, timeout: float) -> tuple[float | None, float | None]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", family, str(n)],
                              capture_output=True, text=True, env=env, timeout=timeout, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return None, None
    last = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
    if not last:
        return None, None
    seconds, peak = last[0].split()
    return float(seconds), float(peak)


def _cell(seconds: float | None, timeout: float) -> str:
    return f"{seconds:8.3f}" if seconds is not None else f"{'> ' + str(int(timeout)):>8}"


def _ratio(small: float | None, large: float | None) -> str:
    if small is None or large is None:
        return "       -"
    return f"{large / max(small, 1e-3):8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout to measure in the same run (e.g. ../base)")
    parser.add_argument("--only", default="", help="comma-separated families")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    families = [f for f in FAMILIES if not args.only or f in args.only.split(",")]
    checkouts = [("this", ROOT)] + ([("base", args.base.resolve())] if args.base else [])
    print(f"{'family':22} {'n':>8} " + " ".join(f"{name + ' n':>8} {name + ' 2n':>8} {'ratio':>8} {'peak MB':>8}"
                                              for name, _ in checkouts))
    for family in families:
        n, _, note = FAMILIES[family]
        cells = []
        for _name, checkout in checkouts:
            small, _ = _measure(family, n, checkout, args.timeout)
            large, peak = _measure(family, 2 * n, checkout, args.timeout)
            peak_cell = f"{peak:8.0f}" if peak is not None else "       -"
            cells.append(f"{_cell(small, args.timeout)} {_cell(large, args.timeout)} {_ratio(small, large)} {peak_cell}")
        print(f"{family:22} {n:>8} " + " ".join(cells) + (f"  {note}" if note else ""), flush=True)
    print("CPU seconds of the call in a fresh process; ratio = time(2n) / time(n): about 2 is linear.")


if __name__ == "__main__":
    main()
