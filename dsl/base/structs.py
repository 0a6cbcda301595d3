"""``Struct``: a class of named fields, declared like a dataclass, without ``dataclasses``.

``dataclasses`` compiles methods for every class it decorates: ~7 ms of every start of
``sq`` for the syntax tree's classes alone. These classes share one generic ``__init__``
and comparison instead::

    class Example(Struct, frozen=True):
        source: str
        expected: str
        tolerance: float = 1e-9

Fields are the class's annotated names in order (after its bases'); a field with a
class-level value has that default (a list, dict or set default is copied for every
instance). ``frozen=True`` makes instances immutable and hashable. Instances compare
equal when they are of the same class and their fields other than ``_hidden`` ones are.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Struct"]

_MUTABLE = (list, dict, set)


class Struct:
    """Base of classes made of named fields (see the module docstring)."""

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _hidden: frozenset[str] = frozenset()  # neither shown nor compared
    _frozen = False

    def __init_subclass__(cls, frozen: bool | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if frozen is not None:
            cls._frozen = frozen
        own = list(cls.__dict__.get("__annotations__", {}))
        cls._fields = cls._fields + tuple(n for n in own if n not in cls._fields)
        cls._defaults = {**cls._defaults,
                         **{n: cls.__dict__[n] for n in own if n in cls.__dict__}}
        if not cls._frozen:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable: unhashable

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes at most {len(fields)} fields")
        values = {name: (type(v)(v) if isinstance(v, _MUTABLE) else v)
                  for name, v in self._defaults.items()}
        values.update(zip(fields, args))
        values.update(kwargs)
        if len(values) != len(fields):
            missing = [f for f in fields if f not in values]
            unknown = [f for f in values if f not in fields]
            raise TypeError(f"{type(self).__name__}: missing {missing}, unknown {unknown}")
        object.__setattr__(self, "__dict__", values)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise AttributeError(f"{type(self).__name__} is immutable")
        object.__setattr__(self, name, value)

    def _key(self) -> tuple:
        return tuple(self.__dict__[f] for f in self._fields if f not in self._hidden)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._key() == self._key()  # type: ignore

    def __hash__(self) -> int:
        return hash((type(self), self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={self.__dict__[f]!r}" for f in self._fields
                          if f not in self._hidden)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> "Struct":
        """A copy with some fields changed (``dataclasses.replace``)."""
        return type(self)(**{**self.__dict__, **changes})
