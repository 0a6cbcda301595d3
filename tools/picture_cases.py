"""Record what Squiggle 0.10 holds for picture expressions (tests/data/picture_cases.json,
read by tests/stdlib/test_picture_cases.py): the record inside each Plot, Scale, Table,
Calculator, Input and Specification, after Squiggle's defaults.

    python tools/picture_cases.py

Needs node; installs Squiggle as tools/record_squiggle.py does.
"""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import record_squiggle  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = pathlib.Path(__file__).with_suffix(".mjs")
OUT = ROOT / "tests" / "data" / "picture_cases.json"

EXPRESSIONS = [
    "Scale.linear()", "Scale.linear({})", 'Scale.linear({min: 3, max: 10, title: "t"})',
    'Scale.log({min: 1, max: 100, tickFormat: ".1f"})', "Scale.symlog()",
    "Scale.symlog({constant: 0.5})", "Scale.power()", "Scale.power({exponent: 2, min: 0})",
    "Scale.date()", "Scale.date({min: Date(2020), max: Date(2030), title: \"d\"})",
    "Plot.dist(normal(0, 1))",
    'Plot.dist(normal(0, 1), {xScale: Scale.log(), showSummary: false, title: "T"})',
    "Plot.dist({dist: normal(0, 1), yScale: Scale.symlog()})",
    "Plot.dists([normal(0, 1), 3])",
    'Plot.dists([{name: "a", value: normal(0, 1)}, {value: 3}, {name: "", value: 1}])',
    'Plot.dists({dists: [{name: "", value: 3}], xScale: Scale.log()})',
    "Plot.numericFn({|x| x})",
    "Plot.numericFn({|x: [1, 10]| x}, {xPoints: [0, 3, 2, 2, 11]})",
    'Plot.numericFn({|x: [1, 10]| x}, {xScale: Scale.log({title: "t"}), yScale: Scale.log()})',
    'Plot.numericFn({|x| x} -> Tag.name("N"))',
    'Plot.numericFn({|x| x} -> Tag.name("N"), {title: ""})',
    "Plot.numericFn({fn: {|x| x}, xScale: Scale.log({min: 1, max: 2}), xPoints: [3, 1]})",
    "Plot.distFn({|x| normal(x, 1)})",
    "Plot.distFn({|x: [1, 10]| normal(x, 1)}, {xPoints: [0, 3, 11], yScale: Scale.log()})",
    "Plot.distFn({|x| normal(x, 1)}, {distXScale: Scale.symlog(), yScale: Scale.log()})",
    "Plot.distFn({|t: Date.rangeDomain(Date(2020), Date(2030))| normal(1, 1)})",
    'Plot.distFn({|x| normal(x, 1)} -> Tag.name("N"), {title: ""})',
    "Plot.distFn({fn: {|x| normal(x, 1)}, xPoints: [2, 1]})",
    "Plot.numericFn({|x| x}, {xScale: Scale.date({min: Date(2020), max: Date(2030)})})",
    "Plot.scatter({xDist: SampleSet.fromDist(normal(0, 1)), yDist: normal(0, 1)})",
    'Plot.scatter({xDist: normal(0, 1) -> Tag.name("X"), yDist: normal(0, 1), '
    'yScale: Scale.log()})',
    'RelativeValues.gridPlot({ids: ["a", "b"], fn: {|a, b| [normal(0, 1), normal(1, 1)]}})',
    'Table.make([1, "a"], {columns: [{fn: {|x| x}, name: "c"}, {fn: {|x| x}}]})',
    "Table.make({data: [1], columns: []})",
    "Calculator({|x: [1, 10], y| x})",
    'Calculator.make({|a| a}, {title: "", description: "d", inputs: '
    '[Input.text({name: "a", default: 5})], autorun: false, sampleCount: 0})',
    'Calculator.make({fn: {|a| a}, inputs: [Input.textArea({name: "a", default: "x"})], '
    'sampleCount: 100})',
    'Calculator.make({|a| a} -> Tag.name("N") -> Tag.doc("D"))',
    "Calculator.make(Math.sqrt)", "Calculator.make(Danger.binomial)",
    'Input.text({name: "a", default: 0})', 'Input.text({name: "a", default: 2.5})',
    'Input.text({name: "a", default: "", description: ""})',
    'Input.textArea({name: "a", default: "1 to 2", description: "d"})',
    'Input.checkbox({name: "a"})', 'Input.checkbox({name: "a", default: false})',
    'Input.select({name: "a", options: ["x", "y"], default: ""})',
    'Input.select({name: "a", options: ["x", "y"], default: "y"})',
    'Spec.make({name: "n", documentation: "d", validate: {|x| ""}})',
]


def main() -> None:
    command = record_squiggle.ensure_squiggle(record_squiggle.default_cache())
    folder = pathlib.Path(command[-1]).parent
    script = folder / SCRIPT.name
    shutil.copyfile(SCRIPT, script)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(EXPRESSIONS, f)
    done = subprocess.run([command[0], str(script), f.name], cwd=folder,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"picture_cases: node failed:\n{done.stderr[-2000:]}")
    cases = json.loads(done.stdout)
    OUT.write_text(json.dumps({"squiggle": "@quri/squiggle-lang 0.10.0",
                               "cases": cases}, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
