"""Runs in a worker thread: progress while a slow run goes on, and a newer edit
cancelling it; and the message ``sq serve`` gives without its extra."""
from __future__ import annotations

import sys
import time


# a Python-level loop of ~1e6 calls: minutes on this machine, checked against the
# clock every few thousand items
SLOW = "n = 1\nslow = List.reduce(List.upTo(1, 2000000), 0, {|acc, x| acc + x * n})\n"


def test_a_newer_edit_cancels_a_slow_run(page):
    page.opened()
    page.send(type="edit", id=1, text=SLOW)
    progress = page.until("progress", id=1)  # the run is under way (after 0.1 s)
    assert progress["current"] == "slow" and progress["done"] == ["n"]
    started = time.monotonic()
    page.send(type="edit", id=2, text="n = 2\nfast = n + 1\n")
    assert page.until("cancelled", id=1)["id"] == 1
    result = page.until("result", id=2)
    assert time.monotonic() - started < 10
    assert result["ok"] and result["order"] == ["n", "fast"]
    assert {c["name"]: c["value"]["value"] for c in result["cards"]} == {"n": 2, "fast": 3}
    assert not any(m["type"] == "result" and m["id"] == 1 for m in page.seen)


def test_cancel_request_leaves_the_session_as_it_was(page):
    page.opened()
    page.send(type="edit", id=1, text=SLOW)
    page.until("progress", id=1)
    page.send(type="cancel")
    page.until("cancelled", id=1)
    # the session still holds the model before the slow edit: a, b, c unchanged
    page.send(type="edit", id=2, text="a = 1 to 10\nb = normal(5, 1)\nc = a * 2\nd = 1\n")
    result = page.until("result", id=2)
    assert result["computed"] == ["d"] and [c["name"] for c in result["cards"]] == ["d"]


def test_missing_extra_names_the_install_command(monkeypatch, capsys):
    from dsl.front.cli import main
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn -> ImportError
    assert main(["serve", "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert 'pip install "sqdsl[serve]"' in err and "uvicorn" in err


def test_a_burst_of_edits_runs_only_the_last(page):
    page.opened()
    page.send(type="edit", id=1, text=SLOW)
    page.until("progress", id=1)
    for i in range(2, 7):
        page.send(type="edit", id=i, text=f"n = {i}\n")
    result = page.until("result", id=6)
    assert result["ok"] and result["cards"][0]["value"]["value"] == 6
    cancelled = {m["id"] for m in page.seen if m["type"] == "cancelled"}
    finished = {m["id"] for m in page.seen if m["type"] == "result"}
    # each earlier edit is either cancelled or (if it got to run) finished, never both
    assert 1 in cancelled and not cancelled & finished
    assert cancelled | finished >= {1, 2, 3, 4, 5, 6}


def test_no_progress_follows_a_runs_answer(page):
    # the progress ticker is stopped before the result is sent (a late progress message
    # left the page's card marked busy)
    page.opened()
    page.send(type="edit", id=1, text="n = 1\nslow = List.reduce(List.upTo(1, 300000), 0, "
                                      "{|acc, x| acc + x * n})\n")
    page.until("progress", id=1)
    page.until("result", id=1)
    page.send(type="edit", id=2, text="n = 3\n")
    page.until("result", id=2)
    answered = next(i for i, m in enumerate(page.seen)
                    if m["type"] == "result" and m["id"] == 1)
    assert not any(m["type"] == "progress" and m["id"] == 1 for m in page.seen[answered:])
