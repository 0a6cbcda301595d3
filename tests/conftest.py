"""Every test run keeps its parse cache (dsl/parse_cache.py) in a folder of its own,
never in the user's ~/.cache."""
import os
import tempfile

os.environ["SQDSL_CACHE_DIR"] = tempfile.mkdtemp(prefix="sqdsl-test-cache-")
