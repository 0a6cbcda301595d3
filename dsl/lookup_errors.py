"""The errors of looking things up: an undefined name, an unknown namespace member, a
missing record key, each with a suggestion when a close match exists."""
from __future__ import annotations

from .errors import DslError, KeyError_, NameError_, closest
from .registry import Registry
from .values import Record

__all__ = ["undefined_name", "unknown_member", "missing_key"]


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
