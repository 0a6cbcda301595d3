"""The errors of looking things up: an undefined name, an unknown namespace member, a
missing record key, a field of something that is no record, each with a suggestion
when a close match exists (or, for ``x.mean()``, the way to write it here). A name or
namespace of Squiggle's library that sqdsl lacks says so, with the reason
(dsl/engine/squiggle_support.py), rather than that it does not exist."""
from __future__ import annotations

from ..base.errors import DslError, KeyError_, NameError_, TypeError_, closest
from .registry import Builtin, Registry
from .squiggle_support import NAME_REASONS, unsupported_name, unsupported_namespace
from .types import describe_value
from .values import Record, Value

__all__ = ["undefined_name", "unknown_member", "missing_key", "no_fields", "namespace_alone"]


def undefined_name(name: str, known) -> DslError:
    """``x is not defined``, with a suggestion or a hint for names from elsewhere."""
    hints = {"ln": "there is no ln: log is the natural logarithm",
             "sqrt": "use Math.sqrt", "len": "use List.length",
             "Infinity": "use 1/0 for infinity",
             # `1year` lexes as a unit suffix, as in Squiggle, which has no such unit
             "fromUnit_year": "there is no unit 'year': write 1years or Duration.fromYears(1)"}
    unsupported = unsupported_name(name)
    if unsupported:
        return NameError_(unsupported)
    message = f"{name} is not defined"
    if name in hints:
        message += f" ({hints[name]})"
    else:
        guess = closest(name, known)
        if guess:
            message += f"; did you mean {guess}?"
    return NameError_(message)


def unknown_member(registry: Registry, namespace: str, name: str) -> DslError:
    """``NS.name`` that is not defined: a Squiggle name sqdsl lacks says so; otherwise a
    suggestion of a close namespace or member."""
    if namespace not in registry.namespace_names():
        # a name's own reason (RelativeValues.gridPlot: a picture) before its namespace's
        unsupported = (unsupported_name(f"{namespace}.{name}")
                       if f"{namespace}.{name}" in NAME_REASONS
                       else unsupported_namespace(namespace))
        if unsupported:
            return NameError_(unsupported)
        guess = closest(namespace, registry.namespace_names())
        hint = f"; did you mean {guess}?" if guess else \
            f" (namespaces: {', '.join(registry.namespace_names())})"
        return NameError_(f"there is no namespace {namespace}{hint}")
    unsupported = unsupported_name(f"{namespace}.{name}")
    if unsupported:
        return NameError_(unsupported)
    guess = closest(name, registry.members(namespace))
    hint = f"; did you mean {namespace}.{guess}?" if guess else ""
    return NameError_(f"{namespace}.{name} is not defined{hint}")


def missing_key(key: str, record: Record) -> DslError:
    keys = list(record.fields)
    guess = closest(key, keys)
    hint = f"; did you mean '{guess}'?" if guess else ""
    shown = ", ".join(keys[:10]) + (", ..." if len(keys) > 10 else "")
    return KeyError_(f"the key '{key}' doesn't exist in this record (its keys: {shown})"
                     f"{hint}")


def no_fields(name: str, target: Value, target_text: str, registry: Registry) -> DslError:
    """``d.mean`` where ``d`` is no record; when ``mean`` is a function, how to call it
    here (a habit from languages with methods: ``d.mean()``)."""
    message = (f"cannot read the field '.{name}' of {describe_value(target)}: only records "
               "have fields")
    shown = target_text if target_text.isidentifier() else "x"
    if isinstance(registry.lookup_global(name), Builtin):
        message += f" ({name} is a function: write {name}({shown}) or {shown} -> {name})"
    else:  # xs.length(): List.length, from the namespace named after the value's type
        kind = describe_value(target).split(" ")[0].lower()
        spaces = [ns for ns in registry.namespace_names() if ns.lower() in kind
                  and isinstance(registry.lookup_member(ns, name), Builtin)]
        if spaces:
            called = f"{spaces[0]}.{name}"
            message += f" (write {called}({shown}) or {shown} -> {called})"
    return TypeError_(message)


def namespace_alone(registry: Registry, namespace: str) -> DslError:
    """A namespace's name used as a value (``Dict``, ``Foo(1)``) when it has no ``make``
    (Squiggle's global alias ``Date`` is ``Date.make``)."""
    if namespace not in registry.namespace_names():
        unsupported = unsupported_namespace(namespace)
        if unsupported:
            return NameError_(unsupported)
        return NameError_(f"'{namespace}' is capitalised, which makes it a namespace, and "
                          f"there is no namespace {namespace}: names of bindings and "
                          "parameters start with a lower-case letter")
    return NameError_(f"'{namespace}' is a namespace (capitalised) with no {namespace}.make "
                      f"to call: write {namespace}.member, or start a binding's name with "
                      "a lower-case letter")
