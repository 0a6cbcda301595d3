"""Saving and reloading: only files given at start, or new .sq files inside the start
folder, are written; a change on disk reloads the page."""
from __future__ import annotations

import os
import time

import pytest

from dsl.front.serve.workspace import SaveRefused, Workspace


def test_save_writes_the_file(page, folder):
    page.opened()
    text = "a = 3 to 4\n"
    page.send(type="save", id=1, text=text)
    saved = page.until("saved", id=1)
    assert saved["path"] == "model.sq" and saved["model"] == 0
    assert (folder / "model.sq").read_text() == text
    # our own save is not a change on disk to reload
    page.send(type="edit", id=2, text=text)
    page.until("result", id=2)
    time.sleep(0.3)
    page.send(type="edit", id=3, text=text + "b = 1\n")
    page.until("result", id=3)
    assert not any(m["type"] == "reloaded" for m in page.seen)


def test_save_as_a_new_file_inside_the_folder(page, folder):
    page.opened()
    (folder / "sub").mkdir()
    page.send(type="save", id=1, text="x = 1\n", path="sub/new.sq")
    assert page.until("saved", id=1)["path"] == os.path.join("sub", "new.sq")
    assert (folder / "sub" / "new.sq").read_text() == "x = 1\n"
    # the page's file is now the new one
    page.send(type="save", id=2, text="x = 2\n")
    page.until("saved", id=2)
    assert (folder / "sub" / "new.sq").read_text() == "x = 2\n"
    assert "x = " not in (folder / "model.sq").read_text()


@pytest.mark.parametrize("path, why", [
    ("../outside.sq", "'..'"),
    ("sub/../../outside.sq", "'..'"),
    ("/tmp/sqdsl-serve-outside.sq", "outside the folder"),
    ("notes.txt", "must end in .sq"),
    ("other.sq", "exists and was not given"),
    ("link/escape.sq", "outside the folder"),
    ("", "empty"),
])
def test_save_elsewhere_is_refused(page, folder, tmp_path_factory, path, why):
    outside = tmp_path_factory.mktemp("outside")
    (folder / "link").symlink_to(outside, target_is_directory=True)
    (folder / "other.sq").write_text("keep = 1\n")
    page.opened()
    page.send(type="save", id=1, text="bad = 1\n", path=path)
    error = page.until("error", id=1)
    assert why in error["message"]
    assert not (folder.parent / "outside.sq").exists()
    assert not os.path.exists("/tmp/sqdsl-serve-outside.sq")
    assert list(outside.iterdir()) == []
    assert (folder / "other.sq").read_text() == "keep = 1\n"


def test_an_untitled_model_needs_a_path(folder):
    workspace = Workspace(folder)
    with pytest.raises(SaveRefused, match="no file yet"):
        workspace.save(workspace.models[0], "x = 1")
    model = workspace.save(workspace.models[0], "x = 1", "fresh.sq")
    assert model.path == (folder / "fresh.sq").resolve() and model.title == "fresh.sq"
    # a file it saved may be saved again
    workspace.save(model, "x = 2")
    assert (folder / "fresh.sq").read_text() == "x = 2"


def test_a_symlinked_start_file_is_written_through(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "real.sq"
    elsewhere.write_text("a = 1")
    (folder / "linked.sq").symlink_to(elsewhere)
    workspace = Workspace(folder, ["linked.sq"])
    workspace.save(workspace.models[0], "a = 2")
    assert elsewhere.read_text() == "a = 2" and (folder / "linked.sq").is_symlink()


def test_a_change_on_disk_reloads(page, folder):
    page.opened()
    time.sleep(0.05)
    (folder / "model.sq").write_text("a = 1 to 10\nb = 42\n")
    reloaded = page.until("reloaded")
    assert reloaded["text"] == "a = 1 to 10\nb = 42\n"
    result = page.until("result")
    assert result["ok"] and result["order"] == ["a", "b"]
    assert [c["name"] for c in result["cards"]] == ["b"]
    assert result["cards"][0]["value"]["value"] == 42


def test_reload_on_request(page, folder):
    page.opened()
    page.send(type="reload", id=9)
    assert page.until("reloaded", id=9)["text"] == (folder / "model.sq").read_text()
    assert page.until("result", id=9)["ok"]
