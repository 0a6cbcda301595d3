"""Squiggle 0.10's tables and calculators as values (``Table.make``,
``Calculator.make``); see ``dsl.engine.pictures`` for what every picture has.

A table's cells are computed when it is made (``stdlib.tables``), each the value of
its column's function on its row's item or the error that call raised, so that a
viewer, the report and ``--json`` can show them without running the model again; as
in Squiggle, a failing cell does not stop the model. A calculator holds its function
and its form's inputs; running it on what a user types is the viewer's (the
playground's) business.
"""
from __future__ import annotations

from typing import Optional, Union

from ..base.meter import reserve_summary
from .pictures import Input, Picture, optional_json
from .values import Function, Value

__all__ = ["CellError", "Table", "Calculator"]


class CellError:
    """A table cell whose function raised: the error's message."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def summary(self) -> dict:
        return {"type": "error", "message": self.message}

    def __repr__(self) -> str:
        return f"CellError({self.message!r})"


Cell = Union[Value, CellError]


class Table(Picture):
    """``Table.make(data, {columns})``: ``data`` the rows' items, ``columns`` (name or
    None, function) pairs, ``cells[i][j]`` column j's function of item i."""

    __slots__ = ("data", "columns", "cells")
    type_name = "Table"
    public_name = "Table Chart"  # Squiggle's typeOf

    def __init__(self, data: tuple[Value, ...],
                 columns: tuple[tuple[Optional[str], Function], ...],
                 cells: tuple[tuple[Cell, ...], ...]) -> None:
        self.data, self.columns, self.cells = tuple(data), tuple(columns), tuple(cells)

    def summary(self) -> dict:
        reserve_summary(len(self.data) * (1 + len(self.columns)),
                        f"the summary of a table of {len(self.data):,} rows")
        return {"type": "table",
                "columns": [{"name": name, "fn": fn.summary()} for name, fn in self.columns],
                "data": [item.summary() for item in self.data],
                "rows": [[cell.summary() for cell in row] for row in self.cells],
                "text": str(self)}

    def to_python(self) -> dict:
        return {"columns": [{"name": name, "fn": fn} for name, fn in self.columns],
                "data": [item.to_python() for item in self.data],
                "rows": [[cell if isinstance(cell, CellError) else cell.to_python()
                          for cell in row] for row in self.cells]}

    def describe(self) -> str:
        rows, cols = len(self.data), len(self.columns)
        names = [name for name, _ in self.columns if name]
        text = f"Table of {rows} row{'s' if rows != 1 else ''} and {cols} column" \
               f"{'s' if cols != 1 else ''}"
        return text + (f": {', '.join(names)}" if names else "")

    def __str__(self) -> str:
        return f"Table with {len(self.columns)}x{len(self.data)} elements"

    def __repr__(self) -> str:
        return f"<Table {len(self.columns)}x{len(self.data)}>"


class Calculator(Picture):
    """``Calculator.make``: a function and a form of ``inputs`` for its parameters,
    with ``title``, ``description``, ``autorun`` (None where Squiggle leaves it unset:
    the record form without it) and ``sample_count`` (None: the model's)."""

    __slots__ = ("fn", "title", "description", "inputs", "autorun", "sample_count")
    type_name = "Calculator"

    def __init__(self, fn: Function, inputs: tuple[Input, ...], *,
                 title: Optional[str] = None, description: Optional[str] = None,
                 autorun: Optional[bool] = True,
                 sample_count: Optional[float] = None) -> None:
        self.fn, self.inputs = fn, tuple(inputs)
        self.title, self.description = title, description
        self.autorun, self.sample_count = autorun, sample_count

    def summary(self) -> dict:
        return {"type": "calculator", "fn": self.fn.summary(), "title": self.title,
                "description": self.description,
                "inputs": [i.summary() for i in self.inputs], "autorun": self.autorun,
                "sampleCount": optional_json(self.sample_count), "text": str(self)}

    def to_python(self) -> dict:
        return {"fn": self.fn, "title": self.title, "description": self.description,
                "inputs": [i.to_python() for i in self.inputs], "autorun": self.autorun,
                "sampleCount": self.sample_count}

    def describe(self) -> str:
        n = len(self.inputs)
        text = "Calculator" + (f' "{self.title}"' if self.title else "")
        text += f" with {n} input{'s' if n != 1 else ''}"
        return text + (": " + ", ".join(i.name for i in self.inputs) if n else "")

    def __str__(self) -> str:
        return "Calculator"

    def __repr__(self) -> str:
        return f"<Calculator {self.fn!r}>"
