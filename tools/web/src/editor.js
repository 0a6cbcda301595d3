// The playground's editor: CodeMirror 6 with sqdsl's highlighting (language.js), line
// numbers, bracket matching and closing, completion of builtins with their signatures,
// search, undo, and errors underlined at their span with the message on hover.
//
// The bundle (npm run build) puts this module's API on window.SqEditor for the page's
// own script (dsl/front/serve/static/app.js), which talks to the server:
//
//   const ed = SqEditor.create({parent, doc, builtins, onChange, onSave});
//   ed.setBuiltins(builtins);   // when the server's list comes after the editor
//   ed.setErrors([{from, to, message, kind}]);   // UTF-16 offsets, as CodeMirror counts
//   ed.text(); ed.replaceText(text);   // replaceText does not call onChange

import { EditorState, Annotation, Compartment, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, drawSelection, dropCursor, rectangularSelection, crosshairCursor,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, ifNotIn,
} from "@codemirror/autocomplete";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { sqLanguage, sqHighlighting, KEYWORDS } from "./language.js";

// marks a change made by replaceText (a reload from disk): not an edit to send back
const external = Annotation.define();

// a name, a namespace and the start of its member (List.ma), or a decorator (@do),
// before the cursor
const WORD_BEFORE = /@?[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]*)?$|@$/;
// a top-level definition: name = ..., name(x) = ..., name :: unit = ...
const DEFINITION = /^([a-z_$][A-Za-z0-9_$]*)\s*(?:\(|=(?!=)|::)/gm;
// the server's kinds of item (PROTOCOL.md's completions) as CodeMirror's types (icons)
const TYPES = { function: "function", namespace: "namespace", constant: "constant",
                keyword: "keyword", decorator: "keyword" };

function builtinOptions(builtins) {
  return builtins.map((b) => ({
    label: b.name,
    type: TYPES[b.kind] || "function",
    detail: b.signature || undefined,
    info: b.doc || undefined,
  }));
}

// the names coloured as builtins: global functions and constants (a member after "."
// and a namespace have classes of their own)
export function builtinNames(builtins) {
  return builtins.filter((b) => (b.kind === "function" || b.kind === "constant")
                         && !b.name.includes(".")).map((b) => b.name);
}

function localOptions(text, known) {
  const seen = new Set();
  const out = [];
  for (const m of text.matchAll(DEFINITION)) {
    if (!seen.has(m[1]) && !KEYWORDS.has(m[1]) && !known.has(m[1])) {
      seen.add(m[1]);
      out.push({ label: m[1], type: "variable", boost: 1 });
    }
  }
  return out;
}

// completions from `known.items` (the server's list, which may come after the editor
// is made), the keywords, and the names the model defines
function completionSource(known) {
  return (context) => {
    const match = context.matchBefore(WORD_BEFORE);
    if (!match || (match.from === match.to && !context.explicit)) return null;
    const options = localOptions(context.state.doc.toString(), known.labels)
      .concat(known.items);
    return { from: match.from, options, validFor: /^@?[A-Za-z0-9_$.]*$/ };
  };
}

function completionItems(builtins) {
  const items = builtinOptions(builtins);
  const labels = new Set(items.map((o) => o.label));
  // keywords, unless the server's list has them already
  for (const k of KEYWORDS) {
    if (!labels.has(k)) items.push({ label: k, type: "keyword" });
  }
  return { items, labels };
}

// errors as lint diagnostics: from/to are UTF-16 offsets (PROTOCOL.md's SPAN), as
// CodeMirror counts; an error at a point underlines the character there
function diagnostics(doc, errors) {
  return errors.map((e) => {
    let from = Math.max(0, Math.min(e.from ?? 0, doc.length));
    let to = Math.max(from, Math.min(e.to ?? from, doc.length));
    if (to === from) {
      if (to < doc.length) to += 1;
      else if (from > 0) from -= 1;
    }
    return { from, to, severity: e.severity || "error", message: e.message,
             source: e.kind || undefined };
  });
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "#ffffff" },
  ".cm-scroller": { fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace",
                    lineHeight: "1.55" },
  ".cm-content": { padding: "8px 0" },
  ".cm-gutters": { backgroundColor: "#f7f9fb", color: "#9aa5b1", borderRight: "1px solid #e4e7eb" },
  ".cm-activeLineGutter": { backgroundColor: "#e9eef4", color: "#52606d" },
  ".cm-activeLine": { backgroundColor: "#f5f8fc" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "#cfe0f3" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "#c8e6ff", outline: "1px solid #7cb6e8" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "#ffd6d6" },
  ".cm-tooltip": { border: "1px solid #cbd2d9", borderRadius: "4px",
                   boxShadow: "0 2px 8px rgba(0,0,0,0.12)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "#2f6fb0" },
  ".cm-completionDetail": { color: "#52606d", fontStyle: "normal", marginLeft: "1em" },
  ".cm-diagnostic-error": { borderLeft: "4px solid #d64545", whiteSpace: "pre-wrap",
                            fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace" },
});

export function create({ parent, doc = "", builtins = [], onChange = () => {},
                         onSave = () => {}, onRun = () => {} }) {
  const known = completionItems(builtins);
  const language = new Compartment();
  const save = (view) => {
    onSave(view.state.doc.toString());
    return true;
  };
  const run = (view) => {
    onRun(view.state.doc.toString());
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(),
        drawSelection(), dropCursor(), EditorState.allowMultipleSelections.of(true),
        indentOnInput(), bracketMatching(), closeBrackets(),
        autocompletion({ override: [ifNotIn(["comment", "string"], completionSource(known))],
                         icons: false }),
        rectangularSelection(), crosshairCursor(), highlightActiveLine(),
        highlightSelectionMatches(), lintGutter(),
        language.of(sqLanguage(new Set(builtinNames(builtins)))), sqHighlighting, theme,
        EditorView.lineWrapping,
        // Ctrl-S / Cmd-S saves before the browser's own "save page" sees it
        Prec.highest(keymap.of([{ key: "Mod-s", run: save, preventDefault: true },
                                { key: "Mod-Enter", run, preventDefault: true }])),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap,
                   ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((t) => t.annotation(external))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    replaceText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text },
                      annotations: external.of(true) });
    },
    setErrors(errors) {
      view.dispatch(setDiagnostics(view.state, diagnostics(view.state.doc, errors || [])));
    },
    // select from..to and scroll it near the top of the editor
    reveal(from, to = from) {
      const end = Math.min(to, view.state.doc.length);
      const start = Math.min(from, end);
      view.dispatch({ selection: { anchor: start, head: end },
                      effects: EditorView.scrollIntoView(start, { y: "start", yMargin: 48 }) });
      view.focus();
    },
    focus: () => view.focus(),
    // the builtins (PROTOCOL.md's completion items as {name, signature, doc, kind}):
    // completed, and coloured as the REPL colours them
    setBuiltins(list) {
      Object.assign(known, completionItems(list));
      view.dispatch({ effects: language.reconfigure(sqLanguage(new Set(builtinNames(list)))) });
    },
  };
}

// for the browser tests and the curious: EditorView.findFromDOM(element) gives the view
export { EditorView };
