"""sqdsl against hand-written numpy, squigglepy and Squiggle 0.10, model by model.

    python bench/compare.py [--samples 10000,100000,1000000] [--repeat 3]
                            [--tools numpy,sqdsl,sqdsl-parse,squigglepy,squiggle] [--models NAME,...]
                            [--quick] [--commit REV] [--cache DIR] [--json-out FILE]

Every model is bench/models/NAME.sq (which Squiggle 0.10 also runs) with
NAME_numpy.py and NAME_squigglepy.py beside it; all print the same JSON summaries.
For each sample count and model: one warm-up round, then --repeat rounds; a round runs
every tool once as a fresh process, in an order that rotates from round to round, so
drift in the machine's load spreads over all tools. Printed: end-to-end times (sqdsl is
`sq run FILE --json --samples N`), each tool's own in-process evaluation time, peak
memory, the cold start of `sq eval "1"`, agreement with numpy within Monte Carlo error
(a MISMATCH line otherwise) and the issue's targets. Peers are installed on demand into
the cache folder; a peer that cannot be installed is shown as unavailable. sqdsl runs from
the working tree, or with --commit from a snapshot of that revision (`git archive` into
the cache, put first on PYTHONPATH), so that others' edits during a long run cannot mix
two versions into one table.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
from typing import Callable, Optional

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from agreement import mismatches  # noqa: E402
from measure import run_process  # noqa: E402
from peers import Unavailable, default_cache, ensure_squiggle, ensure_squigglepy  # noqa: E402
from report import Results, tables, targets  # noqa: E402

MODELS = HERE / "models"
ALL_TOOLS = ["numpy", "sqdsl", "sqdsl-parse", "squigglepy", "squiggle"]
# Listed models first, in this order (smallest first); any other model after them.
ORDER = ["lognormal_to", "eight_inputs", "takeoff_ratio", "scenarios", "wide_200"]


@dataclasses.dataclass
class Tool:
    """How to run one model with one tool: the end-to-end command, and for sqdsl a second
    command that times the evaluation in-process (the others report it themselves)."""
    name: str
    command: Callable[[str, int], list]
    eval_command: Optional[Callable[[str, int], list]] = None
    env: Optional[dict] = None


def snapshot(rev: str, cache: pathlib.Path) -> tuple:
    """(environment running sqdsl from revision ``rev``, its full hash)."""
    root = HERE.parent
    sha = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", rev + "^{commit}"],
                         capture_output=True, text=True)
    if sha.returncode != 0:
        sys.exit(f"--commit: not a revision: {rev}")
    sha = sha.stdout.strip()
    folder = cache / f"sqdsl-{sha[:12]}"
    if not (folder / "dsl" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(root), "archive", sha, "dsl", "stdlib"],
                                 capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    byte_compile(folder)
    return dict(os.environ, PYTHONPATH=str(folder)), sha


def byte_compile(folder: pathlib.Path) -> None:
    """Write the .pyc files of sqdsl's modules under ``folder``, as ``pip install`` does.
    Without them (a checkout run in place where PYTHONDONTWRITEBYTECODE is set, as on
    this machine) every start of ``sq`` compiles ~40 modules: ~35 ms that no installed
    copy pays."""
    for package in ("dsl", "stdlib"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / package)],
                       check=True)


def _sq_command() -> list:
    # The sq script beside this interpreter, not a pyenv shim (which adds ~0.1 s).
    beside = pathlib.Path(sys.executable).parent / "sq"
    return [str(beside)] if beside.exists() else ["sq"]


def make_tools(names: list, cache: pathlib.Path, sqdsl_env: Optional[dict]) -> tuple:
    """(tools, unavailable): the runnable Tools, and the reasons for the others."""
    tools, unavailable = [], {}
    sq = _sq_command()
    for name in names:
        try:
            if name == "numpy":
                tools.append(Tool(name, lambda m, n: [sys.executable,
                                                      str(MODELS / f"{m}_numpy.py"), str(n)]))
            elif name == "sqdsl":
                # `sq run` keeps parsed files in a cache (dsl/syntax/parse_cache.py); the
                # warm-up round fills it, as a modeller's first run of a file does
                env = dict(sqdsl_env or os.environ,
                           SQDSL_CACHE_DIR=str(cache / "parse-cache"))
                tools.append(Tool(
                    name, lambda m, n: sq + ["run", str(MODELS / f"{m}.sq"), "--json",
                                             "--samples", str(n)],
                    lambda m, n: [sys.executable, str(HERE / "sqdsl_eval.py"),
                                  str(MODELS / f"{m}.sq"), str(n)], env))
            elif name == "sqdsl-parse":
                # the same without the cache: every run parses (a file's first run)
                env = dict(sqdsl_env or os.environ, SQDSL_CACHE_DIR="off")
                tools.append(Tool(
                    name, lambda m, n: sq + ["run", str(MODELS / f"{m}.sq"), "--json",
                                             "--samples", str(n)], None, env))
            elif name == "squigglepy":
                python = ensure_squigglepy(cache, log=_log)
                tools.append(Tool(name, lambda m, n, p=python: p + [
                    str(MODELS / f"{m}_squigglepy.py"), str(n)]))
            elif name == "squiggle":
                node = ensure_squiggle(cache, log=_log)
                tools.append(Tool(name, lambda m, n, c=node: c + [str(MODELS / f"{m}.sq"),
                                                                  str(n)]))
        except Unavailable as e:
            unavailable[name] = str(e)
    return tools, unavailable


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _count_dists(value) -> int:
    if isinstance(value, dict):
        return (value.get("type") == "dist") + sum(_count_dists(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_dists(v) for v in value)
    return 0


def bench_model(results: Results, tools: list, model: str, n: int, repeat: int,
                timeout: float) -> None:
    """Warm-up round, then ``repeat`` measured rounds; then the agreement check."""
    outputs = {}
    for round_ in range(repeat + 1):
        shift = round_ % len(tools)
        order = tools[shift:] + tools[:shift]
        shown = []
        for tool in order:
            key = (model, n, tool.name)
            run = run_process(tool.command(model, n), timeout, tool.env)
            if run.error is not None:
                results.errors.setdefault(key, run.error)
            elif run.output is not None:
                outputs.setdefault(tool.name, run.output)
            own = {tool.name: run.output.get("evalSeconds") if run.output else None}
            if tool.eval_command is not None:
                timed = run_process(tool.eval_command(model, n), timeout, tool.env)
                document = timed.output or {}
                own = {tool.name: document.get("evalSeconds"),
                       f"{tool.name} warm": document.get("evalWarmSeconds")}
                if timed.error is not None:
                    results.errors.setdefault(key, "in-process: " + timed.error)
            if round_ > 0:  # the first round only warms caches
                results.runs.setdefault(key, []).append(run)
                for name, seconds in own.items():
                    if seconds is not None:
                        results.evals.setdefault((model, n, name), []).append(seconds)
            shown.append(f"{tool.name} {run.seconds:.2f}s" if run.error is None
                         else f"{tool.name} ERROR")
        label = "warm-up" if round_ == 0 else f"round {round_}/{repeat}"
        _log(f"{model} N={n:,} {label}: " + ", ".join(shown))
    reference = outputs.get("numpy")
    if reference is None:
        return
    results.alive[(model, n)] = _count_dists(reference["bindings"]) * n * 8
    for name, output in outputs.items():
        if name != "numpy":
            found = list(mismatches(reference, output, n))
            results.mismatches[(model, n, name)] = found
            for line in found:
                _log(f"MISMATCH {model} N={n:,} {name} vs numpy: {line}")


def bench_cold(results: Results, repeat: int, timeout: float,
               sqdsl_env: Optional[dict]) -> None:
    """`sq eval "1"` against `python -c "import numpy"`, interleaved, after a warm-up."""
    commands = {
        "python -c \"pass\"": [sys.executable, "-c", "pass"],
        "python -c \"import numpy\"": [sys.executable, "-c", "import numpy"],
        "python -c \"import dsl\"": [sys.executable, "-c", "import dsl"],
        "sq eval \"1\"": _sq_command() + ["eval", "1"],
    }
    for round_ in range(repeat + 1):
        for label, argv in commands.items():
            run = run_process(argv, timeout, sqdsl_env)
            if round_ > 0:
                results.cold.setdefault(label, []).append(run)
    _log("cold start: " + ", ".join(f"{k} {results.cold_median(k):.3f}s"
                                    for k in commands if results.cold_median(k)))


def _models(selected: Optional[list]) -> list:
    found = {p.stem for p in MODELS.glob("*.sq")}
    names = [m for m in ORDER if m in found] + sorted(found - set(ORDER))
    if selected:
        unknown = set(selected) - found
        if unknown:
            sys.exit(f"unknown model(s): {', '.join(sorted(unknown))}; have {names}")
        names = [m for m in names if m in selected]
    return names


def _csv(text: str) -> list:
    return [item.strip() for item in text.split(",") if item.strip()]


def main(argv: Optional[list] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=lambda s: [int(float(x)) for x in _csv(s)],
                    help="comma-separated sample counts (default 10000,100000,1000000)")
    ap.add_argument("--repeat", type=int,
                    help="measured rounds per model and sample count (default 3)")
    ap.add_argument("--tools", type=_csv, default=ALL_TOOLS,
                    help="comma-separated subset of " + ",".join(ALL_TOOLS))
    ap.add_argument("--models", type=_csv, help="comma-separated subset of the models")
    ap.add_argument("--quick", action="store_true",
                    help="defaults for a quick look: 10k and 100k samples, one round, "
                         "three cold starts")
    ap.add_argument("--cold-repeat", type=int,
                    help="measured cold starts of each command (default 10)")
    ap.add_argument("--commit", metavar="REV",
                    help="run sqdsl as of this git revision (default: the working tree)")
    ap.add_argument("--cache", type=pathlib.Path, default=default_cache(),
                    help="where the peers are installed (default $SQDSL_BENCH_CACHE or "
                         "~/.cache/sqdsl-bench)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    ap.add_argument("--json-out", type=pathlib.Path, help="also write every measurement")
    args = ap.parse_args(argv)
    if args.quick:
        defaults = ([10_000, 100_000], 1, 3)
    else:
        defaults = ([10_000, 100_000, 1_000_000], 3, 10)
    args.samples = args.samples or defaults[0]
    args.repeat = args.repeat if args.repeat is not None else defaults[1]
    args.cold_repeat = args.cold_repeat if args.cold_repeat is not None else defaults[2]
    unknown = set(args.tools) - set(ALL_TOOLS)
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(sorted(unknown))}")

    sqdsl_env, sha = snapshot(args.commit, args.cache) if args.commit else (None, None)
    if not args.commit:
        byte_compile(HERE.parent)  # the working tree, as an installed copy would be
    tools, unavailable = make_tools([t for t in ALL_TOOLS if t in args.tools], args.cache,
                                    sqdsl_env)
    results = Results([t for t in ALL_TOOLS if t in args.tools], unavailable)
    results.models, results.samples = _models(args.models), args.samples
    for tool, reason in unavailable.items():
        _log(f"{tool} unavailable: {reason}")
    load_before = os.getloadavg()[0]
    if "sqdsl" in args.tools:
        bench_cold(results, args.cold_repeat, args.timeout, sqdsl_env)
    for n in args.samples:
        for model in results.models:
            bench_model(results, tools, model, n, args.repeat, args.timeout)

    version = f"commit {sha[:12]}" if sha else "the working tree"
    print(f"sqdsl bench ({version}), {datetime.date.today()}, {platform.machine()} with "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"median of {args.repeat} rounds after a warm-up; 1-minute load average "
          f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")
    print(tables(results))
    print(targets(results))
    if args.json_out:
        args.json_out.write_text(json.dumps(_raw(results), indent=1))
    return 1 if any(results.mismatches.values()) else 0


def _raw(results: Results) -> dict:
    def runs(items):
        return [dataclasses.asdict(r) | {"output": None} for r in items]
    return {"runs": {"|".join(map(str, k)): runs(v) for k, v in results.runs.items()},
            "evals": {"|".join(map(str, k)): v for k, v in results.evals.items()},
            "cold": {k: runs(v) for k, v in results.cold.items()},
            "errors": {"|".join(map(str, k)): v for k, v in results.errors.items()},
            "mismatches": {"|".join(map(str, k)): v for k, v in results.mismatches.items()},
            "unavailable": results.unavailable}


if __name__ == "__main__":
    sys.exit(main())
