"""Every name of Squiggle 0.10's standard library resolves in sqdsl or has its reason in
dsl/engine/squiggle_support.py, and docs/squiggle-names.md says which.

The list is tests/data/squiggle_names.json: the keys of ``getStdLib()`` of the npm package
@quri/squiggle-lang 0.10.0 without the compiler's ``#indexLookup`` (407 names), written
by ``python tools/squiggle_names.py --record`` together with dsl/engine/squiggle_library.py,
the copy the package reads at run time. What resolves is asked of the registry, so the
tests follow the builtins as they are added.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import stdlib  # noqa: F401  (declares the builtins)
from dsl.engine import squiggle_support as support
from dsl.engine.registry import DEFAULT, Registry, builtin
from dsl.engine.squiggle_library import NAMES, VALUES, VERSION

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "tests" / "data" / "squiggle_names.json").read_text())
TABLE = ROOT / "docs" / "squiggle-names.md"


def test_the_list_is_squiggle_0_10s_standard_library():
    names = [e["name"] for e in DATA["names"]]
    assert DATA["version"] == VERSION == "0.10.0"
    assert "getStdLib()" in DATA["source"] and "@quri/squiggle-lang 0.10.0" in DATA["source"]
    assert len(names) == DATA["count"] == 407 == len(set(names))
    assert "#indexLookup" not in names
    # a few names from each part of Squiggle's library
    for name in ["normal", "Dist.normal", "Math.pi", "System.version", "Danger.laplace",
                 "RelativeValues.wrap", "Plot.dist", "fromUnit_k", "List", "Tag.getDoc"]:
        assert name in names


def test_the_package_copy_matches_the_list():
    assert list(NAMES) == [e["name"] for e in DATA["names"]]
    assert VALUES == {e["name"]: e["kind"] for e in DATA["names"] if e["kind"] != "function"}


def test_every_squiggle_name_resolves_or_has_a_reason():
    missing = support.unexplained()
    assert not missing, (
        f"{len(missing)} Squiggle names neither resolve in sqdsl nor have a reason in "
        f"dsl/engine/squiggle_support.py (NAME_REASONS or NAMESPACE_REASONS): {missing}")


def test_no_reason_outlives_its_gap():
    """A name that resolves now must leave NAME_REASONS (and a namespace with a member
    here, NAMESPACE_REASONS): the reasons shrink as names are built."""
    stale = [n for n in support.NAME_REASONS if support.resolve(n) is not None]
    stale += [ns for ns in support.NAMESPACE_REASONS if DEFAULT.members(ns)]
    assert not stale, f"these resolve now: remove their reasons: {stale}"


def test_every_reason_is_about_a_squiggle_name():
    assert set(support.NAME_REASONS) <= set(NAMES)
    assert all(support.is_squiggle_namespace(ns) for ns in support.NAMESPACE_REASONS)
    assert all(text.strip() for text in [*support.NAME_REASONS.values(),
                                         *support.NAMESPACE_REASONS.values()])


def test_the_committed_table_is_up_to_date():
    assert TABLE.read_text() == support.markdown(), (
        "docs/squiggle-names.md is stale: regenerate it with `python tools/squiggle_names.py`")


@pytest.mark.parametrize("name, expected", [
    ("normal", "Dist.normal"), ("Dist.normal", "Dist.normal"), ("Math.pi", "Math.pi"),
    ("List", "List.make"), ("map", "List.map"), ("System.version", "System.version")])
def test_resolve_names_the_sqdsl_entry(name, expected):
    assert support.resolve(name) == expected


def test_resolve_is_computed_from_the_registry():
    """A name declared in a registry resolves there, and not in one without it."""
    own = Registry()  # empty: no parent
    assert support.resolve("Plot.dist", own) is None
    assert "Plot.dist" in support.unexplained(own)

    @builtin("Plot.dist", registry=own)
    def dist(x: float) -> float:
        """A stand-in."""
        return x

    assert support.resolve("Plot.dist", own) == "Plot.dist"
    assert support.resolve("Plot.dist") == "Plot.dist"  # the real one


def test_rows_give_a_reason_exactly_when_a_name_does_not_resolve():
    table = support.rows()
    assert [r[0] for r in table] == list(NAMES)
    assert all((found is None) == (why is not None) for _, found, why in table)
    missing = {name: why for name, found, why in table if found is None}
    assert missing == {"fromUnit_%": support.NAME_REASONS["fromUnit_%"]}
