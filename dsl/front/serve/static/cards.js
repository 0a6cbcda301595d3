// The cards of the playground's right pane: one per top-level binding (and one for
// the final expression), holding the HTML the server drew (dsl.render.html), with a
// header (name, unit, type), the binding's @doc, view toggles for distributions, and
// the sensitivity pane of the selected card. Knows the DOM, not the socket: every
// request goes through the `send` given to Cards.

const FINAL = "";   // the final expression's card name (PROTOCOL.md)

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// the server's fragment as nodes; its own name and @doc are dropped, the card's header
// shows them (the fragment is named_html's: div.sq-binding > div.sq-name, div.sq-doc)
function fragment(html) {
  const holder = document.createElement("div");
  holder.innerHTML = html || "";
  const binding = holder.firstElementChild;
  if (binding && binding.classList.contains("sq-binding") && holder.children.length === 1) {
    for (const child of [...binding.children]) {
      if (child.classList.contains("sq-name") || child.classList.contains("sq-doc")) {
        child.remove();
      } else {
        break;
      }
    }
    return binding;
  }
  return holder;
}

function isDistribution(card) {
  return card.type === "Distribution" && /<svg/.test(card.html || "");
}

export class Cards {
  // root: the element holding the cards; send(message) -> id: a request to the server;
  // onJump(name): the user asked to see a binding's source
  constructor(root, hiddenNote, send, onJump) {
    this.root = root;
    this.hiddenNote = hiddenNote;
    this.send = send;
    this.onJump = onJump;
    this.cards = new Map();      // name -> {data, node, body, views: {log, cdf}}
    this.order = [];
    this.selected = null;
    this.pending = new Map();    // request id -> {kind, name}
  }

  // a `result` message: new and changed cards, removed ones, the program's order
  applyResult(msg) {
    for (const name of msg.removed || []) this.drop(name);
    if (msg.final_removed) this.drop(FINAL);
    const changed = [...(msg.cards || [])];
    if (msg.final) changed.push(msg.final);
    for (const card of changed) this.put(card);
    if (msg.order) {
      this.order = msg.order;
      // `order` names every binding: a card it does not name is stale (a binding
      // removed while the page was disconnected, say)
      for (const name of [...this.cards.keys()]) {
        if (name !== FINAL && !msg.order.includes(name)) this.drop(name);
      }
    }
    this.arrange();
    this.setBusy(null, false);
    for (const card of changed) {
      const entry = this.cards.get(card.name);
      // a recomputed card keeps the view the user chose for it: its old drawing stays
      // (marked busy) until the server has drawn the new values that way
      if (entry && this.chosenView(entry)) this.requestView(card.name);
    }
    if (this.selected !== null && this.cards.has(this.selected)) {
      this.requestSensitivity(this.selected);
    } else if (this.selected !== null) {
      this.selected = null;
    }
  }

  drop(name) {
    const entry = this.cards.get(name);
    if (entry) entry.node.remove();
    this.cards.delete(name);
    if (this.selected === name) this.selected = null;
  }

  put(card) {
    let entry = this.cards.get(card.name);
    if (!entry) {
      entry = this.make(card.name);
      this.cards.set(card.name, entry);
    }
    entry.data = card;
    this.fill(entry, this.chosenView(entry) && isDistribution(card));
    entry.node.classList.add("pg-fresh");
    setTimeout(() => entry.node.classList.remove("pg-fresh"), 600);
  }

  make(name) {
    const node = el("article", "pg-card");
    node.dataset.name = name;
    node.tabIndex = 0;
    const head = el("header", "pg-card-head");
    const title = el("button", "pg-card-name");
    title.type = "button";
    title.title = "show in the editor";
    title.addEventListener("click", (e) => {
      e.stopPropagation();
      this.onJump(name);
    });
    const unit = el("span", "pg-card-unit");
    const type = el("span", "pg-card-type");
    const tools = el("span", "pg-card-tools");
    head.append(title, unit, el("span", "pg-spacer"), tools, type);
    const doc = el("div", "pg-card-doc");
    const body = el("div", "pg-card-body");
    const sens = el("div", "pg-sensitivity");
    sens.hidden = true;
    node.append(head, doc, body, sens);
    node.addEventListener("click", (e) => {
      // a click in a calculator's form or on a toggle is not a selection
      if (e.target.closest("form, .pg-card-tools, .pg-sensitivity")) return;
      this.select(name);
    });
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target === node) this.select(name);
    });
    const entry = { name, node, head, title, unit, type, tools, doc, body, sens, data: null,
                    views: { log: null, cdf: false } };
    return entry;
  }

  chosenView(entry) {
    return entry.views.log !== null || entry.views.cdf;
  }

  // the card's header, doc and (unless keepBody) drawing from entry.data
  fill(entry, keepBody = false) {
    const card = entry.data;
    const label = card.name === FINAL ? "result" : (card.label || card.name);
    entry.title.textContent = label;
    entry.node.title = card.label && card.label !== card.name ? card.name : "";
    entry.unit.textContent = card.unit ? `:: ${card.unit}` : "";
    entry.type.textContent = card.type || "";
    entry.doc.textContent = card.doc || "";
    entry.doc.hidden = !card.doc;
    entry.node.hidden = !!card.hidden;
    entry.node.classList.toggle("pg-final", card.name === FINAL);
    entry.node.classList.toggle("pg-failed", /class="[^"]*sq-error/.test(card.html || ""));
    if (keepBody) return;
    // a binding that is no longer a distribution forgets the view chosen for it
    if (!isDistribution(card)) entry.views = { log: null, cdf: false };
    entry.body.replaceChildren(fragment(card.html));
    this.toggles(entry);
    this.wireCalculator(entry);
  }

  // Log/linear and PDF/CDF for a distribution's chart (the server redraws it)
  toggles(entry) {
    entry.tools.replaceChildren();
    if (!isDistribution(entry.data)) return;
    const pair = (labels, isSecond, set) => {
      const group = el("span", "pg-toggle");
      labels.forEach((text, i) => {
        const b = el("button", "pg-toggle-option", text);
        b.type = "button";
        b.setAttribute("aria-pressed", String((i === 1) === isSecond));
        b.addEventListener("click", (e) => {
          e.stopPropagation();
          if ((i === 1) !== isSecond) set(i === 1);
        });
        group.append(b);
      });
      return group;
    };
    const log = entry.views.log === null ? this.isLog(entry) : entry.views.log;
    entry.tools.append(
      pair(["lin", "log"], log, (on) => { entry.views.log = on; this.requestView(entry.name); }),
      pair(["PDF", "CDF"], entry.views.cdf, (on) => {
        entry.views.cdf = on;
        this.requestView(entry.name);
      }));
  }

  // whether the server drew the chart on a log axis (its own choice for a wide
  // positive distribution, until the user picks one): the x axis's data-scale says so
  isLog(entry) {
    const axis = entry.body.querySelector("svg.sq-chart g.sq-axis.sq-x");
    return !!(axis && axis.getAttribute("data-scale") === "log");
  }

  requestView(name) {
    const entry = this.cards.get(name);
    if (!entry) return;
    entry.node.classList.add("pg-busy");
    const message = { type: "view", name, cdf: entry.views.cdf };
    if (entry.views.log !== null) message.log = entry.views.log;
    const id = this.send(message);
    this.pending.set(id, { kind: "view", name });
  }

  applyView(msg) {
    const entry = this.cards.get(msg.name);
    if (!entry) return;
    entry.node.classList.remove("pg-busy");
    if (msg.error) {
      entry.body.replaceChildren(el("p", "sq-error", msg.error.message));
      return;
    }
    entry.body.replaceChildren(fragment(msg.html));
    // the toggle shows the axis the server drew (a log axis cannot hold samples <= 0)
    const drawn = typeof msg.log === "boolean" ? msg.log : this.isLog(entry);
    if (entry.views.log !== null && drawn !== entry.views.log) entry.views.log = drawn;
    this.toggles(entry);
  }

  wireCalculator(entry) {
    const form = entry.body.querySelector("form.sq-calculator");
    if (!form) return;
    form.addEventListener("submit", (e) => e.preventDefault());
    let timer = null;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.requestCalculator(entry.name, form), 150);
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  }

  requestCalculator(name, form) {
    const values = [...form.querySelectorAll("input, textarea, select")]
      .filter((f) => /^field\d+$/.test(f.name))
      .sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)))
      .map((f) => (f.type === "checkbox" ? f.checked : f.value));
    form.classList.add("pg-busy");
    const id = this.send({ type: "calculator", name, values });
    this.pending.set(id, { kind: "calculator", name });
  }

  applyCalculator(msg) {
    const entry = this.cards.get(msg.name);
    if (!entry) return;
    const form = entry.body.querySelector("form.sq-calculator");
    if (!form) return;
    form.classList.remove("pg-busy");
    const result = form.querySelector(".sq-result");
    if (msg.error) {
      result.replaceChildren(el("p", "sq-error", msg.error.message));
      return;
    }
    // only the result is replaced: the fields keep their text, focus and cursor
    const holder = document.createElement("div");
    holder.innerHTML = msg.html || "";
    const fresh = holder.querySelector(".sq-result");
    if (fresh) {
      result.replaceChildren(...fresh.childNodes);
    } else {
      result.replaceChildren(el("div", "sq-stack-title", "result"), ...holder.childNodes);
    }
  }

  select(name) {
    if (this.selected === name) {
      this.selected = null;
    } else {
      this.selected = name;
    }
    for (const [n, entry] of this.cards) {
      const on = n === this.selected;
      entry.node.classList.toggle("pg-selected", on);
      entry.node.setAttribute("aria-selected", String(on));
      if (!on) entry.sens.hidden = true;
    }
    if (this.selected !== null) this.requestSensitivity(this.selected);
  }

  requestSensitivity(name) {
    const entry = this.cards.get(name);
    if (!entry || name === FINAL && !entry.data) return;
    entry.sens.hidden = false;
    if (!entry.sens.firstChild) {
      entry.sens.replaceChildren(el("p", "pg-muted", "sensitivity: computing\u2026"));
    }
    entry.sens.classList.add("pg-busy");
    const id = this.send({ type: "sensitivity", name });
    this.pending.set(id, { kind: "sensitivity", name });
  }

  applySensitivity(msg) {
    const entry = this.cards.get(msg.name);
    if (!entry || this.selected !== msg.name) return;
    entry.sens.classList.remove("pg-busy");
    if (msg.error) {
      entry.sens.replaceChildren(el("div", "pg-sensitivity-title", "Sensitivity"),
                                 el("p", "pg-muted", msg.error.message));
      return;
    }
    // the server's table and tornado, under their own title
    const holder = document.createElement("div");
    holder.className = "pg-sensitivity-body";
    holder.innerHTML = msg.html || "";
    entry.sens.replaceChildren(holder);
  }

  // request ids the server answered with an `error` (a view the server cannot draw):
  // the card stops looking busy
  failed(id, message) {
    const what = this.pending.get(id);
    this.pending.delete(id);
    if (!what) return false;
    const entry = this.cards.get(what.name);
    if (!entry) return true;
    entry.node.classList.remove("pg-busy");
    if (what.kind === "sensitivity") {
      this.applySensitivity({ name: what.name, error: { message } });
    }
    return true;
  }

  arrange() {
    const names = [...this.order.filter((n) => this.cards.has(n))];
    if (this.cards.has(FINAL)) names.push(FINAL);
    let hidden = 0;
    for (const name of names) {
      const entry = this.cards.get(name);
      this.root.append(entry.node);   // in program order
      if (entry.data && entry.data.hidden) hidden += 1;
    }
    this.hiddenNote.hidden = hidden === 0;
    this.hiddenNote.textContent = hidden === 1 ? "1 binding hidden by @hide"
      : `${hidden} bindings hidden by @hide`;
  }

  // a run in progress: `current` is being computed
  // (which other cards the run will change is known only at its end: they are left
  // as they are rather than dimmed)
  setBusy(current, running) {
    for (const [name, entry] of this.cards) {
      entry.node.classList.toggle("pg-busy", running && name === (current ?? FINAL));
    }
  }

  // the program does not run: the cards are what the last good run gave
  setStale(stale) {
    this.root.classList.toggle("pg-stale", stale);
  }
}
