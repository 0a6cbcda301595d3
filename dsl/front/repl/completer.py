"""Tab completion: the session's bindings, builtins, namespaces and their members
(``Dist.`` lists the Dist functions), keywords, decorators and colon commands, each
with its signature or value beside it; after ``:help`` and ``:time`` what an entry
offers, after ``:sensitivity`` the session's bindings, after ``:load`` model files."""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

from ...syntax.parser import DECORATORS, KEYWORDS
from ...engine.registry import Builtin
from ...engine.values import Record
from .tokens import tokenize

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["SqCompleter", "describe_entry"]

_MEMBER = re.compile(r"([A-Z][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$")
_FIELD = re.compile(r"(?<![A-Za-z0-9_.])([a-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_META_WIDTH = 60


class SqCompleter(Completer):
    """Completes from the engine's current session (it changes on ``:reset``)."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self._paths = PathCompleter(expanduser=True, file_filter=_is_model_or_dir)

    def get_completions(self, document: Document,
                        complete_event: CompleteEvent) -> Iterable[Completion]:
        before = document.text_before_cursor
        if before.lstrip().startswith(":"):
            yield from self._command_completions(before.lstrip(), complete_event)
            return
        if _inside_string_or_comment(before):
            return
        member = _MEMBER.search(before)
        if member:
            yield from self._members(member.group(1), member.group(2))
            return
        field = _FIELD.search(before)
        if field:
            yield from self._fields(field.group(1), field.group(2))
            return
        word = _WORD.search(before)
        if word is None or _after_number(before, word.start()):
            return
        prefix = word.group(0)
        if word.start() > 0 and before[word.start() - 1] == "@":
            yield from _matching(prefix, ((d, "decorator") for d in sorted(DECORATORS)))
            return
        yield from self._names(prefix)

    # ---- sources of candidates ----

    def _names(self, prefix: str) -> Iterable[Completion]:
        session = self.engine.session
        registry = session.registry
        seen = set()
        bindings = []
        for name in reversed(self.engine.names()):  # the newest definition wins
            if name not in seen:
                seen.add(name)
                bindings.append((name, _value_meta(session.env.lookup(name))))
        yield from _matching(prefix, sorted(bindings))
        builtins = ((n, describe_entry(registry.lookup_global(n)))
                    for n in registry.global_names() if n not in seen)
        yield from _matching(prefix, builtins)
        spaces = ((ns, f"namespace, {len(registry.members(ns))} members")
                  for ns in registry.namespace_names())
        yield from _matching(prefix, spaces)
        yield from _matching(prefix, ((k, "keyword") for k in sorted(KEYWORDS)))

    def _members(self, namespace: str, prefix: str) -> Iterable[Completion]:
        registry = self.engine.session.registry
        members = ((m, describe_entry(registry.lookup_member(namespace, m)))
                   for m in registry.members(namespace))
        yield from _matching(prefix, members)

    def _fields(self, name: str, prefix: str) -> Iterable[Completion]:
        """The keys of a record binding (``params.`` lists its fields)."""
        value = self.engine.session.env.lookup(name)
        if isinstance(value, Record):
            yield from _matching(prefix, ((k, _value_meta(v)) for k, v in value.fields.items()
                                          if k.isidentifier()))

    def _command_completions(self, line: str, event: CompleteEvent) -> Iterable[Completion]:
        from .commands import COMMANDS
        name, space, arg = line[1:].partition(" ")
        if not space:
            yield from _matching(name, ((c.name, c.summary) for c in COMMANDS.values()))
            return
        if name in ("load", "save"):
            yield from self._paths.get_completions(Document(arg, len(arg)), event)
        elif name in ("help", "time"):
            yield from self.get_completions(Document(arg, len(arg)), event)
        elif name == "sensitivity" and " " not in arg:   # a binding of the session
            session = self.engine.session
            yield from _matching(arg, ((n, _value_meta(session.env.lookup(n)))
                                       for n in self.engine.names()))


def describe_entry(entry) -> str:
    """The text beside a builtin in the completion menu: its first signature without
    the name (and how many more there are), or a constant's summary."""
    if entry is None:
        return ""
    if isinstance(entry, Builtin):
        texts = entry.signature_texts()
        first = texts[0][len(entry.qualified):]
        more = f"  (+{len(texts) - 1} more)" if len(texts) > 1 else ""
        return _clip(first, _META_WIDTH - len(more)) + more
    return _clip(entry.summary, _META_WIDTH)


def _value_meta(value) -> str:
    from ...render.report import compact
    return _clip(compact(value), _META_WIDTH) if value is not None else ""


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _matching(prefix: str, candidates: Iterable[tuple[str, str]]) -> Iterable[Completion]:
    for name, meta in candidates:
        if name.startswith(prefix):
            yield Completion(name, start_position=-len(prefix), display_meta=meta)


def _inside_string_or_comment(before: str) -> bool:
    toks = tokenize(before)
    if not toks:
        return False
    last = toks[-1]
    if last.kind == "comment":
        return not (last.text.startswith("/*") and last.text.endswith("*/")
                    and len(last.text) >= 4)
    if last.kind == "string":
        return len(last.text) < 2 or last.text[-1] != last.text[0]
    return False


def _after_number(before: str, start: int) -> bool:
    """``1e3`` or ``2k`` being typed is a number, not a name."""
    return start > 0 and (before[start - 1].isdigit() or before[start - 1] == ".")


def _is_model_or_dir(path: str) -> bool:
    return os.path.isdir(path) or path.endswith((".sq", ".squiggle"))
