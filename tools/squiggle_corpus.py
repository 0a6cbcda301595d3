"""The Squiggle 0.10 conformance corpus: where it lives, how expected files are made from
several runs of real Squiggle, and how one run of any tool is checked against them.

Used by ``tools/record_squiggle.py`` (which records and ``--check``s with real Squiggle)
and by ``tests/test_squiggle_conformance.py`` (which checks sqdsl); needs only the
standard library.

A run is the JSON object of ``sq run --json`` (DESIGN.md section 2). An expected file
holds, for every top-level binding and the final expression, a node:

- ``{"kind": "number", "value": x, "se": s, "tol": t, "deterministic": b}``
- ``{"kind": "dist", "stats": {"mean": STAT, "stdev": STAT, "0.05": STAT, ...}}`` with
  STAT the same four keys as a number
- ``{"kind": "bool" | "string", "value": v}``, ``{"kind": "list", "items": [node]}``,
  ``{"kind": "date", "value": ISO, "text": s}`` (a date is exact to the millisecond),
  ``{"kind": "duration", "ms": STAT, "text": s}``,
  ``{"kind": "record", "fields": {key: node}}``, ``{"kind": "function"}``,
  ``{"kind": PICTURE, "text": s}`` for a plot, table, calculator, input, scale or
  specification (its toString; a specification's is None: Squiggle writes its compiled
  function), or null.

Tolerance (see tests/squiggle/README.md): every random statistic S of Squiggle is
recorded as the mean of its single-run values over the seeds, with
``se = max(stdev of the single-run values across the seeds, analytic single-run SE)``,
which estimates how far ONE run of 200,000 samples strays. A checked run may differ from
the recorded mean by ``tol = 5 * sqrt(2) * se``: its own error (about ``se``) and the
recording's (``se / sqrt(seeds)``) together stay far inside it. A value that every seed
gave identically is ``deterministic`` and must agree to 1e-9 relative.
"""
from __future__ import annotations

import json
import math
import pathlib
import re
from dataclasses import dataclass
from typing import Any, Iterable

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "squiggle"
PROGRAMS = CORPUS / "programs"
EXPECTED = CORPUS / "expected"
ERRORS = CORPUS / "errors"
ERRORS_EXPECTED = CORPUS / "errors_expected.json"

SQUIGGLE_VERSION = "0.10.0"
SAMPLES = 200_000
STATS = ("mean", "stdev", "0.05", "0.25", "0.5", "0.75", "0.95")
Z = 5 * math.sqrt(2)
RELATIVE = 1e-9
ABSOLUTE = 1e-12
TOLERANCE_RULE = ("tol = max(5*sqrt(2)*se, 1e-9*|value|, 1e-12); se = max(stdev of the "
                  "single-run statistic across the seeds, mean analytic single-run SE); "
                  "deterministic (identical in every seed): tol = max(1e-9*|value|, 1e-12)")
KEYWORD = re.compile(r"^//\s*keyword:\s*(.+?)\s*$", re.MULTILINE)


def program_names() -> list[str]:
    return sorted(p.stem for p in PROGRAMS.glob("*.squiggle"))


def expected_names() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.json"))


def error_files() -> list[str]:
    return sorted(p.name for p in ERRORS.glob("*.squiggle"))


def error_keyword(path: pathlib.Path) -> str:
    """The ``// keyword: WORD`` line of an error program: a word Squiggle's message holds."""
    found = KEYWORD.search(path.read_text())
    if not found:
        raise ValueError(f"{path.name}: no '// keyword: ...' line")
    return found.group(1)


def load_expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text())


def load_error_expectations() -> list[dict]:
    if not ERRORS_EXPECTED.exists():
        return []
    return json.loads(ERRORS_EXPECTED.read_text())["errors"]


# ---------------------------------------------------------------- numbers in JSON

def to_float(x: Any) -> float:
    """A JSON number, or one of the strings "Infinity", "-Infinity", "NaN"."""
    if isinstance(x, str):
        return {"Infinity": math.inf, "-Infinity": -math.inf, "NaN": math.nan}[x]
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise TypeError(f"not a number: {x!r}")
    return float(x)


def to_json_number(x: float) -> Any:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tolerance(value: float, se: float, deterministic: bool) -> float:
    floor = max(RELATIVE * abs(value), ABSOLUTE) if math.isfinite(value) else 0.0
    return floor if deterministic else max(Z * se, floor)


# ---------------------------------------------------------------- recording

class Unsuitable(Exception):
    """The seeds disagree on something that must not be random (a kind, a string,
    a length, a non-finite number): the program does not belong in the corpus."""


def _statistic(values: list, analytic: Iterable[float] = ()) -> dict:
    xs = [to_float(v) for v in values]
    if all(x == xs[0] or (math.isnan(x) and math.isnan(xs[0])) for x in xs):
        x = xs[0]
        return {"value": to_json_number(x), "se": 0.0, "tol": tolerance(x, 0.0, True),
                "deterministic": True}
    if not all(math.isfinite(x) for x in xs):
        raise Unsuitable(f"non-finite in some seeds only: {values}")
    mean = sum(xs) / len(xs)
    between = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
    ses = [float(s) for s in analytic if s is not None and math.isfinite(float(s))]
    se = max(between, sum(ses) / len(ses) if ses else 0.0)
    return {"value": mean, "se": se, "tol": tolerance(mean, se, False),
            "deterministic": False, "se_between_seeds": between}


def merge(runs: list, where: str = "") -> Any:
    """One expected node from the same value in several seeds' runs."""
    if all(r is None for r in runs):
        return None
    kinds = {None if r is None else r.get("type") for r in runs}
    if len(kinds) != 1:
        raise Unsuitable(f"{where}: kinds differ across seeds: {sorted(map(str, kinds))}")
    kind = kinds.pop()
    if kind == "number":
        return {"kind": "number", **_statistic([r["value"] for r in runs])}
    if kind == "dist":
        stats = {}
        for stat in STATS:
            got = [r[stat] if stat in ("mean", "stdev") else r["quantiles"][stat]
                   for r in runs]
            analytic = [r.get("se", {}).get(stat) for r in runs]
            stats[stat] = _statistic(got, analytic)
        return {"kind": "dist", "stats": stats}
    if kind in ("bool", "string"):
        values = {json.dumps(r["value"]) for r in runs}
        if len(values) != 1:
            raise Unsuitable(f"{where}: {kind} differs across seeds: {sorted(values)}")
        return {"kind": kind, "value": runs[0]["value"]}
    if kind in ("date", "duration"):  # no distributions of these: the same in every seed
        texts = {json.dumps([r.get("value"), r["text"]]) for r in runs}
        if len(texts) != 1:
            raise Unsuitable(f"{where}: {kind} differs across seeds: {sorted(texts)}")
        if kind == "date":
            return {"kind": kind, "value": runs[0]["value"], "text": runs[0]["text"]}
        return {"kind": kind, "ms": _statistic([r["ms"] for r in runs]),
                "text": runs[0]["text"]}
    if kind == "list":
        lengths = {len(r["items"]) for r in runs}
        if len(lengths) != 1:
            raise Unsuitable(f"{where}: list lengths differ across seeds: {sorted(lengths)}")
        return {"kind": "list", "items": [merge([r["items"][i] for r in runs], f"{where}[{i}]")
                                          for i in range(lengths.pop())]}
    if kind == "record":
        keys = {tuple(sorted(r["fields"])) for r in runs}
        if len(keys) != 1:
            raise Unsuitable(f"{where}: record keys differ across seeds")
        return {"kind": "record", "fields": {k: merge([r["fields"][k] for r in runs],
                                                      f"{where}.{k}")
                                             for k in runs[0]["fields"]}}
    if kind == "function":
        return {"kind": "function"}
    if kind in PICTURES:  # compared by kind and Squiggle's toString (a spec's: kind only)
        texts = {r.get("text") for r in runs}
        if len(texts) != 1:
            raise Unsuitable(f"{where}: {kind} texts differ across seeds: {sorted(texts)}")
        return {"kind": kind, "text": None if kind == "specification" else texts.pop()}
    raise Unsuitable(f"{where}: a value of kind {kind!r} is not comparable")


def expected_from_runs(program: str, seeds: list[str], runs: list[dict]) -> dict:
    """The expected file of a program from its runs (one per seed, none an error)."""
    names = {tuple(r["bindings"]) for r in runs}
    if len(names) != 1:
        raise Unsuitable("the bindings differ across seeds")
    return {
        "program": program,
        "squiggle_version": SQUIGGLE_VERSION,
        "samples": runs[0]["samples"],
        "seeds": seeds,
        "tolerance": TOLERANCE_RULE,
        "bindings": {name: merge([r["bindings"][name] for r in runs], name)
                     for name in runs[0]["bindings"]},
        "result": merge([r["result"] for r in runs], "result"),
    }


# ---------------------------------------------------------------- comparing

@dataclass
class Mismatch:
    where: str        # binding path: "x", "xs[2]", "r.cost", "(result)"
    statistic: str    # "value", "mean", "0.05", "kind", "length", "keys", ...
    got: Any
    expected: Any
    tol: float | None = None

    def __str__(self) -> str:
        tol = "" if self.tol is None else f" (tol {self.tol:.3g})"
        stat = "" if self.statistic == "value" else f" {self.statistic}"
        return f"{self.where}{stat}: got {self.got!r}, expected {self.expected!r}{tol}"


def _number(where: str, stat: str, got: Any, exp: dict, out: list) -> None:
    try:
        x = to_float(got)
    except (TypeError, KeyError):
        out.append(Mismatch(where, stat, got, exp["value"]))
        return
    want = to_float(exp["value"])
    if not math.isfinite(want) or not math.isfinite(x):
        if not (x == want or (math.isnan(x) and math.isnan(want))):
            out.append(Mismatch(where, stat, got, exp["value"]))
        return
    if abs(x - want) > exp["tol"]:
        out.append(Mismatch(where, stat, x, want, exp["tol"]))


# picture values (the runner's and sqdsl's JSON types for them)
PICTURES = ("plot", "table", "calculator", "input", "scale", "specification")


def _kind(value: Any) -> str | None:
    return None if value is None else value.get("type")


def compare_value(got: Any, exp: Any, where: str, out: list) -> None:
    if exp is None:
        if got is not None:
            out.append(Mismatch(where, "kind", _kind(got), None))
        return
    kind = exp["kind"]
    if _kind(got) != kind:
        out.append(Mismatch(where, "kind", _kind(got), kind))
        return
    if kind == "number":
        _number(where, "value", got["value"], exp, out)
    elif kind == "dist":
        for stat, e in exp["stats"].items():
            g = got.get(stat) if stat in ("mean", "stdev") else got["quantiles"].get(stat)
            _number(where, stat, g, e, out)
    elif kind in ("bool", "string"):
        if got["value"] != exp["value"]:
            out.append(Mismatch(where, "value", got["value"], exp["value"]))
    elif kind in ("date", "duration"):
        if kind == "date" and got.get("value") != exp["value"]:
            out.append(Mismatch(where, "value", got.get("value"), exp["value"]))
        if kind == "duration":
            _number(where, "ms", got.get("ms"), exp["ms"], out)
        if got.get("text") != exp["text"]:
            out.append(Mismatch(where, "text", got.get("text"), exp["text"]))
    elif kind in PICTURES:
        if exp["text"] is not None and got.get("text") != exp["text"]:
            out.append(Mismatch(where, "text", got.get("text"), exp["text"]))
    elif kind == "list":
        if len(got["items"]) != len(exp["items"]):
            out.append(Mismatch(where, "length", len(got["items"]), len(exp["items"])))
            return
        for i, (g, e) in enumerate(zip(got["items"], exp["items"])):
            compare_value(g, e, f"{where}[{i}]", out)
    elif kind == "record":
        if set(got["fields"]) != set(exp["fields"]):
            out.append(Mismatch(where, "keys", sorted(got["fields"]), sorted(exp["fields"])))
            return
        for k, e in exp["fields"].items():
            compare_value(got["fields"][k], e, f"{where}.{k}", out)


def compare_run(run: dict, expected: dict) -> list[Mismatch]:
    """Every way one run (``sq run --json`` output) disagrees with an expected file."""
    out: list[Mismatch] = []
    if "error" in run:
        err = run["error"]
        return [Mismatch("(program)", "error", f"{err.get('message')} "
                         f"(line {err.get('line')}, column {err.get('column')})", "no error")]
    if list(run["bindings"]) != list(expected["bindings"]):
        out.append(Mismatch("(program)", "bindings", list(run["bindings"]),
                            list(expected["bindings"])))
    for name, exp in expected["bindings"].items():
        if name in run["bindings"]:
            compare_value(run["bindings"][name], exp, name, out)
    compare_value(run.get("result"), expected.get("result"), "(result)", out)
    return out


def compare_error(run: dict, case: dict) -> list[Mismatch]:
    """How an error run (``{"error": {...}}``) disagrees with Squiggle's recorded error."""
    if "error" not in run:
        return [Mismatch(case["file"], "error", "no error", case["squiggle_message"])]
    err = run["error"]
    out = []
    for key in ("line", "column"):
        if err.get(key) != case[key]:
            out.append(Mismatch(case["file"], key, err.get(key), case[key]))
    if case["keyword"].lower() not in str(err.get("message", "")).lower():
        out.append(Mismatch(case["file"], "message", err.get("message"),
                            f"a message containing {case['keyword']!r}"))
    return out
