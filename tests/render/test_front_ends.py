"""The front ends draw through the render layer as ``sq run`` does: ``sq run --watch
--json`` prints the same document as ``sq run --json`` (``name`` and ``doc`` with each
binding), and the REPL computes a calculator's result with the session's sample count
and seed, not the report's defaults."""
import io
import json

import dsl
from dsl.front.repl.engine import Engine
from dsl.front.watch import _show
from dsl.render.json import run_json
from dsl.render.report import render_text

MODEL = ('@name("Takeoff ratio")\n@doc("How much faster progress gets.")\n'
         "ratio = 1 to 10\nother = 2\n")


def test_watch_json_is_the_run_json_document():
    printed = []
    result = dsl.run(MODEL, samples=2000, seed=1)
    _show(result, True, None, None, True, printed.append)
    (line,) = printed
    document = json.loads(line)
    entry = document["bindings"]["ratio"]
    assert entry["name"] == "Takeoff ratio"
    assert entry["doc"] == "How much faster progress gets."
    assert "name" not in document["bindings"]["other"]
    assert document == json.loads(json.dumps(run_json(dsl.run(MODEL, samples=2000,
                                                              seed=1))))


# the result is the sample count, and a sample drawn with the run's seed
CALCULATOR = ('c = Calculator.make({|a| [List.length(SampleSet.toList(SampleSet.fromDist('
              'normal(a, 1)))), SampleSet.toList(SampleSet.fromDist(normal(a, 1)))[0]]}, '
              '{inputs: [Input.text({name: "a", default: "1"})]})')


def _repl(samples: int, seed: int, source: str) -> str:
    engine = Engine(samples=samples, seed=seed, out=io.StringIO(), err=io.StringIO(),
                    color=False, width=80)
    engine.run_source(source)
    return engine.out.getvalue()


def test_the_repl_draws_a_calculator_with_the_sessions_samples_and_seed():
    shown = _repl(2000, 7, CALCULATOR)
    assert "    [2000, " in shown  # the session's 2000 samples, not the default 100000
    expected = render_text(dsl.run(CALCULATOR, samples=2000, seed=7), color=False,
                           width=80)
    assert shown.strip() == expected.strip()
    assert _repl(2000, 8, CALCULATOR) != shown  # the seed is the session's too

