"""The errors of looking things up: an undefined name, an unknown namespace member, a
missing record key, a field of something that is no record, each with a suggestion
when a close match exists (or, for ``x.mean()``, the way to write it here)."""
from __future__ import annotations

from .errors import DslError, KeyError_, NameError_, TypeError_, closest
from .registry import Builtin, Registry
from .types import describe_value
from .values import Record, Value

__all__ = ["undefined_name", "unknown_member", "missing_key", "no_fields"]


def undefined_name(name: str, known) -> DslError:
    """``x is not defined``, with a suggestion or a hint for names from elsewhere."""
    hints = {"ln": "there is no ln: log is the natural logarithm",
             "sqrt": "use Math.sqrt", "len": "use List.length",
             "Infinity": "use 1/0 for infinity"}
    message = f"{name} is not defined"
    if name in hints:
        message += f" ({hints[name]})"
    else:
        guess = closest(name, known)
        if guess:
            message += f"; did you mean {guess}?"
    return NameError_(message)


def unknown_member(registry: Registry, namespace: str, name: str) -> DslError:
    if namespace not in registry.namespace_names():
        guess = closest(namespace, registry.namespace_names())
        hint = f"; did you mean {guess}?" if guess else \
            f" (namespaces: {', '.join(registry.namespace_names())})"
        return NameError_(f"there is no namespace {namespace}{hint}")
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
