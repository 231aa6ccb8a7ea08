"""The pre-commit hook as another repository uses it: real git, real pre-commit, real commits.

pre-commit clones the hook repository and pip-installs newslint into its own environment, so
this test needs PyPI (for hatchling and pyyaml); it builds that environment once per run in a
temporary PRE_COMMIT_HOME.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "newslint", "rules")
SPUN = "Gallant is scheduled to fulfill with Jake Sullivan.\n"
CLEAN = "Gallant is scheduled to meet with Jake Sullivan.\n"


def _git(cwd, env, *args):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A git repository holding this checkout's hook files, committed, and an environment for git."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("pre-commit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(base / "cache"))
    repo = base / "newslint"
    repo.mkdir()
    for name in HOOK_REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", ".")
    _git(repo, env, "commit", "-q", "-m", "newslint hook")
    revision = _git(repo, env, "rev-parse", "HEAD").stdout.strip()
    return repo, revision, env


def test_hook_passes_clean_copy_and_blocks_spun_copy(hook_repo, tmp_path):
    repo, revision, env = hook_repo
    articles = tmp_path / "articles"
    articles.mkdir()
    _git(articles, env, "init", "-q")
    (articles / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {revision}\n    hooks:\n      - id: newslint\n")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=articles, env=env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr

    (articles / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (articles / "notes.csv").write_text(SPUN, encoding="utf-8")  # not a type the hook reads
    _git(articles, env, "add", ".")
    clean = subprocess.run(["git", "commit", "-m", "clean article"], cwd=articles, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "newslint" in clean.stdout + clean.stderr and "Passed" in clean.stdout + clean.stderr

    (articles / "spun.md").write_text("# Visit\n\n" + SPUN, encoding="utf-8")
    (articles / "page.html").write_text(f"<html><body>\n<p>{SPUN}</p>\n</body></html>\n", encoding="utf-8")
    _git(articles, env, "add", "spun.md", "page.html")
    spun = subprocess.run(["git", "commit", "-m", "spun article"], cwd=articles, env=env, capture_output=True, text=True)
    output = spun.stdout + spun.stderr
    assert spun.returncode != 0, output
    assert "Failed" in output
    assert "spun.md:3:25: warning [spun-phrases]" in output
    assert "page.html:2:28: warning [spun-phrases]" in output
    log = _git(articles, env, "log", "--format=%s").stdout.split("\n")
    assert log[0] == "clean article"


def _readme_snippet(repo) -> str:
    """The README's pre-commit snippet as a user pastes it, pointing at the local hook repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit"):]
    snippet = section[section.index("```yaml\n") + 8:section.index("```\n", section.index("```yaml\n") + 8)]
    url = re.search(r"repo: (\S+)", snippet).group(1)
    return snippet.replace(url, str(repo))


def test_readme_snippet_pins_a_commit_and_the_hook_honours_exclude(hook_repo, tmp_path):
    repo, revision, env = hook_repo
    articles = tmp_path / "articles"
    (articles / "drafts").mkdir(parents=True)
    _git(articles, env, "init", "-q")
    (articles / ".pre-commit-config.yaml").write_text(_readme_snippet(repo), encoding="utf-8")
    pin = subprocess.run([sys.executable, "-m", "pre_commit", "autoupdate", "--bleeding-edge", "--freeze"],
                         cwd=articles, env=env, capture_output=True, text=True)
    assert pin.returncode == 0, pin.stdout + pin.stderr
    pinned = (articles / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.search(rf"^    rev: {revision}\b", pinned, re.M), pinned
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=articles, env=env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr

    (articles / ".newslint.yaml").write_text('exclude: ["drafts/*"]\n', encoding="utf-8")
    (articles / "drafts" / "wip.txt").write_text(SPUN, encoding="utf-8")
    _git(articles, env, "add", ".")
    drafts = subprocess.run(["git", "commit", "-m", "drafts only"], cwd=articles, env=env, capture_output=True,
                            text=True)
    assert drafts.returncode == 0, drafts.stdout + drafts.stderr
    assert "Passed" in drafts.stdout + drafts.stderr

    (articles / "drafts" / "wip2.txt").write_text(SPUN, encoding="utf-8")
    (articles / "story.txt").write_text(SPUN, encoding="utf-8")
    _git(articles, env, "add", ".")
    mixed = subprocess.run(["git", "commit", "-m", "story"], cwd=articles, env=env, capture_output=True, text=True)
    output = mixed.stdout + mixed.stderr
    assert mixed.returncode != 0, output
    assert "story.txt:1:25: warning [spun-phrases]" in output and "wip2.txt" not in output
