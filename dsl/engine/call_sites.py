"""Random call sites: which call drew which sample array, for sensitivity analysis.

Every random call (``normal(...)``, ``a to b``, ``mx(...)``, ...) opens its own stream,
keyed by the top-level binding being computed (its scope), the call's source text and
how many times that text drew before in the binding (DESIGN.md "Randomness"). The
evaluator logs each stream it opens (``SiteLog.opened``) and, when the builtin call
returns a distribution of the run's sample count, ties that array to the site. A site
is then an input of the sensitivity analysis, whether it is a whole binding
(``a = normal(0, 1)``) or written inside an expression (``n ^ (0.6 to 0.8)``).

The same keys let a model be re-run with some sites' streams replaced and every other
stream unchanged (``Resample``): the pick-freeze re-runs of Sobol indices.

The log holds a site's array by a weak reference: an array the model keeps (a binding's
value, an item of a list) stays readable; one made inside an expression and dropped
(the ``0.6 to 0.8`` of ``n ^ (0.6 to 0.8)``) is freed as before, and a sensitivity
analysis that needs it computes its binding again with the same streams, which draws
the same numbers (``dsl.engine.pick_freeze.recapture``, with a log that holds its arrays).
A binding's sites are dropped when the binding is recomputed.
"""
from __future__ import annotations

import weakref
import zlib
from typing import Iterable, Optional

import numpy as np


__all__ = ["Site", "SiteLog", "Resample", "replay_uniforms"]


class Site:
    """One random call: its stream key (scope, text, occurrence), where it is written,
    the builtin that drew, the samples it produced (None until the call returns one
    array of the run's sample count) and the entropy of its stream. (A plain class with
    slots: one is made for every random call.)"""

    __slots__ = ("scope", "text", "occurrence", "line", "column", "start", "source_name",
                 "entropy", "builtin", "drew", "_held", "_ref")

    def __init__(self, scope: str, text: str, occurrence: int, line: int, column: int,
                 start: int, source_name: str, entropy: tuple = ()) -> None:
        self.scope, self.text, self.occurrence = scope, text, occurrence
        self.line, self.column, self.start = line, column, start
        self.source_name, self.entropy = source_name, entropy
        self.builtin = ""
        self.drew = False  # it produced an array of the run's sample count
        self._held: Optional[np.ndarray] = None
        self._ref = None

    @property
    def samples(self) -> Optional[np.ndarray]:
        """Its array, or None when it made none or the array was freed since."""
        if self._held is not None:
            return self._held
        return self._ref() if self._ref is not None else None

    def keep(self, samples: np.ndarray, strong: bool) -> None:
        self.drew = True
        if strong:
            self._held = samples
        else:
            self._ref = weakref.ref(samples)

    @property
    def key(self) -> tuple:
        return self.scope, self.text, self.occurrence

    @property
    def place(self) -> tuple:
        """Where the call is written: its occurrences in one binding share it."""
        return self.scope, self.source_name, self.start, self.text


class SiteLog:
    """The sites of a run, by scope, in the order they drew. Of the calls of one place
    only the first ``KEEP`` are kept (a function called 10,000 times in a binding would
    otherwise keep 10,000 arrays alive); the rest are counted."""

    __slots__ = ("by_scope", "opened", "counts", "strong")
    KEEP = 32

    def __init__(self, strong: bool = False) -> None:
        self.strong = strong  # hold the arrays (a re-run that recaptures them)
        self.by_scope: dict[str, list[Site]] = {}
        self.opened: list[Site] = []  # opened by builtin calls still in progress
        self.counts: dict[str, dict[tuple, int]] = {}  # scope -> place -> calls

    def clear(self, scope: str) -> None:
        """Forget a scope's sites (its binding is being computed again)."""
        self.by_scope.pop(scope, None)
        self.counts.pop(scope, None)

    def open(self, site: Site) -> None:
        counts = self.counts.setdefault(site.scope, {})
        place = site.place
        calls = counts.get(place, 0)
        counts[place] = calls + 1
        if calls < self.KEEP:
            self.by_scope.setdefault(site.scope, []).append(site)
            self.opened.append(site)

    def calls(self, site: Site) -> int:
        """How many calls were made at ``site``'s place in its binding."""
        return self.counts.get(site.scope, {}).get(site.place, 0)

    def close(self, mark: int, samples: Optional[np.ndarray], builtin: str) -> None:
        """The builtin call that began when ``opened`` had ``mark`` items returned
        ``samples`` (an array of the run's sample count, or None): the sites it opened
        itself (not those of calls nested in it, already closed) take it."""
        opened = self.opened
        for site in opened[mark:]:
            if not site.builtin:
                site.builtin = builtin
                if samples is not None:
                    site.keep(samples, self.strong)
        del opened[mark:]

    def sites(self, scopes: Iterable[str]) -> list[Site]:
        """The sites of these scopes that produced an array (still readable or not:
        ``samples`` None), scope by scope."""
        return [s for scope in scopes for s in self.by_scope.get(scope, ()) if s.drew]


class Resample:
    """Which streams a re-run replaces: ``keys`` (site keys), or every stream when
    ``keys`` is None; a key (scope, text, None) stands for every call of that text in
    that binding. A replaced stream gets ``salt`` as extra entropy, so replacing the
    same site in two re-runs with the same salt draws the same numbers there (the "B"
    matrix of pick-freeze estimators)."""

    __slots__ = ("keys", "salt", "scopes")

    def __init__(self, keys: Optional[Iterable[tuple]], salt: int = 1) -> None:
        self.keys = None if keys is None else frozenset(keys)
        self.salt = salt
        self.scopes = None if keys is None else frozenset(k[0] for k in self.keys)

    def covers(self, scope: str, text: str, occurrence: int) -> bool:
        keys = self.keys
        return keys is None or (scope, text, occurrence) in keys or \
            (scope, text, None) in keys

    def touches(self, scope: str) -> bool:
        """Whether a stream of ``scope`` may be replaced."""
        return self.scopes is None or scope in self.scopes


def entropy(seed: int, scope: str, text: str, occurrence: int,
            resample: Optional[Resample]) -> list[int]:
    """The entropy of a call site's stream (``Evaluator.seed_sequence``)."""
    key = [zlib.crc32(str(seed).encode()), zlib.crc32(scope.encode()),
           zlib.crc32(text.encode()), occurrence]
    if resample is not None and resample.covers(scope, text, occurrence):
        key.append(resample.salt)
    return key


def replay_uniforms(site: Site, n: int) -> np.ndarray:
    """The uniform draws a mixture made at ``site`` to choose each sample's component,
    drawn again from the site's stream: ``mx`` draws ``rng.random(k)`` for each chunk
    of ``dsl.engine.parallel`` (one chunk from the stream itself, several from its children),
    and nothing else, so this is exactly its choice (component j for the j-th interval
    of the cumulative weights). Computed only when a sensitivity analysis asks."""
    from . import parallel
    seq = np.random.SeedSequence(list(site.entropy))
    bounds = parallel.chunk_bounds(n)
    if len(bounds) == 1:
        return np.random.Generator(np.random.PCG64(seq)).random(n)
    children = seq.spawn(len(bounds))
    return np.concatenate([np.random.Generator(np.random.PCG64(child)).random(stop - start)
                           for child, (start, stop) in zip(children, bounds)])
