"""Issue 15, cause 4, what the first fixes left: one numpy or scipy step that cannot be
cut (a sort or selection over every sample, an argsort per input of ``sensitivity``,
``correlate``'s k x k factorisations, a stack of distributions' medians) ran whole past
the time limit, because the clock is read only between steps.

Each test runs in a capped child (``isolated.run_isolated``). The big values are made
before the clock starts and handed to the run as ``inputs=`` (``limit_child``), so the
run reaches the step under test at once, whatever the machine's load; the limits are
far below the step's own time (seconds here idle, many more under load), so before the
fix every one of them overran by far more than the rule allows, and after it the run
ends within ``limit * 1.1 + 0.2`` s, either refused at once ("would take at least ...")
or stopped at its deadline while the step ends in the background.
"""
from isolated import run_isolated
from limit_child import child_code, outcome_of


def _draws(n: int, seed: int = 0, how: str = "normal") -> str:
    return f"Dist.from_samples(np.random.default_rng({seed}).{how}(size={n}))"


# every builtin the tests use, once, so that their modules are loaded before the clock
WARM = ("x = normal(0, 1) * 1\ny = [median(x), quantile(x, 0.5), mode(x), pdf(x, 0), "
        "sparkline(x), sensitivity(x * 2, [x]), correlate([x, x], 0.5), "
        "Number.sort([2, 1]), median([1, 2]), List.sortBy([2, 1], {|v| v}), "
        "List.join(['a', 'b']), SampleSet.toList(SampleSet.fromList([1, 2])), "
        "List.shuffle([1, 2]), List.make(x)]",)


# A run on a loaded machine (other processes on the 2 cores) can miss the bound by the
# scheduler's delays alone; a step with no clock misses it by seconds every time. So the
# bound must hold in one of ATTEMPTS fresh children, and everything else in each.
ATTEMPTS = 3


def _in_time(code: str, limit: float, check, seconds_key: str) -> dict:
    """Run ``code`` in fresh capped children until one reports ``seconds_key`` within
    ``limit * 1.1 + 0.2`` s (ATTEMPTS at most); ``check(result, out)`` asserts the rest
    of each child's outcome."""
    for _ in range(ATTEMPTS):
        out = run_isolated(code, timeout=180, memory_mb=6144)
        assert out.returncode == 0 and not out.timed_out, out.explain()
        result = outcome_of(out)
        assert result["kind"] == "LimitError" and "time limit" in result["message"], \
            (result, out.explain())
        assert result["line"] is not None and result["column"] is not None, result
        check(result, out)
        if result[seconds_key] < limit * 1.1 + 0.2:
            return result
    raise AssertionError(f"past the limit in {ATTEMPTS} runs: {result}")


def _stopped_in_time(source, *, samples, limit, inputs=None, limits=None, summary=False,
                     line=None):
    def check(result, out):
        if line is not None:
            assert result["line"] == line, result

    limits = {"time_limit": limit, **(limits or {})}
    return _in_time(child_code(source, samples, limits, summary, inputs=inputs, warm=WARM),
                    limit, check, "seconds")


def test_a_median_of_many_samples_stops_in_time():
    # a selection over 3e7 samples: ~1.3 s idle in one np.partition
    _stopped_in_time("x = 0\ny = median(x)", samples=30_000_000, limit=0.1, line=2,
                     limits={"max_samples": 30_000_000},
                     inputs="{'x': " + _draws(30_000_000) + "}")


def test_quantiles_of_many_samples_stop_in_time():
    # two selections over 3e7 samples, the clock read between them
    _stopped_in_time("x = 0\ny = [quantile(x, 0.1), quantile(x, 0.9)]", samples=30_000_000,
                     limit=0.5, line=2, limits={"max_samples": 30_000_000},
                     inputs="{'x': " + _draws(30_000_000) + "}")


def test_sensitivity_of_many_samples_stops_in_time():
    # three inputs at 1e7 samples: ~17 s of argsorts, gathers and scatters, which
    # finished "ok" 11 s past a 0.8 s limit
    inputs = ("{'a': " + _draws(10_000_000, 1) + ", 'b': " + _draws(10_000_000, 2)
              + ", 'y': " + _draws(10_000_000, 3) + "}")
    _stopped_in_time("a = 0\nb = 0\ny = 0\nz = sensitivity(y, [a, b])",
                     samples=10_000_000, limit=0.3, line=4, inputs=inputs)


def test_correlating_many_inputs_stops_in_time():
    # 2,000 inputs at 3,000 samples: k x k eigen-solves and an n x k correlation matrix
    # ran 1.5 s idle under a 0.5 s limit (18 s under load); 2,500 at 5,000 run longer
    _stopped_in_time("x = correlate(List.make(2500, normal(0, 1)), 0.1)", samples=5000,
                     limit=0.3, line=1)


def test_a_median_of_many_distributions_stops_in_time():
    # np.median of a 60 x 1e6 stack, down its columns
    inputs = "{'xs': List([" + _draws(1_000_000, "i") + " for i in range(60)])}"
    _stopped_in_time("xs = 0\ny = median(xs)", samples=1_000_000, limit=0.1, line=2,
                     inputs=inputs)


def test_sorting_a_long_list_stops_in_time():
    inputs = ("{'xs': List([Number(v) for v in "
              "np.random.default_rng(0).normal(size=5_000_000).tolist()])}")
    _stopped_in_time("xs = 0\ny = Number.sort(xs)", samples=1000, limit=0.1, line=2,
                     inputs=inputs)


def test_the_mode_of_many_samples_stops_in_time():
    _stopped_in_time("x = 0\ny = mode(x)", samples=10_000_000, limit=0.1, line=2,
                     inputs="{'x': " + _draws(10_000_000) + "}")


# ---- summary() and to_python() run under the session's limits too ----

def _after_stopped_in_time(source, *, samples, limit, inputs, lines, summary=True,
                           to_python=False):
    """The run ends well inside its limit; then summary() (or to_python()) of its values
    stops within its own: a LimitError at the binding it was working on."""
    def check(result, out):
        assert result["stage"] == "after", result  # the run itself ended in time
        assert result["line"] in lines, result

    return _in_time(child_code(source, samples, {"time_limit": limit}, summary,
                               inputs=inputs, warm=WARM, to_python=to_python),
                    limit, check, "after_seconds")


_NUMBERS = ("List([Number(v) for v in np.random.default_rng(0).normal(size=3_000_000)"
            ".tolist()])")


def test_the_summary_of_a_long_list_stops_in_time():
    # 3e6 items: seconds of summary dicts, outside any clock before
    _after_stopped_in_time("y = 1\nxs = 0", samples=1000, limit=0.2, lines=[2],
                           inputs="{'xs': " + _NUMBERS + "}")


def test_the_summary_of_many_big_distributions_stops_in_time():
    # ten sorts of 1e7 samples for their quantiles, ~4 s idle, no clock before
    inputs = "{" + ", ".join(f"'x{i}': " + _draws(10_000_000, i) for i in range(10)) + "}"
    _after_stopped_in_time("\n".join(f"x{i} = 0" for i in range(10)), samples=10_000_000,
                           limit=0.2, lines=range(1, 11), inputs=inputs)


def test_to_python_of_a_long_list_stops_in_time():
    # to_python of the list takes ~0.27 s on an idle machine: a limit well under it
    _after_stopped_in_time("y = 1\nxs = 0", samples=1000, limit=0.08, lines=[2],
                           inputs="{'xs': " + _NUMBERS + "}", summary=False, to_python=True)


def test_a_sample_set_of_a_long_list_stops_in_time():
    # the list to an array (GIL-bound, ~30 ns an item) and the sort of its exact law
    inputs = ("{'xs': List([Number(v) for v in "
              "np.random.default_rng(0).normal(size=5_000_000).tolist()])}")
    _stopped_in_time("xs = 0\ny = SampleSet.fromList(xs)", samples=1000, limit=0.1, line=2,
                     inputs=inputs)


def test_the_samples_as_a_list_stop_in_time():
    _stopped_in_time("x = 0\ny = SampleSet.toList(x)", samples=10_000_000, limit=0.1, line=2,
                     inputs="{'x': " + _draws(10_000_000) + "}")


_TWO_LISTS = ("{'a': List([Number(float(i)) for i in range(3_000_000)]), "
              "'b': List([Number(float(i)) for i in range(3_000_000)])}")
_TWO_NESTED = ("{'a': List([List([Number(float(i))]) for i in range(1_000_000)]), "
               "'b': List([List([Number(float(i))]) for i in range(1_000_000)])}")


def test_comparing_long_lists_stops_in_time():
    # one tuple comparison of 3e6 items: 0.6 s past a 0.1 s limit
    _stopped_in_time("a = 0\nb = 0\nc = a == b", samples=10, limit=0.1, line=3,
                     inputs=_TWO_LISTS)


def test_comparing_long_nested_lists_stops_in_time():
    _stopped_in_time("a = 0\nb = 0\nc = a == b", samples=10, limit=0.1, line=3,
                     inputs=_TWO_NESTED)


def test_the_summary_of_a_long_deep_list_stops_in_time():
    # a list nested past the recursive path's depth, holding a million items: its
    # summary pushed them all in one step before reading the clock
    deep = "List([" + "List([" * 40 + "Number(1.0)" + "])" * 40 + "])"
    inputs = ("{'xs': List([" + deep + "] + [Number(float(i)) for i in range(1_500_000)])}")
    _after_stopped_in_time("y = 1\nxs = 0", samples=10, limit=0.1, lines=[2],
                           inputs=inputs)


def test_the_first_import_of_scipy_is_under_the_clock():
    # a fresh process's first exact quantile of a beta imports scipy.stats: 0.3 to 1 s
    # of module code (more under load) in one piece
    out = run_isolated(child_code("x = beta(2, 3)\ny = quantile(x, 0.3)", 10,
                                  {"time_limit": 0.05}), timeout=120)
    assert out.returncode == 0 and not out.timed_out, out.explain()
    result = outcome_of(out)
    assert result["kind"] == "LimitError" and result["line"] is not None, result
    assert result["seconds"] < 0.05 * 1.1 + 0.2, result


def test_a_run_after_an_abandoned_import_waits_for_it():
    # the import left running in the background by a stopped run is half made in
    # sys.modules: the next run waits for it instead of using it half made
    out = run_isolated("""
        import time
        import dsl
        dsl.run("x = normal(0, 1)", samples=10)
        try:
            dsl.run("x = beta(2, 3)\\ny = quantile(x, 0.3)", samples=10,
                    limits=dsl.Limits(time_limit=0.02))
            print("first: ok")
        except dsl.DslError as e:
            print("first:", e.kind)
        y = dsl.run("x = beta(2, 3)\\ny = quantile(x, 0.3)", samples=10).bindings["y"]
        print("second:", round(y.value, 6))
    """, timeout=120)
    assert out.returncode == 0, out.explain()
    # scipy.stats.beta(2, 3).ppf(0.3)
    assert "first: LimitError" in out.stdout and "second: 0.272384" in out.stdout, \
        out.explain()


def test_the_notebook_view_of_many_big_distributions_stops_in_time():
    out = run_isolated("""
        import json, time
        import numpy as np
        import dsl
        from dsl.engine.dist import Dist
        dsl.run("x = normal(0, 1) * 1\\ny = [x]", samples=1000)._repr_html_()  # warm
        inputs = {f"x{i}": Dist.from_samples(np.random.default_rng(i).normal(size=10**7))
                  for i in range(6)}
        result = dsl.run("\\n".join(f"x{i} = 0" for i in range(6)), samples=10**7,
                         inputs=inputs, limits=dsl.Limits(time_limit=0.2))
        started = time.monotonic()
        try:
            result._repr_html_()
            print(json.dumps({"kind": "ok", "seconds": time.monotonic() - started}))
        except dsl.DslError as e:
            print(json.dumps({"kind": e.kind, "line": e.line,
                              "seconds": time.monotonic() - started}))
    """, timeout=180, memory_mb=6144)
    assert out.returncode == 0 and not out.timed_out, out.explain()
    result = outcome_of(out)
    assert result["kind"] == "LimitError" and result["line"] in range(1, 7), result
    assert result["seconds"] < 0.2 * 1.1 + 0.2, result


def test_uniq_of_items_holding_millions_of_values_stops_in_time():
    # the key of one item, a list of 1e6 pairs, was built without a look at the clock
    inputs = ("{'a': List([List([Number(float(i)), Number(1.0)]) "
              "for i in range(1_000_000)])}")
    _stopped_in_time("a = 0\nb = List.uniq([a, a, 1])", samples=10, limit=0.1, line=2,
                     inputs=inputs)


def test_session_sensitivity_has_a_clock_of_its_own():
    # Session.sensitivity (sq run --sensitivity) rated 1e7-sample inputs with no clock
    out = run_isolated("""
        import json, time
        import numpy as np
        import dsl
        from dsl.engine.dist import Dist
        warm = dsl.Session(samples=1000)
        warm.run("a = normal(0, 1)\\ny = a * 2")
        warm.sensitivity("y")
        session = dsl.Session(samples=10**7, limits=dsl.Limits(time_limit=0.3))
        # y given too, so the run itself is quick; an input given by inputs= is an input
        # of its own, so z's upstream inputs are y's samples
        inputs = {n: Dist.from_samples(np.random.default_rng(i).normal(size=10**7))
                  for i, n in enumerate("abcy")}
        session.run("a = 0\\nb = 0\\nc = 0\\ny = a + b + c\\nz = y", inputs=inputs)
        started = time.monotonic()
        try:
            session.sensitivity("z")
            print(json.dumps({"kind": "ok", "seconds": time.monotonic() - started}))
        except dsl.DslError as e:
            print(json.dumps({"kind": e.kind, "line": e.line,
                              "seconds": time.monotonic() - started}))
    """, timeout=180, memory_mb=6144)
    assert out.returncode == 0 and not out.timed_out, out.explain()
    result = outcome_of(out)
    assert result["kind"] == "LimitError" and result["line"] == 5, result
    assert result["seconds"] < 0.3 * 1.1 + 0.2, result


# ---- the rewritten steps give what the plain ones gave ----

def test_sort_by_is_python_s_stable_sort_by_the_key():
    import random

    import dsl
    rng = random.Random(5)
    keys = [rng.choice([-1.5, 0.0, -0.0, 2.0, float("inf"), float("-inf")]) + rng.randrange(3)
            for _ in range(5000)]
    source = "ys = List.sortBy(List.upTo(0, 4999), {|i| keys[i]})"
    got = dsl.run("keys = 0\n" + source, samples=10, inputs={"keys": keys})
    order = [int(v.value) for v in got.bindings["ys"].items]
    assert order == sorted(range(5000), key=keys.__getitem__)  # equal keys keep their order


def test_number_sort_and_join_at_many_items():
    import numpy as np

    import dsl
    values = np.random.default_rng(2).normal(size=200_000)
    got = dsl.run("xs = 0\nys = Number.sort(xs)\nn = List.length(ys)", samples=10,
                  inputs={"xs": values.tolist()})
    assert [v.value for v in got.bindings["ys"].items] == sorted(values.tolist())
    words = [f"w{i}" for i in range(10_000)]
    joined = dsl.run("ws = 0\ns = List.join(ws, '-')", samples=10, inputs={"ws": words})
    assert joined.bindings["s"].value == "-".join(words)


def test_the_samples_made_a_list_stop_in_time():
    # List.make(dist): tolist of 1e7 samples in one piece
    _stopped_in_time("x = 0\ny = List.make(x)", samples=10_000_000, limit=0.1, line=2,
                     inputs="{'x': " + _draws(10_000_000) + "}")


def test_shuffling_a_long_list_stops_in_time():
    inputs = "{'xs': List([Number(float(i)) for i in range(5_000_000)])}"
    _stopped_in_time("xs = 0\ny = List.shuffle(xs)", samples=10, limit=0.1, line=2,
                     inputs=inputs)
