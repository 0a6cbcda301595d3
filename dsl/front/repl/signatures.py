"""The signature of the function being called at the cursor, for the bottom toolbar:
``normal(mean: Num, stdev: Num) -> Dist`` with the argument being typed underlined."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from prompt_toolkit.formatted_text import StyleAndTextTuples

from ...render.doc_text import lookup_entry
from ...engine.functions import Lambda
from ...engine.registry import Builtin, BuiltinFunction, Signature
from .tokens import Tok, tokenize

if TYPE_CHECKING:
    from ...engine.session import Session

__all__ = ["CallSite", "call_at", "signature_fragments"]

_SHOWN_OVERLOADS = 2
_SKIP = ("space", "newline", "comment")


@dataclass(frozen=True)
class CallSite:
    """A call the cursor is inside: the callee as written (``normal``,
    ``Dist.normal``) and the 0-based index of the argument being typed (a value
    piped in with ``->`` counts as the first)."""
    callee: str
    argument: int


def call_at(text_before_cursor: str) -> Optional[CallSite]:
    """The innermost unclosed call in ``text_before_cursor``, if any."""
    toks = [t for t in tokenize(text_before_cursor) if t.kind not in _SKIP]
    open_brackets: list[list[int]] = []   # [token index of the opener, commas so far]
    for i, tok in enumerate(toks):
        if tok.kind != "punct":
            continue
        if tok.text in ("(", "[", "{"):
            open_brackets.append([i, 0])
        elif tok.text in (")", "]", "}") and open_brackets:
            open_brackets.pop()
        elif tok.text == "," and open_brackets:
            open_brackets[-1][1] += 1
    for opener, commas in reversed(open_brackets):
        if toks[opener].text != "(":
            continue
        found = _callee(toks, opener)
        if found is not None:
            callee, first = found
            piped = first > 0 and toks[first - 1].text == "->"
            return CallSite(callee, commas + (1 if piped else 0))
    return None


def _callee(toks: list[Tok], opener: int) -> Optional[tuple[str, int]]:
    """The name before the '(' at ``opener`` and the index of its first token."""
    i = opener - 1
    if i < 0 or toks[i].kind not in ("name", "keyword"):
        return None
    if i >= 2 and toks[i - 1].text == "." and toks[i - 2].kind == "namespace":
        return f"{toks[i - 2].text}.{toks[i].text}", i - 2
    if toks[i].kind == "keyword" or (i >= 1 and toks[i - 1].text == "."):
        return None  # `if (`, or a record field: nothing to look up
    return toks[i].text, i


def signature_fragments(session: "Session", site: CallSite) -> StyleAndTextTuples:
    """The toolbar text for ``site``: the callee's signatures (empty if unknown)."""
    value = session.env.lookup(site.callee) if "." not in site.callee else None
    if isinstance(value, Lambda):
        params = [p.name if d is None else f"{p.name}: [{d.low:g}, {d.high:g}]"
                  for p, d in zip(value.params, value.domains)]
        return _fragments(site.callee, params, None, site.argument, variadic=False)
    entry = value.builtin if isinstance(value, BuiltinFunction) else (
        lookup_entry(session.registry, site.callee) if value is None else None)
    if not isinstance(entry, Builtin):
        return []
    fitting = [s for s in entry.signatures if s.max_args > site.argument] or entry.signatures
    out: StyleAndTextTuples = []
    for sig in fitting[:_SHOWN_OVERLOADS]:
        if out:
            out.append(("class:bottom-toolbar.hint", "  |  "))
        out += _signature(site.callee, sig, site.argument)
    if len(fitting) > _SHOWN_OVERLOADS:
        out.append(("class:bottom-toolbar.hint",
                    f"  (+{len(fitting) - _SHOWN_OVERLOADS} more: :help {site.callee})"))
    return out


def _signature(name: str, sig: Signature, argument: int) -> StyleAndTextTuples:
    params = [f"{p.name}{'?' if p.optional else ''}: {p.type.name}" for p in sig.params]
    if sig.variadic is not None:
        params.append(f"...{sig.variadic.name}: {sig.variadic.type.name}")
    return _fragments(name, params, sig.returns, argument, variadic=sig.variadic is not None)


def _fragments(name: str, params: list[str], returns: Optional[str], argument: int,
               variadic: bool) -> StyleAndTextTuples:
    current = min(argument, len(params) - 1) if variadic else argument
    out: StyleAndTextTuples = [("class:bottom-toolbar.signature", f" {name}(")]
    for i, param in enumerate(params):
        if i:
            out.append(("class:bottom-toolbar.signature", ", "))
        style = "class:bottom-toolbar.current" if i == current else \
            "class:bottom-toolbar.signature"
        out.append((style, param))
    out.append(("class:bottom-toolbar.signature",
                ")" + (f" -> {returns}" if returns else "")))
    return out
