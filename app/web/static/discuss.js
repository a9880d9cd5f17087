// Reflect discussion sets. All text is set with textContent.
"use strict";

const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
let current = null;
let lastRequest = null;



document.querySelectorAll('input[name="source"]').forEach((r) => r.addEventListener("change", () => {
  const theme = document.querySelector('input[name="source"]:checked').value === "theme";
  $("theme-field").hidden = !theme; $("documents-field").hidden = theme;
}));

function request() {
  const body = { audience: $("audience").value, count: Number($("count").value) || 6 };
  if (document.querySelector('input[name="source"]:checked').value === "theme") body.theme = $("theme").value;
  else body.document_ids = [...document.querySelectorAll('input[name="doc"]:checked')].map((c) => c.value);
  return body;
}

async function build(body) {
  $("set-error").textContent = "";
  try { lastRequest = body; show(await api("POST", "/api/discussion-sets", body)); listSets(); }
  catch (err) { $("set-error").textContent = err.message; }
}

$("set-form").addEventListener("submit", (e) => { e.preventDefault(); build(request()); });
$("regenerate").addEventListener("click", () => build({ ...(lastRequest || current.request), seed: Math.floor(Math.random() * 1e9) + 1 }));

function show(set) {
  current = set;
  $("preview").hidden = false;
  $("set-title").textContent = set.title;
  for (const f of ["md", "docx", "html"]) $(`export-${f}`).href = `/api/discussion-sets/${set.id}/export?format=${f}`;
  const n = set.questions.length;
  $("questions").replaceChildren(...set.questions.map((q, i) => {
    const up = el("button", { type: "button", class: "secondary", text: "Move up", "aria-label": `Move question ${i + 1} up` });
    const down = el("button", { type: "button", class: "secondary", text: "Move down", "aria-label": `Move question ${i + 1} down` });
    const remove = el("button", { type: "button", class: "secondary", text: "Remove", "aria-label": `Remove question ${i + 1}` });
    up.disabled = i === 0; down.disabled = i === n - 1; remove.disabled = n === 1;
    up.addEventListener("click", () => reorder(swap(i, i - 1), `Question moved to position ${i}.`));
    down.addEventListener("click", () => reorder(swap(i, i + 1), `Question moved to position ${i + 2}.`));
    remove.addEventListener("click", () => reorder([...Array(n).keys()].filter((k) => k !== i), "Question removed."));
    const sources = el("ol", { class: "learning" }, ...q.citations.map((c) => el("li", {},
      el("p", { text: c.text }), el("a", { href: c.url, text: `${c.document.title} › ${c.section} › ${c.label}` }))));
    return el("li", { class: "set-question" },
      el("p", { class: "q", text: q.text }),
      el("details", {}, el("summary", { text: "Facilitator notes and sources" }), el("p", { text: q.facilitator_notes }), sources),
      el("div", { class: "toolbar" }, up, down, remove));
  }));
  $("cases").replaceChildren(...set.case_summaries.map((c) => el("section", {},
    el("h3", { text: `Case summary: ${c.document.title}` }), el("p", { text: c.text }))));
}

function swap(a, b) {
  const order = [...Array(current.questions.length).keys()];
  [order[a], order[b]] = [order[b], order[a]];
  return order;
}

async function reorder(order, message) {
  try { show(await api("PATCH", `/api/discussion-sets/${current.id}`, { order })); $("set-status").textContent = message; }
  catch (err) { $("set-error").textContent = err.message; }
}

async function listSets() {
  const data = await api("GET", "/api/discussion-sets").catch(() => ({ discussion_sets: [] }));
  $("sets").replaceChildren(...data.discussion_sets.map((s) => {
    const b = el("button", { type: "button", class: "secondary", text: `${s.title} (${s.questions} questions, ${s.created.slice(0, 10)})` });
    b.addEventListener("click", async () => { const set = await api("GET", `/api/discussion-sets/${s.id}`); lastRequest = set.request; show(set); });
    return el("li", {}, b);
  }));
}
listSets();
