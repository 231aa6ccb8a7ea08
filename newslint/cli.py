"""The command line: arguments, file discovery, formatter choice and exit codes. No lint logic."""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from typing import Sequence

from . import __version__, baseline, fix
from .config import Config, load_config, select_rules, unknown_selectors
from .crossfile import add_cross_file_findings
from .display import guard_streams, printable, silence_stdout
from .formatters import FORMATTERS, all_findings
from .model import CATEGORIES, SEVERITY_NAMES, Severity
from .runner import FileResult, lint_paths
from .sources import STDIN, discover
from .yamlfile import ConfigError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "stats")


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        description="Lint news copy for spun paraphrases, scrape leftovers, unsourced figures and damage.",
        epilog="Subcommands: 'newslint rules' lists the rules (--explain ID, --check); "
               "'newslint stats PATH...' prints words, readability and findings per file.",
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
    parser.add_argument("--jobs", type=_positive, metavar="N", help="worker processes (default: automatic; at most one per CPU)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    parser.add_argument("--report-unused", action="store_true", help="report suppression directives that suppressed nothing")
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes (one replacement, outside quotes) in place")
    parser.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def _rules_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint rules", description="List the rules, explain one, or check their examples.")
    parser.add_argument("--config", metavar="FILE", help="config file whose rule files to include")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--explain", metavar="ID", help="print a rule's documentation and examples")
    group.add_argument("--check", action="store_true", help="run every rule's pass and fail examples")
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number


def _say(line: str) -> None:
    """One line to stderr, with control characters escaped (it may quote a file name or article text)."""
    print(printable(line), file=sys.stderr)


def _error(message: str) -> None:
    _say(f"newslint: {message}")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _load(path: str | None) -> Config | None:
    try:
        return load_config(path)
    except ConfigError as exc:
        for problem in exc.problems:
            _say(f"newslint: config error: {problem}")
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
    if args.statistics and args.format not in ("text", "json"):
        _error("--statistics works with --format text or json")
        return EXIT_ERROR
    config = _configure(args)
    if config is None:
        return EXIT_ERROR
    include = tuple(args.include) if args.include else config.include
    exclude = config.exclude + tuple(args.exclude or ())
    paths = list(discover(args.paths, include, exclude))
    if (args.fix or args.diff) and STDIN in paths:
        _error("--fix and --diff need files; standard input cannot be fixed in place")
        return EXIT_ERROR
    if args.diff:
        return _show_diff(fix.fix_paths(paths, config, write=False), bool(paths))
    results = _lint(paths, config, args)
    results = _filter_severity(results, args.min_severity)
    printed = set()
    for result in results:
        for line in result.errors + result.warnings:
            if line not in printed:  # a run-wide note (no grammar server) once, not once per file
                printed.add(line)
                _say(line)
    if args.write_baseline:
        return _write_baseline(results, args.write_baseline, bool(paths))
    return _report(results, config, args, bool(paths))


def _configure(args: argparse.Namespace) -> Config | None:
    """The config with the command line's rule selection and switches applied; None on error."""
    config = _load(args.config)
    if config is None:
        return None
    select, ignore = _split(args.select), _split(args.ignore)
    unknown = unknown_selectors(config, select + ignore)
    if unknown:
        _error(f"unknown rule or category in --select/--ignore: {', '.join(unknown)} (see 'newslint rules')")
        return None
    return _report_unused(select_rules(config, select, ignore), args.report_unused)


def _report(results: list[FileResult], config: Config, args: argparse.Namespace, had_paths: bool) -> int:
    """Print the report in the chosen format (less the baseline's findings); the exit code."""
    if args.baseline:
        try:
            results = baseline.apply(results, args.baseline)
        except baseline.BaselineError as exc:
            _error(str(exc))
            return EXIT_ERROR
    output = FORMATTERS[args.format](results, colour=_use_colour(args.color), show_statistics=args.statistics,
                                     catalogue=config.catalogue)
    print(output)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    return _exit_code(results, fail_on, args.exit_zero, had_paths)


def _report_unused(config: Config, wanted: bool) -> Config:
    if not wanted:
        return config
    sections = {**config.sections, "suppress": {**config.sections.get("suppress", {}), "report-unused": True}}
    return dataclasses.replace(config, sections=sections)


def _lint(paths: list[str], config: Config, args: argparse.Namespace) -> list[FileResult]:
    if not args.fix:
        return add_cross_file_findings(list(lint_paths(paths, config, args.jobs)), config)
    outcomes = fix.fix_paths(paths, config, write=True)
    fixed = [o for o in outcomes if o.changed]
    if fixed:
        count = sum(o.applied for o in fixed)
        _error(f"fixed {count} finding{'s' if count != 1 else ''} in {len(fixed)} file{'s' if len(fixed) != 1 else ''}")
    return add_cross_file_findings([o.result for o in outcomes], config)


def _show_diff(outcomes: list[fix.FixOutcome], had_paths: bool) -> int:
    for outcome in outcomes:
        for line in outcome.result.errors:
            _say(line)
    diffs = [fix.unified_diff(o) for o in outcomes if o.changed]
    if diffs:
        sys.stdout.write("".join(diffs))
    if not had_paths or (outcomes and all(o.result.errors for o in outcomes)):
        return EXIT_ERROR
    return EXIT_FINDINGS if diffs else EXIT_OK


def _write_baseline(results: list[FileResult], path: str, had_paths: bool) -> int:
    if not had_paths:
        _error("no files to lint (check the paths and --include globs)")
        return EXIT_ERROR
    try:
        count = baseline.write(results, path)
    except baseline.BaselineError as exc:
        _error(str(exc))
        return EXIT_ERROR
    _error(f"wrote {count} finding{'s' if count != 1 else ''} to baseline {path}")
    return EXIT_OK


def _filter_severity(results: list[FileResult], minimum: str | None) -> list[FileResult]:
    if not minimum:
        return results
    floor = Severity.parse(minimum)
    return [dataclasses.replace(r, findings=tuple(f for f in r.findings if f.severity >= floor)) for r in results]


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
        from .selftest import check_all, unavailable

        failures = check_all(config)
        skipped = {r.id: reason for r in config.catalogue.values() if (reason := unavailable(config, r))}
        for line in failures + [f"{reason} (its examples were not run)" for reason in skipped.values()]:
            print(line)
        judged = [r for r in config.catalogue.values() if r.id not in skipped]
        total = sum(len(r.examples.fail) + len(r.examples.passing) for r in judged)
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


def run_stats(argv: Sequence[str]) -> int:
    from .stats import parser
    from .stats import run_stats as stats

    args = parser().parse_args(argv)
    config = _load(args.config)
    return EXIT_ERROR if config is None else stats(args, config)


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
        if argv and argv[0] == "stats":
            return run_stats(argv[1:])
        return run_lint(argv)
    except BrokenPipeError:  # `newslint ... | head`
        silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def entry_point() -> int:
    """The console script: main(), then the report flushed while errors can still be reported."""
    guard_streams()
    if sys.stdout is None:  # started with stdout closed (`newslint ... >&-`)
        _error("standard output is closed; nothing can be reported")
        return EXIT_ERROR
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_OK
    except OSError as exc:  # /dev/full, a closed descriptor
        silence_stdout()
        _error(f"cannot write the report: {(exc.strerror or str(exc)).lower()}")
        return EXIT_ERROR
    return code


if __name__ == "__main__":
    sys.exit(entry_point())
