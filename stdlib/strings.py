"""``String.*``: converting values to text, concatenating and splitting. Values read
as Squiggle 0.10 writes them (``dsl.engine.value_text``: numbers as JavaScript prints them,
``"n=" + 2500000`` is ``"n=2500000"``), and ``String(x, fmt)`` formats a number with a
d3-format specifier (``dsl.base.number_format``), so Squiggle models build the same strings
here.
"""
from __future__ import annotations

from dsl.base.errors import ArgumentError
from dsl.base.meter import reserve, str_bytes
from dsl.base.number_format import FormatError, formatter, parse_spec
from dsl.engine.registry import Context, builtin
from dsl.engine.types import AnyValue, ListOf, Real, Str
from dsl.engine.value_text import squiggle_text

from .arithmetic import concat_text, joined

__all__: list[str] = []


@builtin("String.make",
         examples=[("String.make(25)", '"25"'), ("String.make(true)", '"true"'),
                   ('String.make("a")', '"\\"a\\""'),
                   ("String.make([1, 2.5, \"b\"])", '"[1, 2.5, \\"b\\"]"'),
                   ("String.make(1234567.891, \",.2f\")", '"1,234,567.89"'),
                   ("String.make(0.1234, \".1%\")", '"12.3%"'),
                   ("String.make(1234.5, \"$,.0f\")", '"$1,235"')])
def make(value: AnyValue) -> Str:
    """Any value as a string, as Squiggle 0.10 writes it.

    Numbers as JavaScript prints them, strings inside lists and records quoted, a
    distribution as its kind ("Sample Set Distribution"), a tagged value followed by
    its tags.

    Long lists are cut ("... 9 more ..."), so information may be lost. With a
    second argument, a number is formatted with that
    [d3-format](https://d3js.org/d3-format) specifier: ``",.2f"`` (grouped, two
    decimals), ``".1%"``, ``"$,.0f"``, ``".3s"`` (SI prefix), ``"e"``, ``"x"`` ...;
    negative numbers get d3's minus sign "\u2212", as in Squiggle. Also ``String(x)``
    and ``String(x, format)``."""
    text = squiggle_text(value)
    reserve(str_bytes(text), "String.make")
    return text


@builtin("String.make")
def _make_formatted(x: Real, format: Str) -> Str:
    try:
        spec = parse_spec(format)
        if spec.width:  # a specifier can ask for any width: it must fit the budget
            reserve(spec.width * 4, "String.make's format width")
        return formatter(format)(x)
    except FormatError as e:
        raise ArgumentError(f"{e} (a d3-format specifier such as \",.2f\", \".1%\" or "
                            "\"$,.0f\")") from None


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
