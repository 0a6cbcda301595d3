"""Text -> syntax tree.

``parse(text)`` runs lark's LALR parser over grammar.lark (loaded once per thread from
the tables shipped in the package, ``dsl.built_parser``) with a post-lexer that decides
which newlines separate statements, then turns lark's tree into ``dsl.ast`` nodes. Lark's errors become
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
from . import meter
from .errors import DslError, LimitError, ParseError
from .parse_errors import describe_parse_error
from .recursion import SOURCE_NESTING, SOURCE_ROOM, recursion_room
from .source import Source, Span

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
_CONTINUE_AFTER = frozenset("+ - * / ^ == != < <= > >= && || ! -> = , ( [ { ? : | to if then else".split())
# ...and so does a newline right before one of these.
_CONTINUE_BEFORE = frozenset(") ] } + * / ^ == != < <= > >= && || -> = , ? : . | to then else".split())
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
        for tok in stream:
            if meter.due(_PARSE_CHUNK):  # the run's time limit covers parsing (separators
                raise meter.late(_span(tok))  # too: 780,000 comment lines ran 6 s)
            if tok.type in ("_NL", "SEMI"):
                inside = brackets and str(brackets[-1]) in "(["
                if tok.type == "SEMI" or not inside:
                    pending = tok if pending is None or tok.type == "SEMI" else pending
                continue
            text = _text(tok)
            if pending is not None:
                last = _text(self.last) if self.last is not None else "("
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
        raise describe_parse_error(e, source, parser.options.postlex) from None
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
        step = node.data != "entry"  # a record's `key: value` is no level of its own
        todo.extend((c, depth + step) for c in node.children if isinstance(c, Tree))


# ---- lark tree -> AST ----

_SUFFIX_EXPONENT = {"k": 3, "M": 6, "B": 9, "T": 12, "%": -2}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0"}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)  # \u and 4 hex digits, or \ and one character
_SURROGATE = re.compile("[\ud800-\udfff]")
_BINARY = {"or_": "||", "and_": "&&", "eq": "==", "ne": "!=", "lt": "<", "le": "<=",
           "gt": ">", "ge": ">=", "to": "to", "add": "+", "sub": "-", "mul": "*",
           "div": "/", "pow": "^"}


# Tokens (or tree nodes) between two looks at the clock: ~10-100 us each
_PARSE_CHUNK = 128


def _span(x) -> Span:
    """The span of a lark Token or tree meta."""
    return Span(x.line, x.column, x.end_line, x.end_column,
                getattr(x, "start_pos", 0), getattr(x, "end_pos", 0))


def number_value(text: str) -> float:
    """The value of a numeric literal such as ``4.2k`` or ``12.5%``, correctly rounded."""
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


def string_value(literal: str) -> str:
    """Decode a quoted string literal's escapes. Like JavaScript (and Squiggle), two
    ``\\u`` escapes of a UTF-16 surrogate pair are one character (``"\\uD83D\\uDE00"``
    is the emoji); a lone surrogate stays one code point, printed escaped."""
    body = literal[1:-1]
    if "\\" in body:  # escapes found by a regex, not a loop per character (a 3.9 MB
        out, last = [], 0  # literal took 1.6 s; 2M escapes 2.2 s and 600 MB)
        for n, m in enumerate(_ESCAPE.finditer(body), 1):
            if n % _PARSE_CHUNK == 0:
                meter.check_time()
            out.append(body[last:m.start()])
            code = m.group(1)
            out.append(chr(int(code[1:], 16)) if len(code) == 5 else _ESCAPES.get(code, code))
            last = m.end()
        out.append(body[last:])
        body = "".join(out)
    text = body
    if _SURROGATE.search(text):  # pair up surrogates
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


@v_args(meta=True)
class _ToAst(Transformer):
    """One method per grammar rule or alias; builds ``dsl.ast`` nodes with spans."""

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
        return A.Import(_span(meta), string_value(path), str(alias))

    def let(self, meta, items):
        target, value = items
        span = _span(meta)
        if isinstance(target, A.Identifier):
            self._not_keyword(target)
            return A.Let(span, target.name, value, name_span=target.span)
        if isinstance(target, A.Call) and isinstance(target.callee, A.Identifier):
            self._not_keyword(target.callee)
            self.headers.pop(id(target), None)
            params = tuple(self._param(arg) for arg in target.args)
            for i, p in enumerate(params):
                if any(q.name == p.name for q in params[:i]):  # point at the repeat
                    raise self._error(f"parameter '{p.name}' is declared twice", p.span)
            name = target.callee.name
            fn = A.Lambda(span, params, value, name)
            return A.Let(span, name, fn, name_span=target.callee.span)
        if isinstance(target, A.Member):
            raise self._error(f"cannot redefine the builtin {target.qualified}", target.span)
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
        return A.Let(_span(meta), let.name, let.value, let.decorators, True, let.name_span)

    def decorated(self, meta, items):
        *decorators, target = items
        if not isinstance(target, A.Let):
            raise self._error("a decorator must be followed by a binding (name = ...)",
                              target.span)
        return A.Let(_span(meta), target.name, target.value, tuple(decorators),
                     target.exported, target.name_span)

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
        return A.Unary(_span(meta), "-", items[0])

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
        name, domain = items
        return A.Param(_span(meta), str(name), domain)

    def index(self, meta, items):
        return A.Index(_span(meta), *items)

    def field_access(self, meta, items):
        target, name = items
        return A.Field(_span(meta), target, str(name))

    def number(self, meta, items):
        return A.Number(_span(meta), number_value(str(items[0])))

    def string(self, meta, items):
        return A.String(_span(meta), string_value(str(items[0])))

    def true(self, meta, items):
        return A.Boolean(_span(meta), True)

    def false(self, meta, items):
        return A.Boolean(_span(meta), False)

    def to_function(self, meta, items):
        return A.Identifier(_span(meta), "to")

    def identifier(self, meta, items):
        return A.Identifier(_span(meta), str(items[0]))

    def member(self, meta, items):
        namespace, name = items
        return A.Member(_span(meta), str(namespace), str(name))

    def member_to(self, meta, items):
        return A.Member(_span(meta), str(items[0]), "to")

    def list(self, meta, items):
        return A.List(_span(meta), self._args(items))

    def record(self, meta, items):
        seen = {}
        for key, value, key_span in items:
            if key in seen:
                raise self._error(f"the key '{key}' appears twice in this record", key_span)
            seen[key] = value
        return A.Record(_span(meta), tuple(seen.items()))

    def entry(self, meta, items):
        key, value = items
        text = string_value(str(key)) if key.type == "STRING" else str(key)
        return (text, value, _span(key))

    def block(self, meta, items):
        return self._body(_span(meta), items, lambda statements, result:
                          A.Block(_span(meta), statements, result))

    def lambda_(self, meta, items):
        names = [t for t in items if isinstance(t, Token)]
        body = [x for x in items if x is not None and not isinstance(x, Token)]
        params = []
        for t in names:
            if any(p.name == str(t) for p in params):
                raise self._error(f"parameter '{t}' is declared twice", _span(t))
            params.append(A.Param(_span(t), str(t)))
        return self._body(_span(meta), body, lambda statements, result:
                          A.Lambda(_span(meta), tuple(params),
                                   A.Block(_span(meta), statements, result)
                                   if statements else result))

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
