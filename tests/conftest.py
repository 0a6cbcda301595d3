"""Every test run keeps its parse cache (dsl/syntax/parse_cache.py) in a folder
of its own, removed at the end, never in the user's ~/.cache."""
import atexit
import os
import shutil
import tempfile

_FOLDER = tempfile.mkdtemp(prefix="sqdsl-test-cache-")
os.environ["SQDSL_CACHE_DIR"] = _FOLDER
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
