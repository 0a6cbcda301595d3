"""The Dask entry points (issue 22): ``sq run FILE --dask ADDRESS`` and
``dsl.run(..., dask=...)`` give the local streamed run's output; the progress bar goes
to stderr only; bad addresses and a missing extra are clear errors."""
import builtins
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dsl
from dsl.base.errors import DslError
from dsl.engine.parallel import CHUNK
from dsl.front.cli import main

ROOT = Path(__file__).resolve().parents[2]

distributed = pytest.importorskip("distributed", reason="the extra sqdsl[dask]")

MODEL = """x = normal(0, 1)
y = x - mean(x)
@name("P(y > 2)")
p = prob(y > 2)
q = quantile(y * (1 to 3), 0.99)
"""


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler's address: a cluster of 2 single-threaded workers in this process."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None, silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "m.sq"
    path.write_text(MODEL)
    return str(path)


def sq(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sq_run_dask_prints_the_streamed_runs_json(capsys, model, scheduler):
    code, streamed, err = sq(capsys, "run", model, "--samples", str(6 * CHUNK), "--stream",
                             "--json")
    assert code == 0, err
    code, on_dask, err = sq(capsys, "run", model, "--samples", str(6 * CHUNK), "--dask",
                            scheduler, "--json")
    assert code == 0, err
    assert on_dask == streamed
    document = json.loads(on_dask)
    assert document["samples"] == 6 * CHUNK and document["stream"]["chunks"] == 2
    assert err == ""  # stderr is no terminal here: no bar


def test_the_text_report_is_the_streamed_runs_too(capsys, model, scheduler):
    _, streamed, _ = sq(capsys, "run", model, "--samples", str(2 * CHUNK), "--stream")
    _, on_dask, _ = sq(capsys, "run", model, "--samples", str(2 * CHUNK), "--stream",
                       "--dask", scheduler)
    assert on_dask == streamed and "P(y > 2)" in on_dask


def test_progress_draws_the_bar_on_stderr_only(capsys, model, scheduler):
    code, out, err = sq(capsys, "run", model, "--samples", str(4 * CHUNK), "--stream",
                        "--chunk", str(CHUNK), "--dask", scheduler, "--json", "--progress")
    assert code == 0
    json.loads(out)  # stdout is the JSON alone
    # asked for, the bar is drawn from the first chunk on (no delay), the finished
    # run last, and then its line is cleared
    assert err.endswith("\r\x1b[2K")
    last = [part for part in err.split("\r\x1b[2K") if part][-1]
    assert last.startswith("[########################] ") and last.endswith(" done")
    assert " chunks  " in last and " samples/s  " in last
    first = err.split("\r\x1b[2K")[1]
    assert first.startswith("[") and " 1/4 chunks  " in first


def test_no_bar_off_a_terminal_unless_asked(capsys, model):
    code, out, err = sq(capsys, "run", model, "--samples", str(2 * CHUNK), "--stream",
                        "--chunk", str(CHUNK))
    assert code == 0 and err == "" and "P(y > 2)" in out


def test_the_console_script_runs_a_local_cluster_of_processes(model):
    # python -m dsl: the cluster's worker processes are spawned, which imports the
    # __main__ module again in each (it must not start another sq there)
    def run(*flags):
        done = subprocess.run([sys.executable, "-m", "dsl", "run", model, "--samples",
                               str(3 * CHUNK), "--seed", "5", "--json", *flags],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout
    assert run("--dask", "local:2") == run("--stream")


def test_api_dask_gives_the_streamed_runs_figures(scheduler):
    streamed = dsl.run(MODEL, samples=4 * CHUNK, seed=3, stream=True)
    with distributed.Client(scheduler, set_as_default=False) as client:
        on_dask = dsl.run(MODEL, samples=4 * CHUNK, seed=3, dask=client)  # implies stream
        assert client.status == "running"  # the caller's client stays open
    assert on_dask.summary() == streamed.summary()
    assert on_dask.stream == streamed.stream
    by_address = dsl.run(MODEL, samples=4 * CHUNK, seed=3, stream=True, dask=scheduler)
    assert by_address.summary() == streamed.summary()


def test_api_run_file_takes_dask(model, scheduler):
    streamed = dsl.run_file(model, samples=2 * CHUNK, stream=True)
    assert dsl.run_file(model, samples=2 * CHUNK, dask=scheduler).summary() == \
        streamed.summary()


def test_api_dask_and_executor_are_one_too_many(scheduler):
    with pytest.raises(DslError, match="dask= or executor="):
        dsl.run(MODEL, samples=CHUNK, dask=scheduler, executor=object())


def test_a_model_error_on_the_cluster_is_reported_as_sq_reports_it(capsys, tmp_path,
                                                                     scheduler):
    path = tmp_path / "bad.sq"
    path.write_text("x = uniform(1, 2)\nz = normal(0, mean(x) - 3)\n")
    code, out, err = sq(capsys, "run", str(path), "--samples", str(CHUNK), "--dask",
                        scheduler, "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert (error["kind"], error["line"], error["column"]) == ("DomainError", 2, 5)
    code, out, err = sq(capsys, "run", str(path), "--samples", str(CHUNK), "--dask",
                        scheduler)
    assert code == 1 and "bad.sq:2:5" in err and "Traceback" not in err


@pytest.mark.parametrize("flags, message", [
    (["--dask", "local:0"], "--dask local:N takes a whole number of workers >= 1"),
    (["--dask", ""], "--dask takes a scheduler address"),
    (["--dask", "local", "--watch"], "--watch cannot be combined with --stream"),
    (["--dask", "local", "--precision", "0.01"], "--precision cannot be combined"),
    (["--dask", "local", "--sensitivity", "y"], "--sensitivity cannot be combined"),
])
def test_bad_dask_flags_are_clear_errors(capsys, model, flags, message):
    code, _, err = sq(capsys, "run", model, *flags)
    assert code == 1 and message in err and "Traceback" not in err


def test_missing_extra_names_it_on_the_command_line(capsys, model, monkeypatch):
    real_import = builtins.__import__

    def without_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "distributed")
    monkeypatch.setattr(builtins, "__import__", without_distributed)
    code, _, err = sq(capsys, "run", model, "--dask", "local")
    assert code == 1
    assert 'needs distributed, which is not installed: pip install "sqdsl[dask]"' in err
