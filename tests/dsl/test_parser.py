"""Parser tables: source -> the shape of its syntax tree, written as an S-expression.

``sexp`` prints a parsed program compactly: ``1 + 2 * 3`` is ``(+ 1 (* 2 3))``, a
binding is ``(let x 1)``, and a program of several statements prints them separated by
spaces. The tables cover every construct of dsl/syntax/grammar.lark and every precedence level
of the language (issue 2), including the two deliberate differences from Squiggle.
"""
from __future__ import annotations

import json

import pytest

from dsl.syntax import ast as A
from dsl.base.errors import ParseError
from dsl.syntax.parser import parse
from dsl.base.source import Span


def sexp(node) -> str:
    """The S-expression of a syntax node (a whole Program: its statements, space-separated)."""
    if isinstance(node, A.Program):
        parts = [sexp(n) for n in (*node.imports, *node.statements)]
        if node.result is not None:
            parts.append(sexp(node.result))
        return " ".join(parts)
    if isinstance(node, A.Number):
        v = node.value
        return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    if isinstance(node, A.String):
        return json.dumps(node.value, ensure_ascii=False)
    if isinstance(node, A.Boolean):
        return "true" if node.value else "false"
    if isinstance(node, A.Identifier):
        return node.name
    if isinstance(node, A.Member):
        return node.qualified
    if isinstance(node, A.List):
        return _form("list", *node.items)
    if isinstance(node, A.Record):
        fields = [f"({k if k.isidentifier() else json.dumps(k)} {sexp(v)})"
                  for k, v in node.fields]
        return "(" + " ".join(["record", *fields]) + ")"
    if isinstance(node, A.Block):
        return _form("block", *node.statements, node.result)
    if isinstance(node, A.Lambda):
        params = " ".join(p.name if p.domain is None else f"{p.name}:{sexp(p.domain)}"
                          for p in node.params)
        head = f"fn {node.name} " if node.name else "fn "
        return f"({head}({params}) {sexp(node.body)})"
    if isinstance(node, A.Call):
        return _form("call", node.callee, *node.args)
    if isinstance(node, A.Index):
        return _form("index", node.target, node.index)
    if isinstance(node, A.Field):
        return f"(. {sexp(node.target)} {node.name})"
    if isinstance(node, A.Binary):
        return _form(node.op, node.left, node.right)
    if isinstance(node, A.Unary):
        return _form(node.op, node.operand)
    if isinstance(node, A.Conditional):
        return _form("if", node.condition, node.then, node.otherwise)
    if isinstance(node, A.Pipe):
        return _form("->", node.value, node.function)
    if isinstance(node, A.Let):
        out = f"({'export' if node.exported else 'let'} {node.name} {sexp(node.value)})"
        for dec in reversed(node.decorators):
            out = "(" + " ".join([f"@{dec.name}", *map(sexp, dec.args), out]) + ")"
        return out
    if isinstance(node, A.Import):
        return f"(import {json.dumps(node.path)} {node.alias})"
    raise AssertionError(f"sexp does not know {type(node).__name__}")


def _form(head: str, *children) -> str:
    return "(" + " ".join([head, *map(sexp, children)]) + ")"


def shape(source: str) -> str:
    return sexp(parse(source))


# ---- literals ----

LITERALS = [
    ("42", "42"),
    ("3.25", "3.25"),
    (".5", "0.5"),
    ("1.", "1"),
    ("1e3", "1000"),
    ("2.5E-3", "0.0025"),
    ("1e+2", "100"),
    ("4.2k", "4200"),
    ("3M", "3000000"),
    ("1.5B", "1500000000"),
    ("2T", "2000000000000"),
    ("12.5%", "0.125"),
    ("5%", "0.05"),
    ("2e3k", "2000000"),
    ('"double"', '"double"'),
    ("'single'", '"single"'),
    ("'it\\'s'", '"it\'s"'),
    ('"say \\"hi\\""', '"say \\"hi\\""'),
    ("'has \"double\" inside'", '"has \\"double\\" inside"'),
    ('"tab\\there"', '"tab\\there"'),
    ('"line\\nbreak"', '"line\\nbreak"'),
    ('"back\\\\slash"', '"back\\\\slash"'),
    ('"\\u00e9t\\u00E9"', '"été"'),
    ('""', '""'),
    ('"// not a comment"', '"// not a comment"'),
    ('"/* nor this */"', '"/* nor this */"'),
    ("true", "true"),
    ("false", "false"),
    ("x", "x"),
    ("_private1", "_private1"),
    ("camelCase", "camelCase"),
    ("Math.pi", "Math.pi"),
    ("Dist.mean(x)", "(call Dist.mean x)"),
    ("to(1, 2)", "(call to 1 2)"),
    ("Dist.to(1, 2)", "(call Dist.to 1 2)"),  # `to` is a keyword, yet a member name
]

# ---- lists, records, blocks, lambdas ----

COLLECTIONS = [
    ("[]", "(list)"),
    ("[1]", "(list 1)"),
    ("[1, 2, 3]", "(list 1 2 3)"),
    ("[1, 2,]", "(list 1 2)"),
    ("[[1], []]", "(list (list 1) (list))"),
    ("[\n  1,\n  2,\n]", "(list 1 2)"),
    ("{}", "(record)"),
    ("{a: 1}", "(record (a 1))"),
    ('{a: 1, "b c": 2}', '(record (a 1) ("b c" 2))'),
    ("{a: 1, b: 2,}", "(record (a 1) (b 2))"),
    ("{'quoted': x}", "(record (quoted x))"),
    ("{A0: 1, k: 2}", "(record (A0 1) (k 2))"),  # capitalised keys (not namespaces here)
    ("r.A0", "(. r A0)"),
    ("{\n  a: 1,\n  b: {c: 2},\n}", "(record (a 1) (b (record (c 2))))"),
    ("{ t = 2; t * 3 }", "(block (let t 2) (* t 3))"),
    ("{ t = 2\n  u = t\n  t * u }", "(block (let t 2) (let u t) (* t u))"),
    ("{\n  t = 2\n  t\n}", "(block (let t 2) t)"),
    ("{ x }", "(block x)"),
    ("{ f(x) = x + 1; f(2) }", "(block (let f (fn f (x) (+ x 1))) (call f 2))"),
    ("{|x| x * 2}", "(fn (x) (* x 2))"),
    ("{|x, y| x + y}", "(fn (x y) (+ x y))"),
    ("{|x, y,| x}", "(fn (x y) x)"),
    ("{|| 1}", "(fn () 1)"),
    ("{||\n  1\n}", "(fn () 1)"),
    ("{|x| t = x * 2; t + 1}", "(fn (x) (block (let t (* x 2)) (+ t 1)))"),
    ("{|x|\n  t = x\n  t\n}", "(fn (x) (block (let t x) t))"),
    ("{|x| {|y| x + y}}", "(fn (x) (fn (y) (+ x y)))"),
    ("{|r| {a: r}}", "(fn (r) (record (a r)))"),
]

# ---- access, calls, pipes ----

POSTFIX = [
    ("f()", "(call f)"),
    ("f(1)", "(call f 1)"),
    ("f(1, 2,)", "(call f 1 2)"),
    ("f(\n  1,\n  2\n)", "(call f 1 2)"),
    ("f(x)(y)", "(call (call f x) y)"),
    ("xs[0]", "(index xs 0)"),
    ("xs[0][1]", "(index (index xs 0) 1)"),
    ('r["b c"]', '(index r "b c")'),
    ("r.a", "(. r a)"),
    ("r.a.b", "(. (. r a) b)"),
    ("f(x)[0].y", "(. (index (call f x) 0) y)"),
    ("[1, 2][0]", "(index (list 1 2) 0)"),
    ("{a: 1}.a", "(. (record (a 1)) a)"),
    ("{|x| x}(3)", "(call (fn (x) x) 3)"),
    ("(f)(1)", "(call f 1)"),
    ("x -> f", "(-> x f)"),
    ("x -> f(1, 2)", "(-> x (call f 1 2))"),
    ("x -> f()", "(-> x (call f))"),
    ("x -> Dist.mean", "(-> x Dist.mean)"),
    ("x -> {|v| v + 1}", "(-> x (fn (v) (+ v 1)))"),
    ("x -> r.f", "(-> x (. r f))"),
    ("x -> f -> g(2)", "(-> (-> x f) (call g 2))"),
]

# ---- precedence, lowest first: if/?:, ->, ||, &&, == !=, < <= > >=, to, + -, * /,
#      unary - !, ^, call/index/field ----

PRECEDENCE = [
    # the two deliberate differences from Squiggle
    ("-2^2", "(- (^ 2 2))"),
    ("1 to 3 -> mean", "(-> (to 1 3) mean)"),
    ("x * 2 -> f", "(-> (* x 2) f)"),
    ("a + b -> f(c)", "(-> (+ a b) (call f c))"),
    # ^ is right-associative and binds tighter than unary minus, call binds tightest
    ("2^3^2", "(^ 2 (^ 3 2))"),
    ("2^-1", "(^ 2 (- 1))"),
    ("-a^b^c", "(- (^ a (^ b c)))"),
    ("f(x)^2", "(^ (call f x) 2)"),
    ("a.b^2", "(^ (. a b) 2)"),
    ("xs[0]^2", "(^ (index xs 0) 2)"),
    ("-f(x)", "(- (call f x))"),
    ("-a.b", "(- (. a b))"),
    ("!a.b", "(! (. a b))"),
    # unary above * /
    ("-a * b", "(* (- a) b)"),
    ("a * -b", "(* a (- b))"),
    ("!a * b", "(* (! a) b)"),
    ("--a", "(- (- a))"),
    ("!!a", "(! (! a))"),
    ("- -a", "(- (- a))"),
    # * / above + -, both left-associative
    ("1 + 2 * 3", "(+ 1 (* 2 3))"),
    ("1 * 2 + 3", "(+ (* 1 2) 3)"),
    ("a / b * c", "(* (/ a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a - b + c", "(+ (- a b) c)"),
    ("a-b", "(- a b)"),
    ("a - -b", "(- a (- b))"),
    ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
    # + - above to
    ("1 + 2 to 3 * 4", "(to (+ 1 2) (* 3 4))"),
    ("-1 to 2", "(to (- 1) 2)"),
    # to above comparisons
    ("1 to 2 < 3", "(< (to 1 2) 3)"),
    ("a < b + c", "(< a (+ b c))"),
    ("a <= b", "(<= a b)"),
    ("a > b", "(> a b)"),
    ("a >= b", "(>= a b)"),
    # comparisons above == != (which are left-associative)
    ("a < b == c > d", "(== (< a b) (> c d))"),
    ("a == b != c", "(!= (== a b) c)"),
    ("!a == b", "(== (! a) b)"),
    # == above &&, && above ||
    ("a == b && c != d", "(&& (== a b) (!= c d))"),
    ("a || b && c", "(|| a (&& b c))"),
    ("a && b || c", "(|| (&& a b) c)"),
    ("a && b && c", "(&& (&& a b) c)"),
    ("a || b || c", "(|| (|| a b) c)"),
    ("true && false", "(&& true false)"),
    # || above ->
    ("a || b -> f", "(-> (|| a b) f)"),
    ("a < b -> f", "(-> (< a b) f)"),
    ("x -> f -> g", "(-> (-> x f) g)"),
    # -> above ?: and if
    ("a -> f ? b : c", "(if (-> a f) b c)"),
    ("c ? a -> f : b -> g", "(if c (-> a f) (-> b g))"),
    ("if a then b else c -> f", "(if a b (-> c f))"),
    ("if a -> f then b else c", "(if (-> a f) b c)"),
    # ternaries and if/else chains
    ("c ? a : b", "(if c a b)"),
    ("a < b ? a : b", "(if (< a b) a b)"),
    ("a ? b : c ? d : e", "(if a b (if c d e))"),
    ("a ? (b ? c : d) : e", "(if a (if b c d) e)"),
    ("if a then b else c", "(if a b c)"),
    ("if a then b else if c then d else e", "(if a b (if c d e))"),
    ("if a then b else if c then d else if e then f else g", "(if a b (if c d (if e f g)))"),
    ("if a then if b then c else d else e", "(if a (if b c d) e)"),
    ("if x > 1 then x * 2 else -x", "(if (> x 1) (* x 2) (- x))"),
    ("c ? if a then b else d : e", "(if c (if a b d) e)"),
    ("f(if a then 1 else 2)", "(call f (if a 1 2))"),
]

# ---- statements: bindings, functions, decorators, export, import ----

STATEMENTS = [
    ("x = 1", "(let x 1)"),
    ("x = 1\nx", "(let x 1) x"),
    ("x = 1; y = x; y", "(let x 1) (let y x) y"),
    ("x = 1;", "(let x 1)"),
    (";;x = 1;;", "(let x 1)"),
    ("\n\nx = 1\n\n", "(let x 1)"),
    ("x = 1\r\ny = 2\r\n", "(let x 1) (let y 2)"),
    ("f(x) = x + 1", "(let f (fn f (x) (+ x 1)))"),
    ("f(x, y) = x * y", "(let f (fn f (x y) (* x y)))"),
    ("f() = 1", "(let f (fn f () 1))"),
    ("f(x: [1, 10]) = x", "(let f (fn f (x:(list 1 10)) x))"),
    ("f(x: [0, 1], y) = x", "(let f (fn f (x:(list 0 1) y) x))"),
    ("f(x) = { t = x; t }", "(let f (fn f (x) (block (let t x) t)))"),
    ("g = {|x| x}", "(let g (fn (x) x))"),
    ("@hide\nx = 1", "(@hide (let x 1))"),
    ("@hide x = 1", "(@hide (let x 1))"),
    ('@name("Cost")\nx = 1', '(@name "Cost" (let x 1))'),
    ('@doc("about x") @name("X")\nx = 1', '(@doc "about x" (@name "X" (let x 1)))'),
    ('@hide\n@doc("d")\nx = 1', '(@hide (@doc "d" (let x 1)))'),
    ("@hide()\nx = 1", "(@hide (let x 1))"),
    ('@name("F")\nf(x) = x', '(@name "F" (let f (fn f (x) x)))'),
    ("export x = 1", "(export x 1)"),
    ("export f(x) = x", "(export f (fn f (x) x))"),
    ('@name("X")\nexport x = 1', '(@name "X" (export x 1))'),
    ('import "./lib.sq" as lib\nlib.x', '(import "./lib.sq" lib) (. lib x)'),
    ("import './a.sq' as a\nimport \"./b.sq\" as b\nc = a.x + b.y",
     '(import "./a.sq" a) (import "./b.sq" b) (let c (+ (. a x) (. b y)))'),
]

# ---- comments and separators ----

COMMENTS = [
    ("x = 1 // a comment", "(let x 1)"),
    ("// only a comment\nx = 1", "(let x 1)"),
    ("x = 1 /* inline */ + 2", "(let x (+ 1 2))"),
    ("/* a\n multi-line\n comment */\nx = 1", "(let x 1)"),
    ("x = [1, /* two */ 2]", "(let x (list 1 2))"),
    ("f(/* none */)", "(call f)"),
    ("x = 1 + // after an operator\n  2", "(let x (+ 1 2))"),
    ("x = 1 /* c */\ny = 2", "(let x 1) (let y 2)"),
    ("x = 1 // c\n// d\n\ny = 2 /* e */", "(let x 1) (let y 2)"),
    ("x = 1 /**/", "(let x 1)"),
    ("x = 1 /* ** / * */", "(let x 1)"),
    ("{ t = 1 // c\n  t }", "(block (let t 1) t)"),
]

# ---- newlines: a newline after an operator or comma, or before ->, else, then, ), ],
#      }, a binary operator (other than -) or . continues the statement ----

NEWLINES = [
    ("x = 1 +\n  2", "(let x (+ 1 2))"),
    ("x = 1\n  + 2", "(let x (+ 1 2))"),
    ("x = 2 *\n3", "(let x (* 2 3))"),
    ("x = 2\n  * 3", "(let x (* 2 3))"),
    ("x = a &&\n b", "(let x (&& a b))"),
    ("x = a\n  || b", "(let x (|| a b))"),
    ("x = 1 to\n 2", "(let x (to 1 2))"),
    ("x = 1\n  to 2", "(let x (to 1 2))"),
    ("x =\n  3", "(let x 3)"),
    ("f(x) =\n  x", "(let f (fn f (x) x))"),
    ("x = a\n  -> f\n  -> g(1)", "(let x (-> (-> a f) (call g 1)))"),
    ("x = a ->\n f", "(let x (-> a f))"),
    ("x = if a\n  then b\n  else c", "(let x (if a b c))"),
    ("x = if a then\n  b\nelse\n  c", "(let x (if a b c))"),
    ("x = if a then b\nelse if c then d\nelse e", "(let x (if a b (if c d e)))"),
    ("x = a\n  ? b\n  : c", "(let x (if a b c))"),
    ("x = a ?\n b :\n c", "(let x (if a b c))"),
    ("x = f(1,\n  2)", "(let x (call f 1 2))"),
    ("x = f(\n  1\n)", "(let x (call f 1))"),
    ("x = (1\n  - 2)", "(let x (- 1 2))"),
    ("x = [1\n, 2]", "(let x (list 1 2))"),
    ("x = r\n  .a", "(let x (. r a))"),
    ("x = {a: 1\n}", "(let x (record (a 1)))"),
    ("x = {|v|\n  v\n}", "(let x (fn (v) v))"),
    # a newline before unary-capable `-` ends the statement (it may start the next one)
    ("x = 1\n-2", "(let x 1) (- 2)"),
    ("x = 1\n!a", "(let x 1) (! a)"),
]

TABLE = LITERALS + COLLECTIONS + POSTFIX + PRECEDENCE + STATEMENTS + COMMENTS + NEWLINES


@pytest.mark.parametrize("source, expected", TABLE, ids=[repr(s) for s, _ in TABLE])
def test_parse_shape(source: str, expected: str) -> None:
    assert shape(source) == expected


def test_empty_programs() -> None:
    for source in ("", "\n\n", "// nothing", "/* nothing */", ";", "  \t "):
        program = parse(source)
        assert (program.imports, program.statements, program.result) == ((), (), None)


@pytest.mark.parametrize("text, value", [
    ("12.5%", 0.125), ("4.2k", 4200.0), ("0.1%", 0.001), ("1.1M", 1_100_000.0),
    ("7.3B", 7_300_000_000.0), ("0.3T", 300_000_000_000.0), ("33%", 0.33),
])
def test_suffixes_are_exact(text: str, value: float) -> None:
    # the suffix scales the decimal digits before rounding: 12.5% is 0.125 exactly,
    # not 12.5 * 0.01 (which is 0.12500000000000003)
    assert parse(text).result.value == value


def test_keywords_are_not_names() -> None:
    for word in ("to", "if", "then", "else", "true", "false", "export", "import", "as"):
        with pytest.raises(ParseError):
            parse(f"{word} = 1")


# ---- spans: (line, column, end_line, end_column, start, end), end exclusive ----

def test_span_of_binary_and_operands() -> None:
    program = parse("x = 10 + f(2)")
    let = program.statements[0]
    assert let.span == Span(1, 1, 1, 14, 0, 13)
    assert let.name_span == Span(1, 1, 1, 2, 0, 1)
    add = let.value
    assert add.span == Span(1, 5, 1, 14, 4, 13)
    assert add.left.span == Span(1, 5, 1, 7, 4, 6)
    assert add.right.span == Span(1, 10, 1, 14, 9, 13)
    assert add.right.args[0].span == Span(1, 12, 1, 13, 11, 12)


def test_span_over_several_lines() -> None:
    text = "a = 1\nb = f(1,\n      22)\n"
    call = parse(text).statements[1].value
    assert call.span == Span(2, 5, 3, 10, 10, 24)
    assert text[call.span.start:call.span.end] == "f(1,\n      22)"
    assert call.args[1].span == Span(3, 7, 3, 9, 21, 23)


def test_span_of_function_header_and_params() -> None:
    let = parse("\n  area(w: [0, 5], h) = w * h").statements[0]
    assert let.name_span == Span(2, 3, 2, 7, 3, 7)
    w, h = let.value.params
    assert w.span == Span(2, 8, 2, 17, 8, 17)
    assert w.domain.span == Span(2, 11, 2, 17, 11, 17)
    assert h.span == Span(2, 19, 2, 20, 19, 20)


def test_span_of_lambda_pipe_and_conditional() -> None:
    text = "y = x -> {|v| v}\nz = c ? 1 : 2"
    program = parse(text)
    pipe = program.statements[0].value
    assert isinstance(pipe, A.Pipe)
    assert text[pipe.span.start:pipe.span.end] == "x -> {|v| v}"
    assert pipe.function.span == Span(1, 10, 1, 17, 9, 16)
    cond = program.statements[1].value
    assert cond.span == Span(2, 5, 2, 14, 21, 30)
    assert cond.otherwise.span == Span(2, 13, 2, 14, 29, 30)


def test_span_of_decorated_binding_and_import() -> None:
    text = 'import "./l.sq" as l\n@hide\nx = l.y'
    program = parse(text)
    assert program.imports[0].span == Span(1, 1, 1, 21, 0, 20)
    let = program.statements[0]
    assert let.decorators[0].span.line == 2
    assert let.name_span == Span(3, 1, 3, 2, 27, 28)
    assert let.value.span == Span(3, 5, 3, 8, 31, 34)


def test_nodes_are_immutable_values_compared_without_spans():
    from dsl.syntax import ast as A
    from dsl.base.source import Span
    here, there = Span(1, 1, 1, 2, 0, 1), Span(3, 4, 3, 9, 20, 25)
    one = A.Binary(here, "+", A.Number(here, 1.0), A.Identifier(here, "x"))
    assert one == A.Binary(there, "+", A.Number(there, 1.0), A.Identifier(there, "x"))
    assert one != A.Binary(here, "-", A.Number(here, 1.0), A.Identifier(here, "x"))
    assert hash(one) == hash(A.Binary(there, "+", A.Number(there, 1.0),
                                      A.Identifier(there, "x")))
    assert repr(one) == "Binary(op='+', left=Number(value=1.0), right=Identifier(name='x'))"
    assert A.Let(here, "x", one).decorators == () and A.Let(here, "x", one).name_span is None
    with pytest.raises(AttributeError):
        one.op = "-"
    with pytest.raises(TypeError):
        A.Number(here, 1.0, None, "extra")
    with pytest.raises(TypeError):
        A.Number()  # the span is required
