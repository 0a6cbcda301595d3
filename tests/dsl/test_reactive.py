"""A session is reactive (DESIGN.md section 5, issue 16): redefining a binding recomputes
exactly what uses it, in program order, and the values then equal a fresh run of the
session's current program with the same seed, sample for sample."""
from __future__ import annotations

import numpy as np
import pytest

import dsl
from dsl.engine.dataflow import CycleError, Graph, topological

SAMPLES = 200


def same(a, b) -> bool:
    """Two values equal sample for sample (a function by its signature: what it computes
    is compared through the bindings that call it)."""
    if isinstance(a, dsl.Function) or isinstance(b, dsl.Function):
        return type(a) is type(b) and str(a) == str(b)
    pa, pb = a.to_python(), b.to_python()
    if isinstance(pa, np.ndarray) or isinstance(pb, np.ndarray):
        return isinstance(pa, np.ndarray) and isinstance(pb, np.ndarray) and \
            np.array_equal(pa, pb)
    return pa == pb


def assert_fresh(session: dsl.Session) -> None:
    """Every binding of ``session`` equals a fresh run of its current program."""
    fresh = dsl.Session(samples=session.samples, seed=session.seed)
    fresh.run(session.program_text())
    assert list(fresh.bindings) == list(session.bindings)
    for name, binding in session.bindings.items():
        assert same(binding.value, fresh.bindings[name].value), name


# ---- the graph ----

def test_graph_descendants_in_program_order() -> None:
    g = Graph(["a", "b", "c", "d", "e"], {"b": ["a"], "c": ["b"], "d": ["a", "c"], "e": []})
    assert g.parents("d") == {"a", "c"}
    assert g.children("a") == ["b", "d"]
    assert g.descendants(["a"]) == ["b", "c", "d"]
    assert g.affected(["c", "e"]) == ["c", "d", "e"]
    assert g.descendants(["e"]) == []


def test_topological_moves_only_what_must_move() -> None:
    assert topological(["a", "b", "c"], {}) == ["a", "b", "c"]
    # a now uses c: a (and b, which uses a) move to just after c
    assert topological(["a", "b", "c", "d"], {"a": ["c"], "b": ["a"]}) == ["c", "a", "b", "d"]
    with pytest.raises(CycleError) as caught:
        topological(["a", "b", "c"], {"a": ["b"], "b": ["c"], "c": ["a"]})
    assert caught.value.cycle[0] == caught.value.cycle[-1]
    assert len(caught.value.cycle) == 4


# ---- what a run reports ----

MODEL = """efficacy = 0.2 to 0.4
cost = 1000 to 3000
people = 10k
pSuccess = efficacy * 0.9
saved = people * pSuccess
costPerLife = cost * people / saved
unrelated = normal(5, 1)
"""


def test_redefining_an_input_updates_its_dependents_in_program_order() -> None:
    s = dsl.Session(samples=SAMPLES, seed=7)
    first = s.run(MODEL)
    assert first.updated == []
    assert first.computed == list(first.info)
    kept = s.bindings["unrelated"].value
    cost = s.bindings["cost"].value
    r = s.run("efficacy = 0.1 to 0.25")
    assert list(r.info) == ["efficacy"]
    assert r.updated == ["pSuccess", "saved", "costPerLife"]
    assert r.computed == ["efficacy", "pSuccess", "saved", "costPerLife"]
    assert s.bindings["unrelated"].value is kept and s.bindings["cost"].value is cost
    assert_fresh(s)
    # the stale answer of issue 16: the mean follows the new input
    fresh = dsl.Session(samples=SAMPLES, seed=7)
    fresh.run(MODEL.replace("0.2 to 0.4", "0.1 to 0.25"))
    assert float(s.evaluate("mean(costPerLife)")) == float(fresh.evaluate("mean(costPerLife)"))


def test_a_function_redefinition_updates_its_callers() -> None:
    s = dsl.Session(samples=SAMPLES, seed=1)
    s.run("k = 2\nf(x) = x * k\ny = f(normal(0, 1))\nz = y + 1\nw = 3")
    r = s.run("f(x) = x * k + uniform(0, 1)")
    assert r.updated == ["y", "z"]
    assert s.run("k = 5").updated == ["f", "y", "z"]
    assert_fresh(s)


def test_sensitivity_follows_the_new_input() -> None:
    s = dsl.Session(samples=2000, seed=3)
    s.run("a = 1 to 2\nb = 1 to 1.01\nc = a * b")
    s.run("b = 1 to 100")
    assert s.sensitivity("c")[0]["input"] == "b"


def test_a_redefinition_that_uses_a_later_binding_moves_after_it() -> None:
    s = dsl.Session(samples=SAMPLES, seed=2)
    s.run("a = 1 to 2\nb = a + 1\nc = normal(0, 1)")
    r = s.run("a = c * 2")
    assert r.updated == ["b"]
    assert s.program_text().splitlines() == ["c = normal(0, 1)", "a = c * 2", "b = a + 1"]
    assert_fresh(s)


def state(s: dsl.Session):
    return (s.program_text(), dict(s.bindings), dict(s.env.vars), dict(s.evaluator.graph))


@pytest.mark.parametrize("entry", [
    "efficacy = 1 / 0 + [1]",                 # an error while computing the entry
    "cost = 5\npeople = lognormal(-1, 0)",    # a later dependent fails (people's users)
    "efficacy = costPerLife",                 # a circle
    "efficacy = 0.1 to",                      # a syntax error
    "efficacy = nosuchname",                  # an unknown name
])
def test_a_failed_entry_leaves_the_session_exactly_as_it_was(entry: str) -> None:
    s = dsl.Session(samples=SAMPLES, seed=7)
    s.run(MODEL)
    before = state(s)
    with pytest.raises(dsl.DslError):
        s.run(entry)
    after = state(s)
    assert after[0] == before[0]
    for b, a in zip(before[1:], after[1:]):
        assert list(a) == list(b) and all(a[k] is b[k] for k in b)
    assert_fresh(s)


def test_a_circle_is_named() -> None:
    s = dsl.Session(samples=SAMPLES)
    s.run("a = 1\nb = a + 1")
    with pytest.raises(dsl.DslError, match="a would use b, which uses a"):
        s.run("a = b")


# ---- replace: a whole program again (what `sq run --watch` and `:edit` use) ----

def test_replace_recomputes_only_changed_text_and_dependents() -> None:
    s = dsl.Session(samples=SAMPLES, seed=4)
    r = s.replace(MODEL + "mean(costPerLife)\n", "m.sq")
    assert r.computed == list(r.info)
    kept = s.bindings["unrelated"].value
    r = s.replace(MODEL.replace("cost = 1000 to 3000", "cost = 1000 to 5000")
                  + "mean(costPerLife)\n", "m.sq")
    assert r.computed == ["cost", "costPerLife"] and r.updated == ["costPerLife"]
    assert s.bindings["unrelated"].value is kept
    fresh = dsl.Session(samples=SAMPLES, seed=4)
    res = fresh.run(MODEL.replace("1000 to 3000", "1000 to 5000") + "mean(costPerLife)\n")
    assert float(r.result) == float(res.result)
    # nothing changed: nothing computed; a binding dropped is gone
    assert s.replace(s.program_text(), "m.sq").computed == []
    r = s.replace("cost = 1000 to 5000\nunrelated = normal(5, 1)\n", "m.sq")
    assert r.computed == [] and list(s.bindings) == ["cost", "unrelated"]
    assert r.result is None


# ---- the property: any sequence of edits ends where a fresh run of the program does ----

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

INPUTS = ["normal({p}, 1)", "{p} to {q}", "{p}", "uniform(0, {q})", "beta(2, {q})"]
FUNCTIONS = ["{f}(x) = x * {p} + normal(0, 1)", "{f}(x) = x + {a}",
             "{f}(x) = if x > {p} then x else {a} * uniform(1, 2)"]
MIDDLES = ["{a} + {b}", "{a} * normal(1, 0.1)", "{f}({a})", "mean({a}) + uniform(0, 1)",
           "{a} - {b} * {p}", "{f}({a}) + {f}({b})", "{a}"]


@st.composite
def edits(draw):
    """A small model (inputs, functions, middle bindings) and edits to apply to it,
    each a ("run", entry) or ("drop", name) step, as text chosen from the names so far."""
    numbers = st.sampled_from(["1", "2", "3", "0.5", "7"])
    names: list[str] = []   # values (inputs and middle bindings)
    functions: list[str] = []
    steps = []

    def value_text(kind: str, exclude: str = "") -> str:
        pool = [n for n in names if n != exclude] or ["1"]
        f = draw(st.sampled_from(functions)) if functions else None
        templates = {"input": INPUTS, "function": FUNCTIONS, "middle": MIDDLES}[kind]
        if f is None or exclude in functions:
            templates = [t for t in templates if "{f}" not in t]
        template = draw(st.sampled_from(templates))
        return template.format(p=draw(numbers), q=str(8 + int(draw(numbers)[0])),
                               a=draw(st.sampled_from(pool)), b=draw(st.sampled_from(pool)),
                               f=f)

    model = []
    for i in range(draw(st.integers(2, 4))):
        model.append(f"i{i} = {value_text('input')}")
        names.append(f"i{i}")
    for i in range(draw(st.integers(1, 2))):
        functions.append(f"f{i}")
        model.append(FUNCTIONS[draw(st.integers(0, len(FUNCTIONS) - 1))].format(
            f=f"f{i}", p=draw(numbers), a=draw(st.sampled_from(names))))
    for i in range(draw(st.integers(2, 4))):
        model.append(f"m{i} = {value_text('middle')}")
        names.append(f"m{i}")
    steps.append(("run", "\n".join(model)))
    added = 0
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["input", "function", "middle", "add", "drop"]))
        if kind == "input":
            name = draw(st.sampled_from([n for n in names if n.startswith("i")] or ["i0"]))
            steps.append(("run", f"{name} = {value_text('input')}"))
        elif kind == "function":
            f = draw(st.sampled_from(functions))
            steps.append(("run", draw(st.sampled_from(FUNCTIONS)).format(
                f=f, p=draw(numbers), a=draw(st.sampled_from(names)))))
        elif kind == "middle":
            name = draw(st.sampled_from(names))
            steps.append(("run", f"{name} = {value_text('middle', exclude=name)}"))
        elif kind == "add":
            name = f"n{added}"
            added += 1
            steps.append(("run", f"{name} = {value_text('middle')}"))
            names.append(name)
        else:
            steps.append(("drop", draw(st.sampled_from(names))))
    return steps


def apply(session: dsl.Session, step: tuple[str, str]) -> None:
    how, what = step
    if how == "run":
        session.run(what)
    else:  # drop a binding: the program without its line (refused if something uses it)
        lines = [line for line in session.program_text().splitlines()
                 if not line.startswith(what + " =")]
        session.replace("\n".join(lines) + "\n", "<edited>")


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(edits(), st.integers(0, 3))
def test_any_edits_equal_a_fresh_run_of_the_final_program(steps, seed) -> None:
    s = dsl.Session(samples=SAMPLES, seed=seed)
    for step in steps:
        before = state(s)
        try:
            apply(s, step)
        except dsl.DslError:  # a circle, a dropped binding still in use, a type error
            after = state(s)
            assert after[0] == before[0]
            assert all(a[k] is b[k] for a, b in zip(after[1:], before[1:]) for k in b)
    assert_fresh(s)


def test_replace_follows_a_changed_imported_file(tmp_path) -> None:
    lib, model = tmp_path / "lib.sq", tmp_path / "model.sq"
    lib.write_text("export k = normal(2, 1)\n")
    text = 'import "./lib.sq" as lib\na = 1 to 2\nb = a * lib.k\n'
    model.write_text(text)
    s = dsl.Session(samples=SAMPLES, seed=5)
    s.replace(text, str(model))
    assert s.files() == [str(lib.resolve())]
    assert s.replace(text, str(model)).computed == []
    lib.write_text("export k = normal(3, 1)\n")
    r = s.replace(text, str(model))
    assert r.computed == ["lib", "b"] and r.updated == ["b"]
    fresh = dsl.run_file(str(model), samples=SAMPLES, seed=5)
    assert np.array_equal(fresh.bindings["b"].samples, s.bindings["b"].value.samples)
    # a line inserted above: nothing to recompute, the report points at the new lines
    r = s.replace("// a comment\n" + text, str(model))
    assert r.computed == [] and s.bindings["b"].span.line == 4


def test_a_failed_replace_leaves_the_session_as_it_was() -> None:
    s = dsl.Session(samples=SAMPLES, seed=5)
    s.replace(MODEL, "m.sq")
    before = state(s)
    for broken in (MODEL + "x = (", MODEL.replace("0.2 to 0.4", "0.2 to [1]"),
                   MODEL.replace("people = 10k\n", "")):
        with pytest.raises(dsl.DslError):
            s.replace(broken, "m.sq")
        after = state(s)
        assert after[0] == before[0]
        assert all(a[k] is b[k] for a, b in zip(after[1:], before[1:]) for k in b)
