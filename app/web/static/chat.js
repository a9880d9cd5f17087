// Reflect chat page. Text from answers and documents is only ever set with textContent:
// no string is parsed as HTML, so nothing a document or model says can become markup.
"use strict";

const STORE_KEY = "reflect.conversation.v1";
const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
const conversation = $("conversation");
let turns = load();

function load() {
  try { return JSON.parse(localStorage.getItem(STORE_KEY)) || []; } catch { return []; }
}
// Only what the server accepted is kept, in the form it kept it (names redacted): a refused
// question, or one still on its way, lives only on the screen.
function save() {
  localStorage.setItem(STORE_KEY, JSON.stringify(turns.filter((t) => t.accepted && !t.error)));
}


// --- a small Markdown subset: paragraphs, "- " lists, **bold**, _italic_, [n] citations ---
function inline(text, citations, parent) {
  const pattern = /\*\*(.+?)\*\*|_(.+?)_|\[(\d+)\]/g;
  let last = 0, m;
  while ((m = pattern.exec(text)) !== null) {
    parent.append(text.slice(last, m.index));
    if (m[1] !== undefined) parent.append(el("strong", { text: m[1] }));
    else if (m[2] !== undefined) parent.append(el("em", { text: m[2] }));
    else parent.append(chip(Number(m[3]), citations));
    last = pattern.lastIndex;
  }
  parent.append(text.slice(last));
}

function renderMarkdown(text, citations) {
  const out = document.createDocumentFragment();
  let list = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("- ")) {
      if (!list) { list = el("ul"); out.append(list); }
      const li = el("li"); inline(line.slice(2), citations, li); list.append(li);
    } else {
      list = null;
      if (line.trim()) { const p = el("p"); inline(line, citations, p); out.append(p); }
    }
  }
  return out;
}

function chip(n, citations) {
  const c = citations[n - 1];
  if (!c) return document.createTextNode(`[${n}]`);
  const short = c.document.title.split(":")[0];
  const button = el("button", { type: "button", class: "chip", "data-item": c.id,
    "aria-label": `Source ${n}: ${c.document.title}, ${c.label}` });
  button.append(el("span", { class: "chip-n", text: String(n) }), `${short} · ${c.label}`);
  button.addEventListener("click", () => openPanel(c.id, button));
  return button;
}

// --- the source panel ---
let lastOpener = null;
async function openPanel(itemId, opener) {
  lastOpener = opener;
  const panel = $("panel"), body = $("panel-body");
  body.replaceChildren(el("p", { text: "Loading the passage…" }));
  panel.hidden = false;
  const r = await fetch(`/api/items/${encodeURIComponent(itemId)}`);
  if (!r.ok) { body.replaceChildren(el("p", { text: "This passage is no longer in the library." })); return; }
  const data = await r.json();
  const d = data.document;
  const meta = [d.type, d.date].filter(Boolean).join(" · ");
  const passage = el("ol", { class: "passage" });
  for (const i of data.before) passage.append(el("li", { text: i.text }));
  const current = el("li", { class: "current", "aria-current": "true" });
  current.append(el("span", { class: "label", text: data.item.label }), el("p", { text: data.item.text }));
  passage.append(current);
  for (const i of data.after) passage.append(el("li", { text: i.text }));
  body.replaceChildren(
    el("h3", { text: d.title }), el("p", { class: "meta", text: meta }),
    el("p", { class: "meta", text: `Section: ${data.section_path.join(" › ")}` }),
    passage,
    el("p", {}, el("a", { href: data.item.url, text: "Open in the full document" })),
  );
  panel.focus();
}
$("panel-close").addEventListener("click", () => {
  $("panel").hidden = true;
  if (lastOpener) lastOpener.focus();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("panel").hidden) $("panel-close").click();
});

// --- turns ---
function renderTurn(turn, index) {
  const li = el("li", { class: "turn" });
  li.append(el("div", { class: "question" }, el("span", { class: "visually-hidden", text: "You asked: " }), turn.question));
  const answer = el("div", { class: "answer" + (turn.grounded === false ? " not-covered" : ""), "aria-busy": turn.done ? "false" : "true" });
  if (turn.error) answer.append(el("p", { class: "error-text", text: turn.error }));
  else if (!turn.done && !turn.answer) answer.append(el("p", { class: "meta", text: "Searching the reviews…" }));
  else {
    if (turn.grounded === false) {
      const title = turn.coverage === "partial" ? "Only partly covered by these reviews" : "Not covered by these reviews";
      answer.append(el("p", { class: "not-covered-title", text: title }));
    }
    answer.append(renderMarkdown(turn.answer || "", turn.citations || []));
  }
  li.append(answer);
  if (turn.done && !turn.error) li.append(actions(turn, index));
  return li;
}

function actions(turn, index) {
  const bar = el("div", { class: "actions" });
  const copy = el("button", { type: "button", class: "secondary", text: "Copy answer" });
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(plainText(turn)); copy.textContent = "Copied"; }
    catch { copy.textContent = "Copy failed"; }
  });
  bar.append(copy);
  if (turn.grounded && turn.citations && turn.citations.length) {
    const show = el("button", { type: "button", class: "secondary", "aria-expanded": "false", text: "Show sources" });
    const list = el("ol", { class: "sources", hidden: "" });
    for (const c of turn.citations) {
      const item = el("li");
      item.append(el("a", { href: c.url, text: `${c.document.title} › ${c.section} › ${c.label}` }));
      list.append(item);
    }
    show.addEventListener("click", () => {
      list.hidden = !list.hidden;
      show.setAttribute("aria-expanded", String(!list.hidden));
      show.textContent = list.hidden ? "Show sources" : "Hide sources";
    });
    bar.append(show, list);
  }
  if (turn.grounded === false) bar.append(suggestions());
  return bar;
}

// The answer as a colleague would paste it into an email or a case note: no Markdown markers,
// the sources numbered at the end with where to find them.
function plainText(turn) {
  const body = (turn.answer || "").split("\n").map((line) => line
    .replace(/^\*\*(.*)\*\*$/, "$1:")
    .replace(/^_(.*)_$/, "$1")
    .replace(/^- /, "• ")
    .replace(/\*\*/g, "")).join("\n").replace(/\n{3,}/g, "\n\n").trim();
  const sources = (turn.citations || []).map((c) =>
    `[${c.n}] ${c.document.title}, ${c.section}, ${c.label} (${new URL(c.url, location.origin).href})`);
  return sources.length ? `${body}\n\nSources:\n${sources.join("\n")}` : body;
}

function suggestions() {
  const box = el("div", { class: "suggestions" }, el("p", { text: "Questions these reviews do answer:" }));
  const list = el("ul");
  for (const q of starterQuestions.slice(0, 4)) list.append(el("li", {}, starterButton(q)));
  box.append(list);
  return box;
}

function render() {
  conversation.replaceChildren(...turns.map(renderTurn));
  $("starters").hidden = turns.length > 0;
}

// --- asking, with the streamed answer ---
async function ask(question) {
  const history = turns.filter((t) => t.done && !t.error).slice(-3).map((t) => t.question);
  const turn = { question, answer: "", citations: [], grounded: null, done: false, accepted: false };
  turns.push(turn); render();
  $("send").disabled = true;
  try {
    const r = await fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ question, history }),
    });
    if (!r.ok) {
      const body = await r.json().catch(() => ({}));
      throw new Error((body.error && body.error.message) || "The question could not be answered.");
    }
    await readStream(r, turn);
  } catch (err) {
    turn.error = err.message || "Something went wrong.";
  }
  turn.done = true; save(); render();
  $("send").disabled = false;
  const n = (turn.citations || []).length;
  $("announcer").textContent = turn.error ? `Error: ${turn.error}`
    : turn.grounded ? `Answer ready, with ${n} source${n === 1 ? "" : "s"}.` : "Answer ready: not covered by these reviews.";
}

async function readStream(response, turn) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block), data = /^data: (.*)$/m.exec(block);
      if (!event || !data) continue;
      const payload = JSON.parse(data[1]);
      if (event[1] === "citations") {
        Object.assign(turn, { citations: payload.citations, grounded: payload.grounded, coverage: payload.coverage, question: payload.question || turn.question, accepted: true });
      }
      else if (event[1] === "delta") { turn.answer += payload.text; }
      else if (event[1] === "reset") { turn.answer = ""; }
      else if (event[1] === "done") { Object.assign(turn, { answer: payload.answer, citations: payload.citations, grounded: payload.grounded, coverage: payload.coverage }); }
      else if (event[1] === "error") { throw new Error(payload.message); }
      render();
    }
  }
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (!q) { $("question").focus(); return; }
  $("question").value = "";
  ask(q);
});
$("question").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("ask-form").requestSubmit(); }
});
$("clear").addEventListener("click", () => { turns = []; save(); render(); $("question").focus(); });

// --- starters from the corpus ---
let starterQuestions = [];
function starterButton(q) {
  const b = el("button", { type: "button", class: "starter", text: q });
  b.addEventListener("click", () => ask(q));
  return b;
}
fetch("/api/starters").then((r) => r.json()).then((data) => {
  starterQuestions = data.questions;
  $("starter-list").replaceChildren(...data.questions.map((q) => el("li", {}, starterButton(q))));
  render();
}).catch(() => render());
render();
