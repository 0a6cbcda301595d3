"""The tables compare.py prints (Markdown, so they paste into bench/README.md), and the
issue's targets checked against them."""
from __future__ import annotations

import statistics
from typing import Optional

__all__ = ["Results", "tables", "targets"]

MB = 1 << 20


class Results:
    """Every measurement of one compare.py session, keyed by (model, n, tool)."""

    def __init__(self, tools: list, unavailable: dict):
        self.tools = tools               # tool names in column order, numpy first
        self.unavailable = unavailable   # tool -> reason it could not be installed
        self.runs = {}                   # (model, n, tool) -> [measure.Run] end to end
        self.evals = {}                  # (model, n, tool) -> [seconds] in-process
        self.errors = {}                 # (model, n, tool) -> first error message
        self.alive = {}                  # (model, n) -> bytes of samples kept alive
        self.mismatches = {}             # (model, n, tool) -> [lines]
        self.cold = {}                   # label -> [measure.Run]
        self.models, self.samples = [], []

    def median_seconds(self, model: str, n: int, tool: str) -> Optional[float]:
        runs = [r.seconds for r in self.runs.get((model, n, tool), []) if r.error is None]
        return statistics.median(runs) if runs else None

    def median_eval(self, model: str, n: int, tool: str) -> Optional[float]:
        evals = self.evals.get((model, n, tool), [])
        return statistics.median(evals) if evals else None

    def peak(self, model: str, n: int, tool: str) -> Optional[int]:
        runs = [r.peak_bytes for r in self.runs.get((model, n, tool), []) if r.error is None]
        return max(runs) if runs else None

    def cold_median(self, label: str) -> Optional[float]:
        runs = [r.seconds for r in self.cold.get(label, []) if r.error is None]
        return statistics.median(runs) if runs else None

    def cold_peak(self, label: str) -> Optional[int]:
        runs = [r.peak_bytes for r in self.cold.get(label, []) if r.error is None]
        return max(runs) if runs else None


def _cell(results: Results, model: str, n: int, tool: str, value, fmt: str) -> str:
    tool = tool.split()[0]  # "sqdsl warm" is sqdsl's
    if tool in results.unavailable:
        return "unavailable"
    if value is None:
        return "error" if (model, n, tool) in results.errors else "-"
    return format(value, fmt)


def _ratio(x, y) -> str:
    return f"{x / y:.2f}" if x is not None and y else "-"


def _time_table(results: Results, title: str, get, extra: tuple = ()) -> list:
    columns = results.tools + [c for c in extra if c.split()[0] in results.tools]
    peers = [t for t in columns if t != "numpy"]
    lines = [f"### {title}", "",
             "| model | N | " + " | ".join(columns) + " | "
             + " | ".join(f"{t}/numpy" for t in peers) + " |",
             "|---|---:|" + "---:|" * (len(columns) + len(peers))]
    for model in results.models:
        for n in results.samples:
            values = {t: get(model, n, t) for t in columns}
            cells = [_cell(results, model, n, t, values[t], ".3f") for t in columns]
            ratios = [_ratio(values[t], values.get("numpy")) for t in peers]
            lines.append(f"| {model} | {n:,} | " + " | ".join(cells + ratios) + " |")
    return lines + [""]


def _memory_table(results: Results) -> list:
    base = results.cold_peak("sq eval \"1\"")
    lines = ["### Peak memory (MB, largest ru_maxrss over the runs)", "",
             "| model | N | samples alive | " + " | ".join(results.tools)
             + " | sqdsl/alive | (sqdsl - startup)/alive |",
             "|---|---:|---:|" + "---:|" * (len(results.tools) + 2)]
    for model in results.models:
        for n in results.samples:
            alive = results.alive.get((model, n))
            peaks = {t: results.peak(model, n, t) for t in results.tools}
            cells = [_cell(results, model, n, t, peaks[t] and peaks[t] / MB, ".0f")
                     for t in results.tools]
            mine = peaks.get("sqdsl")
            above = mine - base if mine is not None and base is not None else None
            lines.append(f"| {model} | {n:,} | {_mb(alive)} | " + " | ".join(cells)
                         + f" | {_ratio(mine, alive)} | {_ratio(above, alive)} |")
    return lines + ["", "samples alive = distribution values in the output x N x 8 bytes; "
                    "startup = the peak of `sq eval \"1\"`.", ""]


def _mb(x) -> str:
    return f"{x / MB:.1f}" if x is not None else "-"


def _cold_table(results: Results) -> list:
    ref = results.cold_median("python -c \"import numpy\"")
    lines = ["### Cold start (median s, fresh process)", "",
             "| command | seconds | peak MB | ratio to import numpy |", "|---|---:|---:|---:|"]
    for label in results.cold:
        t, peak = results.cold_median(label), results.cold_peak(label)
        shown = f"{t:.3f}" if t is not None else "error"
        lines.append(f"| `{label}` | {shown} | {_mb(peak)} | {_ratio(t, ref)} |")
    return lines + [""]


def tables(results: Results) -> str:
    """All the tables, the footnotes on unavailable peers and errors, and agreement."""
    lines = _time_table(results, "End to end (fresh process, summaries printed; median s)",
                        results.median_seconds)
    lines += _time_table(results, "Evaluation in-process (each tool's own timer; median s)",
                         results.median_eval, extra=("sqdsl warm",))
    lines += ["sqdsl: the first `dsl.run_file` in a fresh process (parse, check, evaluate), "
              "after loading the engine (numpy.random, the built parser, every standard "
              "library module), as squiggle-lang's import is not in Squiggle's time; "
              "sqdsl warm: a second call in that process; "
              "numpy, squigglepy: the model function (sampling and arithmetic); squiggle: "
              "its executionTime (compile and run).", ""]
    lines += _memory_table(results)
    if results.cold:
        lines += _cold_table(results)
    for tool, reason in results.unavailable.items():
        lines.append(f"- {tool} unavailable: {reason}")
    for (model, n, tool), message in results.errors.items():
        lines.append(f"- {tool} failed on {model} at N={n:,}: {message}")
    bad = {k: v for k, v in results.mismatches.items() if v}
    if bad:
        lines.append("### Agreement: MISMATCHES")
        for (model, n, tool), found in bad.items():
            for line in found:
                lines.append(f"- MISMATCH {model} N={n:,} {tool} vs numpy: {line}")
    else:
        checked = sum(1 for k in results.mismatches)
        lines.append(f"Agreement: all {checked} (model, N, tool) outputs agree with numpy "
                     "within Monte Carlo error.")
    return "\n".join(lines) + "\n"


def targets(results: Results) -> str:
    """The issue's targets: one line each, PASS or MISS with the measured ratio."""
    lines = ["### Targets"]

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    for model in results.models:
        for n in results.samples:
            ref = results.median_seconds(model, n, "numpy")
            for tool in ("sqdsl", "sqdsl-parse"):
                mine = results.median_seconds(model, n, tool)
                if mine and ref:
                    lines.append(f"- {verdict(mine / ref <= 1.25)} end to end {model} "
                                 f"N={n:,}: {tool}/numpy {mine / ref:.2f} (target <= 1.25)")
    n = max(results.samples) if results.samples else None
    mine = results.median_eval("eight_inputs", n, "sqdsl") if n else None
    warm = results.median_eval("eight_inputs", n, "sqdsl warm") if n else None
    for peer, goal in (("squiggle", 8), ("squigglepy", 3)):
        theirs = results.median_eval("eight_inputs", n, peer) if n else None
        if mine and theirs:
            note = f", against sqdsl warm {theirs / warm:.2f}" if warm else ""
            lines.append(f"- {verdict(theirs / mine >= goal)} evaluation eight_inputs "
                         f"N={n:,}: {peer}/sqdsl {theirs / mine:.2f} (target >= {goal})"
                         + note)
    cold = results.cold_median("sq eval \"1\"")
    ref = results.cold_median("python -c \"import numpy\"")
    if cold and ref:
        lines.append(f"- {verdict(cold / ref <= 1.5)} cold start: sq eval \"1\" / import "
                     f"numpy {cold / ref:.2f} (target <= 1.5)")
    base = results.cold_peak("sq eval \"1\"")
    for model in results.models:
        peak, alive = results.peak(model, n, "sqdsl"), results.alive.get((model, n))
        if peak and alive and base is not None:
            ratio = (peak - base) / alive
            lines.append(f"- {verdict(ratio <= 2)} memory {model} N={n:,}: (peak - startup)"
                         f"/alive {ratio:.2f}, raw peak/alive {peak / alive:.2f} "
                         f"(target <= 2)")
    return "\n".join(lines) + "\n"
