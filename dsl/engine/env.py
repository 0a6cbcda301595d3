"""Lexical environments: immutable from the outside, cheap to extend."""
from __future__ import annotations

from typing import Iterator, Optional

from .values import Value

__all__ = ["Env"]


class Env:
    """A chain of frames mapping names to values.

    ``define`` adds a name in place when no frame has it yet (later statements see it;
    closures made earlier never look it up, because names are resolved before
    evaluation), and copies the frame when the name is already visible, from this frame
    or an outer one, so a closure keeps seeing the value it was made with.
    """

    __slots__ = ("vars", "parent")

    def __init__(self, vars: Optional[dict[str, Value]] = None,
                 parent: Optional["Env"] = None) -> None:
        self.vars = vars if vars is not None else {}
        self.parent = parent

    def lookup(self, name: str) -> Optional[Value]:
        env: Optional[Env] = self
        while env is not None:
            value = env.vars.get(name)
            if value is not None:
                return value
            env = env.parent
        return None

    def define(self, name: str, value: Value) -> "Env":
        """This environment with ``name`` bound to ``value`` (self, or a copy)."""
        if self.lookup(name) is not None:  # shadowing: earlier closures keep the old value
            copied = dict(self.vars)
            copied[name] = value
            return Env(copied, self.parent)
        self.vars[name] = value
        return self

    def child(self, vars: Optional[dict[str, Value]] = None) -> "Env":
        return Env(vars, self)

    def names(self) -> Iterator[str]:
        """Every visible name (inner frames first, may repeat)."""
        env: Optional[Env] = self
        while env is not None:
            yield from env.vars
            env = env.parent
