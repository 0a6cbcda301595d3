"""``fromUnit_n`` ... ``fromUnit_P``: the functions behind the scale suffixes of numbers,
as Squiggle 0.10 names them (fr/units.ts).

``3k`` is folded to 3000 when the model is parsed (correctly rounded: ``4.2k`` is 4200);
these are the same scales as callable names, for a model that calls them or passes them
to a function. Squiggle's functions take a number only; here they also take a
distribution, scaled sample by sample. (``%`` has no callable name: ``fromUnit_%`` is no
identifier.) The duration suffixes (``5minutes``) call ``fromUnit_minutes`` and its
kin, in the Duration namespace.
"""
from __future__ import annotations

from dsl.engine.registry import builtin
from dsl.engine.types import Num

__all__: list[str] = []

# suffix, Squiggle's description, scale
SCALES = (("n", "nano", 1e-9), ("m", "milli", 1e-3), ("k", "kilo", 1e3),
          ("M", "mega", 1e6), ("B", "billion", 1e9), ("G", "giga", 1e9),
          ("T", "tera", 1e12), ("P", "peta", 1e15))


def _declare(suffix: str, word: str, scale: float) -> None:
    def scaled(x: Num) -> Num:
        # x * scale, as Squiggle computes it (the literal 4.2k is 4200 exactly, while
        # fromUnit_k(4.2) is 4.2 * 1000, one rounding off)
        return x * scale
    scaled.__name__ = f"fromUnit_{suffix}"
    scaled.__doc__ = (f"``x`` times {scale:g} ({word}): what the suffix of ``2{suffix}`` "
                      "means, as a function.\n\nA distribution is scaled sample by sample.")
    builtin(f"fromUnit_{suffix}",
            examples=[(f"fromUnit_{suffix}(2) == 2{suffix}", "true")])(scaled)


for _suffix, _word, _scale in SCALES:
    _declare(_suffix, _word, _scale)
