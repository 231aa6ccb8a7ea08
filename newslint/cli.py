"""The command line: arguments, file discovery, formatter choice and exit codes. No lint logic."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from . import __version__
from .config import Config, load_config, select_rules, unknown_selectors
from .crossfile import add_cross_file_findings
from .formatters import FORMATTERS, all_findings
from .model import CATEGORIES, SEVERITY_NAMES, Severity
from .runner import FileResult, lint_paths
from .sources import discover
from .yamlfile import ConfigError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules",)


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Lint news copy for spun paraphrases, scrape leftovers, unsourced figures and damage.",
        epilog="Subcommands: 'newslint rules' lists the rules (--explain ID, --check).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; '-' reads standard input")
    parser.add_argument("--config", metavar="FILE", help="config file (default: .newslint.yaml or pyproject.toml found upward)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="report format (default: text)")
    parser.add_argument("--select", metavar="RULES", help="comma-separated rule ids, id prefixes or categories to run")
    parser.add_argument("--ignore", metavar="RULES", help="comma-separated rule ids, id prefixes or categories to skip")
    parser.add_argument("--min-severity", choices=SEVERITY_NAMES, help="report only findings at or above this severity")
    parser.add_argument("--fail-on", choices=SEVERITY_NAMES, help="lowest severity that makes the exit code 1 (default: warning)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--statistics", action="store_true", help="print a count per rule instead of the findings")
    parser.add_argument("--include", action="append", metavar="GLOB", help="file glob to lint in folders (repeatable)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="file glob to skip in folders (repeatable)")
    parser.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: automatic)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def _rules_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint rules", description="List the rules, explain one, or check their examples.")
    parser.add_argument("--config", metavar="FILE", help="config file whose rule files to include")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--explain", metavar="ID", help="print a rule's documentation and examples")
    group.add_argument("--check", action="store_true", help="run every rule's pass and fail examples")
    return parser


def _error(message: str) -> None:
    print(f"newslint: {message}", file=sys.stderr)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _load(path: str | None) -> Config | None:
    try:
        return load_config(path)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"newslint: config error: {problem}", file=sys.stderr)
        return None


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def run_lint(argv: Sequence[str]) -> int:
    parser = _lint_parser()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        _error("no PATH given (use '.' for this folder, '-' for standard input)")
        return EXIT_ERROR
    config = _load(args.config)
    if config is None:
        return EXIT_ERROR
    select, ignore = _split(args.select), _split(args.ignore)
    unknown = unknown_selectors(config, select + ignore)
    if unknown:
        _error(f"unknown rule or category in --select/--ignore: {', '.join(unknown)} (see 'newslint rules')")
        return EXIT_ERROR
    config = select_rules(config, select, ignore)
    include = tuple(args.include) if args.include else config.include
    exclude = config.exclude + tuple(args.exclude or ())
    paths = list(discover(args.paths, include, exclude))
    results = add_cross_file_findings(list(lint_paths(paths, config, args.jobs)), config)
    results = _filter_severity(results, args.min_severity)
    for result in results:
        for line in result.errors + result.warnings:
            print(line, file=sys.stderr)
    output = FORMATTERS[args.format](results, colour=_use_colour(args.color), show_statistics=args.statistics)
    print(output)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    return _exit_code(results, fail_on, args.exit_zero, bool(paths))


def _filter_severity(results: list[FileResult], minimum: str | None) -> list[FileResult]:
    if not minimum:
        return results
    floor = Severity.parse(minimum)
    return [FileResult(r.path, tuple(f for f in r.findings if f.severity >= floor), r.metrics, r.errors, r.warnings)
            for r in results]


def _exit_code(results: list[FileResult], fail_on: Severity, exit_zero: bool, had_paths: bool) -> int:
    if not had_paths:
        _error("no files to lint (check the paths and --include globs)")
        return EXIT_ERROR
    if results and all(r.errors for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in all_findings(results)) else EXIT_OK


def run_rules(argv: Sequence[str]) -> int:
    args = _rules_parser().parse_args(argv)
    config = _load(args.config)
    if config is None:
        return EXIT_ERROR
    if args.check:
        from .selftest import check_all

        failures = check_all(config)
        for line in failures:
            print(line)
        total = sum(len(r.examples.fail) + len(r.examples.passing) for r in config.catalogue.values())
        print(f"{total - len(failures)} examples passed, {len(failures)} failed, in {len(config.catalogue)} rules.")
        return EXIT_FINDINGS if failures else EXIT_OK
    if args.explain:
        rule = config.catalogue.get(args.explain)
        if rule is None:
            _error(f"unknown rule {args.explain!r} (see 'newslint rules')")
            return EXIT_ERROR
        print(explain(rule, config))
        return EXIT_OK
    active = {r.id for r in config.rules}
    for rule in sorted(config.catalogue.values(), key=lambda r: (CATEGORIES.index(r.category), r.id)):
        state = "" if rule.id in active else "  (off)"
        print(f"{rule.id:32} {rule.category:12} {str(rule.severity):10} {rule.description}{state}")
    return EXIT_OK


def explain(rule, config: Config) -> str:
    lines = [f"{rule.id} ({rule.category}, {rule.severity}{'' if rule.id in {r.id for r in config.rules} else ', off'})",
             "", rule.description]
    if rule.doc:
        lines += ["", rule.doc]
    if rule.options:
        lines += ["", "Options (defaults):"] + [f"  {k}: {v!r}" for k, v in rule.options.items()]
    lines += ["", f"Defined in: {rule.source}"]
    for title, examples in (("Flagged", rule.examples.fail), ("Left alone", rule.examples.passing)):
        if examples:
            lines += ["", f"{title}:"] + [f"  {e}" for e in examples[:8]]
            if len(examples) > 8:
                lines.append(f"  ... and {len(examples) - 8} more")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rules":
            return run_rules(argv[1:])
        return run_lint(argv)
    except BrokenPipeError:  # `newslint ... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
