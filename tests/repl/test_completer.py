"""Completion, driven with prompt_toolkit Documents (cursor at the end)."""
import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from dsl.front.repl.commands import COMMANDS
from dsl.front.repl.completer import SqCompleter


def complete(engine, text):
    completer = SqCompleter(engine)
    found = completer.get_completions(Document(text, len(text)), CompleteEvent(True))
    return {c.text: c for c in found}


def test_namespace_member_lists_every_member(engine):
    registry = engine.session.registry
    found = complete(engine, "x = Dist.")
    assert set(found) == set(registry.members("Dist"))
    assert "normal" in found
    assert all(c.start_position == 0 for c in found.values())


def test_member_prefix(engine):
    found = complete(engine, "Math.sq")
    assert set(found) == {m for m in engine.session.registry.members("Math")
                          if m.startswith("sq")}
    assert found["sqrt"].start_position == -2


def test_builtin_shows_its_signature(engine):
    found = complete(engine, "x = norm")
    assert "normal" in found
    meta = found["normal"].display_meta_text
    assert meta.startswith("(mean: ") and "more" in meta   # several overloads


def test_bindings_are_offered_with_their_value(engine):
    engine.run_source("alpha = 3\nalphabet = [1, 2]")
    found = complete(engine, "alph")
    assert {"alpha", "alphabet"} <= set(found)
    assert found["alpha"].display_meta_text == "3"
    assert found["alphabet"].display_meta_text == "[1, 2]"


def test_namespaces_and_keywords(engine):
    assert "Dist" in complete(engine, "Di")
    assert complete(engine, "x = 1 t")["to"].display_meta_text == "keyword"


def test_record_fields(engine):
    engine.run_source("params = {growth: 2, decay: 0.5}")
    assert set(complete(engine, "params.")) == {"growth", "decay"}
    assert set(complete(engine, "params.gr")) == {"growth"}


def test_decorators(engine):
    assert set(complete(engine, "@d")) == {"doc"}


@pytest.mark.parametrize("text", ['s = "nor', "x = 1 // nor", "x = 1 /* nor", "x = 2k",
                                  "x = 1e"])
def test_nothing_inside_strings_comments_or_numbers(engine, text):
    assert complete(engine, text) == {}


def test_commands(engine):
    found = complete(engine, ":")
    assert set(found) == set(COMMANDS)
    assert set(complete(engine, ":sa")) == {"samples", "save"}
    assert found["help"].display_meta_text == COMMANDS["help"].summary


def test_help_argument_completes_names(engine):
    assert "normal" in complete(engine, ":help norm")
    assert "normal" in complete(engine, ":help Dist.")


def test_load_completes_model_files(engine, tmp_path, monkeypatch):
    (tmp_path / "model.sq").write_text("x = 1")
    (tmp_path / "notes.txt").write_text("")
    monkeypatch.chdir(tmp_path)
    assert set(complete(engine, ":load ")) == {"model.sq"}


def test_completion_follows_a_reset(engine):
    engine.run_source("zeta = 1")
    assert "zeta" in complete(engine, "ze")
    engine.reset()
    assert "zeta" not in complete(engine, "ze")


def test_sensitivity_completes_the_sessions_bindings(engine):
    engine.run_source("cost = 1 to 3\ncostPerLife = cost * 2\nn = 3")
    found = complete(engine, ":sensitivity co")
    assert set(found) == {"cost", "costPerLife"}       # no builtins (cos) here
    assert found["cost"].start_position == -2
    assert set(complete(engine, ":sensitivity ")) == {"cost", "costPerLife", "n"}


def test_help_and_time_complete_bindings_too(engine):
    engine.run_source("costPerLife = 3")
    assert "costPerLife" in complete(engine, ":help cost")
    assert "costPerLife" in complete(engine, ":time mean(cost")
