"""``String.*``: converting values to text, concatenating and splitting. Numbers read
as JavaScript prints them (``"n=" + 2500000`` is ``"n=2500000"``), so Squiggle
models build the same strings here.
"""
from __future__ import annotations

from dsl.registry import Context, builtin
from dsl.types import AnyValue, ListOf, Str

from .arithmetic import concat_text, joined

__all__: list[str] = []


@builtin("String.make", examples=[("String.make(25)", '"25"'), ("String.make(true)", '"true"'),
                                  ('String.make("a")', '"a"'),
                                  ("String.make([1, 2.5])", '"[1, 2.5]"')])
def make(value: AnyValue) -> Str:
    """Any value as a string, as ``+`` would show it.

    Compound values are abbreviated, so some information may be lost."""
    return concat_text(value)


@builtin("String.concat", aliases=["concat"],
         examples=[('String.concat("ab", "cd")', '"abcd"'), ('concat("n=", 3)', '"n=3"')])
def concat(a: Str, b: AnyValue) -> Str:
    """``a`` followed by ``b``, the same as ``a + b``.

    ``b`` is converted to a string as ``String.make`` does."""
    return joined(a, concat_text(b))


@builtin("String.add", examples=[('String.add("x", 1)', '"x1"')])
def add(a: Str, b: AnyValue) -> Str:
    """``a + b`` for a string ``a``: concatenation, as ``String.concat``."""
    return joined(a, concat_text(b))


@builtin("String.split", labels={"separator": "the separator"},
         examples=[('String.split("a,b,c", ",")', '["a", "b", "c"]'),
                   ('String.split("abc", "")', '["a", "b", "c"]'),
                   ('String.split("", ",")', '[""]')])
def split(ctx: Context, text: Str, separator: Str) -> ListOf(Str):
    """The pieces of ``text`` between occurrences of ``separator``.

    An empty separator splits into single characters (as JavaScript's ``split``)."""
    # counted first (in C): the list must fit the list length limit and the budget
    ctx.check_items(len(text) if separator == "" else text.count(separator) + 1,
                    "String.split")
    return list(text) if separator == "" else text.split(separator)
