"""User-defined functions: ``{|x, y| ...}`` and ``f(x, y) = ...`` as values."""
from __future__ import annotations

from typing import Optional

from ..syntax import ast as A
from .env import Env
from ..base.source import Source
from .values import Domain, Function

__all__ = ["Lambda"]


class Lambda(Function):
    """A closure: parameters (with optional domains), body, the environment it was made
    in and the source it came from (for error positions)."""

    __slots__ = ("params", "domains", "body", "closure", "source", "_name")

    def __init__(self, params: tuple[A.Param, ...], domains: tuple[Optional[Domain], ...],
                 body: A.Node, closure: Env, source: Source,
                 name: Optional[str] = None) -> None:
        self.params = params
        self.domains = domains
        self.body = body
        self.closure = closure
        self.source = source
        self._name = name

    @property
    def name(self) -> str:
        return self._name or "<lambda>"

    def param_names(self) -> list[str]:
        return [p.name for p in self.params]

    def signature(self) -> str:
        parts = []
        for p, d in zip(self.params, self.domains):
            parts.append(f"{p.name}: {d.annotation()}" if d is not None else p.name)
        return f"{self._name or 'fn'}({', '.join(parts)})"

    def __repr__(self) -> str:
        return f"<function {self.signature()}>"
