"""File discovery: the walk's order, its path strings and its folders left out."""
from __future__ import annotations

import os

import pytest

from newslint.sources import discover

INCLUDE = ("*.txt", "*.md")


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in ("a/1.txt", "a/b/2.txt", "a-b/3.txt", "a.b/4.md", "z.txt", "y.html",
                 ".hidden/5.txt", "node_modules/6.txt", "env/7.txt", "venv/8.txt", "venv/pyvenv.cfg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Text.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_is_walked_in_name_order_each_folder_where_its_name_falls(tree):
    # "a" < "a-b" < "a.b" < "env" by name, so a/b/2.txt comes before a-b/3.txt though "a-b" < "a/b" as strings.
    assert list(discover(["."], INCLUDE, ())) == ["a/1.txt", "a/b/2.txt", "a-b/3.txt", "a.b/4.md", "env/7.txt", "z.txt"]


@pytest.mark.parametrize("root, prefix", [("./a", "a/"), ("a//", "a/"), ("./a/./", "a/"), ("ABS/a/", "ABS/a/")])
def test_walked_paths_are_written_as_pathlib_writes_them(tree, root, prefix):
    root, prefix = (s.replace("ABS", str(tree)) for s in (root, prefix))
    assert list(discover([root], INCLUDE, ())) == [prefix + "1.txt", prefix + "b/2.txt"]
    assert list(discover(["./"], ("1.txt",), ())) == ["a/1.txt"]


def test_a_file_found_twice_is_linted_once_and_the_last_argument_is_walked_whole(tree):
    assert list(discover(["a/1.txt", "a", "."], INCLUDE, ("b/*",))) == ["a/1.txt", "a-b/3.txt", "a.b/4.md", "env/7.txt", "z.txt"]
    assert list(discover(["a", "a"], INCLUDE, ())) == ["a/1.txt", "a/b/2.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_linked_folder_is_walked_and_a_dangling_link_is_a_file_to_read(tree):
    os.symlink("a/b", "linked")
    os.symlink("missing.txt", "dangling.txt")
    found = list(discover(["."], ("*.txt",), ()))
    assert "linked/2.txt" in found and "dangling.txt" in found
