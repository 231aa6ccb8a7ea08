"""A non-editable install from a built wheel works from any folder: the rule sets travel inside it."""
import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(work.glob("newslint-*.whl"))
    env_dir = work / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    # The dependencies (and pip) come from this test run's environment, after the env's own site-packages:
    # not from the base interpreter's, which on a fresh machine (Debian's python3) has none of them.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (Path(site) / "test-run-dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return wheel, env_dir


def test_wheel_carries_the_rule_sets(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/_rules/sets/default.yaml" in names
    assert any(n.startswith("newslint/_rules/paraphrase/") for n in names)


def test_installed_command_runs_from_another_folder(installed, tmp_path):
    _, env_dir = installed
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    command = env_dir / "bin" / "newslint"
    result = subprocess.run([str(command), "--format", "json", "seeds"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 5 and report["findings"]
    module = subprocess.run([str(env_dir / "bin" / "python"), "-m", "newslint", "rules"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert module.returncode == 0 and "spun-phrases" in module.stdout
    # The installed copy, not this checkout, answered.
    where = subprocess.run([str(env_dir / "bin" / "python"), "-c", "import newslint.config as c; print(c.rules_root())"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert "_rules" in where.stdout and str(ROOT) not in where.stdout


def test_installed_package_carries_and_loads_the_spin_model(installed, tmp_path):
    wheel, env_dir = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "newslint/data/spinmodel.bin.gz" in names and "newslint/data/collocations.bin.gz" not in names
    assert "newslint/data/spinphrases.tsv.gz" in names and "newslint/data/spintrigrams.bin.gz" in names
    probe = ("import newslint.spinmodel as m, newslint.swaps as s; t = m.model(); i = t.ids; "
             "print(m.__file__, len(t.vocab), [x.fix for x in s.analyse('Sales of unsettled phones rose.').suspects],"
             " s.fitted()['phrases'], 'inside', t.inside('rank and file') > -3,"
             " 'trigram', m.trigrams().logprob(t, i['rank'], i['and'], i['file']) > -1)")
    result = subprocess.run([str(env_dir / "bin" / "python"), "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert str(ROOT) not in result.stdout and "'mobile'" in result.stdout and "min-confidence" in result.stdout
    assert "inside True" in result.stdout  # the phrase table ships and loads too
    assert "trigram True" in result.stdout  # and the trigram table


def test_installed_package_carries_and_loads_the_boilerplate_model(installed, tmp_path):
    wheel, env_dir = installed
    assert "newslint/data/boilerplate_model.json" in zipfile.ZipFile(wheel).namelist()
    (tmp_path / "a.txt").write_text("Bus lanes approved\nThe council voted on Tuesday to add bus lanes on four "
                                    "roads, a plan it says will cut journey times.\nPlayer | Pos | Stats |\n")
    result = subprocess.run([str(env_dir / "bin" / "newslint"), "a.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert "a.txt:3:1: warning [boilerplate-line] table row left in the text" in result.stdout, result.stderr
