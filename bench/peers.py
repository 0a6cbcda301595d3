"""Install the peers on demand into a cache folder outside the repository.

- squigglepy: from PyPI into ``CACHE/venv`` (with its own numpy);
- Squiggle: ``@quri/squiggle-lang@0.10.0`` from npm into ``CACHE/node``, run through
  ``squiggle_runner.mjs``, which is copied there so that its import resolves.

Each ``ensure_*`` returns the command prefix that runs a model with that peer, or raises
``Unavailable`` with the reason, which the tables then show in the peer's column.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

__all__ = ["Unavailable", "default_cache", "ensure_squigglepy", "ensure_squiggle",
           "SQUIGGLE_VERSION"]

SQUIGGLE_VERSION = "0.10.0"
HERE = pathlib.Path(__file__).parent
RUNNER = HERE / "squiggle_runner.mjs"
# Node's default heap limit is too small for 200 bindings of 1M samples each.
NODE_HEAP_MB = 16_000


class Unavailable(Exception):
    """A peer could not be installed or found; the message says why."""


def default_cache() -> pathlib.Path:
    """``$SQDSL_BENCH_CACHE``, else ``~/.cache/sqdsl-bench``."""
    env = os.environ.get("SQDSL_BENCH_CACHE")
    return pathlib.Path(env) if env else pathlib.Path.home() / ".cache" / "sqdsl-bench"


def _call(argv: list, cwd: pathlib.Path | None = None, timeout: float = 900) -> None:
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Unavailable(f"{argv[0]}: {e}") from None
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"]
        raise Unavailable(f"{' '.join(map(str, argv[:3]))}: {last[0][:120]}")


def ensure_squigglepy(cache: pathlib.Path, log=print) -> list:
    """``[venv python]``: a virtualenv in the cache with squigglepy installed."""
    venv = cache / "venv"
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import squigglepy, numpy"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return [str(python)]
    log(f"installing squigglepy into {venv} ...")
    cache.mkdir(parents=True, exist_ok=True)
    _call([sys.executable, "-m", "venv", str(venv)])
    _call([str(python), "-m", "pip", "install", "--quiet", "squigglepy", "numpy"])
    _call(probe)
    return [str(python)]


def ensure_squiggle(cache: pathlib.Path, log=print) -> list:
    """``[node, flags, runner.mjs]``: squiggle-lang 0.10.0 installed in the cache."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        raise Unavailable("node not found")
    folder = cache / "node"
    package = folder / "node_modules" / "@quri" / "squiggle-lang" / "package.json"
    if not (package.exists() and f'"version": "{SQUIGGLE_VERSION}"' in package.read_text()):
        if npm is None:
            raise Unavailable("npm not found")
        log(f"installing @quri/squiggle-lang@{SQUIGGLE_VERSION} into {folder} ...")
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"private": true}\n')
        _call([npm, "install", "--no-audit", "--no-fund",
               f"@quri/squiggle-lang@{SQUIGGLE_VERSION}"], cwd=folder)
    runner = folder / RUNNER.name
    if not runner.exists() or runner.read_text() != RUNNER.read_text():
        shutil.copyfile(RUNNER, runner)
    return [node, f"--max-old-space-size={NODE_HEAP_MB}", str(runner)]
