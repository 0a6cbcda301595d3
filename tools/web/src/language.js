// sqdsl's syntax for CodeMirror: a stream tokenizer giving the token classes of the
// REPL (dsl/front/repl/tokens.py and lexer.py): keyword, number (with its suffix), string
// (which may span lines), comment (// and /* */, which may span lines), builtin, name,
// namespace, member (a name after "."), decorator (a name after "@"), operator, and
// error for a character the language does not know.
//
// The regular expressions copy dsl/syntax/grammar.lark's terminals; tests/serve/test_page.py
// checks the classes the page shows against dsl.front.repl's tokens on a sample model.

import { StreamLanguage, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Tag, tags } from "@lezer/highlight";

export const KEYWORDS = new Set(["to", "if", "then", "else", "true", "false", "import",
  "as", "export"]);

// NUMBER in dsl/syntax/grammar.lark; its lookahead (no name character right after) is checked
// separately so that "1x" shows as an error instead of a number and a name
const NUMBER = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?(minutes|hours|days|years?|[nmkMBGTP%])?/;
const NAME = /^[a-z_$][A-Za-z0-9_$]*/;
const NSNAME = /^[A-Z][A-Za-z0-9_]*/;
const NAME_CHAR = /[A-Za-z0-9_$]/;
// the grammar's operators, longest first (->, .+, .*, .^, <=, ==, &&, ::, ...)
const OPERATOR = /^(->|\.[+\-*\/^]|<=|>=|==|!=|&&|\|\||::|[+\-*\/^<>=!?:|.,;@%&])/;

// one tag per REPL class that CodeMirror's own tags do not name
const builtinTag = Tag.define(tags.variableName);
const memberTag = Tag.define(tags.propertyName);
const decoratorTag = Tag.define(tags.meta);

function startState() {
  // quote: the quote character of a string still open at the end of a line;
  // blockComment: a /* */ comment still open; prev: the last token's text (a name
  // after "." is a member, after "@" a decorator)
  return { quote: null, blockComment: false, prev: "" };
}

function copyState(s) {
  return { quote: s.quote, blockComment: s.blockComment, prev: s.prev };
}

function readString(stream, state) {
  // to the closing quote (a backslash escapes any character) or the end of the line
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === "\\") {
      stream.next();
    } else if (ch === state.quote) {
      state.quote = null;
      return;
    }
  }
}

function readBlockComment(stream, state) {
  while (!stream.eol()) {
    if (stream.match("*/")) {
      state.blockComment = false;
      return;
    }
    stream.next();
  }
}

function token(stream, state, builtins) {
  if (state.blockComment) {
    readBlockComment(stream, state);
    return "comment";
  }
  if (state.quote) {
    readString(stream, state);
    return "string";
  }
  if (stream.eatSpace()) return null;
  const after = state.prev;
  const kind = tokenKind(stream, state, after, builtins);
  state.prev = stream.current();
  return kind;
}

function tokenKind(stream, state, after, builtins) {
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match("/*")) {
    state.blockComment = true;
    readBlockComment(stream, state);
    return "comment";
  }
  const ch = stream.peek();
  if (ch === '"' || ch === "'") {
    state.quote = stream.next();
    readString(stream, state);
    return "string";
  }
  const start = stream.pos;
  if (stream.match(NUMBER)) {
    if (stream.peek() && NAME_CHAR.test(stream.peek())) {
      // "1x": the grammar's lexer refuses the digit, then goes on from the next
      // character (the REPL shows "1" as an error and "x" as a name): so here
      stream.backUp(stream.pos - start - 1);
      return "invalid";
    }
    return "number";
  }
  let m = stream.match(NAME);
  if (m) {
    if (after === ".") return "member";
    if (after === "@") return "decorator";
    if (KEYWORDS.has(m[0])) return "keyword";
    return builtins.has(m[0]) ? "builtinName" : "variableName";
  }
  m = stream.match(NSNAME);
  if (m) return after === "." ? "member" : "namespace";
  if (stream.match(/^[()\[\]{}]/)) return "bracket";
  m = stream.match(OPERATOR);
  if (m) return m[0] === "@" ? "decorator" : "operator";
  stream.next();
  return "invalid";
}

// the language, with `builtins` (a Set of names, from the server) coloured as builtins;
// a new set means a new language (the editor reconfigures, and re-highlights)
export function sqLanguage(builtins = new Set()) {
  return StreamLanguage.define({
    name: "sqdsl",
    startState,
    copyState,
    token: (stream, state) => token(stream, state, builtins),
    // ("builtin" itself is CodeMirror 5's legacy name for variableName.standard)
    tokenTable: { builtinName: builtinTag, member: memberTag, decorator: decoratorTag },
    languageData: {
      commentTokens: { line: "//", block: { open: "/*", close: "*/" } },
      closeBrackets: { brackets: ["(", "[", "{", '"', "'"] },
    },
  });
}

// each REPL class as a CSS class (sq-tok-keyword ...), coloured by app.css
export const sqHighlighting = syntaxHighlighting(HighlightStyle.define([
  { tag: tags.keyword, class: "sq-tok-keyword" },
  { tag: tags.number, class: "sq-tok-number" },
  { tag: tags.string, class: "sq-tok-string" },
  { tag: tags.comment, class: "sq-tok-comment" },
  { tag: builtinTag, class: "sq-tok-builtin" },
  { tag: tags.namespace, class: "sq-tok-namespace" },
  { tag: memberTag, class: "sq-tok-member" },
  { tag: decoratorTag, class: "sq-tok-decorator" },
  { tag: tags.operator, class: "sq-tok-operator" },
  { tag: tags.variableName, class: "sq-tok-name" },
  { tag: tags.invalid, class: "sq-tok-error" },
]));
