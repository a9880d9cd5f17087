// Reflect discussion sets. All text is set with textContent. The trainer stays in charge:
// reword a question, rename, remove, reorder, regenerate in place (a new version of the same
// set), restore an earlier version, delete.
"use strict";

const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
let current = null;

const FORMS = {
  own_question: "the review's own question", statement: "statement for discussion", scenario: "scenario",
  good_practice: "what good looks like", assurance: "assurance", hand_off: "between agencies",
  seen_working: "good practice", finding: "finding", what_helps: "finding",
};

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

function fail(err) { $("set-error").textContent = err.message; }
function said(message) { $("set-status").textContent = message; $("set-said").textContent = message; }

$("set-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("set-error").textContent = "Building the set…";
  try { show(await api("POST", "/api/discussion-sets", request())); $("set-error").textContent = ""; listSets(); }
  catch (err) { fail(err); }
});

$("regenerate").addEventListener("click", async () => {
  try { show(await api("POST", `/api/discussion-sets/${current.id}/regenerate`, {})); said(`New questions: version ${current.version} of this set.`); listSets(); }
  catch (err) { fail(err); }
});
$("rename").addEventListener("click", () => {
  $("rename-box").hidden = false; $("new-title").value = current.title; $("new-title").focus();
});
$("rename-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try { show(await api("PATCH", `/api/discussion-sets/${current.id}`, { title: $("new-title").value })); $("rename-box").hidden = true; said("Set renamed."); listSets(); }
  catch (err) { fail(err); }
});
$("delete-set").addEventListener("click", () => {
  $("confirm-delete-text").textContent = `Delete “${current.title}” and all its versions? This cannot be undone.`;
  $("confirm-delete").hidden = false; $("keep-set").focus();
});
$("keep-set").addEventListener("click", () => { $("confirm-delete").hidden = true; $("delete-set").focus(); });
$("really-delete").addEventListener("click", async () => {
  try {
    await api("DELETE", `/api/discussion-sets/${current.id}`);
    $("confirm-delete").hidden = true; $("preview").hidden = true; current = null;
    said("Set deleted."); listSets();
  } catch (err) { fail(err); }
});
document.querySelectorAll("[data-export]").forEach((a) => a.addEventListener("click", (e) => {
  e.preventDefault();
  const f = a.dataset.export;
  window.Reflect.download(`/api/discussion-sets/${current.id}/export?format=${f}`, `discussion-set-${current.id}.${f}`, f === "html").catch(fail);
}));

function show(set) {
  current = set;
  $("preview").hidden = false; $("set-error").textContent = "";
  $("set-title").textContent = set.title;
  $("set-version").textContent = `Version ${set.version}`;
  $("shortfall").hidden = !set.shortfall;
  $("shortfall").textContent = set.shortfall ? set.shortfall.reason : "";
  const n = set.questions.length;
  $("questions").replaceChildren(...set.questions.map((q, i) => {
    const up = el("button", { type: "button", class: "secondary", text: "Move up", "aria-label": `Move question ${i + 1} up` });
    const down = el("button", { type: "button", class: "secondary", text: "Move down", "aria-label": `Move question ${i + 1} down` });
    const remove = el("button", { type: "button", class: "secondary", text: "Remove", "aria-label": `Remove question ${i + 1}` });
    const edit = el("button", { type: "button", class: "secondary", text: "Reword", "aria-label": `Reword question ${i + 1}` });
    up.disabled = i === 0; down.disabled = i === n - 1; remove.disabled = n === 1;
    up.addEventListener("click", () => reorder(swap(i, i - 1), `Question moved to position ${i}.`));
    down.addEventListener("click", () => reorder(swap(i, i + 1), `Question moved to position ${i + 2}.`));
    remove.addEventListener("click", () => reorder([...Array(n).keys()].filter((k) => k !== i), "Question removed."));
    const item = el("li", { class: "set-question" });
    edit.addEventListener("click", () => reword(item, q, i));
    const notes = q.notes.length
      ? el("ul", {}, ...q.notes.map((p) => el("li", { text: `${p.label}: ${p.text} [${p.cites.join(", ")}]` })))
      : el("p", { text: q.facilitator_notes });
    const sources = el("ol", { class: "learning" }, ...q.citations.map((c) => el("li", {},
      el("a", { href: c.url, target: "_blank", rel: "noopener", text: `${c.document.title} › ${c.section} › ${c.label}` }))));
    item.append(
      el("p", { class: "q", text: q.text }),
      el("p", { class: "meta", text: [FORMS[q.form], q.edited ? "reworded by you" : ""].filter(Boolean).join(" · ") }),
      el("details", {}, el("summary", { text: "Facilitator notes and sources" }), notes, sources),
      el("div", { class: "toolbar" }, edit, up, down, remove));
    return item;
  }));
  $("cases").replaceChildren(...set.case_summaries.map((c) => el("section", {},
    el("h3", { text: `Case summary: ${c.document.title}` }), el("p", { text: c.text }))));
}

function reword(item, q, i) {
  const box = el("textarea", { rows: "3", maxlength: "1000", "aria-label": `New wording for question ${i + 1}` });
  box.value = q.text;
  const save = el("button", { type: "button", text: "Save wording" });
  const cancel = el("button", { type: "button", class: "secondary", text: "Cancel" });
  save.addEventListener("click", async () => {
    try { show(await api("PATCH", `/api/discussion-sets/${current.id}/questions/${i}`, { text: box.value })); said(`Question ${i + 1} reworded.`); }
    catch (err) { fail(err); }
  });
  cancel.addEventListener("click", () => show(current));
  item.replaceChildren(box, el("div", { class: "toolbar" }, save, cancel));
  box.focus();
}

function swap(a, b) {
  const order = [...Array(current.questions.length).keys()];
  [order[a], order[b]] = [order[b], order[a]];
  return order;
}

async function reorder(order, message) {
  try { show(await api("PATCH", `/api/discussion-sets/${current.id}`, { order })); said(message); }
  catch (err) { fail(err); }
}

async function listSets() {
  const data = await api("GET", "/api/discussion-sets").catch(() => ({ discussion_sets: [] }));
  $("sets").replaceChildren(...data.discussion_sets.map((s) => {
    const b = el("button", { type: "button", class: "secondary", text: `${s.title} (${s.questions} questions, version ${s.version}, ${s.created.slice(0, 10)})` });
    b.addEventListener("click", async () => show(await api("GET", `/api/discussion-sets/${s.id}`)));
    return el("li", {}, b);
  }));
}
const wanted = new URLSearchParams(location.search).get("set");
if (wanted) api("GET", `/api/discussion-sets/${encodeURIComponent(wanted)}`).then(show).catch(fail);
listSets();
