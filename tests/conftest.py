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
