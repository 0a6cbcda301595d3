"""Headless Chromium for the screenshot tests: render an HTML page to PNG and tell a
blank picture from a drawn one.

The browser is Debian's ``chromium`` package (``.ci/run`` installs it when missing),
driven by Playwright for Python with ``executable_path``: Playwright's own browser
download is never used, so nothing but the package registries is needed.
``unavailable()`` says why the tests cannot run (they skip with that reason); the
tests never pass without a browser.
"""
from __future__ import annotations

import io
import os
import shutil
from typing import Optional

__all__ = ["CHROMIUM_PATHS", "chromium_path", "unavailable", "Browser", "pixel_stats",
           "is_blank"]

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> Optional[str]:
    """Debian's chromium, or ``$SQDSL_CHROMIUM`` when set, or None."""
    candidates = [os.environ.get("SQDSL_CHROMIUM"), *CHROMIUM_PATHS,
                  shutil.which("chromium")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def unavailable() -> Optional[str]:
    """Why screenshots cannot be taken here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install '.[test]')"
    try:
        import PIL  # noqa: F401
    except ImportError:
        return "Pillow is not installed (pip install '.[test]')"
    if chromium_path() is None:
        return ("no chromium at " + " or ".join(CHROMIUM_PATHS)
                + " (apt-get install chromium; .ci/run does)")
    return None


class Browser:
    """One headless Chromium for many screenshots (starting it takes a second)::

        with Browser() as b:
            png = b.png("<p>hi</p>", width=640)
    """

    def __init__(self, executable: Optional[str] = None):
        self.executable = executable or chromium_path()
        self._playwright = None
        self._browser = None

    def __enter__(self) -> "Browser":
        from playwright.sync_api import sync_playwright
        self._playwright = sync_playwright().start()
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        self._browser = self._playwright.chromium.launch(
            executable_path=self.executable, args=["--no-sandbox"])
        return self

    def __exit__(self, *exc) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def png(self, html: str, width: int = 640, height: int = 200) -> bytes:
        """The page ``html`` as PNG bytes: ``width`` CSS pixels wide and as tall as
        its content (at least ``height``). The page may not fetch anything: a
        request leaving it (a font, a CDN script) fails the call."""
        page = self._browser.new_page(viewport={"width": width, "height": height})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url)
                if not r.url.startswith(("data:", "about:")) else None)
        try:
            page.set_content(html, wait_until="load")
            shot = page.screenshot(full_page=True, type="png")
        finally:
            page.close()
        if requests:
            raise AssertionError(f"the page fetched {requests}: views must be "
                                 "self-contained")
        return shot


def pixel_stats(png: bytes) -> dict:
    """Size, distinct colours and the grey-level standard deviation of a PNG."""
    from PIL import Image, ImageStat
    image = Image.open(io.BytesIO(png)).convert("RGB")
    grey = image.convert("L")
    colours = image.getcolors(maxcolors=1 << 20)
    return {"width": image.width, "height": image.height,
            "colours": len(colours) if colours is not None else 1 << 20,
            "stdev": ImageStat.Stat(grey).stddev[0],
            "dark_share": sum(grey.histogram()[:128]) / (image.width * image.height)}


def is_blank(png: bytes, min_stdev: float = 2.0) -> bool:
    """True when a picture is one flat colour or nearly so (a white page, a page of
    nothing but its background): fewer than 3 colours or a grey-level standard
    deviation under ``min_stdev``."""
    stats = pixel_stats(png)
    return stats["colours"] < 3 or stats["stdev"] < min_stdev
