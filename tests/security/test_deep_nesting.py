"""Issue 15, causes 6 and 7: deep values and deep programs end in a DslError (or the right
value), never a segmentation fault or a RecursionError.

Each reproducer runs in a capped, timed child (``isolated.py``), most of them in a thread
with a small stack (512 KB), where recursion through C frames fails first. A negative exit
status is a signal: the interpreter crashed.
"""
from __future__ import annotations

import json

import pytest

from isolated import run_cli_isolated, run_isolated

# runs ``CASES`` (name -> source) each in a thread with a 512 KB stack, printing one JSON
# line per case: the error's kind, line and column, or the value's short form
_HARNESS = '''
import json, sys, threading
import dsl
from dsl.engine.display import short

def attempt(name, source, limits, after):
    try:
        res = dsl.run(source, samples=20, limits=limits)
        out = {"name": name, "ok": short(res.result) if res.result is not None else None}
        if after:
            after(res, out)
    except dsl.DslError as e:
        out = {"name": name, "kind": e.kind, "line": e.line, "column": e.column,
               "message": e.message}
    except BaseException as e:  # what the test forbids, reported rather than raised
        out = {"name": name, "escaped": type(e).__name__ + ": " + str(e)[:200]}
    print(json.dumps(out), flush=True)

def run_all(cases):
    threading.stack_size(512 * 1024)
    for case in cases:
        t = threading.Thread(target=attempt, args=case)
        t.start()
        t.join()
'''


def _run_cases(body: str, timeout: float = 120) -> dict:
    outcome = run_isolated(_HARNESS + body, timeout=timeout, memory_mb=2048)
    assert outcome.returncode == 0 and not outcome.timed_out, outcome.explain()
    results = {}
    for line in outcome.stdout.splitlines():
        record = json.loads(line)
        assert "escaped" not in record, record
        results[record.pop("name")] = record
    return results


REDUCE = "List.reduce(List.upTo(1, {n}), [], {{|acc, i| [acc]}})"


def test_deep_lists_built_by_a_model_stop_at_the_nesting_limit():
    r = _run_cases(f'''
deep = "x = {REDUCE.format(n=7000)}\\ny = {REDUCE.format(n=7000)}\\n"
run_all([
    ("equal", deep + "x == y", None, None),
    ("uniq", deep + "List.uniq([x, y])", None, None),
    ("reduce3000", "x = {REDUCE.format(n=3000)}", None, None),
    ("record", "x = List.reduce(List.upTo(1, 3000), {{}}, {{|acc, i| {{a: acc}}}})",
     None, None),
    ("at_limit", "x = {REDUCE.format(n=299)}\\nx == x", None, None),
])
''')
    for name in ("equal", "uniq", "reduce3000", "record"):
        assert r[name]["kind"] == "LimitError", r[name]
        assert "nested 301 deep" in r[name]["message"], r[name]
        assert r[name]["line"] is not None and r[name]["column"] is not None
    assert r["at_limit"] == {"ok": "true"}


def test_deep_values_are_walked_without_recursion_when_the_limit_is_raised():
    # with max_nesting raised, equality, uniq, summary(), to_python(), the text report
    # and short forms must still walk 7,000-deep values on a 512 KB stack
    r = _run_cases(f'''
from dsl.render.report import render_text
limits = dsl.Limits(max_nesting=10_000)
def check(res, out):
    summary = res.summary()
    depth, node = 0, summary["bindings"]["x"]
    while node["items"]:
        depth, node = depth + 1, node["items"][0]
    out["summary_depth"] = depth
    value = res.to_python()["x"]
    depth = 0
    while value:
        depth, value = depth + 1, value[0]
    out["python_depth"] = depth
    out["text"] = len(render_text(res, color=False))
    out["repr"] = len(repr(res.bindings["x"]))
deep = "x = {REDUCE.format(n=7000)}\\ny = {REDUCE.format(n=7000)}\\n"
run_all([
    ("equal", deep + "x == y", limits, None),
    ("unequal", deep + "z = {REDUCE.format(n=6999)}\\nx == [z, 1]", limits, None),
    ("uniq", deep + "List.length(List.uniq([x, y, [x]]))", limits, None),
    ("walks", deep + "1", limits, check),
])
''')
    assert r["equal"]["ok"] == "true"
    assert r["unequal"]["ok"] == "false"
    assert r["uniq"]["ok"] == "2"
    assert r["walks"]["summary_depth"] == 7000 and r["walks"]["python_depth"] == 7000
    assert r["walks"]["text"] > 0 and r["walks"]["repr"] > 7000


def test_shared_parts_cannot_blow_up_a_walk():
    # 60 doublings share one list: 2^60 values when written out, which no walk may try
    r = _run_cases('''
run_all([("doubling", "List.reduce(List.upTo(1, 60), [1], {|acc, i| [acc, acc]})",
          None, None)])
''', timeout=60)
    assert r["doubling"]["kind"] == "LimitError", r["doubling"]
    assert "in all" in r["doubling"]["message"]


DEEP = 100_000


@pytest.mark.parametrize("name,source", [
    ("lists", "[" * DEEP + "1" + "]" * DEEP),
    ("parens", "(" * DEEP + "1" + ")" * DEEP),
    ("negations", "-(" * DEEP + "1" + ")" * DEEP),
    ("calls", "f(x) = x\n" + "f(" * DEEP + "1" + ")" * DEEP),
    ("records", "{a: " * DEEP + "1" + "}" * DEEP),
    ("ifs", "if true then " * DEEP + "1" + " else 2" * DEEP),
    ("minus_signs", "-" * 20_000 + "1"),
    ("sum_chain", "a = 1\n" + "+".join(["a"] * 20_000)),
    ("power_chain", "a = 1\n" + "^".join(["a"] * 20_000)),
], ids=lambda x: x if len(x) < 20 else "")
def test_deeply_nested_source_is_a_limit_error_with_a_position(name, source, tmp_path):
    path = tmp_path / "deep.sq"  # too long for the child's command line
    path.write_text(source)
    r = _run_cases(f'''
run_all([({name!r}, open({str(path)!r}).read(), None, None)])
''', timeout=180)
    assert r[name]["kind"] == "LimitError", r[name]
    assert "nests more than 1000 levels" in r[name]["message"]
    assert r[name]["line"] is not None and r[name]["column"] > 1


def test_source_nested_just_within_the_limit_runs():
    r = _run_cases('''
run_all([("parens", "(" * 990 + "1" + ")" * 990, None, None),
         ("negations", "-(" * 990 + "1" + ")" * 990, None, None),
         ("sum_chain", "a = 1\\n" + "+".join(["a"] * 990), None, None)])
''')
    assert r["parens"] == {"ok": "1"}
    assert r["negations"] == {"ok": "1"}
    assert r["sum_chain"] == {"ok": "990"}


def test_user_recursion_with_a_raised_depth_limit_on_a_small_stack():
    r = _run_cases('''
limits = dsl.Limits(max_depth=4000)
run_all([
    ("plain", "f(n) = if n == 0 then 0 else 1 + f(n - 1)\\nf(100000)", limits, None),
    ("fits", "f(n) = if n == 0 then 0 else 1 + f(n - 1)\\nf(3500)", limits, None),
    ("map", "f(n) = if n == 0 then 0 else List.map([n], {|x| f(n - 1)})[0]\\nf(100000)",
     limits, None),
    ("every", "f(n) = if n == 0 then true else List.every([n], {|x| f(n - 1)})\\nf(100000)",
     limits, None),
    ("reduce", "f(n) = if n == 0 then 0 else List.reduce([n], 0, {|a, x| f(n - 1)})\\n"
     "f(100000)", limits, None),
])
''', timeout=180)
    assert r["fits"] == {"ok": "3500"}
    for name in ("plain", "map", "every", "reduce"):
        assert r[name]["kind"] == "LimitError", r[name]
        assert "recursion" in r[name]["message"]
        assert r[name]["line"] is not None


def test_a_host_function_returning_deep_or_cyclic_lists():
    r = _run_cases('''
def deep():
    x = []
    for _ in range(100_000):
        x = [x, {"k": 1}]
    return x
def cyclic():
    x = [1]
    x.append(x)
    return x
def attempt_host(name, fn):
    s = dsl.Session(samples=10)
    s.register(fn)
    try:
        s.run(fn.__name__ + "()")
        out = {"name": name, "ok": True}
    except dsl.DslError as e:
        out = {"name": name, "kind": e.kind, "message": e.message, "line": e.line}
    except BaseException as e:
        out = {"name": name, "escaped": type(e).__name__ + ": " + str(e)[:200]}
    print(json.dumps(out), flush=True)
threading.stack_size(512 * 1024)
for case in (("deep", deep), ("cyclic", cyclic)):
    t = threading.Thread(target=attempt_host, args=case)
    t.start()
    t.join()
''')
    assert r["deep"]["kind"] == "LimitError" and "nested 100001 deep" in r["deep"]["message"]
    assert r["deep"]["line"] == 1
    # the host's fault, said as such: not a hang, a crash or "a bug in sqdsl"
    assert r["cyclic"]["kind"] == "HostError", r["cyclic"]
    assert "contains itself" in r["cyclic"]["message"]


def test_sq_check_of_a_program_nested_just_within_the_limit(tmp_path):
    # `sq check` resolves names outside any run: it needs the same room as a run
    model = tmp_path / "chain.sq"
    model.write_text("a = 1\nb = " + " + ".join(["a"] * 990) + "\n")
    for command in ("check", "run"):
        outcome = run_cli_isolated([command, model], timeout=60, memory_mb=2048)
        assert outcome.returncode == 0, outcome.explain()
    assert "990" in outcome.stdout


def test_cli_text_and_json_of_deep_values(tmp_path):
    model = tmp_path / "deep.sq"
    model.write_text(f"ok = {REDUCE.format(n=299)}\nbad = {REDUCE.format(n=3000)}\n")
    text = run_cli_isolated(["run", model], timeout=60, memory_mb=2048)
    assert text.returncode == 1, text.explain()
    assert "deep.sq:2:" in text.stderr and "nested 301 deep" in text.stderr
    assert "Traceback" not in text.stderr
    as_json = run_cli_isolated(["run", model, "--json"], timeout=60, memory_mb=2048)
    assert as_json.returncode == 1, as_json.explain()
    error = json.loads(as_json.stdout)["error"]
    assert error["kind"] == "LimitError" and error["line"] == 2

    model.write_text(f"ok = {REDUCE.format(n=299)}\n")
    for extra in ([], ["--json"]):
        shown = run_cli_isolated(["run", model, *extra], timeout=60, memory_mb=2048)
        assert shown.returncode == 0, shown.explain()
    summary = json.loads(shown.stdout)["bindings"]["ok"]
    depth = 0
    while summary["items"]:
        depth, summary = depth + 1, summary["items"][0]
    assert depth == 299

