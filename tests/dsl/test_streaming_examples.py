"""Every example model streams (but market_size.sq, whose correlate cannot) and gives
the in-memory run's figures: in 3 chunks, the last short, every distribution's mean to
1e-9 relative (of its spread when near 0) and every number exactly, but quantiles,
which come from the bins, and sensitivity, which runs on the first chunk (README,
*Streamed runs*)."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import dsl
from dsl.base.errors import DslError
from dsl.engine.dist import Dist
from dsl.engine.mc_error import Estimate
from dsl.engine.parallel import CHUNK

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.sq"))
N = 2 * CHUNK + 11
CANNOT = {"market_size.sq": "Dist.correlate"}


def _leaves(value, path=()):
    if isinstance(value, dsl.List):
        for i, item in enumerate(value.items):
            yield from _leaves(item, path + (i,))
    elif isinstance(value, dsl.Record):
        for key, item in value.fields.items():
            yield from _leaves(item, path + (key,))
    else:
        yield path, value


def _same(a: float, b: float, scale: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b), scale)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_streams_with_the_in_memory_figures(path):
    if path.name in CANNOT:
        with pytest.raises(DslError, match=CANNOT[path.name]):
            dsl.run_file(str(path), samples=N, stream=True, chunk=CHUNK)
        return
    streamed = dsl.run_file(str(path), samples=N, stream=True, chunk=CHUNK)
    memory = dsl.run_file(str(path), samples=N)
    assert streamed.stream["chunks"] == 3
    compared = 0
    text = path.read_text()
    for name, binding in memory.info.items():
        if "sensitivity(" in text[binding.span.start:binding.span.end]:
            continue  # run on the first chunk: close to, not equal to, all the samples'
        got = dict(_leaves(streamed.info[name].value))
        for where, want in _leaves(binding.value):
            have = got[where]
            if isinstance(want, Dist):
                samples = want.samples
                exact = float(np.mean(samples)) if want.law is None else float(want.mean())
                spread = float(np.std(samples)) if np.isfinite(samples).all() else 1.0
                assert _same(float(have.mean()), exact, spread), (name, where)
                compared += 1
            elif isinstance(want, Estimate) and want.kind == "quantile":
                # a quantile barrier: from the bins, within their rank error
                assert float(have) == pytest.approx(float(want), rel=0.01), (name, where)
            elif isinstance(want, dsl.Number):
                assert _same(float(have), float(want), 0.0), (name, where)
                compared += 1
    assert compared
