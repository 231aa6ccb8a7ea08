import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import atexit  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

# The config cache (newslint/configcache.py) of this test run, in a folder of its own, so no
# test reads an entry another run left in ~/.cache; subprocesses inherit it.
os.environ["NEWSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="newslint-test-cache-")
os.environ.pop("NEWSLINT_NO_CACHE", None)
atexit.register(shutil.rmtree, os.environ["NEWSLINT_CACHE_DIR"], ignore_errors=True)

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_scan_count(monkeypatch):
    """Each test starts as a fresh process does: no spans scored yet, so whether the spin scan reads
    files a batch ahead over arrays (swaps.batching()) never depends on which tests ran before.
    The tests of the array path (tests/test_swaparray.py) set the count themselves."""
    monkeypatch.setattr("newslint.swaps._scanned", 0)
