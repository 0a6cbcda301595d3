"""A model reaches only the builtins: no Python objects, no files outside its folder, no
environment, and limits that end runaway models with a DslError."""
import os
import threading
import time

import numpy as np
import pytest

import dsl

REACH_PYTHON = [
    "x = 1\nx.__class__",
    "{a: 1}.__class__",
    '"abc".__class__',
    "__import__",
    '__import__("os")',
    "__builtins__",
    "eval",
    'exec("1")',
    "open",
    "f(x) = x\nf.__globals__",
    "f(x) = x\nf.__code__",
    "normal.__self__",
    "Dist.__dict__",
    "List.map.__module__",
    '[1, 2]["__len__"]',
    '{a: 1}["__class__"]',
    "System.environ",
    'System.getenv("HOME")',
    "Sys.path",
]


@pytest.mark.parametrize("source", REACH_PYTHON)
def test_python_is_unreachable(source):
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source, samples=10)
    assert info.value.kind in ("NameError", "TypeError", "KeyError", "SyntaxError")


def test_strings_are_never_formatted():
    value = dsl.evaluate('"{0.__class__} %s {x}" + 1 + String.concat("{", "}")')
    assert value.value == "{0.__class__} %s {x}1{}"


def test_records_with_dunder_keys_are_just_data():
    assert float(dsl.evaluate('{"__class__": 1}["__class__"]')) == 1


def _write(path, text):
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("spec,fragment", [
    ('"/etc/passwd"', "relative"),
    ('"../outside.sq"', "'..'"),
    ('"./sub/../../outside.sq"', "'..'"),
    ('"./notes.txt"', ".sq"),
    ('"./missing.sq"', "no such file"),
    ('"~/x.sq"', "relative"),
])
def test_imports_stay_in_the_folder(tmp_path, spec, fragment):
    folder = tmp_path / "model"
    folder.mkdir()
    _write(tmp_path / "outside.sq", "export secret = 42\n")
    _write(folder / "notes.txt", "export x = 1\n")
    main = _write(folder / "main.sq", f"import {spec} as m\ny = m.secret\n")
    with pytest.raises(dsl.DslError) as info:
        dsl.run_file(main, samples=10)
    assert info.value.kind == "ImportError"
    assert fragment in info.value.message
    assert (info.value.line, info.value.column) == (1, 1)


def test_symlinks_out_of_the_folder_are_refused(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    _write(tmp_path / "outside.sq", "export secret = 42\n")
    os.symlink(tmp_path / "outside.sq", folder / "link.sq")
    main = _write(folder / "main.sq", 'import "./link.sq" as m\ny = m.secret\n')
    with pytest.raises(dsl.DslError) as info:
        dsl.run_file(main, samples=10)
    assert "outside" in info.value.message


def test_imports_need_a_model_file():
    with pytest.raises(dsl.DslError) as info:
        dsl.run('import "./lib.sq" as lib\nx = 1', samples=10)
    assert info.value.kind == "ImportError"


@pytest.mark.parametrize("source,limits,fragment", [
    ("List.upTo(1, 1e9)", dsl.Limits(), "limit"),
    ("List.length(List.upTo(1, 2000))", dsl.Limits(max_list_length=1000), "limit of 1,000"),
    ("f(n) = f(n + 1)\nf(0)", dsl.Limits(), "recursion"),
    ("f(n) = if n == 0 then 0 else f(n - 1) + f(n - 1)\nf(40)",
     dsl.Limits(time_limit=0.5), "time limit"),
    ("xs = List.upTo(1, 20000)\nys = List.map(xs, {|i| normal(i, 1)})",
     dsl.Limits(max_elements=5_000_000), "allocated"),
    ("List.map(List.upTo(1, 1e6), {|i| List.upTo(1, 1e3)})", dsl.Limits(time_limit=2),
     "limit"),
])
def test_runaway_models_end_in_limit_errors(source, limits, fragment):
    t0 = time.monotonic()
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source, samples=1000, limits=limits)
    assert info.value.kind == "LimitError", info.value.format()
    assert fragment in info.value.message
    budget = (limits.time_limit or 10) + 5
    assert time.monotonic() - t0 < budget


def test_many_large_bindings_fail_fast():
    source = "\n".join(f"x{i} = normal(0, 1)" for i in range(10_000))
    t0 = time.monotonic()
    with pytest.raises(dsl.DslError) as info:
        dsl.run(source, samples=1_000_000, limits=dsl.Limits(max_elements=50_000_000))
    assert info.value.kind == "LimitError"
    assert time.monotonic() - t0 < 20


def test_too_many_samples_is_refused():
    with pytest.raises(dsl.DslError):
        dsl.run("x = 1", samples=10**12)


def test_sessions_in_parallel_threads_do_not_interfere():
    source = "a = normal(0, 1)\nb = 1 to 10\nc = mx(a, b)\nd = List.map([1, 2, 3], {|k| a * k})"

    def samples(seed):
        res = dsl.run(source, samples=50_000, seed=seed)
        return np.concatenate([res.bindings[n].samples for n in "abc"])

    serial = {seed: samples(seed) for seed in range(4)}
    parallel = {}

    def work(seed):
        parallel[seed] = samples(seed)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seed in serial:
        assert np.array_equal(serial[seed], parallel[seed])
