"""The engine and its colon commands, without a terminal."""
import re
import sys

import numpy as np
import pytest

from dsl.front.repl.commands import COMMANDS, Quit, execute, run_command


def out(engine):
    text = engine.out.getvalue()
    engine.out.seek(0)
    engine.out.truncate()
    return text


def err(engine):
    text = engine.err.getvalue()
    engine.err.seek(0)
    engine.err.truncate()
    return text


# ---- entries ----

def test_bindings_persist_between_entries(engine):
    execute(engine, "x = 2")
    assert out(engine) == "x: 2\n"
    execute(engine, "x * 21")
    assert out(engine) == "42\n"


def test_a_distribution_prints_its_report(engine):
    execute(engine, "d = 1 to 10")
    text = out(engine)
    assert text.startswith("d\n  mean ")
    assert "5% 1  " in text and "95% 10\n" in text
    assert "┬" in text


def test_only_the_last_value_is_printed(engine):
    execute(engine, "a = 1\nb = 2")
    assert out(engine) == "b: 2\n"
    execute(engine, "@hide\nc = 3")
    assert out(engine) == ""


def test_an_error_prints_a_caret_and_changes_nothing(engine):
    execute(engine, "x = 1")
    out(engine)
    execute(engine, "x = 5\ny = nope")
    assert out(engine) == ""
    message = err(engine)
    assert "error: nope is not defined" in message
    assert "2 | y = nope\n  |     ^^^^" in message
    execute(engine, "x")
    assert out(engine) == "1\n"
    assert len(engine.entries) == 1


def test_first_line_numbers_errors_as_in_the_stream(engine):
    execute(engine, "y = nope", first_line=7)
    assert "--> <repl:1>:7:5" in err(engine)


def test_errors_name_the_entry_they_are_in(engine):
    execute(engine, "a = 1")
    execute(engine, ":vars")                     # commands are not numbered
    execute(engine, "b = nope")
    execute(engine, "c = (1 ]")
    text = err(engine)
    assert "--> <repl:2>:1:5" in text and "--> <repl:3>:1:8" in text


# ---- habits from other REPLs ----

@pytest.mark.parametrize("word, hint", [
    ("exit", "to leave, type :quit or press Ctrl-D"),
    ("quit", "to leave, type :quit or press Ctrl-D"),
    ("  help ", "type :help for the commands"),
])
def test_bare_words_say_what_to_type(engine, word, hint):
    execute(engine, word)
    assert err(engine).startswith(hint)
    assert out(engine) == "" and engine.errors == 0


def test_a_binding_called_help_is_the_binding(engine):
    execute(engine, "help = 4")
    execute(engine, "help")
    assert out(engine) == "help: 4\n4\n"


@pytest.mark.parametrize("query, topic", [
    ("normal?", ":help normal"), ("Dist.normal?", ":help Dist.normal"),
    ("speed?", ":help speed"), (":load?", ":help :load"),
])
def test_name_question_mark_is_help(engine, query, topic):
    execute(engine, "speed = 3")
    out(engine)
    execute(engine, query)
    shown = out(engine)
    run_command(engine, topic)
    assert shown == out(engine) and shown


def test_underscore_is_the_last_value(engine):
    execute(engine, "x = 2")
    execute(engine, "_ * 3")
    execute(engine, "_ + 1")
    execute(engine, "y = _ * 10")
    assert out(engine) == "x: 2\n6\n7\ny: 70\n"
    assert engine.names() == ["x", "y"]          # `_` is no binding: not saved
    assert engine.saved_text() == "x = 2\ny = _ * 10\n"
    execute(engine, "d = 1 to 3")
    execute(engine, "mean(_) > 1")
    assert out(engine).endswith("true\n")


# ---- commands ----

def test_help_lists_commands_and_namespaces(engine):
    run_command(engine, ":help")
    text = out(engine)
    for command in COMMANDS.values():
        assert command.synopsis in text
    assert "Dist (" in text and "Math (" in text


def test_help_of_a_builtin_comes_from_the_registry(engine):
    entry = engine.session.registry.lookup_global("normal")
    run_command(engine, ":help normal")
    text = out(engine)
    assert text.startswith("Dist.normal  (also: normal)\n")
    for signature in entry.signature_texts():
        assert signature in text
    assert " ".join(entry.summary.split()[:4]) in " ".join(text.split())
    assert f"{entry.examples[0].source}  // {entry.examples[0].expected}" in text


def test_help_of_a_namespace_a_binding_a_command(engine):
    run_command(engine, ":help Math")
    assert "  sqrt " in out(engine)
    execute(engine, '@doc("how fast")\nspeed = 3')
    out(engine)
    run_command(engine, ":help speed")
    assert out(engine) == "speed: 3\n  how fast\n"
    run_command(engine, ":help :load")
    assert out(engine).startswith(":load FILE\n")
    run_command(engine, ":help save")            # a command, when nothing else is
    assert out(engine).startswith(":save FILE\n")


def test_help_suggests_a_close_name(engine):
    run_command(engine, ":help normla")
    assert out(engine) == "no help for normla; did you mean normal?\n"


def test_samples_replays_the_entries(engine):
    execute(engine, "d = 1 to 10\nd + 1")
    run_command(engine, ":samples 500")
    assert "500 (1 entries re-run)" in err(engine)
    assert engine.samples == 500
    assert len(engine.session.env.lookup("d")) == 500
    run_command(engine, ":samples")
    assert out(engine).endswith("samples: 500\n")


def test_seed_replays_with_other_samples_and_back(engine):
    execute(engine, "d = 1 to 10")
    first = np.array(engine.session.env.lookup("d").samples)
    run_command(engine, ":seed 2")
    assert not np.array_equal(first, engine.session.env.lookup("d").samples)
    run_command(engine, ":seed 1")
    assert np.array_equal(first, engine.session.env.lookup("d").samples)


@pytest.mark.parametrize("line, words", [
    (":samples abc", "samples must be a whole number"),
    (":samples 0", "samples must be at least 1"),
    (":samples 1e9", "more than the limit"),
    (":seed x", "seed must be a whole number"),
])
def test_bad_numbers_leave_the_session_alone(engine, line, words):
    execute(engine, "d = 1 to 10")
    run_command(engine, line)
    assert words in err(engine)
    assert (engine.samples, engine.seed) == (2000, 1)
    assert engine.session.env.lookup("d") is not None


def test_save_then_load_gives_the_same_bindings(engine, tmp_path):
    execute(engine, "a = 1 to 10\na * 2")          # the final expression is not saved
    execute(engine, "b = [a,\n  2]")
    execute(engine, "c = nope")                     # failed: not saved
    path = tmp_path / "saved.sq"
    run_command(engine, f":save {path}")
    assert f"saved 2 entries to {path}" in err(engine)
    assert path.read_text() == "a = 1 to 10\nb = [a,\n  2]\n"

    saved = np.array(engine.session.env.lookup("a").samples)
    run_command(engine, ":reset")
    assert engine.names() == [] and engine.entries == []
    run_command(engine, f":load {path}")
    assert f"{path}: 2 bindings (a, b)" in err(engine)
    assert np.array_equal(saved, engine.session.env.lookup("a").samples)


def test_load_reports_errors(engine, tmp_path):
    run_command(engine, f":load {tmp_path / 'missing.sq'}")
    assert "cannot read" in err(engine)
    bad = tmp_path / "bad.sq"
    bad.write_text("x = 1\ny = (2 +\n")
    run_command(engine, f":load {bad}")
    assert f"--> {bad}:2:5" in err(engine)
    assert engine.names() == []


def test_vars(engine):
    run_command(engine, ":vars")
    assert out(engine) == "no bindings yet\n"
    execute(engine, "n = 3\nf(x) = x\nd = 1 to 10")
    out(engine)
    run_command(engine, ":vars")
    assert out(engine) == "n: 3\nf: f(x)\nd: (mean 4.04, 90% CI 1 to 10)\n"


def test_quit_and_unknown_commands(engine):
    with pytest.raises(Quit):
        run_command(engine, ":quit")
    with pytest.raises(Quit):
        run_command(engine, ":q")
    run_command(engine, ":sampels 3")
    assert err(engine) == "error: unknown command :sampels; did you mean :samples?\n"


def test_sensitivity_command(engine):
    execute(engine, "a = 1 to 2\nb = 1 to 10\nnoise = normal(0, 1)\ny = a * b")
    out(engine)
    run_command(engine, ":sensitivity y")
    text = out(engine)
    assert text.startswith("sensitivity of y")
    table = text.split("tornado")[0]
    assert table.index("\nb ") < table.index("\na ")  # most important first
    assert "noise" not in text
    run_command(engine, ":sensitivity nope")
    assert "no top-level binding named 'nope'" in err(engine)


# ---- :time, :set, :reload, :edit ----

def test_time_prints_the_value_and_the_seconds(engine):
    run_command(engine, ":time 6 * 7")
    assert out(engine) == "42\n"
    assert re.fullmatch(r"[0-9.e-]+ s\n", err(engine))
    run_command(engine, ":time nope")
    assert "nope is not defined" in err(engine)
    run_command(engine, ":time")
    assert "give an entry to time" in err(engine)


def test_set_switches_the_keys(engine):
    run_command(engine, ":set vi")
    assert engine.vi_mode and err(engine) == "keys: vi\n"
    run_command(engine, ":set")
    assert out(engine) == "keys: vi\n"
    run_command(engine, ":set emacs")
    assert not engine.vi_mode
    run_command(engine, ":set vim")
    assert "unknown setting 'vim'" in err(engine)


def test_reload_runs_the_loaded_file_again(engine, tmp_path):
    run_command(engine, ":reload")
    assert "nothing to reload" in err(engine)
    model = tmp_path / "model.sq"
    model.write_text("a = 2\nb = a * 10\n")
    run_command(engine, f":load {model}")
    err(engine)
    model.write_text("a = 3\nb = a * 10\n")
    run_command(engine, ":reload")
    assert f"{model}: 2 bindings (a, b)" in err(engine)
    execute(engine, "b")
    assert out(engine) == "30\n"


def editor_script(tmp_path, python_code):
    """An $EDITOR that runs ``python_code`` with ``path`` the file to edit."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\n" + python_code)
    return f"{sys.executable} {script}"


def test_edit_applies_the_changed_program(engine, tmp_path, monkeypatch):
    execute(engine, "a = 2")
    execute(engine, "b = a * 10\nc = 5")
    execute(engine, "b + c")
    out(engine)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, (
        "text = open(path).read()\n"
        "assert text == 'a = 2\\nb = a * 10\\nc = 5\\n', text\n"
        "open(path, 'w').write(text.replace('a = 2', 'a = 4').replace('c = 5\\n', ''))\n")))
    monkeypatch.delenv("VISUAL", raising=False)
    run_command(engine, ":edit")
    notice = err(engine)
    assert notice == "edited: 2 bindings, recomputed a, b\n"
    assert engine.names() == ["a", "b"]                      # c was deleted
    execute(engine, "b")
    assert out(engine) == "40\n"
    assert engine.saved_text() == "a = 4\nb = a * 10\n"


def test_edit_with_an_error_or_no_change_keeps_the_session(engine, tmp_path, monkeypatch):
    execute(engine, "a = 2")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    run_command(engine, ":edit")
    assert err(engine) == "no changes\n"
    monkeypatch.setenv("EDITOR", editor_script(
        tmp_path, "open(path, 'w').write('a = nope\\n')\n"))
    run_command(engine, ":edit")
    text = err(engine)
    assert "nope is not defined" in text and "the session is unchanged" in text
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "raise SystemExit(3)\n"))
    run_command(engine, ":edit")
    assert "status 3" in err(engine)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    run_command(engine, ":edit")
    assert "cannot start the editor" in err(engine)
    execute(engine, "a")
    assert out(engine).endswith("2\n")


# ---- a reactive session ----

def test_redefining_an_input_names_what_was_updated(engine):
    execute(engine, "efficacy = 0.1 to 0.2\ncost = 100\n@hide\nh = efficacy * 2")
    execute(engine, "costPerLife = cost / efficacy")
    execute(engine, "pSuccess = mean(efficacy > 0.15)")
    out(engine), err(engine)
    execute(engine, "efficacy = 0.2 to 0.3")
    assert err(engine) == "updated: costPerLife, pSuccess\n"   # h is hidden
    out(engine)
    execute(engine, "mean(costPerLife) < 500")
    assert out(engine) == "true\n" and err(engine) == ""     # nothing redefined
