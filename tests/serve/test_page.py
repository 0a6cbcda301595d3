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

import contextlib
import hashlib
import os
import json
import re
import shutil
import subprocess
import sys
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
    sources = [s for s in re.findall(r'(?:src|href)="([^"]+)"', html)
               if s != "data:,"]   # the empty icon: no request for /favicon.ico
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


# ---- the page in a browser, against the real server ----

sys.path.insert(0, str(ROOT / "tests" / "render"))
from browser import chromium_path, is_blank, unavailable  # noqa: E402  (the SVG tests' harness)

MODEL = """\
// A small model for the playground's tests
@doc("Workers in the city")
workers = 1000 to 5000
@name("Hourly wage")
wage = 20 to 40
cost = workers * wage * 8
fixed = normal(100, 10)
@hide
secret = 42
area(r: [0, 10]) = 3.14159 * r ^ 2
calc = Calculator.make({|a, b| a * b}, {title: "Product", inputs: [Input.text({name: "a", default: "3"}), Input.text({name: "b", default: "2"})]})
cost / 1000
"""
SAMPLES = 20_000
TIMEOUT_MS = 30_000
NO_BROWSER = unavailable()
try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError:
    NO_BROWSER = NO_BROWSER or 'the serve extra is not installed (pip install ".[serve]")'
browser_test = pytest.mark.skipif(NO_BROWSER is not None, reason=f"no browser: {NO_BROWSER}")


@contextlib.contextmanager
def _serving(folder: Path, files: list[str], samples: int):
    """``sq serve FILES --port 0`` in ``folder`` (a subprocess); yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dsl", "serve", *files, "--port", "0", "--no-browser",
         "--samples", str(samples)],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if not match:
            proc.kill()
            raise AssertionError(f"sq serve said {line!r}; stderr: {proc.stderr.read()}")
        _wait_listening(match.group(1))
        yield match.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_listening(url: str, seconds: float = 20.0) -> None:
    """Until the server accepts connections (it prints its URL just before it binds)."""
    import socket
    import time
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``sq serve`` on a free port over a folder holding model.sq (model 0), saved.sq
    (model 1, the one the save test writes) and reloaded.sq (model 2, changed on disk
    by the reload test)."""
    folder = tmp_path_factory.mktemp("playground")
    (folder / "model.sq").write_text(MODEL)
    (folder / "saved.sq").write_text(MODEL)
    (folder / "reloaded.sq").write_text(MODEL)
    with _serving(folder, ["model.sq", "saved.sq", "reloaded.sq"], SAMPLES) as url:
        yield url, folder


def _shot(page, name: str, tmp_path: Path) -> bytes:
    """A screenshot of the page, kept in ``$SQDSL_SCREENSHOTS`` when set (else in the
    test's temporary folder), checked to be a picture and not a blank page."""
    folder = Path(os.environ.get("SQDSL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(folder / f"{name}.png"), type="png")
    assert not is_blank(png)
    return png


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(server, chromium):
    """The playground's page of model.sq, its first run shown; fails the test on a
    script error or a request leaving the server."""
    url, _ = server
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("request", lambda r: None if r.url.startswith((url, "data:", "ws://127.0.0.1"))
            else problems.append(f"request to {r.url}"))
    _open(page, url + "m/0")
    yield page
    page.close()
    assert not problems, problems


# the page's CodeMirror view (the bundle exports EditorView for this)
VIEW = "SqEditor.EditorView.findFromDOM(document.querySelector('.cm-editor'))"


def _open(page, url: str) -> None:
    """Go to a model's page and wait for its first result and for the builtins (the
    completion list, which colours them) in its editor."""
    page.goto(url)
    _wait_runs(page, 1)
    page.wait_for_function("Number(document.body.dataset.builtins || 0) > 0",
                           timeout=TIMEOUT_MS)


def _runs(page) -> int:
    return int(page.evaluate("document.body.dataset.runs || '0'"))


def _wait_runs(page, count: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.runs || 0) >= {count}",
                           timeout=TIMEOUT_MS)


def _cards(page) -> dict[str, str]:
    """Each visible card's title -> its body's text."""
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.pg-card:not([hidden])')].map(c => [
            c.querySelector('.pg-card-name').textContent,
            c.querySelector('.pg-card-body').innerText]))""")


def _editor_text(page) -> str:
    return page.evaluate(f"() => {VIEW}.state.doc.toString()")


def _go_to(page, needle: str, after: bool = True) -> None:
    """Put the editor's cursor just after (or before) the first ``needle``."""
    page.evaluate("""([needle, after]) => {
        const view = """ + VIEW + """;
        const at = view.state.doc.toString().indexOf(needle);
        if (at < 0) throw new Error('not in the editor: ' + needle);
        view.dispatch({selection: {anchor: after ? at + needle.length : at}});
        view.focus();
    }""", [needle, after])


def _edit(page, needle: str, backspaces: int, typed: str) -> None:
    """Type in the editor as a person: after ``needle``, delete ``backspaces``
    characters and type ``typed``; then wait for the result of the final text (on a
    busy machine a pause between keys may exceed the debounce and send a half-typed
    text first)."""
    _go_to(page, needle)
    for _ in range(backspaces):
        page.keyboard.press("Backspace")
    page.keyboard.type(typed, delay=20)
    _wait_typed(page)


def _wait_typed(page) -> None:
    """Until the page shows the result of the last edit sent, and no edit waits."""
    page.wait_for_function("""() => { const d = document.body.dataset;
        return !d.pending && d.edit !== undefined && d.result === d.edit; }""",
                           timeout=TIMEOUT_MS)


def _card(page, title: str):
    return page.locator(f".pg-card:has(.pg-card-name:text-is('{title}'))")


@browser_test
def test_cards_show_each_binding_in_order_with_doc_and_hide(page):
    titles = page.locator(".pg-card:not([hidden]) .pg-card-name").all_text_contents()
    assert titles == ["workers", "Hourly wage", "cost", "fixed", "area", "calc", "result"]
    assert page.locator(".pg-card[data-name='secret']").is_hidden()
    assert page.locator("#pg-hidden-note").text_content() == "1 binding hidden by @hide"
    assert _card(page, "workers").locator(".pg-card-doc").text_content() == "Workers in the city"
    cards = _cards(page)
    # 20,000 samples of 1000 to 5000: the 5% and 95% quantiles are 1k and 5k
    assert re.search(r"5%\s+25%.*\n.*\b1k\b.*\b5k\b", cards["workers"])
    assert "Product" in cards["calc"] and "6" in cards["calc"]
    # the distribution cards carry their chart; the function card its line
    assert _card(page, "cost").locator("svg.sq-chart.sq-histogram").count() == 1
    assert _card(page, "area").locator("svg.sq-chart.sq-line").count() == 1
    assert page.locator("#pg-file").text_content() == "model.sq"


# what the highlighting test shows the editor beside MODEL: comments and strings over
# several lines, numbers with suffixes, names with $, pointwise operators, a keyword as
# a member, a decorator, a number run into a name, an escaped quote
TRICKY = """\
/* a block
   comment */ x$1 = 2.5e3k + .5m + 90minutes // a line comment
s = "over
two lines" + 'it\\'s'
y = Dist.to(1, 2) -> List.map({|v| v .* 2 .^ 0.5}) ? 1 : 0
@name("n") z = 1x + -3
w = if true then 1 to 2 else 3
"""


def _classes_shown(page) -> dict:
    """The editor's text, character by character: offset -> its sq-tok- class."""
    return page.evaluate("""() => {
        const out = {};
        let offset = 0;
        for (const line of document.querySelectorAll('.cm-content .cm-line')) {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const span = node.parentElement.closest('[class*="sq-tok-"]');
                const cls = span ? [...span.classList].find(c => c.startsWith('sq-tok-')) : null;
                for (let i = 0; i < node.length; i++) out[offset + i] = cls && cls.slice(7);
                offset += node.length;
            }
            offset += 1;  // the newline
        }
        return out;
    }""")


@browser_test
@pytest.mark.parametrize("which", ["model", "tricky"])
def test_highlighting_uses_the_repls_token_classes(page, which):
    """Every character the REPL colours has the same class in the editor (brackets
    aside: the REPL gives them no colour, the editor none either)."""
    from dsl import Session
    from dsl.front.serve.assist import tokens
    text = MODEL if which == "model" else TRICKY
    if which == "tricky":
        page.evaluate(f"""text => {{ const v = {VIEW};
            v.dispatch({{changes: {{from: 0, to: v.state.doc.length, insert: text}}}}); }}""",
                      text)
        assert _editor_text(page) == text
    expected = {}
    for start, end, kind in tokens(text, Session().registry):
        for i in range(start, end):
            if text[i] not in "()[]{} \n":
                expected[i] = kind
    shown = _classes_shown(page)
    wrong = {i: (text[i], kind, shown.get(str(i))) for i, kind in expected.items()
             if shown.get(str(i)) != kind}
    assert not wrong, wrong
    kinds = set(expected.values())
    assert {"keyword", "number", "string", "comment", "namespace", "member", "decorator",
            "operator", "name"} <= kinds
    assert ("builtin" if which == "model" else "error") in kinds


@browser_test
def test_an_edit_changes_the_dependent_cards_only(page):
    before = _cards(page)
    # mark each card's drawing: a card the server does not resend keeps its node
    page.evaluate("""() => document.querySelectorAll('.pg-card:not([hidden]) .pg-card-body > *')
        .forEach(n => { n.dataset.probe = n.closest('.pg-card').dataset.name; })""")
    _edit(page, "wage = 20 to 40", 2, "80")      # wage = 20 to 80
    after = _cards(page)
    for title in ("Hourly wage", "cost", "result"):
        assert after[title] != before[title], title
    for title in ("workers", "fixed", "area", "calc"):
        assert after[title] == before[title], title
    probes = page.evaluate("""() => [...document.querySelectorAll('[data-probe]')]
        .map(n => n.dataset.probe).sort()""")
    assert probes == ["area", "calc", "fixed", "workers"]
    # the new 95% quantile of wage is 80
    assert re.search(r"\b20\b.*\b80\b", after["Hourly wage"].splitlines()[1])
    assert not page.locator("#pg-dirty").is_hidden()   # not saved


@browser_test
def test_removing_a_binding_drops_its_card(page):
    _edit(page, "fixed = normal(100, 10)", len("fixed = normal(100, 10)\n"), "")
    assert "fixed" not in _editor_text(page)
    assert _card(page, "fixed").count() == 0
    titles = page.locator(".pg-card:not([hidden]) .pg-card-name").all_text_contents()
    assert titles == ["workers", "Hourly wage", "cost", "area", "calc", "result"]


@browser_test
def test_a_typo_is_underlined_with_its_message_and_fixed(page, tmp_path):
    _edit(page, "cost = workers * wage", 2, "")   # cost = workers * wa * 8
    underline = page.locator(".cm-lintRange-error")
    underline.first.wait_for(timeout=TIMEOUT_MS)
    assert underline.count() == 1 and underline.text_content() == "wa"
    error = page.locator("#pg-errors .pg-error")
    assert error.count() == 1
    assert "line 6, column 18" in error.text_content()
    assert "wa" in error.locator(".pg-error-message").text_content()
    assert page.locator("#pg-cards.pg-stale").count() == 1     # the cards are the old run's
    underline.hover()
    tooltip = page.locator(".cm-tooltip-lint")
    tooltip.wait_for(timeout=5000)
    assert error.locator(".pg-error-message").text_content().splitlines()[0] in \
        tooltip.text_content()
    assert page.locator("#pg-status").text_content() == "1 error"
    _shot(page, "playground_error", tmp_path)

    _edit(page, "cost = workers * wa", 0, "ge")   # cost = workers * wage * 8 again
    assert page.locator(".cm-lintRange-error").count() == 0
    assert page.locator("#pg-errors").is_hidden()
    assert page.locator("#pg-cards.pg-stale").count() == 0


@browser_test
def test_a_syntax_error_is_underlined_at_its_place(page):
    _edit(page, "fixed = normal(100, 10)", 1, "")     # normal(100, 10  : no ")"
    page.locator(".cm-lintRange-error").first.wait_for(timeout=TIMEOUT_MS)
    kind = page.locator("#pg-errors .pg-error-kind").text_content()
    assert kind.startswith("SyntaxError")
    assert page.locator(".cm-lint-marker-error").count() == 1   # the gutter's mark too


@browser_test
def test_ctrl_s_saves_the_file(server, chromium):
    url, folder = server
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    try:
        _open(page, url + "m/1")
        assert page.locator("#pg-file").text_content() == "saved.sq"
        assert page.locator("#pg-dirty").is_hidden()
        _edit(page, "fixed = normal(100, 10)", 0, "\nextra = fixed * 2")
        assert not page.locator("#pg-dirty").is_hidden()
        page.keyboard.press("Control+s")
        page.wait_for_function("document.getElementById('pg-status').textContent"
                               ".startsWith('saved')", timeout=TIMEOUT_MS)
        saved = (folder / "saved.sq").read_text()
        assert saved == _editor_text(page)
        assert "fixed = normal(100, 10)\nextra = fixed * 2\n@hide" in saved
        assert page.locator("#pg-dirty").is_hidden()
        assert _card(page, "extra").count() == 1
    finally:
        page.close()


@browser_test
def test_an_untitled_model_is_saved_as_a_new_file(chromium, tmp_path):
    with _serving(tmp_path, [], SAMPLES) as url:
        page = chromium.new_page(viewport={"width": 1200, "height": 800})
        try:
            _open(page, url + "m/0")
            assert page.locator("#pg-file").text_content() == "untitled.sq"
            assert page.locator(".pg-card").count() == 0
            _go_to(page, "")
            page.keyboard.type("x = 2 to 8", delay=20)
            _card(page, "x").wait_for(timeout=TIMEOUT_MS)
            asked = []
            page.once("dialog", lambda d: (asked.append(d.message), d.accept("first.sq")))
            page.keyboard.press("Control+s")
            page.wait_for_function("document.getElementById('pg-status').textContent"
                                   " === 'saved first.sq'", timeout=TIMEOUT_MS)
            assert "new .sq file" in asked[0]
            assert (tmp_path / "first.sq").read_text() == "x = 2 to 8"
            assert page.locator("#pg-file").text_content() == "first.sq"
            # the next save writes the same file without asking
            page.keyboard.type("0", delay=20)
            page.keyboard.press("Control+s")
            page.wait_for_function("document.getElementById('pg-dirty').hidden",
                                   timeout=TIMEOUT_MS)
            assert (tmp_path / "first.sq").read_text() == "x = 2 to 80"
        finally:
            page.close()


@browser_test
def test_a_change_on_disk_reloads_the_page(server, chromium):
    url, folder = server
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    try:
        _open(page, url + "m/2")
        runs = _runs(page)
        (folder / "reloaded.sq").write_text(MODEL.replace("fixed = normal(100, 10)",
                                                          "fixed = normal(500, 10)"))
        _wait_runs(page, runs + 1)     # polled once a second
        assert "fixed = normal(500, 10)" in _editor_text(page)
        assert re.search(r"\b500\b", _cards(page)["fixed"])
        assert page.locator("#pg-dirty").is_hidden()
    finally:
        page.close()


@browser_test
def test_cdf_toggle_redraws_the_chart(page):
    card = _card(page, "fixed")
    assert card.locator("svg.sq-histogram").count() == 1
    card.locator(".pg-toggle-option:text-is('CDF')").click()
    card.locator("svg.sq-cdf").wait_for(timeout=TIMEOUT_MS)
    assert card.locator("svg.sq-histogram").count() == 0
    assert card.locator(".pg-toggle-option:text-is('CDF')").get_attribute("aria-pressed") == "true"
    # the other cards keep their histograms
    assert _card(page, "cost").locator("svg.sq-histogram").count() == 1
    # and back
    card.locator(".pg-toggle-option:text-is('PDF')").click()
    card.locator("svg.sq-histogram").wait_for(timeout=TIMEOUT_MS)


@browser_test
def test_selecting_a_card_shows_its_sensitivity(page):
    card = _card(page, "cost")
    card.locator(".pg-card-head .pg-card-type").click()
    assert card.get_attribute("aria-selected") == "true"
    table = card.locator(".pg-sensitivity table")
    table.first.wait_for(timeout=TIMEOUT_MS)
    rows = table.first.locator("tbody tr").all_inner_texts()
    inputs = [row.split("\t")[0] for row in rows]
    # cost = workers * wage * 8: both inputs, workers (a 5x range) before wage (2x)
    assert inputs[:2] == ["workers", "wage"]
    assert "fixed" not in inputs
    assert card.locator(".pg-sensitivity svg").count() >= 1   # the tornado
    # another card: the selection moves
    _card(page, "fixed").locator(".pg-card-type").click()
    assert card.get_attribute("aria-selected") == "false"
    assert card.locator(".pg-sensitivity").is_hidden()


@browser_test
def test_calculator_inputs_recompute_its_result(page, tmp_path):
    card = _card(page, "calc")
    result = card.locator(".sq-result")
    assert "6" in result.inner_text()
    field = card.locator("input[name=field1]")
    field.fill("5")
    page.wait_for_function("""() => document.querySelector(".pg-card[data-name='calc'] "
        + ".sq-result").innerText.trim() === 'result\\n15'""", timeout=TIMEOUT_MS)
    card.scroll_into_view_if_needed()
    _shot(page, "playground_calculator", tmp_path)
    field.fill("5 +")
    card.locator(".sq-result .sq-error").wait_for(timeout=TIMEOUT_MS)
    # the fields keep what was typed; the editor's text is untouched
    assert field.input_value() == "5 +"
    assert _editor_text(page) == MODEL


@browser_test
def test_completion_offers_builtins_with_signatures(page):
    _go_to(page, "cost / 1000")
    page.keyboard.press("Enter")
    page.keyboard.type("List.ma", delay=30)
    options = page.locator(".cm-tooltip-autocomplete li")
    options.first.wait_for(timeout=5000)
    labels = page.locator(".cm-tooltip-autocomplete .cm-completionLabel").all_text_contents()
    assert "List.map" in labels, labels
    details = page.locator(".cm-tooltip-autocomplete li").all_inner_texts()
    item = details[labels.index("List.map")]
    assert "List.map(xs: List, fn: Function) -> List" in item, item
    page.keyboard.press("Escape")


@browser_test
def test_brackets_are_matched(page):
    _go_to(page, "normal(100, 10)")     # the cursor after the ')'
    matched = page.locator(".cm-matchingBracket")
    matched.first.wait_for(timeout=5000)
    assert sorted(matched.all_text_contents()) == ["(", ")"]


@browser_test
def test_samples_and_seed_are_settable(page):
    runs = _runs(page)
    page.fill("#pg-samples", "5000")
    page.press("#pg-samples", "Enter")
    _wait_runs(page, runs + 1)
    assert "5,000 samples" in page.locator("#pg-status").text_content()
    bars = "() => document.querySelector(\".pg-card[data-name='fixed'] .sq-bars\").outerHTML"
    before = page.evaluate(bars)
    page.fill("#pg-seed", "7")
    page.press("#pg-seed", "Enter")
    _wait_runs(page, runs + 2)
    assert page.evaluate(bars) != before    # other samples, another histogram


@browser_test
def test_a_card_being_recomputed_shows_progress(page):
    """Bindings slow enough for progress messages (the server sends them once a run
    has taken 0.1 s): the card being computed is marked busy, and unmarked when the
    result comes."""
    slow = ("\nslow = List.upTo(1, 8000) -> List.map({|i| i * 2}) -> List.length"
            "\nslower = List.upTo(1, slow) -> List.map({|i| i * 2}) -> List.length")
    _edit(page, "fixed = normal(100, 10)", 0, slow)
    assert slow + "\n" in _editor_text(page)
    page.locator(".pg-card[data-name='slower']").wait_for(timeout=TIMEOUT_MS)
    page.evaluate("""() => {
        window.busySeen = [];
        new MutationObserver(() => document.querySelectorAll('.pg-card.pg-busy')
            .forEach(c => window.busySeen.push(c.dataset.name)))
          .observe(document.getElementById('pg-cards'),
                   {attributes: true, subtree: true, attributeFilter: ['class']});
    }""")
    _edit(page, "List.upTo(1, 8000", 1, "1")      # 8001 items: both are recomputed
    assert "slower" in page.evaluate("window.busySeen"), \
        page.locator("#pg-status").text_content()
    assert page.locator(".pg-card.pg-busy").count() == 0
    assert _cards(page)["slower"].strip() == "8001"


@browser_test
def test_log_toggle_redraws_the_axis(page):
    card = _card(page, "cost")
    axis = card.locator("svg.sq-chart g.sq-axis.sq-x")
    assert axis.get_attribute("data-scale") == "linear"
    card.locator(".pg-toggle-option:text-is('log')").click()
    page.wait_for_function("""() => !document.querySelector(".pg-card[data-name='cost']")
        .classList.contains('pg-busy')""", timeout=TIMEOUT_MS)
    assert axis.get_attribute("data-scale") == "log"
    assert card.locator(".pg-toggle-option:text-is('log')").get_attribute("aria-pressed") == "true"
    # log and CDF together, and the choice outlives a run that recomputes the card
    card.locator(".pg-toggle-option:text-is('CDF')").click()
    card.locator("svg.sq-cdf").wait_for(timeout=TIMEOUT_MS)
    assert axis.get_attribute("data-scale") == "log"
    _edit(page, "cost = workers * wage * 8", 1, "9")
    page.wait_for_function("""() => { const c = document.querySelector(
        ".pg-card[data-name='cost']"); return !c.classList.contains('pg-busy')
        && c.querySelector('svg.sq-cdf g.sq-axis.sq-x[data-scale=log]'); }""",
                           timeout=TIMEOUT_MS)
    # a distribution with negative samples has no log axis: the toggle stays on lin
    fixed = _card(page, "result")
    _edit(page, "cost / 1000", 0, " - 700")
    fixed.locator(".pg-toggle-option:text-is('log')").click()
    page.wait_for_function("""() => !document.querySelector(".pg-card[data-name='']")
        .classList.contains('pg-busy')""", timeout=TIMEOUT_MS)
    assert fixed.locator("g.sq-axis.sq-x").get_attribute("data-scale") == "linear"
    assert fixed.locator(".pg-toggle-option:text-is('lin')").get_attribute("aria-pressed") == "true"


@browser_test
def test_readme_screenshot(chromium, tmp_path):
    """examples/takeoff_ratio.sq at the default 100,000 samples, the ratio selected
    with its sensitivity pane and its definition shown in the editor: the picture in
    the README (docs/images/playground.png, regenerated with SQDSL_SCREENSHOTS=docs/images)."""
    shutil.copy(ROOT / "examples" / "takeoff_ratio.sq", tmp_path / "takeoff_ratio.sq")
    with _serving(tmp_path, ["takeoff_ratio.sq"], 100_000) as url:
        page = chromium.new_page(viewport={"width": 1360, "height": 860})
        try:
            _open(page, url + "m/0")
            card = _card(page, "Takeoff ratio")
            card.locator(".pg-card-type").click()
            card.locator(".pg-sensitivity table").first.wait_for(timeout=TIMEOUT_MS)
            card.locator(".pg-card-name").click()       # the editor shows its definition
            assert "ratio = " in page.evaluate(
                f"() => {{ const v = {VIEW}; const s = v.state.selection.main;"
                " return v.state.sliceDoc(s.from, s.to); }")
            page.evaluate("""() => document.querySelector(".pg-card[data-name='ratio']")
                .scrollIntoView({block: 'start'})""")
            page.mouse.move(0, 0)
            page.wait_for_timeout(700)    # the cards' flash after a result has faded
            png = _shot(page, "playground", tmp_path)
        finally:
            page.close()
    from browser import pixel_stats
    assert pixel_stats(png)["width"] == 1360
