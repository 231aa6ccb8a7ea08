"""The command line: arguments, file discovery, formatter choice and exit codes. No lint logic."""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from . import __version__, baseline
from .cache import DEFAULT_FOLDER, ENV, lint_files
from .config import Config, find_config, load_config, select_rules, unknown_selectors
from .crossfile import add_cross_file_findings, cross_file_findings
from .display import guard_streams, printable, silence_stdout
from .formatters import FORMATTERS, readable, write_report
from .launch import resume
from .model import CATEGORIES, SEVERITY_NAMES, Severity
from .runner import FileResult
from .sources import STDIN, discover
from .spool import Results, Spool, on_disk
from .yamlfile import ConfigError

if TYPE_CHECKING:
    from .fixwrite import FixOutcome

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "stats", "server", "archive")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, which a parser builds for every argument added; the width comes from os, as
    shutil.get_terminal_size gives it, because importing shutil (bz2, lzma) is 2 ms of a run."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_width() if width is None else width)


def _terminal_width() -> int:
    """shutil.get_terminal_size().columns - 2, as argparse takes it: $COLUMNS, the terminal's, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def _lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint",
        formatter_class=_HelpFormatter,
        description="Lint news copy for spun paraphrases, scrape leftovers, unsourced figures and damage.",
        epilog="Subcommands: 'newslint rules' lists the rules (--explain ID, --check); "
               "'newslint stats PATH...' prints words, readability and findings per file; "
               "'newslint server' is a language server for editors; "
               "'newslint archive INPUT... --output DIR' lints JSONL, Parquet or WARC shards on Dask.",
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
    parser.add_argument("--show-source", action="store_true", help="text format: print each finding's line with a caret under it")
    parser.add_argument("--include", action="append", metavar="GLOB", help="file glob to lint in folders (repeatable)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", help="file glob to skip in folders (repeatable)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply the exclude globs to files named on the command line too (for pre-commit)")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="read standard input as this file: its markup, config and name in the report")
    parser.add_argument("--jobs", type=_positive, metavar="N", help="worker processes (default: automatic; at most one per CPU)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    parser.add_argument("--report-unused", action="store_true", help="report suppression directives that suppressed nothing")
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes (one replacement, outside quotes) in place")
    parser.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing")
    parser.add_argument("--strip-boilerplate", action="store_true",
                        help="delete the whole lines that boilerplate warnings name, in place (never reported speech)")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    parser.add_argument("--no-cache", action="store_true", help="lint every file, neither reading nor writing the cache")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help=f"cache folder (default: ${ENV}, else {DEFAULT_FOLDER}/ beside the config file or here)")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    return parser


def _rules_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint rules", description="List the rules, explain one, or check their examples.",
                                     formatter_class=_HelpFormatter)
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


def _load(path: str | Path | None, discover: bool = True) -> Config | None:
    try:
        return load_config(path, discover=discover)
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
    if args.stdin_filename and args.paths in ([], [STDIN]):
        args.paths = [STDIN]
    elif args.stdin_filename:
        _error("--stdin-filename names standard input: give no PATH, or '-' alone")
        return EXIT_ERROR
    if not args.paths:
        parser.print_usage(sys.stderr)
        _error("no PATH given (use '.' for this folder, '-' for standard input)")
        return EXIT_ERROR
    if args.statistics and args.format not in ("text", "json"):
        _error("--statistics works with --format text or json")
        return EXIT_ERROR
    config = _configure(args)
    resume()  # the collector, paused by the console script while the modules and config loaded
    if config is None:
        return EXIT_ERROR
    include = tuple(args.include) if args.include else config.include
    exclude = config.exclude + tuple(args.exclude or ())
    excluded: list[str] = []
    given = [args.stdin_filename] if args.stdin_filename else args.paths  # so that --force-exclude sees its name
    paths = list(discover(given, include, exclude, force_exclude=args.force_exclude, excluded=excluded))
    if not paths and excluded:
        return _all_excluded(args, excluded)
    if args.strip_boilerplate and (args.fix or args.diff or args.stdin_filename or STDIN in paths):
        _error("--strip-boilerplate needs files and goes alone: not with --fix, --diff or standard input")
        return EXIT_ERROR
    if args.stdin_filename or (STDIN in paths and (args.fix or args.diff)):
        if len(paths) > 1:
            _error("--fix and --diff read standard input alone; name no other PATH")
            return EXIT_ERROR
        return _run_stdin(args, config, args.stdin_filename or "<stdin>")
    keep = _keep(args)
    if keep is None:
        return EXIT_ERROR
    if args.diff:
        return _show_diff(_fixwrite().fix_paths(paths, config, False, keep, args.paths), bool(paths))
    results, failed = _lint(paths, config, args, keep)
    code = _finish(results, config, args, bool(paths))
    return max(code, EXIT_FINDINGS) if failed and code != EXIT_ERROR else code


def _finish(results: list[FileResult] | Results, config: Config, args: argparse.Namespace, had_paths: bool,
            stream=None) -> int:
    """Per-file notes to stderr, then the baseline or the report; the exit code."""
    if not isinstance(results, Results):  # cross-file findings already added, or none to add
        results = _spooled(results, args, None, on_disk(len(results)))
    results.floor = Severity.parse(args.min_severity) if args.min_severity else None
    for line in results.spool.notes:
        _say(line)
    if args.write_baseline:
        return _write_baseline(results, args.write_baseline, had_paths)
    return _report(results, config, args, had_paths, stream)


def _all_excluded(args: argparse.Namespace, excluded: list[str]) -> int:
    """Every file given was excluded (a pre-commit run on drafts only): nothing to do, and no error."""
    count = len(excluded)
    _error(f"nothing to lint: {_count(count, 'file')} found, "
           f"{'it' if count == 1 else 'all'} excluded by the exclude globs")
    if args.fix and args.stdin_filename:
        sys.stdout.buffer.write(sys.stdin.buffer.read())  # a formatter's buffer comes back as it was
    return EXIT_OK


def _run_stdin(args: argparse.Namespace, config: Config, name: str) -> int:
    """Standard input as the file `name`; with --fix the fixed text goes to stdout, the report to stderr."""
    from .stdin import fix_stdin, lint_stdin

    data = sys.stdin.buffer.read()
    if not (args.fix or args.diff):
        return _finish([lint_stdin(data, name, config)], config, args, True)
    keep = _keep(args)
    if keep is None:
        return EXIT_ERROR
    output, outcome = fix_stdin(data, name, config, keep)
    if args.diff:
        return _show_diff([outcome], True)
    if outcome.changed:
        for line in _fixwrite().fix_lines(outcome):
            _error(line)
        _error(f"fixed {_count(len(outcome.applied), 'finding')} in {name}")
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    return _finish(add_cross_file_findings([outcome.result], config), config, args, True, sys.stderr)


def _configure(args: argparse.Namespace) -> Config | None:
    """The config with the command line's rule selection and switches applied; None on error."""
    if args.stdin_filename and not args.config:  # the config of the file standard input stands for
        config = _load(find_config(Path(args.stdin_filename).parent), discover=False)
    else:
        config = _load(args.config)
    if config is None:
        return None
    select, ignore = _split(args.select), _split(args.ignore)
    unknown = unknown_selectors(config, select + ignore)
    if unknown:
        _error(f"unknown rule or category in --select/--ignore: {', '.join(unknown)} (see 'newslint rules')")
        return None
    return _report_unused(select_rules(config, select, ignore), args.report_unused)


def _spooled(results: Iterable[FileResult], args: argparse.Namespace, config: Config | None,
             disk: bool) -> Results:
    """The results, one at a time, into a spool (on disk for a folder run); with a config, the
    cross-file rules' findings from what they collected."""
    spool = Spool(keep_source=args.format == "html" or args.show_source, on_disk=disk)
    for result in results:
        spool.add(result)
    return Results(spool, cross_file_findings(spool.gathered, config) if config is not None else {})


def _report(results: Results, config: Config, args: argparse.Namespace, had_paths: bool,
            stream=None) -> int:
    """Print the report in the chosen format (less the baseline's findings); the exit code."""
    if args.baseline:
        try:
            results = results.rewritten(baseline.absorber(args.baseline))
        except baseline.BaselineError as exc:
            _error(str(exc))
            return EXIT_ERROR
    stream = stream or sys.stdout
    write_report(args.format, results, stream.write, colour=_use_colour(args.color),
                 show_statistics=args.statistics, show_source=args.show_source, catalogue=config.catalogue)
    stream.write("\n")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    return _exit_code(results, fail_on, args.exit_zero, had_paths)


def _report_unused(config: Config, wanted: bool) -> Config:
    if not wanted:
        return config
    sections = {**config.sections, "suppress": {**config.sections.get("suppress", {}), "report-unused": True}}
    return dataclasses.replace(config, sections=sections)


def _keep(args: argparse.Namespace):
    """What --fix may fix: the findings the same command would report (--min-severity, --baseline)."""
    floor = Severity.parse(args.min_severity) if args.min_severity else Severity.SUGGESTION
    known = None
    if args.baseline and (args.fix or args.diff):
        try:
            known = baseline.load(args.baseline)
        except baseline.BaselineError as exc:
            _error(str(exc))
            return None
    folder = Path(args.baseline).resolve().parent if args.baseline else None

    def keep(result: FileResult):
        findings = tuple(f for f in result.findings if f.severity >= floor)
        return findings if known is None else baseline.absorb(findings, known.copy(), folder)
    return keep


def _fixwrite():
    """newslint.fixwrite, imported by the runs that fix or show a diff: a plain run skips difflib and tempfile."""
    from . import fixwrite

    return fixwrite


def _on_terminate() -> None:
    """SIGTERM unwinds a run that writes files (--fix, --strip-boilerplate); signal is imported only then."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the writers, which remove their temporary files


def _lint(paths: list[str], config: Config, args: argparse.Namespace, keep) -> tuple[list[FileResult] | Results, bool]:
    """The results (after --fix: of the files as they now are on disk), and whether a fix could not be written."""
    if args.strip_boilerplate:
        _on_terminate()
        return _strip(paths, config), False
    if not args.fix:
        linted = lint_files(paths, config, args.jobs, not args.no_cache, args.cache_dir)
        return _spooled(linted, args, config, on_disk(len(paths))), False
    _on_terminate()
    outcomes = _fixwrite().fix_paths(paths, config, True, keep, args.paths)
    fixed = [o for o in outcomes if o.changed]
    for line in (line for outcome in fixed for line in _fixwrite().fix_lines(outcome)):
        _error(line)  # every fix made, so that nothing changes that was not shown
    if fixed:
        count = sum(len(o.applied) for o in fixed)
        _error(f"fixed {_count(count, 'finding')} in {_count(len(fixed), 'file')}")
    return add_cross_file_findings([o.result for o in outcomes], config), any(o.failure for o in outcomes)


def _strip(paths: list[str], config: Config) -> list[FileResult]:
    from .strip import strip_paths

    outcomes = strip_paths(paths, config)
    lines, files = sum(len(o.removed) for o in outcomes), sum(bool(o.removed) for o in outcomes)
    if files:
        _error(f"stripped {_count(lines, 'boilerplate line')} from {_count(files, 'file')}")
    return [o.result for o in outcomes]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _show_diff(outcomes: list[FixOutcome], had_paths: bool) -> int:
    for outcome in outcomes:
        for line in outcome.result.errors:
            _say(line)
    from .fix import unified_diff

    diffs = [unified_diff(o.result.path, o.original, o.fixed) for o in outcomes if o.changed]
    if diffs:
        sys.stdout.write("".join(diffs))
    if not had_paths or (outcomes and all(o.result.errors for o in outcomes)):
        return EXIT_ERROR
    return EXIT_FINDINGS if diffs else EXIT_OK


def _write_baseline(results: Results, path: str, had_paths: bool) -> int:
    if not had_paths:
        _error("no files to lint (check the paths and --include globs)")
        return EXIT_ERROR
    unread = [r.path for r in results if r.errors]
    if unread:  # writing now would drop what the baseline records for them
        _error(f"baseline {path} not written: {_count(len(unread), 'file')} could not be read ({', '.join(unread[:3])})")
        return EXIT_ERROR
    try:
        count = baseline.write(results, path)
    except baseline.BaselineError as exc:
        _error(str(exc))
        return EXIT_ERROR
    _error(f"wrote {_count(count, 'finding')} to baseline {path}")
    return EXIT_OK


def _exit_code(results: Results, fail_on: Severity, exit_zero: bool, had_paths: bool) -> int:
    if not had_paths:
        _error("no files to lint (check the paths and --include globs)")
        return EXIT_ERROR
    if len(results) and not readable(results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity >= fail_on for r in results for f in r.findings) else EXIT_OK


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
        print(f"{_count(total - len(failures), 'example')} passed, {len(failures)} failed, "
              f"in {_count(len(config.catalogue), 'rule')}.")
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


def run_server(argv: Sequence[str]) -> int:
    try:
        from .server import run
    except ImportError:  # pygls is an extra: most users never start a language server
        _error("the language server needs pygls, which is not installed: pip install 'newslint[server]'")
        return EXIT_ERROR
    return run(argv)


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
    if argv and argv[0] in SUBCOMMANDS:
        resume()  # a language server or an archive job runs for long: collect as usual
    try:
        if argv and argv[0] == "rules":
            return run_rules(argv[1:])
        if argv and argv[0] == "stats":
            return run_stats(argv[1:])
        if argv and argv[0] == "server":
            return run_server(argv[1:])
        if argv and argv[0] == "archive":
            from .archive.command import run_archive

            return run_archive(argv[1:])
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
