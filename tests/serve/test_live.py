"""A page's session over the WebSocket: cards, edits recomputing only what changed,
errors with spans, calculators, sensitivity, settings, the editor's helpers."""
from __future__ import annotations

import math

from scipy import stats

from serve_helpers import MODEL


def cards_by_name(result: dict) -> dict:
    return {card["name"]: card for card in result["cards"]}


def test_open_sends_the_file_and_every_card(page):
    hello, result = page.opened()
    assert hello["text"] == MODEL and hello["protocol"] == 1
    assert hello["path"] == "model.sq" and hello["samples"] == 2_000 and hello["seed"] == 1
    assert "builtin" in hello["token_classes"]
    assert result["ok"] and result["order"] == ["a", "b", "c"]
    cards = cards_by_name(result)
    assert set(cards) == {"a", "b", "c"}
    for card in cards.values():
        assert card["type"] == "Distribution" and card["value"]["type"] == "dist"
        assert '<svg' in card["html"] and card["html"].startswith('<div class="sq-binding">')
    # a = 1 to 10 is the lognormal with mu = ln(sqrt(10)), sigma = ln(10) / (2 z95):
    # its mean is exact (a closed form); c = a * 2 is drawn from samples, within 4
    # standard errors of twice that
    sigma = math.log(10) / (2 * stats.norm.ppf(0.95))
    exact = math.exp(math.log(math.sqrt(10)) + sigma ** 2 / 2)
    assert math.isclose(cards["a"]["value"]["mean"], exact, rel_tol=1e-9)
    se = 2 * cards["a"]["value"]["stdev"] / math.sqrt(2_000)
    assert abs(cards["c"]["value"]["mean"] - 2 * exact) < 4 * se
    # b = normal(5, 1): its mean within 4 standard errors of 5 at 2,000 samples
    assert abs(cards["b"]["value"]["mean"] - 5) < 4 / math.sqrt(2_000)
    assert result["spans"]["b"]["line"] == 2
    assert result["spans"]["b"]["from"] == len("a = 1 to 10\n")


def test_edit_resends_only_dependent_cards(page):
    _, first = page.opened()
    before = cards_by_name(first)
    text = MODEL.replace("a = 1 to 10", "a = 2 to 20")
    page.send(type="edit", id=1, text=text)
    result = page.until("result", id=1)
    assert result["ok"] and result["computed"] == ["a", "c"]
    cards = cards_by_name(result)
    assert set(cards) == {"a", "c"}  # b is independent: not resent
    # 2 to 20 is 1 to 10 scaled by 2: a's exact mean doubles, c's follows
    assert math.isclose(cards["a"]["value"]["mean"], 2 * before["a"]["value"]["mean"],
                        rel_tol=1e-9)
    se = 2 * cards["a"]["value"]["stdev"] / math.sqrt(2_000)
    assert abs(cards["c"]["value"]["mean"] - 2 * cards["a"]["value"]["mean"]) < 4 * se
    assert cards["c"]["value"]["mean"] > before["c"]["value"]["mean"] * 1.5
    # an unchanged text recomputes nothing; a line added above only moves the spans
    page.send(type="edit", id=2, text="// a comment\n" + text)
    moved = page.until("result", id=2)
    assert moved["ok"] and moved["cards"] == [] and moved["computed"] == []
    assert moved["spans"]["a"]["line"] == 2


def test_removed_and_new_bindings(page):
    page.opened()
    page.send(type="edit", id=1, text="a = 1 to 10\nd = 3\n")
    result = page.until("result", id=1)
    assert result["order"] == ["a", "d"] and sorted(result["removed"]) == ["b", "c"]
    assert [c["name"] for c in result["cards"]] == ["d"]
    assert result["cards"][0]["value"] == {"type": "number", "value": 3}


def test_a_typo_gives_an_error_with_its_span_and_the_fix_recovers(page):
    page.opened()
    broken = "a = 1 to 10\nb = normal(5, 1)\nc = a * * 2\n"
    page.send(type="edit", id=1, text=broken)
    failed = page.until("result", id=1)
    assert failed["ok"] is False and failed["cards"] == []
    error = failed["errors"][0]
    assert error["kind"] == "SyntaxError" and error["message"]
    span = error["span"]
    assert span["line"] == 3
    assert broken[span["from"]:span["to"]].strip() == "*"
    page.send(type="edit", id=2, text=broken.replace("* * 2", "* 3"))
    fixed = page.until("result", id=2)
    assert fixed["ok"] and [c["name"] for c in fixed["cards"]] == ["c"]


def test_runtime_error_span(page):
    page.opened()
    text = "a = 1 to 10\nb = nosuch(a)\n"
    page.send(type="edit", id=1, text=text)
    error = page.until("result", id=1)["errors"][0]
    assert "nosuch" in error["message"]
    assert text[error["span"]["from"]:error["span"]["to"]].startswith("nosuch")


def test_spans_count_utf16_units(page):
    page.opened()
    text = 'label = "😀😀"\nx = 1 +\n'
    page.send(type="edit", id=1, text=text)
    span = page.until("result", id=1)["errors"][0]["span"]
    # two astral characters before the error: each is two UTF-16 units, one Python char
    assert span["from"] >= len(text.split("\n")[0]) + 2 + 1


def test_hidden_doc_name_and_final_expression(page):
    page.opened()
    page.send(type="edit", id=1,
              text='@hide\nsecret = 5\n@name("Total") @doc("the sum")\n'
                   'total = secret + 1\ntotal * 2\n')
    result = page.until("result", id=1)
    cards = cards_by_name(result)
    assert cards["secret"]["hidden"] and cards["secret"]["html"] is None
    assert cards["total"]["label"] == "Total" and cards["total"]["doc"] == "the sum"
    assert "the sum" in cards["total"]["html"] and "Total" in cards["total"]["html"]
    assert result["final"]["value"] == {"type": "number", "value": 12}
    page.send(type="edit", id=2, text="x = 1\n")
    gone = page.until("result", id=2)
    assert gone["final"] is None and gone.get("final_removed") is True


CALC = """calc = Calculator.make({|a, b| a * b}, {inputs: [
  Input.text({name: "a", default: "2"}), Input.text({name: "b", default: "3"})]})
"""


def test_calculator_input_edit(folder):
    from serve_helpers import ORIGIN, Conversation, make_client
    (folder / "calc.sq").write_text(CALC)
    with make_client(folder, files=["calc.sq"]) as client, \
            client.websocket_connect("/ws/0", headers=ORIGIN) as ws:
        page = Conversation(ws)
        _, first = page.opened()
        card = cards_by_name(first)["calc"]
        assert card["type"] == "Calculator" and "<form" in card["html"]
        assert card["value"]["result"] == {"type": "number", "value": 6}
        page.send(type="calculator", id=1, name="calc", values=["7", "normal(10, 1)"])
        reply = page.until("calculator", id=1)
        assert reply["error"] is None and reply["value"]["type"] == "dist"
        assert abs(reply["value"]["mean"] - 70) < 4 * 7 / math.sqrt(2_000)
        page.send(type="calculator", id=2, name="calc", values=["7", "1 +"])
        bad = page.until("calculator", id=2)
        assert bad["error"]["kind"] == "SyntaxError" and "sq-error" in bad["html"]
        page.send(type="calculator", id=3, name="nothing", values=[])
        assert "no calculator" in page.until("calculator", id=3)["error"]["message"]


def test_sensitivity(folder):
    from serve_helpers import ORIGIN, Conversation, make_client
    (folder / "sum.sq").write_text("a = normal(0, 3)\nb = normal(0, 1)\nc = a + b\n")
    samples = 20_000
    with make_client(folder, files=["sum.sq"], samples=samples) as client, \
            client.websocket_connect("/ws/0", headers=ORIGIN) as ws:
        page = Conversation(ws)
        page.opened()
        page.send(type="sensitivity", id=1, name="c")
        reply = page.until("sensitivity", id=1)
        assert reply["error"] is None
        rows = {r["input"]: r for r in reply["rows"]}
        assert [r["input"] for r in reply["rows"]] == ["a", "b"]
        # exact: Var(a) / Var(a + b) = 9 / 10; Spearman of a with c is
        # (6 / pi) asin(rho / 2) for the Pearson rho = 3 / sqrt(10) of a Gaussian pair
        assert abs(rows["a"]["varianceShare"] - 0.9) < 0.03
        rho = 3 / math.sqrt(10)
        spearman = 6 / math.pi * math.asin(rho / 2)
        # the standard error of a rank correlation is about (1 - r^2) / sqrt(n)
        se = (1 - spearman ** 2) / math.sqrt(samples)
        assert abs(rows["a"]["spearman"] - spearman) < 5 * se
        assert "Tornado" in reply["html"] and "<table" in reply["html"]
        page.send(type="sensitivity", id=2, name="zzz")
        assert "no top-level binding" in page.until("sensitivity", id=2)["error"]["message"]


def test_settings_redraw_every_card(page):
    page.opened()
    page.send(type="settings", id=1, samples=500, seed=7)
    assert page.until("settings", id=1) == {"type": "settings", "id": 1, "samples": 500,
                                            "seed": 7}
    result = page.until("result", id=1)
    assert result["samples"] == 500 and {c["name"] for c in result["cards"]} == {"a", "b", "c"}
    page.send(type="settings", id=2, samples=0)
    assert "positive" in page.until("error", id=2)["message"]


def test_view_as_cdf_and_on_a_log_axis(page):
    page.opened()
    page.send(type="view", id=1, name="a", cdf=True)
    reply = page.until("view", id=1)
    assert reply["cdf"] is True and "<svg" in reply["html"] and reply["log"] is None
    # 1 to 10 spans a factor of ten: the rule draws it on a linear axis
    assert 'data-scale="linear"' in reply["html"]
    page.send(type="view", id=2, name="a", log=True)
    log = page.until("view", id=2)
    assert log["log"] is True and 'data-scale="log"' in log["html"]
    # normal(0, 1) has half its samples below 0: no log axis can hold them
    page.send(type="edit", id=5, text=MODEL + "d = normal(0, 1)\n")
    page.until("result", id=5)
    page.send(type="view", id=3, name="d", log=True)
    assert page.until("view", id=3)["log"] is False
    page.send(type="view", id=4, name="nope")
    assert "no binding" in page.until("error", id=4)["message"]


def test_completions_and_tokens(page):
    page.opened()
    page.send(type="completions", id=1, prefix="List.ma")
    items = page.until("completions", id=1)["items"]
    by_label = {i["label"]: i for i in items}
    assert by_label["List.map"]["signature"] == "List.map(xs: List, fn: Function) -> List"
    assert by_label["List.map"]["kind"] == "function" and by_label["List.map"]["doc"]
    assert all(i["label"].startswith("List.ma") for i in items)
    page.send(type="tokens", id=2, text='x = normal(1, 2) // c')
    tokens = page.until("tokens", id=2)["tokens"]
    assert tokens[0] == [0, 1, "name"] and [4, 10, "builtin"] in tokens
    assert tokens[-1] == [17, 21, "comment"]


def test_bad_messages_get_an_error_and_the_socket_stays(page):
    page.opened()
    page.ws.send_text("not json")
    assert "bad message" in page.until("error")["message"]
    page.send(type="nonsense", id=4)
    assert "unknown message type" in page.until("error")["message"]
    page.send(type="edit", id=5)
    assert "'text'" in page.until("error")["message"]
    page.send(type="settings", id=6, samples=True)
    assert "samples" in page.until("error")["message"]
    page.send(type="edit", id=7, text="z = 1")
    assert page.until("result", id=7)["ok"]
