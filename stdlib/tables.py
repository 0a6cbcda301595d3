"""``Table.make``: Squiggle 0.10's table of a list (fr/table.ts): one row per item,
one column per function of the item, each cell computed when the table is made
(``dsl.engine.table_values``).
"""
from __future__ import annotations

from dsl.base.errors import DslError
from dsl.engine.registry import Context, builtin
from dsl.engine.table_values import CellError, Table
from dsl.engine.types import ListOf, Str

from .picture_args import FnTaking, Of, Options, bare

__all__: list[str] = []

_COLUMN = Options({"fn": FnTaking(1, "('A) => any"), "name?": Str})
_COLUMNS = Options({"columns": ListOf(_COLUMN)})
TableT = Of("Table", Table)


def _table(ctx: Context, data: list, columns: list) -> Table:
    """The table, its cells computed: a cell whose function fails holds the error's
    message (as in Squiggle, where a failing cell does not stop the model), unless
    the run passed one of its limits."""
    pairs = tuple((c["name"], bare(c["fn"])) for c in columns)
    ctx.check_items(len(data) * len(pairs), "a table's cells")
    rows = []
    for item in data:
        row = []
        for _, fn in pairs:
            try:
                row.append(ctx.call(fn, [item]))
            except DslError as e:
                if e.kind == "LimitError":
                    raise
                row.append(CellError(e.message))
        rows.append(tuple(row))
    return Table(tuple(data), pairs, tuple(rows))


@builtin("Table.make", aliases=[], examples=[
    ('String(Table.make([1, 2, 3], {columns: [{name: "x", fn: {|x| x}}, '
     '{name: "square", fn: {|x| x ^ 2}}]}))', '"Table with 2x3 elements"'),
    ('typeOf(Table.make([1], {columns: []}))', '"Table Chart"')])
def make(ctx: Context, data: ListOf(), params: _COLUMNS) -> TableT:
    """A table of the items of ``data``: each column is ``{name, fn}``, and its cell
    for an item is ``fn(item)``.

    The cells are computed when the table is made; one whose function fails shows
    the error. The older form ``Table.make({data, columns})`` works too, and
    ``Table(data, {columns})`` is ``Table.make``."""
    return _table(ctx, data, params["columns"])


@builtin("Table.make")
def _make_record(ctx: Context, params: Options({"data": ListOf(),
                                                "columns": ListOf(_COLUMN)})) -> TableT:
    return _table(ctx, params["data"], params["columns"])
