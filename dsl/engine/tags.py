"""Tags: what Squiggle attaches to a value besides the value itself (``@name``,
``@doc``, ``@format``, ``@hide``, ``@notebook`` ...), as Squiggle 0.10's ValueTags.

A value carries its tags in ``value.tags`` (``NO_TAGS`` unless tagged). Tagging never
changes a value in place: ``with_tags`` makes a copy that shares everything with the
original (a distribution's samples are not copied), of a subclass of the value's class
made once per class, so that untagged values (nearly all of them) pay nothing: no slot,
no store when they are made, ``value.tags`` is a class attribute. A tagged value is an
instance of its type (``isinstance(v, Number)``) and compares, prints and computes as
the untagged one.

The tags a builtin makes are Values (``name`` a String, ``hidden`` a Bool ...), except
``location`` (a ``Location``) and ``exportData`` (an ``ExportData``), which Squiggle
also keeps as plain records and converts when asked (``stdlib.tags``).
"""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Optional

__all__ = ["Tags", "NO_TAGS", "TAG_NAMES", "Location", "ExportData", "with_tags",
           "tags_of", "untagged"]

# Squiggle's tag names, in its order (the order Tag.getAll and toString list them)
TAG_NAMES = ("name", "doc", "showAs", "numberFormat", "dateFormat", "hidden", "notebook",
             "exportData", "startOpenState", "location", "specification")


class Location(NamedTuple):
    """Where ``Tag.location`` was called: a source name and a region (1-based lines
    and columns, 0-based character offsets; the end just past the last character)."""
    source: str
    line: int
    column: int
    offset: int
    end_line: int
    end_column: int
    end_offset: int


class ExportData(NamedTuple):
    """Which module exported a value under which path (Squiggle's ``exportData``)."""
    source_id: str
    path: tuple


class Tags:
    """An immutable set of tags: tag name -> value."""

    __slots__ = ("_items",)

    def __init__(self, items: Optional[dict] = None) -> None:
        self._items = dict(items or {})

    def get(self, name: str) -> Any:
        """The tag's value, or None."""
        return self._items.get(name)

    def merge(self, **items: Any) -> "Tags":
        """These tags with ``items`` set (replacing the same names)."""
        return Tags({**self._items, **items})

    def omit(self, names: Iterable[str]) -> "Tags":
        """These tags without ``names``."""
        drop = set(names)
        return Tags({k: v for k, v in self._items.items() if k not in drop})

    def items(self) -> list[tuple[str, Any]]:
        """The tags set, in Squiggle's order."""
        return [(k, self._items[k]) for k in TAG_NAMES if self._items.get(k) is not None]

    def is_empty(self) -> bool:
        return not any(v is not None for v in self._items.values())

    def __bool__(self) -> bool:
        return not self.is_empty()

    def __eq__(self, other) -> bool:
        return isinstance(other, Tags) and self.items() == other.items()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "Tags(" + ", ".join(f"{k}={v!r}" for k, v in self.items()) + ")"

    # ---- the tags the rest of sqdsl reads ----

    def _text(self, name: str) -> Optional[str]:
        value = self._items.get(name)
        return getattr(value, "value", None)

    @property
    def name(self) -> Optional[str]:
        """``@name``: the label a report shows for the value."""
        return self._text("name")

    @property
    def doc(self) -> Optional[str]:
        """``@doc``: its description."""
        return self._text("doc")

    @property
    def number_format(self) -> Optional[str]:
        """``@format`` of a number or distribution: a d3-format specifier."""
        return self._text("numberFormat")

    @property
    def date_format(self) -> Optional[str]:
        """``@format`` of a date: a d3-time-format specifier."""
        return self._text("dateFormat")

    @property
    def hidden(self) -> bool:
        """``@hide``: left out of reports."""
        return bool(getattr(self._items.get("hidden"), "value", False))

    @property
    def notebook(self) -> bool:
        """``@notebook``: a list shown as a document."""
        return bool(getattr(self._items.get("notebook"), "value", False))

    @property
    def start_open_state(self) -> Optional[str]:
        """"open", "closed" or None (``@startOpen``, ``@startClosed``)."""
        state = self._text("startOpenState")
        return state if state in ("open", "closed") else None


NO_TAGS = Tags()

# value class -> its tagged subclass; and the slots to copy for each class
_TAGGED: dict[type, type] = {}
_SLOTS: dict[type, tuple[str, ...]] = {}


def tags_of(value) -> Tags:
    """A value's tags (``NO_TAGS`` for any object without)."""
    return getattr(value, "tags", NO_TAGS)


def untagged(cls: type) -> type:
    """The value class a (possibly tagged) class stands for."""
    return cls.__dict__.get("_untagged_class", cls)


def with_tags(value, tags: Tags):
    """A copy of ``value`` carrying ``tags`` (the value's own parts shared, not copied);
    with no tags, a copy of the untagged class."""
    base = untagged(type(value))
    cls = _tagged_class(base) if tags else base
    copy = object.__new__(cls)
    for slot in _slots(base):
        try:
            object.__setattr__(copy, slot, object.__getattribute__(value, slot))
        except AttributeError:  # a slot the value never set
            pass
    if hasattr(value, "__dict__"):
        copy.__dict__.update(value.__dict__)
    if cls is not base:
        object.__setattr__(copy, "tags", tags)
    return copy


def _tagged_class(base: type) -> type:
    cls = _TAGGED.get(base)
    if cls is None:
        # a slot named `tags` shadows the class attribute Value.tags (NO_TAGS) for the
        # tagged copies only
        cls = _TAGGED[base] = type(base.__name__, (base,), {
            "__slots__": ("tags",), "__module__": base.__module__,
            "__qualname__": base.__qualname__, "_untagged_class": base})
    return cls


def _slots(cls: type) -> tuple[str, ...]:
    names = _SLOTS.get(cls)
    if names is None:
        found: list[str] = []
        for klass in cls.__mro__:
            slots = klass.__dict__.get("__slots__", ())
            for name in ((slots,) if isinstance(slots, str) else slots):
                if name not in ("__dict__", "__weakref__") and name not in found:
                    found.append(name)
        names = _SLOTS[cls] = tuple(found)
    return names
