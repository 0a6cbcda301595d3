"""Jupyter's ``%sq`` and ``%%sq`` magics, registered by ``%load_ext dsl``.

``%%sq [--all] [--in x,y] [--samples N] [--seed S]`` runs the cell as a model: each of
its top-level bindings becomes a Python variable (a number as a float, a bool as a bool,
a string as a str; a distribution, list, record or function as the ``dsl`` value, which
numpy, indexing and iteration understand), and the cell shows the rich HTML of its last
value (its final expression, else its last binding) or, with ``--all``, every binding.
``--in x,y`` passes the Python variables ``x`` and ``y`` in as bindings the cell may
use (numbers, arrays of one entry per sample, pandas Series, lists, dicts, ``dsl``
values: a distribution passed in keeps its samples, so its correlations too).

``%sq [--in x,y] [--samples N] [--seed S] EXPR`` evaluates one expression and shows
its value. A model's error is shown as the language prints it (line, column, caret),
as a failed cell, without a Python traceback.
"""
from __future__ import annotations

import shlex
from typing import Any, Optional

from ..base.errors import DslError
from ..engine.session import Session
from ..engine.values import Bool, Number, String, Value

__all__ = ["load", "sq_magic", "parse_options"]

_FLAGS = {"--all": "all"}
_OPTIONS = {"--in": "inputs", "--samples": "samples", "--seed": "seed"}


def load(ipython) -> None:
    """Register ``%sq`` / ``%%sq`` on an IPython shell."""
    ipython.register_magic_function(lambda line, cell=None: sq_magic(ipython, line, cell),
                                    magic_kind="line_cell", magic_name="sq")


def _usage(message: str):
    from IPython.core.error import UsageError
    return UsageError(message)


def parse_options(line: str, *, cell: bool) -> tuple[dict, str]:
    """The options at the start of a magic's line and the rest (the line magic's
    expression). A UsageError for an unknown option or a bad value."""
    options: dict[str, Any] = {"all": False, "inputs": [], "samples": None, "seed": 0}
    rest = line.strip()
    while rest.startswith("--"):
        word, _, after = rest.partition(" ")
        if word in _FLAGS:
            options[_FLAGS[word]] = True
            rest = after.strip()
            continue
        if word not in _OPTIONS:
            known = ", ".join([*_FLAGS, *_OPTIONS])
            raise _usage(f"%sq: unknown option {word} (known: {known})")
        value, _, rest = after.strip().partition(" ")
        rest = rest.strip()
        if not value:
            raise _usage(f"%sq: {word} needs a value")
        key = _OPTIONS[word]
        if key == "inputs":
            options[key] += [n.strip() for n in value.split(",") if n.strip()]
        else:
            try:
                options[key] = int(float(value)) if float(value).is_integer() else None
            except ValueError:
                options[key] = None
            if options[key] is None:
                raise _usage(f"%sq: {word} needs a whole number, not {value!r}")
    if options["all"] and not cell:
        raise _usage("%sq: --all is for the %%sq cell magic")
    return options, rest


def _samples_of(values) -> Optional[int]:
    """The sample count of the first distribution (or 1-D array) among ``values``: a
    cell given one runs with as many samples, unless --samples says otherwise."""
    for v in values:
        shape = getattr(v, "shape", None) if not isinstance(v, Value) else None
        if isinstance(v, Value) and getattr(v, "samples", None) is not None:
            return len(v.samples)
        if shape is not None and len(shape) == 1 and shape[0] > 1:
            return int(shape[0])
    return None


def _python(value: Value) -> Any:
    """What a binding becomes in Python: plain numbers, bools and strings; other values
    as they are (a Dist is array-like, a List or Record indexable)."""
    if isinstance(value, (Number, Bool, String)):
        return value.to_python()
    return value


def sq_magic(ipython, line: str, cell: Optional[str] = None):
    """``%sq EXPR`` (``cell`` None) or ``%%sq`` (the cell's text): see the module."""
    options, rest = parse_options(line, cell=cell is not None)
    text = cell if cell is not None else rest
    if not text.strip():
        raise _usage("%sq: give an expression (%sq mean(1 to 10)) or a cell of model text")
    missing = [n for n in options["inputs"] if n not in ipython.user_ns]
    if missing:
        raise _usage(f"%sq --in: no Python variable named {', '.join(missing)}")
    given = {n: ipython.user_ns[n] for n in options["inputs"]}
    samples = options["samples"] or _samples_of(given.values()) or 100_000
    try:
        session = Session(samples=samples, seed=options["seed"])
        if options["inputs"]:  # placeholders, overridden by the Python values
            names = options["inputs"]
            session.run("\n".join(f"{n} = 0" for n in names), "<--in>",
                        inputs=given)
        result = session.run(text, "<cell>" if cell is not None else "<line>")
    except DslError as e:
        raise _usage(e.format()) from None
    if cell is None:
        if result.result is None:
            raise _usage("%sq: the line defines bindings but has no expression to show "
                         "(use %%sq for a model)")
        return _python(result.result)
    ipython.user_ns.update({name: _python(v) for name, v in result.bindings.items()})
    if options["all"]:
        return result
    if result.result is not None:
        return result.result
    if result.info:
        return list(result.info.values())[-1].value
    return None
