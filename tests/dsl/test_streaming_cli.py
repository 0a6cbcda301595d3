"""``sq run FILE --stream [--chunk N]``: the normal report and JSON with the streamed
figures, the total sample count and a note; clear errors for bad options."""
from __future__ import annotations

import json

import numpy as np
import pytest

import dsl
from dsl.engine.parallel import CHUNK
from dsl.front.cli import main

MODEL = "x = normal(0, 1) * 2\ny = x - mean(x)\np = prob(y > 1)\n"


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "m.sq"
    path.write_text(MODEL)
    return str(path)


def test_json_has_the_total_samples_the_streamed_figures_and_a_note(model, capsys):
    n = 3 * CHUNK + 7
    assert main(["run", model, "--samples", str(n), "--stream", "--chunk", str(CHUNK),
                 "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["samples"] == n and document["seed"] == 0
    assert document["stream"]["chunks"] == 4 and document["stream"]["passes"] == 3
    assert "streamed" in document["stream"]["note"]
    memory = dsl.run(MODEL, samples=n)
    x = memory.bindings["x"].samples
    assert document["bindings"]["x"]["mean"] == pytest.approx(float(np.mean(x)), rel=1e-12)
    assert document["bindings"]["y"]["stdev"] == pytest.approx(float(np.std(x)), rel=1e-12)
    assert document["bindings"]["p"]["value"] == float(memory.bindings["p"])


def test_text_report_ends_with_the_note(model, capsys):
    assert main(["run", model, "--samples", "300000", "--stream"]) == 0
    out = capsys.readouterr().out
    assert "streamed: 300,000 samples in 1 chunk of 300,000" in out
    assert "mean" in out and "\np: " in out


def test_samples_above_the_in_memory_limit_are_accepted_when_streamed(model, capsys):
    # 2e7 is over the in-memory limit of 1e7; --show keeps the work to one binding
    assert main(["run", model, "--samples", "2e7", "--json"]) == 1
    assert "limit" in json.loads(capsys.readouterr().out)["error"]["message"]


@pytest.mark.parametrize("args, message", [
    (["--stream", "--chunk", "1000"], "multiple of 131,072"),
    (["--stream", "--chunk", "0"], "positive whole number"),
    (["--chunk", str(CHUNK)], "--chunk goes with --stream"),
    (["--stream", "--sensitivity", "x"], "--sensitivity cannot be combined with --stream"),
    (["--stream", "--samples-out", "out.csv"], "--samples-out cannot be combined"),
    (["--stream", "--samples", "2e12"], "limit of 1,000,000,000,000"),
])
def test_bad_options_are_clear_errors(model, capsys, args, message):
    assert main(["run", model, *args, "--json"]) == 1
    assert message in json.loads(capsys.readouterr().out)["error"]["message"]


def test_a_chunk_that_is_not_a_number_is_a_usage_error(model, capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", model, "--stream", "--chunk", "lots"])
    assert info.value.code == 2
    assert "--chunk" in capsys.readouterr().err


def test_what_cannot_stream_is_a_located_error(tmp_path, capsys):
    path = tmp_path / "s.sq"
    path.write_text("x = normal(0, 1) * 1\npick = sample(x)\n")
    assert main(["run", str(path), "--stream", "--json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["line"] == 2 and error["column"] == 8
    assert "'pick'" in error["message"] and "run without --stream" in error["message"]
