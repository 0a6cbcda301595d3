// The playground page: one WebSocket to `sq serve` (PROTOCOL.md), the editor
// (window.SqEditor, the CodeMirror bundle built from tools/web/src) on the left and the
// cards (cards.js) on the right. Edits are sent 150 ms after the last keystroke; the
// server recomputes the changed bindings and sends back only the changed cards.

import { Cards } from "./cards.js";

const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const model = Number((location.pathname.match(/\/m\/(\d+)/) || [null, "0"])[1]);

const state = {
  socket: null,
  nextId: 1,
  editor: null,
  savedText: null,     // the text as on disk (for the unsaved-changes dot)
  errors: [],
  timer: null,
  lastEdit: null,      // id of the newest edit sent
  saving: null,        // {id, text} of the save awaiting its reply
  lastResult: undefined,  // the request id of the last result shown
  writable: true,
  path: null,          // the model's file (relative to the server's folder); null: untitled
  retry: 0,
};

function send(message) {
  const id = state.nextId++;
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    state.socket.send(JSON.stringify({ ...message, id }));
  }
  return id;
}

const cards = new Cards($("pg-cards"), $("pg-hidden-note"), send, jumpTo);

function status(text, kind = "") {
  const node = $("pg-status");
  node.textContent = text;
  node.dataset.kind = kind;
}

function markDirty() {
  const dirty = state.editor !== null && state.savedText !== null
    && state.editor.text() !== state.savedText;
  $("pg-dirty").hidden = !dirty;
  document.title = `${dirty ? "\u25cf " : ""}${$("pg-file").textContent} \u2014 sqdsl`;
}

// ---- the editor ----

function makeEditor(text) {
  $("pg-editor").replaceChildren();
  state.editor = SqEditor.create({
    parent: $("pg-editor"),
    doc: text,
    builtins: [],   // until the completion list comes
    onChange: (text) => {
      markDirty();
      clearTimeout(state.timer);
      document.body.dataset.pending = "edit";
      state.timer = setTimeout(() => sendEdit(text), DEBOUNCE_MS);
    },
    onSave: save,
    onRun: (text) => {
      clearTimeout(state.timer);
      sendEdit(text);
    },
  });
  state.editor.setErrors(editorErrors(state.errors));
  markDirty();
  state.editor.focus();
}

// the body's data-pending, data-edit and data-result say whether an edit waits for its
// debounce, which edit was sent last and which request the shown result answers: the
// browser tests wait for the result of the text they typed by them
function sendEdit(text) {
  state.lastEdit = send({ type: "edit", text });
  delete document.body.dataset.pending;
  document.body.dataset.edit = String(state.lastEdit);
}

function jumpTo(name) {
  const span = cards.spans && cards.spans[name];
  if (!state.editor || !span) return;
  state.editor.reveal(span.from, span.to);
}

function save() {
  if (!state.editor) return;
  if (!state.writable) {
    status("this model cannot be saved here", "error");
    return;
  }
  const text = state.editor.text();
  const message = { type: "save", text };
  if (state.path === null) {
    // an untitled model: saved as a new .sq file in the folder sq serve started in
    const name = window.prompt("Save as (a new .sq file in the folder sq serve was "
                               + "started in):", $("pg-file").textContent);
    if (!name) return;
    message.path = name;
  }
  state.saving = { id: send(message), text };
  status("saving\u2026");
}

// ---- errors ----

// PROTOCOL.md's ERROR objects as the editor's underlines (from/to are UTF-16 offsets)
function editorErrors(errors) {
  return errors.filter((e) => e.span).map((e) => ({
    from: e.span.from, to: e.span.to, message: e.note ? `${e.message}\n${e.note}` : e.message,
    kind: e.kind,
  }));
}

function showErrors(errors) {
  state.errors = errors;
  const box = $("pg-errors");
  box.replaceChildren();
  box.hidden = errors.length === 0;
  for (const e of errors) {
    const item = document.createElement("button");
    item.type = "button";
    item.className = "pg-error";
    const where = e.span ? `line ${e.span.line}, column ${e.span.column}` : "";
    const head = document.createElement("span");
    head.className = "pg-error-kind";
    head.textContent = e.kind + (where ? ` at ${where}` : "");
    const text = document.createElement("span");
    text.className = "pg-error-message";
    text.textContent = e.message + (e.note ? `\n${e.note}` : "");
    item.append(head, text);
    item.addEventListener("click", () => {
      if (!state.editor || !e.span) return;
      state.editor.reveal(e.span.from);
    });
    box.append(item);
  }
  if (state.editor) state.editor.setErrors(editorErrors(errors));
  cards.setStale(errors.length > 0);
}

// ---- messages from the server ----

const handlers = {
  hello(msg) {
    state.writable = msg.writable;
    state.path = msg.path;
    $("pg-file").textContent = msg.title || msg.path || "untitled";
    $("pg-samples").value = msg.samples;
    $("pg-seed").value = msg.seed;
    $("pg-save").disabled = !msg.writable;
    if (state.editor) {
      // a reconnection: the server has the file's text; unsaved edits go back to it
      if (state.editor.text() !== msg.text && state.savedText !== null
          && state.editor.text() !== state.savedText) {
        sendEdit(state.editor.text());
      } else {
        state.editor.replaceText(msg.text);
      }
      state.savedText = msg.text;
      markDirty();
    } else {
      state.savedText = msg.text;
      makeEditor(msg.text);
      send({ type: "completions" });
    }
    status("running\u2026", "busy");
  },

  completions(msg) {
    state.editor.setBuiltins(msg.items.map((i) => ({ name: i.label, signature: i.signature,
                                                     doc: i.doc, kind: i.kind })));
    document.body.dataset.builtins = String(msg.items.length);   // (for the tests)
  },

  progress(msg) {
    // a progress report can overtake nothing but may trail its run's result (the
    // server's ticker is another thread): one for a run already answered is stale
    if (msg.id === state.lastResult) return;
    cards.setBusy(msg.current, true);
    status(`computing ${msg.current ?? "result"}\u2026`, "busy");
  },

  result(msg) {
    // how many results the page has shown (the browser tests wait on it)
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
    document.body.dataset.result = String(msg.id);
    state.lastResult = msg.id;
    cards.spans = msg.spans || {};
    if (msg.ok) {
      cards.applyResult(msg);
      showErrors([]);
      const n = (msg.computed || []).length;
      status(`${n} recomputed in ${msg.elapsed.toFixed(2)} s \u00b7 ${msg.samples.toLocaleString("en-US")} samples`, "ok");
    } else {
      cards.setBusy(null, false);
      showErrors(msg.errors || []);
      status(`${msg.errors.length} error${msg.errors.length === 1 ? "" : "s"}`, "error");
    }
  },

  cancelled() {
    // a newer edit replaced the run: its result is on the way
  },

  view: (msg) => cards.applyView(msg),
  calculator: (msg) => cards.applyCalculator(msg),
  sensitivity: (msg) => cards.applySensitivity(msg),

  saved(msg) {
    state.path = msg.path;
    $("pg-file").textContent = msg.path;
    if (state.saving && state.saving.id === msg.id) {
      state.savedText = state.saving.text;
      state.saving = null;
    }
    markDirty();
    status(`saved ${msg.path}`, "ok");
  },

  reloaded(msg) {
    state.savedText = msg.text;
    if (state.editor) state.editor.replaceText(msg.text);
    markDirty();
    status("reloaded from disk", "busy");
  },

  settings(msg) {
    $("pg-samples").value = msg.samples;
    $("pg-seed").value = msg.seed;
  },

  error(msg) {
    if (!cards.failed(msg.id, msg.message)) status(msg.message, "error");
    if (state.saving && state.saving.id === msg.id) state.saving = null;
  },
};

// ---- the connection ----

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/${model}`);
  state.socket = socket;
  socket.addEventListener("open", () => {
    state.retry = 0;
  });
  socket.addEventListener("message", (event) => {
    const msg = JSON.parse(event.data);
    const handler = handlers[msg.type];
    if (handler) handler(msg);
  });
  socket.addEventListener("close", () => {
    status("disconnected: reconnecting\u2026", "error");
    state.retry = Math.min(state.retry + 1, 5);
    setTimeout(connect, 500 * state.retry);
  });
}

// ---- the bar: samples, seed, save ----

function settingsChanged() {
  const samples = Number($("pg-samples").value);
  const seed = Number($("pg-seed").value);
  const message = { type: "settings" };
  if (Number.isInteger(samples) && samples > 0) message.samples = samples;
  if (Number.isInteger(seed) && seed >= 0) message.seed = seed;
  send(message);
  status("running\u2026", "busy");
}

$("pg-samples").addEventListener("change", settingsChanged);
$("pg-seed").addEventListener("change", settingsChanged);
$("pg-save").addEventListener("click", save);
// Ctrl-S outside the editor saves too, instead of the browser's "save page"
document.addEventListener("keydown", (e) => {
  // (the editor's own Ctrl-S has saved already and prevented the default)
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s" && !e.defaultPrevented) {
    e.preventDefault();
    save();
  }
});

// the divider between the editor and the cards can be dragged
$("pg-divider").addEventListener("pointerdown", (e) => {
  const main = document.querySelector(".pg-main");
  const divider = e.currentTarget;
  divider.setPointerCapture(e.pointerId);
  const move = (ev) => {
    const box = main.getBoundingClientRect();
    const share = Math.min(0.8, Math.max(0.2, (ev.clientX - box.left) / box.width));
    main.style.setProperty("--pg-split", `${(share * 100).toFixed(1)}%`);
  };
  const up = () => {
    divider.removeEventListener("pointermove", move);
    divider.removeEventListener("pointerup", up);
  };
  divider.addEventListener("pointermove", move);
  divider.addEventListener("pointerup", up);
});

connect();
