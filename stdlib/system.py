"""``System.*``: facts about the run: its sample count, its seed and the version."""
from __future__ import annotations

from dsl.base.version import __version__
from dsl.engine.registry import Context, builtin, constant
from dsl.engine.types import Real

__all__: list[str] = []


@builtin("System.sampleCount", examples=[("System.sampleCount() > 0", "true"),
                                         ("List.length(SampleSet.toList(normal(0, 1)))",
                                          "System.sampleCount()")])
def sample_count(ctx: Context) -> Real:
    """The number of samples per distribution in this run (``--samples``)."""
    return ctx.samples


@builtin("System.seed", examples=[("System.seed() == System.seed()", "true")])
def seed(ctx: Context) -> Real:
    """The run's random seed (``--seed``; 0 by default). Not in Squiggle."""
    return ctx.seed


constant("System.version", __version__, "The version of sqdsl running the model (a string).",
         examples=[('typeOf(System.version)', '"String"')])
