"""Syntax colouring of the entry, driven with prompt_toolkit Documents."""
import pytest
from prompt_toolkit.document import Document

from dsl.front.repl.lexer import SqLexer


def styled(text, builtins=("normal", "mean")):
    lexer = SqLexer(lambda name: name in builtins)
    get_line = lexer.lex_document(Document(text))
    return [get_line(i) for i in range(text.count("\n") + 1)]


def style_of(text, word, builtins=("normal", "mean")):
    """The style of the first fragment that is exactly ``word``."""
    for line in styled(text, builtins):
        for style, fragment in line:
            if fragment == word:
                return style
    raise AssertionError(f"{word!r} not found in {styled(text)}")


@pytest.mark.parametrize("text, word, style", [
    ("x = normal(1, 2)", "normal", "class:builtin"),
    ("x = normal(1, 2)", "x", "class:name"),
    ("x = normal(1, 2)", "1", "class:number"),
    ("x = 1 to 3", "to", "class:keyword"),
    ("y = if a then b else c", "else", "class:keyword"),
    ("s = \"hi\"", "\"hi\"", "class:string"),
    ("x = 1 // why", "// why", "class:comment"),
    ("x = Dist.normal(1, 2)", "Dist", "class:namespace"),
    ("x = Dist.normal(1, 2)", "normal", "class:member"),
    ("x = Dist.to(1, 2)", "to", "class:member"),       # a keyword elsewhere
    ("@doc(\"a\")\nx = 1", "doc", "class:decorator"),
    ("x = 1 + 2", "+", "class:operator"),
    ("x = 1 ~ 2", "~", "class:error"),
    ("$x = 1", "$x", "class:name"),                  # `$` is a letter of names
    ("s = 'a\nb'", "b'", "class:string"),          # strings may span lines
    ("x = 5minutes", "5minutes", "class:number"),
    ("x = \"open", "\"open", "class:string"),
])
def test_styles(text, word, style):
    assert style_of(text, word) == style


def test_lines_keep_their_text():
    text = "f(x) = {\n  y = x * 2 /* note\n still */\n  y\n}"
    lines = styled(text)
    assert ["".join(fragment for _, fragment in line) for line in lines] == text.split("\n")


def test_line_past_the_end_is_empty():
    get_line = SqLexer().lex_document(Document("x = 1"))
    assert get_line(5) == []


def test_colon_commands_are_not_lexed_as_source():
    assert styled(":load model.sq") == [[("class:command", ":load"), ("", " model.sq")]]
