"""Record what real Squiggle 0.10 gives for the conformance corpus (tests/squiggle/).

    python tools/record_squiggle.py                  # record every program and error
    python tools/record_squiggle.py --only NAME ...  # some programs/errors (file stems)
    python tools/record_squiggle.py --check          # does Squiggle still reproduce them?

Installs ``@quri/squiggle-lang@0.10.0`` from npm into a cache folder outside the
repository (``$SQDSL_SQUIGGLE_CACHE``, else ``~/.cache/sqdsl-squiggle``) and runs it with
node through ``tools/squiggle_runner.mjs``. Each program of tests/squiggle/programs runs
under ``--seeds`` seeds (default 8) at 200,000 samples; tests/squiggle/expected/NAME.json
gets the mean of every statistic over the seeds with its single-run standard error and
tolerance (the rule is in tools/squiggle_corpus.py). Each program of tests/squiggle/errors
must fail; tests/squiggle/errors_expected.json gets Squiggle's line, column and message and
the program's ``// keyword:`` (checked to occur in the message).

``--check`` records nothing: it runs every program once more with a fresh seed and
compares that run against the recorded file with the tests' own comparison, reruns every
error program, and ends with ``N programs reproduced, M differ``.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import squiggle_corpus as corpus  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
RUNNER = HERE / "squiggle_runner.mjs"
NODE_HEAP_MB = 8_000
CHECK_SEED = "check-1"


def default_cache() -> pathlib.Path:
    env = os.environ.get("SQDSL_SQUIGGLE_CACHE")
    return pathlib.Path(env) if env else pathlib.Path.home() / ".cache" / "sqdsl-squiggle"


def ensure_squiggle(cache: pathlib.Path) -> list[str]:
    """``[node, flags, runner]`` with squiggle-lang 0.10.0 installed beside the runner."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        sys.exit("record_squiggle: node is not installed")
    folder = cache / "node"
    package = folder / "node_modules" / "@quri" / "squiggle-lang" / "package.json"
    installed = (package.exists()
                 and json.loads(package.read_text()).get("version") == corpus.SQUIGGLE_VERSION)
    if not installed:
        if npm is None:
            sys.exit("record_squiggle: npm is not installed")
        print(f"installing @quri/squiggle-lang@{corpus.SQUIGGLE_VERSION} into {folder} ...",
              file=sys.stderr)
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"private": true}\n')
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund",
                               f"@quri/squiggle-lang@{corpus.SQUIGGLE_VERSION}"],
                              cwd=folder, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"record_squiggle: npm install failed:\n{done.stderr[-2000:]}")
    runner = folder / RUNNER.name
    if not runner.exists() or runner.read_text() != RUNNER.read_text():
        shutil.copyfile(RUNNER, runner)
    return [node, f"--max-old-space-size={NODE_HEAP_MB}", str(runner)]


def run_squiggle(command: list[str], path: pathlib.Path, seeds: list[str],
                 samples: int = corpus.SAMPLES) -> list[dict]:
    """One output object per seed (a run, or ``{"error": ...}``)."""
    done = subprocess.run([*command, str(path), str(samples), ",".join(seeds)],
                          capture_output=True, text=True, timeout=3600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or len(lines) != len(seeds):
        raise RuntimeError(f"{path.name}: the runner failed:\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in lines]


def record_program(command: list[str], name: str, seeds: list[str]) -> str:
    path = corpus.PROGRAMS / f"{name}.squiggle"
    runs = run_squiggle(command, path, seeds)
    for r in runs:
        if "error" in r:
            e = r["error"]
            return (f"FAIL {name}: Squiggle fails with seed {r['seed']}: {e['message']} "
                    f"(line {e['line']}, column {e['column']})")
    try:
        expected = corpus.expected_from_runs(path.name, seeds, runs)
    except corpus.Unsuitable as e:
        return f"FAIL {name}: {e}"
    corpus.EXPECTED.mkdir(parents=True, exist_ok=True)
    (corpus.EXPECTED / f"{name}.json").write_text(json.dumps(expected, indent=1) + "\n")
    return f"ok   {name}"


def squiggle_error(command: list[str], file: str) -> dict:
    """Squiggle's error for an error program, as an errors_expected.json entry."""
    path = corpus.ERRORS / file
    (run,) = run_squiggle(command, path, ["1"], samples=1000)
    if "error" not in run:
        raise corpus.Unsuitable(f"{file}: Squiggle runs it without an error")
    err = run["error"]
    keyword = corpus.error_keyword(path)
    if keyword.lower() not in err["message"].lower():
        raise corpus.Unsuitable(f"{file}: keyword {keyword!r} is not in Squiggle's message "
                                f"{err['message']!r}")
    return {"file": file, "line": err["line"], "column": err["column"], "keyword": keyword,
            "phase": err["kind"], "squiggle_message": err["message"]}


def record_errors(command: list[str], files: list[str], jobs: int) -> list[str]:
    old = {}
    if corpus.ERRORS_EXPECTED.exists():
        old = {e["file"]: e for e in corpus.load_error_expectations()}
    report = []
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        futures = {f: pool.submit(squiggle_error, command, f) for f in files}
        for f, fut in futures.items():
            try:
                old[f] = fut.result()
                report.append(f"ok   {f}")
            except corpus.Unsuitable as e:
                report.append(f"FAIL {e}")
    present = set(corpus.error_files())
    entries = [old[f] for f in sorted(old) if f in present]
    corpus.ERRORS_EXPECTED.write_text(json.dumps(
        {"squiggle_version": corpus.SQUIGGLE_VERSION,
         "note": "line and column: where Squiggle reports the error (1-based); keyword: a "
                 "case-insensitive substring of its message",
         "errors": entries}, indent=1) + "\n")
    return report


def check_program(command: list[str], name: str) -> list[str]:
    (run,) = run_squiggle(command, corpus.PROGRAMS / f"{name}.squiggle", [CHECK_SEED])
    return [str(m) for m in corpus.compare_run(run, corpus.load_expected(name))]


def check_error(command: list[str], case: dict) -> list[str]:
    (run,) = run_squiggle(command, corpus.ERRORS / case["file"], ["1"], samples=1000)
    return [str(m) for m in corpus.compare_error(run, case)]


def check(command: list[str], names: list[str], errors: list[dict], jobs: int) -> int:
    differ = 0
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        jobs_ = [(n, pool.submit(check_program, command, n)) for n in names]
        jobs_ += [(e["file"], pool.submit(check_error, command, e)) for e in errors]
        for label, fut in jobs_:
            try:
                problems = fut.result()
            except (RuntimeError, FileNotFoundError) as e:
                problems = [str(e)]
            differ += bool(problems)
            print(("DIFF " if problems else "ok   ") + label, flush=True)
            for p in problems:
                print(f"     {p}")
    total = len(jobs_)
    print(f"{total - differ} programs reproduced, {differ} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="program or error file stems (default: all)")
    parser.add_argument("--seeds", type=int, default=8, help="seeds per program (8)")
    parser.add_argument("--jobs", type=int, default=2, help="node processes at once (2)")
    parser.add_argument("--check", action="store_true",
                        help="rerun real Squiggle against the recorded files")
    parser.add_argument("--cache", type=pathlib.Path, default=default_cache(),
                        help="where squiggle-lang is installed (outside the repository)")
    args = parser.parse_args(argv)
    if args.seeds < 2:
        parser.error("--seeds must be at least 2")
    command = ensure_squiggle(args.cache)
    names = corpus.program_names()
    error_files = corpus.error_files()
    if args.only:
        wanted = {pathlib.Path(n).stem for n in args.only}
        unknown = wanted - set(names) - {pathlib.Path(f).stem for f in error_files}
        if unknown:
            parser.error(f"no such program: {', '.join(sorted(unknown))}")
        names = [n for n in names if n in wanted]
        error_files = [f for f in error_files if pathlib.Path(f).stem in wanted]
    if args.check:
        cases = [e for e in corpus.load_error_expectations() if e["file"] in error_files]
        return check(command, names, cases, args.jobs)
    seeds = [f"rec-{i}" for i in range(1, args.seeds + 1)]
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for line in pool.map(lambda n: record_program(command, n, seeds), names):
            failed += line.startswith("FAIL")
            print(line, flush=True)
    if error_files:
        for line in record_errors(command, error_files, args.jobs):
            failed += line.startswith("FAIL")
            print(line, flush=True)
    print(f"{len(names) + len(error_files) - failed} recorded, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
