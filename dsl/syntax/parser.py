"""Text -> syntax tree.

``parse(text)`` runs lark's LALR parser over grammar.lark (loaded once per thread from
the tables shipped in the package, ``dsl.syntax.built_parser``) with a post-lexer that decides
which newlines separate statements, then turns lark's tree into ``dsl.syntax.ast`` nodes. Lark's errors become
``ParseError`` with a message in words and the ``incomplete`` flag the REPL needs.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedInput, VisitError

from . import ast as A
from . import built_parser
from ..base import meter
from ..base.errors import DslError, LimitError, ParseError
from .parse_errors import describe_parse_error
from ..base.recursion import SOURCE_NESTING, SOURCE_ROOM, recursion_room
from ..base.source import Source, Span

__all__ = ["parse", "lark_parser", "KEYWORDS", "DECORATORS", "MAX_NESTING"]

# Deepest nesting of brackets, and of expressions in the syntax tree (``a + a + a``
# nests one level per ``+``), that a program may have: every pass over the tree (the
# transform below, name resolution, evaluation) recurses once per level, and must
# neither exhaust Python's recursion limit nor a small thread stack.
MAX_NESTING = SOURCE_NESTING

GRAMMAR = Path(__file__).with_name("grammar.lark")

KEYWORDS = frozenset({"to", "if", "then", "else", "true", "false", "import", "as", "export"})
# Squiggle's decorators: each is the Tag function of its name (stdlib/tags.py), called
# on the bound value by the evaluator.
DECORATORS = frozenset({"name", "doc", "hide", "format", "location", "startOpen", "startClosed",
                        "notebook", "showAs", "spec"})

_OPENERS = {"(": ")", "[": "]", "{": "}"}
# A newline right after one of these continues the statement...
_CONTINUE_AFTER = frozenset(
    "+ - * / ^ .+ .- .* ./ .^ == != < <= > >= && || ! -> = , ( [ { ? : :: | to if then else"
    .split())
# ...and so does a newline right before one of these.
_CONTINUE_BEFORE = frozenset(
    ") ] } + * / ^ .+ .* ./ .^ == != < <= > >= && || -> = , ? : :: . | to then else as"
    .split())
_VALUE_TOKENS = frozenset({"NAME", "NSNAME", "NUMBER", "STRING"})


def _text(tok: Token) -> str:
    """What the post-lexer compares: punctuation and keywords by their text."""
    return "" if tok.type in _VALUE_TOKENS else str(tok)


class StatementSeparators:
    """Post-lexer: turns newlines and ``;`` into one ``_NL`` token where they separate
    statements, and drops them inside ( ) and [ ] and where a line obviously goes on.

    A ``;`` always separates (it is never taken for a line that goes on).

    Not shared between threads (see ``lark_parser``); ``brackets``, ``closed`` and
    ``last`` stay readable after a failed parse, for the error message.
    """

    always_accept = ("_NL", "SEMI")

    def __init__(self) -> None:
        self.brackets: list[Token] = []
        self.last: Token | None = None     # the last token passed on
        self.before: Token | None = None   # the one before it
        self.ifs: list[str] = []           # open `if`s: "if" until its `then`, then "then"
        self.closed: Token | None = None   # the opener the last closing bracket matched

    def process(self, stream):
        self.brackets = brackets = []
        self.last = self.before = None
        self.ifs = []
        self.closed = None
        pending = None  # a separator waiting to see the next token
        last_text = "("  # what the last token counts as (`(`: as at the start)
        for tok in stream:
            if meter.due(_PARSE_CHUNK):  # the run's time limit covers parsing (separators
                raise meter.late(_span(tok))  # too: 780,000 comment lines ran 6 s)
            if tok.type in ("_NL", "SEMI"):
                inside = brackets and str(brackets[-1]) in "(["
                if tok.type == "SEMI" or not inside:
                    pending = tok if pending is None or tok.type == "SEMI" else pending
                continue
            text = _text(tok)
            if text == "to" and last_text == ".":  # `r.to`: a field's name, a value
                text = ""
            if pending is not None:
                last = last_text
                if pending.type == "SEMI" or (last not in _CONTINUE_AFTER
                                              and text not in _CONTINUE_BEFORE):
                    yield Token.new_borrow_pos("_NL", str(pending), pending)
                pending = None
            if text in _OPENERS:
                brackets.append(tok)
                if len(brackets) > MAX_NESTING:  # before lark's parser stack grows
                    raise _too_deep(_span(tok))
            elif text in (")", "]", "}"):
                self.closed = brackets.pop() if brackets else None
            elif text == "if":
                self.ifs.append("if")
                if len(self.ifs) > MAX_NESTING:
                    raise _too_deep(_span(tok))
            elif text == "then" and self.ifs:
                self.ifs[-1] = "then"
            elif text == "else" and self.ifs:
                self.ifs.pop()
            self.before, self.last = self.last, tok
            last_text = text
            yield tok


_local = threading.local()


def _ignored(tok: Token) -> Token:
    """Comments never reach the post-lexer: the clock is read for them here (950,000
    ``/**/`` in a row lexed for 1.5 s under a 0.3 s time limit)."""
    if meter.due(_PARSE_CHUNK):
        raise meter.late(_span(tok))
    return tok


def lark_parser() -> Lark:
    """This thread's parser (lark parsers and the post-lexer keep per-parse state)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        # from the tables shipped in the package (a few ms); built only if they are stale
        parser = built_parser.parser(GRAMMAR.read_text(encoding="utf-8"), StatementSeparators(),
                                     {"COMMENT": _ignored, "BLOCK_COMMENT": _ignored})
        _local.parser = parser
    return parser


def parse(text: str, name: str = "<input>") -> A.Program:
    """Parse a whole program (a file, an ``sq eval`` expression or a REPL entry)."""
    source = Source(name, text)
    parser = lark_parser()
    try:
        tree = parser.parse(text)
    except UnexpectedInput as e:
        raise describe_parse_error(e, source, parser.options.postlex,
                                   parser.terminals) from None
    except DslError as e:  # from the post-lexer, which knows the span but not the source
        e.source = e.source or source
        raise
    _check_depth(tree, source)
    try:
        with recursion_room(SOURCE_ROOM):
            return _ToAst(source).transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, DslError):
            raise e.orig_exc from None
        raise


def _too_deep(span: Span, source: Source | None = None) -> LimitError:
    return LimitError(f"the program nests more than {MAX_NESTING} levels deep here; "
                      "split the expression into named parts", span, source)


def _check_depth(tree: Tree, source: Source) -> None:
    """Stop a syntax tree deeper than MAX_NESTING (found without recursion) before
    anything walks it recursively."""
    todo = [(tree, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_NESTING:
            raise _too_deep(_span(node.meta) if not node.meta.empty else
                            Span.point(1, 1, 0), source)
        step = node.data != "pair"  # a record's `key: value` is no level of its own
        todo.extend((c, depth + step) for c in node.children if isinstance(c, Tree))


# ---- lark tree -> AST ----

# Squiggle's number suffixes (fr/units.ts): a scale is applied here, at parse time; a
# duration calls the builtin fromUnit_<unit> when evaluated
_SUFFIX_EXPONENT = {"n": -9, "m": -3, "k": 3, "M": 6, "B": 9, "G": 9, "T": 12, "P": 15,
                    "%": -2}
_DURATION_SUFFIX = re.compile(r"(minutes|hours|days|years?)$")
PERCENT_FORMAT = ".2~p"  # the number format of a `%` literal (Squiggle's fromUnit_%)
# JSON's escapes plus \' (Squiggle decodes an escape with JSON.parse); any other is an error
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'",
            "\\": "\\", "/": "/"}
# \u and 4 more characters (hex digits, or the error names them), or \ and one character
_ESCAPE = re.compile(r"\\(u.{0,4}|.)", re.DOTALL)
_HEX4 = re.compile(r"u[0-9a-fA-F]{4}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BINARY = {"or_": "||", "and_": "&&", "eq": "==", "ne": "!=", "lt": "<", "le": "<=",
           "gt": ">", "ge": ">=", "to": "to"}


# Tokens (or tree nodes) between two looks at the clock: ~10-100 us each
_PARSE_CHUNK = 128


def _span(x) -> Span:
    """The span of a lark Token or tree meta."""
    return Span(x.line, x.column, x.end_line, x.end_column,
                getattr(x, "start_pos", 0), getattr(x, "end_pos", 0))


def number_value(text: str) -> float:
    """The value of a numeric literal such as ``4.2k`` or ``12.5%``, correctly rounded
    (a duration suffix is left to the caller: ``number_value("5")`` for ``5minutes``)."""
    shift = _SUFFIX_EXPONENT.get(text[-1])
    if shift is None:
        return float(text)
    # the suffix moves the decimal exponent; float() of the decimal text then rounds
    # once, exactly as the exact product would (4.2k is 4.2e3 = 4200, not 4.2 * 1000)
    mantissa, _, exponent = text[:-1].lower().partition("e")
    digits = exponent.lstrip("+-").lstrip("0")
    if len(digits) > 9:  # past any float's range (and int()'s 4,300-digit limit)
        return float(f"{mantissa}e{exponent}")  # inf, or 0 for a huge negative exponent
    return float(f"{mantissa}e{int(exponent or 0) + shift}")


class _EscapeError(ParseError):
    """A bad escape in a string literal, ``offset`` characters into the literal (at the
    character after the backslash, where Squiggle reports it)."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


def _offset_span(tok: Token, offset: int) -> Span:
    """The one-character span ``offset`` characters into token ``tok`` (which may span
    lines)."""
    before = str(tok)[:offset]
    line = tok.line + before.count("\n")
    column = offset - before.rfind("\n") if "\n" in before else tok.column + offset
    start = (tok.start_pos or 0) + offset
    return Span(line, column, line, column + 1, start, start + 1)


def string_value(literal: str) -> str:
    """Decode a quoted string literal's escapes: those of JSON and ``\\'``, as Squiggle
    does; any other (``\\q``, ``\\x41``) is a ParseError (position-free: the caller
    places it). Like JavaScript (and Squiggle), two ``\\u`` escapes of a UTF-16
    surrogate pair are one character (``"\\uD83D\\uDE00"`` is the emoji); a lone
    surrogate stays one code point, printed escaped."""
    body = literal[1:-1]
    if "\\" in body:  # escapes found by a regex, not a loop per character (a 3.9 MB
        out, last = [], 0  # literal took 1.6 s; 2M escapes 2.2 s and 600 MB)
        for n, m in enumerate(_ESCAPE.finditer(body), 1):
            if n % _PARSE_CHUNK == 0:
                meter.check_time()
            out.append(body[last:m.start()])
            code = m.group(1)
            if code[0] == "u":
                if not _HEX4.fullmatch(code):
                    raise _EscapeError(m.start() + 2, f"Incorrect escape sequence: {code} (a \\u escape "
                                     "takes four hexadecimal digits)")
                out.append(chr(int(code[1:], 16)))
            elif code in _ESCAPES:
                out.append(_ESCAPES[code])
            else:
                shown = code.encode("unicode_escape").decode("ascii")
                raise _EscapeError(m.start() + 2, f"Incorrect escape sequence: {shown} (a string knows "
                                 "\\n \\t \\r \\b \\f \\uXXXX \\\\ \\\" \\' and \\/; "
                                 "write \\\\ for a backslash)")
            last = m.end()
        out.append(body[last:])
        body = "".join(out)
    text = body
    if _SURROGATE.search(text):  # pair up surrogates
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


@v_args(meta=True)
class _ToAst(Transformer):
    """One method per grammar rule or alias; builds ``dsl.syntax.ast`` nodes with spans."""

    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source
        # calls whose arguments declare domains (`f(x: [0, 1])`): fine as the header of
        # a definition, an error anywhere else; `let` takes its own out of this dict
        self.headers: dict[int, A.Param] = {}

    def _call_userfunc(self, tree, new_children=None):
        if meter.due(_PARSE_CHUNK):  # the run's time limit covers the transform too
            raise meter.late(_span(tree.meta) if not tree.meta.empty else None, self.source)
        try:
            return super()._call_userfunc(tree, new_children)
        except VisitError as e:  # late inside a node (a long string's escapes): there
            if isinstance(e.orig_exc, DslError) and e.orig_exc.span is None \
                    and not tree.meta.empty:
                e.orig_exc.located(_span(tree.meta), self.source)
            raise

    def _error(self, message: str, span: Span) -> ParseError:
        return ParseError(message, span, self.source)

    # -- program and statements --

    def start(self, meta, items):
        if self.headers:
            first = min(self.headers.values(), key=lambda p: p.span.start)
            raise self._error(f"'{first.name}: ...' declares a parameter's domain, which is "
                              "only allowed in a function definition", first.span)
        imports, statements, result = [], [], None
        for i, item in enumerate(items):
            if isinstance(item, A.Import):
                if statements or result is not None:
                    raise self._error("imports must come before every other statement",
                                      item.span)
                imports.append(item)
            elif isinstance(item, A.Let):
                if result is not None:
                    raise self._not_last(result)
                statements.append(item)
            else:
                if result is not None:
                    raise self._not_last(result)
                result = item
        span = _span(meta) if not meta.empty else Span(1, 1, 1, 1, 0, 0)
        return A.Program(span, tuple(imports), tuple(statements), result)

    def _not_last(self, expr) -> ParseError:
        return self._error("an expression on its own can only be the last statement; "
                           "give it a name (name = ...)", expr.span)

    def import_(self, meta, items):
        path, alias = items
        return A.Import(_span(meta), self._string(path), str(alias))

    def let(self, meta, items):
        target, unit, value = items
        span = _span(meta)
        if isinstance(target, A.Identifier):
            self._not_keyword(target)
            return A.Let(span, target.name, value, name_span=target.span, unit=unit)
        if isinstance(target, A.Call) and isinstance(target.callee, A.Identifier):
            self._not_keyword(target.callee)
            self.headers.pop(id(target), None)
            params = tuple(self._param(arg) for arg in target.args)
            for i, p in enumerate(params):
                if any(q.name == p.name for q in params[:i]):  # point at the repeat
                    raise self._error(f"parameter '{p.name}' is declared twice", p.span)
            name = target.callee.name
            fn = A.Lambda(span, params, value, name, unit)  # `f(x) :: m = ...`: its result's
            return A.Let(span, name, fn, name_span=target.callee.span)
        if isinstance(target, A.Member):
            raise self._error(f"cannot redefine the builtin {target.qualified}", target.span)
        if isinstance(target, A.Namespace):
            raise self._error(f"'{target.name}' is a namespace (capitalised): write "
                              f"{target.name}.member, or start a binding's name with a "
                              "lower-case letter", target.span)
        raise self._error("the left of '=' must be a name or a function header like "
                          "f(x, y); to compare, use '=='", target.span)

    def _not_keyword(self, name: A.Identifier) -> None:
        # `to` parses as a name so that `to(a, b)` can be called, but it cannot be bound
        if name.name in KEYWORDS:
            raise self._error(f"'{name.name}' is a keyword and cannot be used as a name",
                              name.span)

    def _param(self, arg) -> A.Param:
        if isinstance(arg, A.Param):
            return arg
        if isinstance(arg, A.Identifier):
            self._not_keyword(arg)
            return A.Param(arg.span, arg.name)
        raise self._error("a function parameter must be a name (optionally with a domain, "
                          "as in x: [0, 10])", arg.span)

    def export(self, meta, items):
        (let,) = items
        return let.replace(span=_span(meta), exported=True)

    def decorated(self, meta, items):
        *decorators, target = items
        if not isinstance(target, A.Let):
            raise self._error("a decorator must be followed by a binding (name = ...)",
                              target.span)
        return target.replace(span=_span(meta), decorators=tuple(decorators))

    def decorator(self, meta, items):
        name, *args = items
        if str(name) not in DECORATORS:
            known = ", ".join("@" + d for d in sorted(DECORATORS))
            raise self._error(f"unknown decorator @{name} (known: {known})", _span(name))
        return A.Decorator(_span(meta), str(name), self._args(args))

    # -- expressions --

    def _args(self, args) -> tuple:
        return tuple(a for a in args if a is not None)

    def if_(self, meta, items):
        return A.Conditional(_span(meta), *items)

    def ternary(self, meta, items):
        return A.Conditional(_span(meta), *items)

    def pipe(self, meta, items):
        return A.Pipe(_span(meta), *items)

    def neg(self, meta, items):
        op, operand = items
        if str(op) != "-":  # Squiggle has no unary `+`, and fails on `.-x`
            raise self._error(f"expected an expression, found '{op}' (there is no unary "
                              f"'{op}'; a negative is written -x)", _span(op))
        return A.Unary(_span(meta), "-", operand)

    def additive(self, meta, items):  # + - .+ .-
        left, op, right = items
        return A.Binary(_span(meta), str(op), left, right)

    multiplicative = additive  # * / .* ./
    pow = additive  # ^ .^

    def not_(self, meta, items):
        return A.Unary(_span(meta), "!", items[0])

    def call(self, meta, items):
        callee, *args = items
        args = self._args(args)
        node = A.Call(_span(meta), callee, args)
        params = [a for a in args if isinstance(a, A.Param)]
        if params:
            self.headers[id(node)] = params[0]
        return node

    def domain_param(self, meta, items):
        name, domain, unit = items
        return A.Param(_span(meta), str(name), domain, unit)

    def unit_param(self, meta, items):
        name, unit = items
        return A.Param(_span(meta), str(name), None, unit)

    # -- unit annotations --

    def unit_sig(self, meta, items):
        (unit,) = items
        factors = unit if isinstance(unit, tuple) else (unit,)
        text = self.source.text[meta.start_pos:meta.end_pos].lstrip(":").strip()
        return A.Unit(_span(meta), factors, " ".join(text.split()))

    def unit_factor(self, meta, items):
        base, _, exponent = items
        name = str(base) if base.type == "NAME" else ""
        if exponent is None:
            return A.UnitFactor(_span(meta), name)
        text = str(exponent)
        value = float(text) if re.fullmatch(r"[0-9.eE+-]+", text) else number_value(text)
        return A.UnitFactor(_span(meta), name, value, text)

    def unit_product(self, meta, items):
        left, op, right = items
        if str(op) == "/":
            right = right.replace(exponent=-right.exponent)
        return (*(left if isinstance(left, tuple) else (left,)), right)

    def index(self, meta, items):
        return A.Index(_span(meta), *items)

    def field_access(self, meta, items):
        target, name = items
        if isinstance(target, A.Namespace):  # `Dist.normal`: a builtin
            return A.Member(_span(meta), target.name, str(name))
        return A.Field(_span(meta), target, str(name))

    def field_to(self, meta, items):
        return self.field_access(meta, [items[0], "to"])

    def number(self, meta, items):
        text = str(items[0])
        duration = _DURATION_SUFFIX.search(text)
        if duration is None:  # `5%` shows as a percentage: Squiggle tags it ".2~p"
            return A.Number(_span(meta), number_value(text),
                            PERCENT_FORMAT if text.endswith("%") else None)
        return A.UnitValue(_span(meta), number_value(text[:duration.start()]),
                           duration.group(1))

    def string(self, meta, items):
        return A.String(_span(meta), self._string(items[0]))

    def _string(self, tok: Token) -> str:
        try:
            return string_value(str(tok))
        except _EscapeError as e:
            raise ParseError(e.message, _offset_span(tok, e.offset), self.source) from None

    def true(self, meta, items):
        return A.Boolean(_span(meta), True)

    def false(self, meta, items):
        return A.Boolean(_span(meta), False)

    def to_function(self, meta, items):
        return A.Identifier(_span(meta), "to")

    def identifier(self, meta, items):
        return A.Identifier(_span(meta), str(items[0]))

    def namespace(self, meta, items):
        return A.Namespace(_span(meta), str(items[0]))

    def list(self, meta, items):
        return A.List(_span(meta), self._args(items))

    def record(self, meta, items):
        # every entry is kept, in order: a repeated key takes its first place and its
        # last value when the record is made, as in Squiggle (a computed key may repeat
        # another, which only evaluation can tell)
        fields = []
        for entry in items:
            if entry is None:  # the optional entries after `{a,`
                continue
            if isinstance(entry, tuple):
                fields.append(entry)
            elif isinstance(entry, A.Identifier):  # `{a, b}` is `{a: a, b: b}`
                fields.append((entry.name, entry))
            else:
                raise self._error("a record's entry is key: value, or a name alone "
                                  "(`{a, b}` is `{a: a, b: b}`)", entry.span)
        return A.Record(_span(meta), tuple(fields))

    def pair(self, meta, items):
        key, value = items
        if isinstance(key, A.Identifier):  # `{a: 1}`: the name is the key, as in Squiggle
            return (key.name, value)
        if isinstance(key, A.Namespace):  # `{Foo: 1}`
            return (key.name, value)
        if isinstance(key, A.Member):  # `{Foo.bar: 1}`: Squiggle reads one identifier
            return (key.qualified, value)
        if isinstance(key, A.String):
            return (key.value, value)
        return (key, value)

    def block(self, meta, items):
        return self._body(_span(meta), items, lambda statements, result:
                          A.Block(_span(meta), statements, result))

    def lambda_(self, meta, items):
        names = [x for x in items if isinstance(x, A.Param)]
        body = [x for x in items if x is not None and not isinstance(x, A.Param)]
        params = []
        for p in names:
            if any(q.name == p.name for q in params):
                raise self._error(f"parameter '{p.name}' is declared twice", p.span)
            params.append(p)
        return self._body(_span(meta), body, lambda statements, result:
                          A.Lambda(_span(meta), tuple(params),
                                   A.Block(_span(meta), statements, result)
                                   if statements else result))

    def typed_lambda(self, meta, items):
        fn, unit = items
        return fn.replace(span=_span(meta), unit=unit)

    def lparam(self, meta, items):
        name, domain, unit = items
        return A.Param(_span(meta), str(name), domain, unit)

    def _body(self, span, items, build):
        *statements, last = items
        for s in statements:
            if not isinstance(s, A.Let):
                raise self._error("only the last statement of a block can be a bare "
                                  "expression; give this one a name", s.span)
            if s.exported:
                raise self._error("'export' is only allowed at the top level of a file",
                                  s.span)
        if isinstance(last, A.Let):
            raise self._error("a block must end with an expression (its value), "
                              f"for example the name '{last.name}'", last.span)
        return build(tuple(statements), last)


def _binary(op):
    def method(self, meta, items):
        left, right = items
        return A.Binary(_span(meta), op, left, right)
    return method


for _rule, _op in _BINARY.items():
    setattr(_ToAst, _rule, v_args(meta=True)(_binary(_op)))
