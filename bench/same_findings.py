"""Whether this tree reports exactly what a reference checkout reports (a check for speed work).

usage: python bench/same_findings.py FOLDER... [--base /work/wt/base] [--config FILE] [--select X]
Runs `newslint --format json --jobs 1` from the reference checkout (PYTHONPATH=BASE) and from this
tree on each folder, and compares the findings (every field the JSON report holds) and the
per-document figures. Prints one line per folder; exit 1 if any differs.
The reference's reports are cached under $TMPDIR keyed by its commit, folder and options.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def report(tree: Path, folder: str, extra: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "NEWSLINT_NO_CACHE": "1"}
    command = [sys.executable, "-m", "newslint", "--format", "json", "--jobs", "1", "--exit-zero", *extra, folder]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=str(tree))
    if done.returncode != 0:
        sys.exit(f"{tree}: newslint failed on {folder}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def cached_report(tree: Path, folder: str, extra: list[str]) -> dict:
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(tree), "status", "--porcelain"], capture_output=True, text=True).stdout
    if not commit or dirty.strip():
        return report(tree, folder, extra)
    key = hashlib.sha1(json.dumps([commit, str(Path(folder).resolve()), extra]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / "newslint-same-findings" / f"{key}.json"
    if cache.is_file():
        return json.loads(cache.read_text())
    data = report(tree, folder, extra)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(data))
    return data


def compare(folder: str, base: dict, ours: dict) -> bool:
    def keyed(findings: list[dict]) -> list[str]:
        return sorted(json.dumps(f, sort_keys=True) for f in findings)

    old, new = keyed(base["findings"]), keyed(ours["findings"])
    docs_same = sorted(map(json.dumps, base["documents"])) == sorted(map(json.dumps, ours["documents"]))
    same = old == new and docs_same
    print(f"{'same' if same else 'DIFFERENT'}: {folder}: {len(old)} findings before, {len(new)} after"
          + ("" if docs_same else ", document figures differ"))
    if not same:
        gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
        for line in gone[:5]:
            print(f"  - {line}")
        for line in added[:5]:
            print(f"  + {line}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--base", default="/work/wt/base")
    parser.add_argument("--config")
    parser.add_argument("--select")
    args = parser.parse_args()
    extra = (["--config", str(Path(args.config).resolve())] if args.config else []) + (
        ["--select", args.select] if args.select else [])
    results = [compare(f, cached_report(Path(args.base), str(Path(f).resolve()), extra),
                       report(HERE, str(Path(f).resolve()), extra)) for f in args.folders]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
