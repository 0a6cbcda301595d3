"""Where the history is kept (XDG base directory spec)."""
from pathlib import Path

from prompt_toolkit.history import FileHistory, InMemoryHistory

from dsl.front.repl.history import history_path, make_history


def test_xdg_state_home_wins():
    assert history_path({"XDG_STATE_HOME": "/s", "HOME": "/h"}) == Path("/s/sqdsl/history")


def test_default_under_home():
    assert history_path({"HOME": "/h"}) == Path("/h/.local/state/sqdsl/history")


def test_relative_state_home_is_ignored():
    assert history_path({"XDG_STATE_HOME": "rel", "HOME": "/h"}) == \
        Path("/h/.local/state/sqdsl/history")


def test_history_file_is_created_and_kept(tmp_path):
    path = tmp_path / "state" / "sqdsl" / "history"
    history = make_history(path)
    assert isinstance(history, FileHistory) and path.exists()
    history.store_string("x = 1 to 3")
    assert list(make_history(path).load_history_strings()) == ["x = 1 to 3"]


def test_unwritable_place_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert isinstance(make_history(blocker / "sqdsl" / "history"), InMemoryHistory)
