"""Throughput, CPU time, peak memory and one-file latency of newslint, beside a floor (a benchmark, not a test).

usage: python bench/throughput.py FOLDER [--base CHECKOUT] [--proselint] [--by-rule] [--one-line]
       [--config FILE] [--select X] [--ignore X] [--jobs N] [--repeat N] [--latency-file FILE]

Each tree (this one, and --base, e.g. /work/wt/base) is measured in a fresh process of its own
(PYTHONPATH=tree), one after the other, on the same files:
- corpus: files, MB, best-of-N CPU seconds and wall seconds of lint_paths, MB/s of CPU, findings,
  peak RSS of that process;
- floor: read every file and run one pyahocorasick pass over every literal phrase key of the
  config's phrase engine (what a phrase linter cannot avoid), measured in the same process;
- latency: `python -m newslint FILE` in a cold process, median wall and CPU of --repeat runs after
  one run that fills the caches, FILE (a copy of) the corpus file closest to 2 KB unless given, three
  ways: "hit" (the result cache answers, as a repeated pre-commit run), "miss" (the file changed
  since the last run, as pre-commit lints it: a blank line more each run; the config cache and the
  unpacked tables are warm) and "no-cache" (--no-cache). Caches live in a scratch folder
  (NEWSLINT_CACHE_DIR; the corpus's in a folder per tree under the temporary folder, after one
  warm-up run), never in the tree, and modules' bytecode is cached (PYTHONPYCACHEPREFIX,
  as an installed package has it, even where PYTHONDONTWRITEBYTECODE is set).
--proselint also times `proselint check` on the same files and the same latency file, when it is
installed; --by-rule prints CPU seconds per rule (sentence splitting is charged to the first rule
that asks for it); --one-line lints the whole folder joined into one line.
Ratios compare this tree with --base and with proselint.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def measure(args: argparse.Namespace) -> dict:
    """Runs inside the child process, with the tree under test first on sys.path."""
    from newslint.config import load_config, select_rules
    from newslint.runner import lint_paths
    from newslint.sources import discover

    started = time.process_time()
    config = load_config(args.config, discover=False) if args.config else load_config(discover=False)
    config = select_rules(config, [s for s in args.select.split(",") if s], [s for s in args.ignore.split(",") if s])
    load_cpu = time.process_time() - started
    paths = list(discover([args.folder], config.include, config.exclude))
    size = sum(Path(p).stat().st_size for p in paths)
    out = {"files": len(paths), "mb": size / 1e6, "rules": len(config.rules), "load_cpu": load_cpu,
           "floor_cpu": floor(paths, config)}
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), _cpu_with_workers()
        results = list(lint_paths(paths, config, args.jobs))
        best_wall, best_cpu = min(best_wall, time.perf_counter() - wall), min(best_cpu, _cpu_with_workers() - cpu)
        out["findings"] = sum(len(r.findings) for r in results)
        del results
    out.update(wall=best_wall, cpu=best_cpu)
    if args.by_rule:
        out["by_rule"] = by_rule(paths, config)
    if args.one_line:
        out["one_line"] = one_line(paths, config)
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    out["peak_mib"] = max(u.ru_maxrss for u in usage) / 1024
    out["children_cpu"] = usage[1].ru_utime + usage[1].ru_stime
    return out


def _cpu_with_workers() -> float:
    """CPU seconds of this process and of its finished worker processes (--jobs)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def floor(paths: list[str], config) -> float:
    """CPU seconds to read every file and run one Aho-Corasick pass over all literal phrase keys."""
    import ahocorasick

    keys = set()
    for rule in config.rules:
        engine = getattr(rule.check, "engine", None)
        keys.update(getattr(engine, "keyed", {}) or {})
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    started, hits = time.process_time(), 0
    for path in paths:
        text = Path(path).read_text(encoding="utf-8", errors="replace").lower()
        hits += sum(1 for _ in automaton.iter(text))
    return time.process_time() - started


def by_rule(paths: list[str], config) -> dict[str, float]:
    from newslint.runner import make_document
    from newslint.sources import read_source

    spent: dict[str, float] = {}
    for path in paths:
        document = make_document(read_source(path).text, path)
        for stage in ("text", "summary"):
            findings = ()
            for rule in config.rules:
                if rule.stage != stage:
                    continue
                options = dict(rule.options)
                started = time.process_time()
                found = list(rule.check(document, options) if stage == "text" else rule.check(document, options, findings))
                if rule.measure is not None:
                    rule.measure(*((document, options) if stage == "text" else (document, options, findings)))
                spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - started
                del found
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def one_line(paths: list[str], config) -> dict:
    from newslint.runner import lint_document, make_document

    text = " ".join(Path(p).read_text(encoding="utf-8", errors="replace").replace("\n", " ") for p in paths)
    started = time.process_time()
    result = lint_document(make_document(text, "one-line.txt"), config)
    return {"mb": len(text) / 1e6, "cpu": time.process_time() - started, "findings": len(result.findings)}


PYCACHE = Path(tempfile.gettempdir()) / "newslint-bench-pycache"


def _env(**extra: str) -> dict:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE), **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _tree_cache(tree: Path) -> str:
    """A cache folder of the tree's own, kept between runs like the bytecode: two trees' config caches
    and unpacked spin tables never displace each other (an older tree removes other versions' tables)."""
    name = hashlib.blake2b(str(tree.resolve()).encode(), digest_size=6).hexdigest()
    return str(Path(tempfile.gettempdir()) / "newslint-bench-cache" / name)


def child(tree: Path, args: argparse.Namespace) -> dict:
    env = _env(PYTHONPATH=str(tree), NEWSLINT_BENCH_TREE=str(tree), NEWSLINT_CACHE_DIR=_tree_cache(tree))
    # One run first, so the corpus's peak is a steady run's, not the one that unpacks the tables.
    subprocess.run([sys.executable, "-m", "newslint", "--no-cache", args.latency_file], env=env, cwd=str(tree),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    command = [sys.executable, str(Path(__file__).resolve()), args.folder, "--child", "--repeat", str(args.repeat),
               "--jobs", str(args.jobs), "--select", args.select, "--ignore", args.ignore]
    command += (["--config", args.config] if args.config else []) + (["--by-rule"] if args.by_rule else []) + (
        ["--one-line"] if args.one_line else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{tree}: {done.stderr.strip()[-800:]}")
    data = json.loads(done.stdout)
    data["latency"] = newslint_latency(env, args, tree)
    return data


def newslint_latency(env: dict, args: argparse.Namespace, tree: Path) -> dict:
    """{hit, miss, no-cache: latency} of one file (see the module's docstring)."""
    text = Path(args.latency_file).read_bytes()
    out = {}
    with tempfile.TemporaryDirectory(prefix="newslint-latency-") as scratch:
        copy = Path(scratch) / Path(args.latency_file).name
        copy.write_bytes(text)
        env = {**env, "NEWSLINT_CACHE_DIR": str(Path(scratch) / "cache")}
        command = [sys.executable, "-m", "newslint", str(copy)]
        out["hit"] = latency(command, env, args.repeat, tree)

        def changed(index: int) -> None:
            copy.write_bytes(text + b"\n" * (index + 1))
        out["miss"] = latency(command, env, args.repeat, tree, changed)
        copy.write_bytes(text)
        out["no-cache"] = latency([*command[:3], "--no-cache", str(copy)], env, args.repeat, tree)
    return out


def latency(command: list[str], env: dict, repeat: int, cwd: Path | None = None, before_each=None) -> dict:
    """Median wall and CPU seconds of a cold process, after one run that fills any cache.
    It runs in the tree's folder: `python -m` puts the current folder first on the path."""
    runs = []
    for index in range(repeat + 1):
        if before_each is not None:
            before_each(index)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       cwd=str(cwd) if cwd else None)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if index:
            runs.append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    return {"wall": statistics.median(w for w, _ in runs), "cpu": statistics.median(c for _, c in runs)}


def proselint(args: argparse.Namespace, paths: list[str]) -> dict | None:
    executable = shutil.which("proselint") or shutil.which("proselint", path=str(Path(sys.executable).parent))
    if not executable:
        return None
    best = float("inf")
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([executable, "check", *paths], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"cpu": best, "latency": latency([executable, "check", args.latency_file], _env(), args.repeat)}


def report(name: str, data: dict) -> None:
    mb = data["mb"]
    print(f"{name}:")
    print(f"  corpus:   {data['files']} files, {mb:.2f} MB, {data['rules']} rules; {data['cpu']:.2f} s CPU "
          f"({mb / data['cpu']:.2f} MB/s), {data['wall']:.2f} s wall; {data['findings']} findings; "
          f"peak RSS {data['peak_mib']:.0f} MiB; config load {data['load_cpu']:.3f} s CPU")
    print(f"  floor:    {data['floor_cpu']:.3f} s CPU ({mb / data['floor_cpu']:.0f} MB/s): newslint takes "
          f"{data['cpu'] / data['floor_cpu']:.0f}x the floor")
    for mode, figures in data["latency"].items():
        print(f"  latency, {mode + ':':9} {figures['wall']:.3f} s wall, {figures['cpu']:.3f} s CPU (one file, cold process)")
    if "one_line" in data:
        line = data["one_line"]
        print(f"  one line: {line['mb']:.2f} MB in {line['cpu']:.2f} s CPU, {line['findings']} findings")
    if "by_rule" in data:
        total = sum(data["by_rule"].values())
        for rule, seconds in list(data["by_rule"].items())[:15]:
            print(f"    {rule:28} {seconds:6.3f} s  {100 * seconds / total:4.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--base", help="a reference checkout measured the same way (e.g. /work/wt/base)")
    parser.add_argument("--proselint", action="store_true", help="also time proselint on the same files")
    parser.add_argument("--config")
    parser.add_argument("--select", default="")
    parser.add_argument("--ignore", default="")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-file")
    parser.add_argument("--by-rule", action="store_true")
    parser.add_argument("--one-line", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ.get("NEWSLINT_BENCH_TREE", str(HERE)))
        print(json.dumps(measure(args)))
        return
    files = sorted(str(p) for p in Path(args.folder).rglob("*.txt"))
    args.latency_file = str(Path(args.latency_file or min(files, key=lambda p: abs(Path(p).stat().st_size - 2000))).resolve())
    ours = child(HERE, args)
    report(f"this tree ({HERE})", ours)
    if args.base:
        base = child(Path(args.base), args)
        report(f"base ({args.base})", base)
        print(f"ratio (base / this tree): corpus CPU {base['cpu'] / ours['cpu']:.2f}x faster, peak RSS "
              f"{ours['peak_mib'] / base['peak_mib']:.2f} of base; latency (wall, CPU) " + ", ".join(
                  f"{mode} {base['latency'][mode]['wall'] / ours['latency'][mode]['wall']:.2f}x, "
                  f"{base['latency'][mode]['cpu'] / ours['latency'][mode]['cpu']:.2f}x" for mode in ours["latency"]))
    if args.proselint:
        peer = proselint(args, files)
        if peer is None:
            print("proselint: not installed (pip install proselint to compare)")
        else:
            print(f"proselint: corpus {peer['cpu']:.2f} s CPU ({ours['mb'] / peer['cpu']:.2f} MB/s); latency "
                  f"{peer['latency']['wall']:.3f} s wall, {peer['latency']['cpu']:.3f} s CPU")
            print(f"ratio (proselint / this tree): corpus CPU {peer['cpu'] / ours['cpu']:.2f}; latency (wall, CPU) "
                  + ", ".join(f"{mode} {peer['latency']['wall'] / ours['latency'][mode]['wall']:.2f}, "
                              f"{peer['latency']['cpu'] / ours['latency'][mode]['cpu']:.2f}" for mode in ours["latency"]))


if __name__ == "__main__":
    main()
