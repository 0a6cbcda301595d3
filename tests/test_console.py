"""The `sq` console script ends with os._exit after flushing (dsl.front.cli.console): output
must arrive whole, exit statuses must survive, and a reader that goes away early must
not produce a traceback."""
import json
import subprocess
import sys

SQ = [sys.executable, "-m", "dsl"]  # __main__ calls the same console() as `sq`


def _sq(*args, **kwargs):
    return subprocess.run(SQ + list(args), capture_output=True, text=True, timeout=120,
                          **kwargs)


def test_output_and_status_of_a_good_run():
    done = _sq("eval", "2 * 3")
    assert (done.returncode, done.stdout, done.stderr) == (0, "6\n", "")


def test_an_error_keeps_status_1_and_its_message():
    done = _sq("eval", "1 +")
    assert done.returncode == 1
    assert "expected an expression after '+'" in done.stderr
    assert done.stderr.rstrip().endswith("^")


def test_a_large_output_arrives_whole(tmp_path):
    # well past a pipe's 64 KB buffer, so it is only complete if flushed before exiting
    model = tmp_path / "big.sq"
    model.write_text("xs = List.upTo(1, 20000)\nys = List.map(xs, {|x| x * 2})\n")
    done = _sq("run", str(model), "--json", "--samples", "10")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    items = document["bindings"]["ys"]["items"]
    assert len(items) == 20000 and items[-1] == {"type": "number", "value": 40000}


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path):
    model = tmp_path / "big.sq"
    model.write_text("xs = List.upTo(1, 20000)\n")
    sq = subprocess.Popen(SQ + ["run", str(model), "--json"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    sq.stdout.read(10)
    sq.stdout.close()  # like `sq run big.sq | head -c 10`
    stderr = sq.stderr.read().decode()
    assert sq.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
