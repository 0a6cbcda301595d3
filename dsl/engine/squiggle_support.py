"""How sqdsl covers Squiggle 0.10's standard library: which of its names resolve here, and
why each of the others does not.

This is the one place the reasons live. The lookup errors read it (a name of Squiggle's
that sqdsl lacks says so, and why, instead of "not defined" or "there is no namespace"),
``docs/squiggle-names.md`` is generated from it
(``python tools/squiggle_names.py``), and tests/stdlib/test_squiggle_names.py fails when a
Squiggle name neither resolves nor has a reason here, or when a reason outlives its gap.

What is implemented is computed from the registry each time, never listed by hand: a name
``NS.f`` resolves when ``NS.f`` is a builtin or constant here; a global name when it is a
global builtin, alias or constant; a capitalised global (``List``, ``Date``, ``Table``)
when ``NS.make`` exists, since calling a namespace's name calls its ``make``.
"""
from __future__ import annotations

from typing import Optional

from .registry import DEFAULT, Builtin, Registry
from .squiggle_library import NAMES, VALUES, VERSION

__all__ = ["NAMESPACE_REASONS", "NAME_REASONS", "NOT_YET", "resolve", "reason", "rows",
           "markdown", "explained", "unexplained", "is_squiggle_namespace", "is_squiggle_name", "unsupported_namespace",
           "unsupported_name"]

# Namespaces sqdsl leaves out as a whole (none now: Squiggle's pictures and widgets,
# Plot, Scale, Table, Calculator, Input and Spec, are values here, which issue 18 draws).
NAMESPACE_REASONS: dict[str, str] = {}

# Single names left out, each with its reason.
NAME_REASONS = {
    "fromUnit_%": "no program can write this name (`%` is no letter): Squiggle calls it "
                  "for the suffix of `50%`, which sqdsl reads as 0.5 when it parses",
}

# Names whose work is under way (issue 17): each leaves this table when it is built
# (tests/stdlib/test_squiggle_names.py fails while a built name is still listed).
_UNDER_WAY: dict[str, list[str]] = {
    # "why": [names], e.g. "point-set distributions are being built (issue 17)": [...]
}
NAME_REASONS.update({name: why for why, names in _UNDER_WAY.items() for name in names})

# The reason of a Squiggle name that no table above explains: work still to do.
NOT_YET = "not built yet (issue 17)"


def _namespace(name: str) -> Optional[str]:
    """``Plot`` for ``Plot.dist`` and for the global ``Plot`` callable as ``Plot.make``."""
    if "." in name:
        return name.split(".", 1)[0]
    return name if name[:1].isupper() else None


_NAME_SET = frozenset(NAMES)
_NAMESPACES = frozenset(filter(None, (_namespace(n) for n in NAMES)))


def is_squiggle_name(name: str) -> bool:
    """Is ``name`` (``normal``, ``Dist.normal``) a name of Squiggle's standard library?"""
    return name in _NAME_SET


def is_squiggle_namespace(namespace: str) -> bool:
    return namespace in _NAMESPACES


def resolve(name: str, registry: Registry = DEFAULT) -> Optional[str]:
    """The sqdsl name a Squiggle name resolves to (``Dist.normal`` for ``normal``), or
    None when it does not resolve here."""
    if "." in name:
        namespace, member = name.split(".", 1)
        entry = registry.lookup_member(namespace, member)
        return None if entry is None else entry.qualified
    entry = registry.lookup_global(name)
    if entry is not None:
        return entry.qualified if entry.namespace or not isinstance(entry, Builtin) \
            else entry.name
    if name[:1].isupper() and registry.lookup_member(name, "make") is not None:
        return f"{name}.make"
    return None


def explained(name: str) -> bool:
    """Does a table above give a reason for ``name`` (its own or its namespace's)?"""
    return name in NAME_REASONS or _namespace(name) in NAMESPACE_REASONS


def unexplained(registry: Registry = DEFAULT) -> list[str]:
    """The Squiggle names that neither resolve here nor have a reason above."""
    registry.load_all()  # see rows
    return [n for n in NAMES if not explained(n) and resolve(n, registry) is None]


def reason(name: str) -> str:
    """Why a Squiggle name is not supported here (``NOT_YET`` when nothing says)."""
    if name in NAME_REASONS:
        return NAME_REASONS[name]
    namespace = _namespace(name)
    if namespace in NAMESPACE_REASONS:
        return NAMESPACE_REASONS[namespace]
    return NOT_YET


def rows(registry: Registry = DEFAULT) -> list[tuple[str, Optional[str], Optional[str]]]:
    """``(Squiggle name, sqdsl name or None, reason or None)`` for every Squiggle name."""
    # every module first, in the catalogue's order: resolving Squiggle's names one by
    # one would import them in Squiggle's order, and the order of a global's overloads
    # in docs/reference follows the order of import
    registry.load_all()
    out = []
    for name in NAMES:
        found = resolve(name, registry)
        out.append((name, found, None if found else reason(name)))
    return out


def markdown(registry: Registry = DEFAULT) -> str:
    """The text of docs/squiggle-names.md."""
    table = rows(registry)
    done = sum(1 for _, found, _ in table if found)
    lines = [
        f"# Squiggle {VERSION}'s names in sqdsl",
        "",
        "Generated by `python tools/squiggle_names.py` from the reasons in "
        "`dsl/engine/squiggle_support.py` and the builtins sqdsl declares. Do not edit.",
        "",
        f"Of the {len(table)} names of Squiggle {VERSION}'s standard library, {done} "
        f"({100 * done / len(table):.1f}%) resolve in sqdsl. A capitalised global such as "
        "`List` resolves when its namespace has a `make` (calling `List(...)` calls "
        "`List.make`).",
        "",
        "| Squiggle | sqdsl |",
        "|---|---|",
    ]
    for name, found, why in table:
        shown = f"`{found}`" if found else f"not supported: {why}"
        lines.append(f"| `{name}` | {shown} |")
    return "\n".join(lines) + "\n"


def unsupported_namespace(namespace: str) -> Optional[str]:
    """The message for a namespace Squiggle has and sqdsl lacks (None otherwise)."""
    if not is_squiggle_namespace(namespace):
        return None
    return (f"{namespace} is a Squiggle namespace sqdsl does not support yet: "
            f"{NAMESPACE_REASONS.get(namespace, NOT_YET)}")


def unsupported_name(name: str) -> Optional[str]:
    """The message for a name (``Dist.logScore``, ``fromUnit_k``) Squiggle has and sqdsl
    lacks (None when Squiggle has no such name)."""
    if not is_squiggle_name(name):
        return None
    kind = "constant" if name in VALUES else "function"
    return f"{name} is a Squiggle {kind} sqdsl does not support yet: {reason(name)}"
