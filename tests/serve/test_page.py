"""The playground's page (issue 19): the committed editor bundle, and the page driven
in Debian's chromium against the real ``sq serve`` (uvicorn on a free port).

The browser tests open a temporary copy of a model, read the cards, type edits and
check what changes and what does not, introduce a typo and read its underline and
message, save with Ctrl-S and read the file back, toggle log/CDF, select a binding for
its sensitivity table, and change a Calculator input. Screenshots go to a temporary
folder, or to ``$SQDSL_SCREENSHOTS`` when set (``SQDSL_SCREENSHOTS=docs/images python
-m pytest tests/serve/test_page.py -k readme`` regenerates docs/images/playground.png).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "tools" / "web"
STATIC = ROOT / "dsl" / "front" / "serve" / "static"
BUNDLE = STATIC / "editor.js"


# ---- the bundle, without a browser ----

def _pinned() -> dict[str, str]:
    package = json.loads((WEB / "package.json").read_text())
    return {**package["dependencies"], **package["devDependencies"]}


def _source_digest() -> str:
    """tools/web/build.mjs's sourceDigest: each source's path and bytes, in order."""
    files = ["package-lock.json"] + sorted(
        f"src/{p.name}" for p in (WEB / "src").glob("*.js"))
    h = hashlib.sha256()
    for f in files:
        h.update(f.encode() + b"\n")
        h.update((WEB / f).read_bytes())
        h.update(b"\n")
    return h.hexdigest()


def _header() -> str:
    text = BUNDLE.read_text(encoding="utf-8")
    assert text.startswith("/*!\n")
    return text[:text.index("*/")]


def test_versions_are_pinned_exactly_and_locked():
    lock = json.loads((WEB / "package-lock.json").read_text())["packages"]
    for name, version in _pinned().items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is not exact"
        assert lock[f"node_modules/{name}"]["version"] == version


def test_bundle_header_names_the_pinned_versions_and_licences():
    header = _header()
    for name, version in _pinned().items():
        if name == "esbuild":
            assert f"(esbuild {version})" in header
        else:
            assert f"  {name} {version} (MIT)" in header
    # every bundled package's licence text is in the header, CodeMirror's included
    assert "Copyright (C) 2018-2021 by Marijn Haverbeke" in header
    assert header.count("Permission is hereby granted") >= 2


def test_bundle_was_built_from_the_committed_sources():
    """The header's digest is that of tools/web/src and the lockfile: a source edited
    without rebuilding (npm run build) fails here."""
    match = re.search(r"sources sha256: ([0-9a-f]{64})", _header())
    assert match and match.group(1) == _source_digest()


@pytest.mark.skipif(not (WEB / "node_modules" / "esbuild").is_dir()
                    or shutil.which("node") is None,
                    reason="rebuilding needs node and tools/web/node_modules (npm ci)")
def test_rebuilding_gives_the_committed_bundle(tmp_path):
    out = tmp_path / "editor.js"
    subprocess.run(["node", "build.mjs", "--out", str(out)], cwd=WEB, check=True,
                   capture_output=True, timeout=120)
    assert out.read_bytes() == BUNDLE.read_bytes()


def test_page_loads_only_its_own_files():
    html = (STATIC / "index.html").read_text()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(sources) == ["/api/style.css", "/static/app.css", "/static/app.js",
                               "/static/editor.js"]
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        # no CDN, no web font: the one URL allowed is the SVG namespace
        urls = set(re.findall(r"https?://[^\s\"'`)]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not urls, f"{path.name} refers to {urls}"
        assert "@import" not in text and "@font-face" not in text


def test_static_files_are_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"front/serve/static/*"' in pyproject
