"""Every name Squiggle documents in its everyday namespaces exists here, under the same
namespace (and globally where Squiggle makes it global), unless it is on the commented
list of deliberate omissions below.

The names were copied from Squiggle's own documentation, the API part of
quantified-uncertainty/squiggle packages/website/public/llms/documentationBundle.markdown
(sections Common, Boolean, Dict, List, Math, Number, String, System), and checked
against the declarations in packages/squiggle-lang/src/fr/{common,boolean,dict,list,
math,number,string,system,builtin}.ts, which add ``Number.cumsum`` (declared there but
missing from the generated page). Squiggle makes a name global when its namespace is
declared with ``requiresNamespace: false`` (Common, Boolean, Number) or the function
itself is (List.map, filter, reduce, reduceReverse, reverse, concat).
"""
from __future__ import annotations

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl.registry import DEFAULT

SQUIGGLE = {
    "Common": ["equal", "unequal", "typeOf", "inspect", "throw", "try"],
    "Boolean": ["or", "and", "not"],
    "Dict": ["toList", "fromList", "set", "delete", "merge", "mergeMany", "map", "mapKeys",
             "omit", "has", "size", "keys", "values", "pick"],
    "List": ["make", "upTo", "reverse", "concat", "sortBy", "append", "join", "flatten",
             "shuffle", "zip", "unzip", "slice", "uniq", "uniqBy", "filter", "length",
             "first", "last", "minBy", "maxBy", "every", "some", "find", "findIndex",
             "sample", "sampleN", "map", "reduce", "reduceReverse", "reduceWhile"],
    "Math": ["e", "ln2", "ln10", "log2e", "log10e", "pi", "sqrt1_2", "sqrt2", "phi", "tau",
             "sqrt", "sin", "cos", "tan", "asin", "acos", "atan"],
    "Number": ["minValue", "maxValue", "smaller", "larger", "smallerEq", "largerEq", "add",
               "subtract", "multiply", "divide", "pow", "mod", "unaryMinus", "exp", "log",
               "log10", "log2", "floor", "ceil", "abs", "round", "sum", "product", "cumsum",
               "cumprod", "diff", "min", "max", "mean", "quantile", "median", "geomean",
               "stdev", "variance", "sort", "rangeDomain"],
    "String": ["make", "concat", "add", "split"],
    "System": ["version", "sampleCount"],
}

# Names Squiggle also makes global (usable without the namespace).
GLOBAL = {
    "Common": SQUIGGLE["Common"],
    "Boolean": SQUIGGLE["Boolean"],
    "Number": [n for n in SQUIGGLE["Number"] if n not in ("minValue", "maxValue", "rangeDomain")],
    "List": ["map", "filter", "reduce", "reduceReverse", "reverse", "concat"],
    "String": ["concat", "add"],
}

# Deliberate omissions, each with its reason. (None today: every documented name of
# these namespaces is implemented.)
OMITTED: dict[str, str] = {}


def _cases(table):
    return [pytest.param(ns, name, id=f"{ns}.{name}") for ns, names in table.items()
            for name in names if f"{ns}.{name}" not in OMITTED]


@pytest.mark.parametrize("namespace, name", _cases(SQUIGGLE))
def test_squiggle_name_exists_in_its_namespace(namespace, name):
    assert DEFAULT.lookup_member(namespace, name) is not None, f"{namespace}.{name} is missing"


@pytest.mark.parametrize("namespace, name", _cases(GLOBAL))
def test_squiggle_global_name_exists(namespace, name):
    assert DEFAULT.lookup_global(name) is not None, f"global {name} ({namespace}) is missing"


def test_omissions_are_squiggle_names():
    known = {f"{ns}.{n}" for ns, names in SQUIGGLE.items() for n in names}
    assert set(OMITTED) <= known
