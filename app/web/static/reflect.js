// Reflect team-meeting view. A note the server has not yet answered is queued for its own
// session, in this browser, so a dropped connection or a closed tab loses nothing; a note the
// server refuses (personal data) goes back into the note box with the reason, is never kept in
// browser storage and never holds up another note.
"use strict";

const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
let session = null;
let tick = null;
let clockBase = null; // { elapsed, running, at }: the server's clock and when it was read

const queueKey = (sid) => `reflect.queue.v2.${sid}`;
function readQueue(sid) { try { return JSON.parse(localStorage.getItem(queueKey(sid))) || []; } catch { return []; } }
function writeQueue(sid, list) {
  if (list.length) localStorage.setItem(queueKey(sid), JSON.stringify(list)); else localStorage.removeItem(queueKey(sid));
}
localStorage.removeItem("reflect.pending.v1"); // the old shared queue could hold refused text

// --- setup ---
document.querySelectorAll('input[name="source"]').forEach((r) => r.addEventListener("change", () => {
  const doc = document.querySelector('input[name="source"]:checked').value === "document";
  $("document-field").hidden = !doc; $("theme-field").hidden = doc;
}));

$("start-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const source = document.querySelector('input[name="source"]:checked').value;
  const body = { audience: document.querySelector('input[name="audience"]:checked').value, timer_minutes: Number($("minutes").value) || 7 };
  if ($("attendees").value) body.attendees = Number($("attendees").value);
  const roles = $("roles").value.split(",").map((r) => r.trim()).filter(Boolean);
  if (roles.length) body.roles = roles;
  if (source === "document") body.document_id = $("document").value; else body.theme = $("theme").value;
  $("start-error").textContent = "Preparing the session…";
  try {
    const made = await api("POST", "/api/reflections", body);
    $("share").hidden = false;
    $("share-link").value = new URL(made.share_url, location.origin).href;
    $("start-error").textContent = "";
    open(made);
  } catch (err) { $("start-error").textContent = err.message; }
});

async function listSessions() {
  const data = await api("GET", "/api/reflections").catch(() => ({ reflections: [] }));
  $("sessions").replaceChildren(...data.reflections.map((s) => {
    const b = el("button", { type: "button", class: "secondary", text: `Resume: ${s.title} (${s.audience}, ${s.created.slice(0, 10)}, ${s.notes} notes)` });
    b.addEventListener("click", async () => open(await api("GET", `/api/reflections/${s.id}`)));
    return el("li", {}, b);
  }));
  if (!data.reflections.length) $("sessions").replaceChildren(el("li", { class: "meta", text: "None yet in this browser." }));
}

async function open(s) {
  session = s;
  history.replaceState(null, "", `/reflect?session=${s.id}`);
  $("setup").hidden = true; $("meeting").hidden = false; $("summary").hidden = true;
  $("meeting-title").textContent = `${s.title} · for ${s.audience}`;
  $("presenter").href = `/reflect/${s.id}/present`;
  $("session-note").hidden = !s.note; $("session-note").textContent = s.note || "";
  setClock(s.timer);
  await flushQueue(); // notes kept from an earlier visit go in before the prompt is drawn
  show(position(s.current_index));
}

// --- one prompt at a time ---
function position(index) { return Math.max(0, session.prompts.findIndex((p) => p.index === index)); }
function current() { return session.prompts[position(session.current_index)]; }
function asked() { return session.prompts.filter((p) => p.kind !== "closing"); }

function show(pos, tell = true) {
  const prompts = session.prompts;
  pos = Math.max(0, Math.min(prompts.length - 1, pos));
  const p = prompts[pos];
  session.current_index = p.index;
  const closing = prompts.filter((x) => x.kind === "closing");
  $("progress").textContent = p.kind === "closing"
    ? `Closing question ${closing.indexOf(p) + 1} of ${closing.length}`
    : `${p.kind === "follow_up" ? "Follow-up" : "Prompt"} ${asked().indexOf(p) + 1} of ${asked().length}${p.status === "skipped" ? " (skipped)" : ""}`;
  $("prompt-text").textContent = p.question;
  $("derived-note").hidden = p.kind !== "derived";
  $("found").hidden = !p.citations.length; $("probes-box").hidden = !p.probes.length;
  $("learning").replaceChildren(...p.citations.map((c) => el("li", {},
    el("p", { text: c.text }),
    el("a", { href: c.url, target: "_blank", rel: "noopener", text: `${c.document.title} › ${c.section} › ${c.label}` }))));
  $("probes").replaceChildren(...p.probes.map((t) => el("li", { text: t })));
  drawNotes();
  $("note").value = sessionStorage.getItem(draftKey()) || "";
  $("back").disabled = pos === 0; $("next").disabled = pos === prompts.length - 1;
  $("skip").disabled = pos === prompts.length - 1;
  $("prompt-text").focus();
  $("announce").textContent = `${$("progress").textContent}: ${p.question}`;
  if (tell) api("PATCH", `/api/reflections/${session.id}`, { current_index: p.index }).catch(() => {});
}
// a draft lives only as long as the tab (it has not been screened yet)
function draftKey() { return `reflect.draft.${session.id}.${session.current_index}`; }

function drawNotes() {
  const p = current();
  const queued = readQueue(session.id).filter((n) => n.prompt_index === p.index);
  $("notes").replaceChildren(
    ...p.notes.map(noteItem),
    ...queued.map((n) => el("li", { class: "pending", text: `${n.text} (not yet saved: it will be sent again)` })));
  $("actions").replaceChildren(...session.actions.map(actionItem));
}

function noteItem(n) {
  const li = el("li", {}, el("p", { text: n.text }));
  const edit = el("button", { type: "button", class: "link", text: "Edit" });
  const remove = el("button", { type: "button", class: "link", text: "Remove" });
  const toAction = el("button", { type: "button", class: "link", text: "Make this an action" });
  edit.addEventListener("click", () => editNote(n, li));
  remove.addEventListener("click", async () => {
    await api("DELETE", `/api/reflections/${session.id}/notes/${n.id}`).catch((e) => status(e.message));
    await reload(); status("Note removed.");
  });
  toAction.addEventListener("click", () => {
    $("action-text").value = n.text; $("action-note").value = String(n.id);
    $("action-text").focus(); status("Drafted an action from the note: add an owner, a date and how we will know.");
  });
  li.append(el("span", { class: "row-tools" }, edit, remove, toAction));
  if (n.follow_up) li.append(followUpBox(n));
  return li;
}

function followUpBox(n) {
  const f = n.follow_up;
  const box = el("div", { class: "follow-up", role: "note" },
    el("p", { class: "meta", text: "Reflect found related learning:" }),
    el("p", { text: f.text }),
    ...f.citations.map((c) => el("a", { href: c.url, target: "_blank", rel: "noopener", text: `[${c.n}] ${c.document.title} › ${c.section} › ${c.label}` })));
  if (f.status === "offered") {
    const take = el("button", { type: "button", text: "Take this up next" });
    const pass = el("button", { type: "button", class: "secondary", text: "Pass" });
    take.addEventListener("click", () => answerFollowUp(n, true));
    pass.addEventListener("click", () => answerFollowUp(n, false));
    box.append(el("div", { class: "row-tools" }, take, pass));
  } else {
    box.append(el("p", { class: "meta", text: f.status === "taken" ? "Taken up as a follow-up prompt." : "Passed." }));
  }
  return box;
}

async function answerFollowUp(n, take) {
  try {
    session = await api("POST", `/api/reflections/${session.id}/notes/${n.id}/follow-up`, { take });
    if (take) show(position(session.current_index), false); else drawNotes();
  } catch (err) { status(err.message); }
}

function editNote(n, li) {
  const box = el("textarea", { rows: "3", maxlength: "10000", "aria-label": "Edit the note" });
  box.value = n.text;
  const save = el("button", { type: "button", text: "Save" });
  const cancel = el("button", { type: "button", class: "secondary", text: "Cancel" });
  const why = el("p", { class: "error-text", role: "alert" });
  save.addEventListener("click", async () => {
    try {
      const saved = await api("PATCH", `/api/reflections/${session.id}/notes/${n.id}`, { text: box.value });
      redactionNotice(saved); await reload();
    } catch (err) { why.textContent = err.message; }
  });
  cancel.addEventListener("click", drawNotes);
  li.replaceChildren(box, save, cancel, why); box.focus();
}

function actionItem(a) {
  const text = [a.text, a.owner && `owner: ${a.owner}`, a.due && `due ${a.due}`, a.embedded && `embedded when: ${a.embedded}`].filter(Boolean).join(" · ");
  const remove = el("button", { type: "button", class: "link", text: "Remove" });
  const edit = el("button", { type: "button", class: "link", text: "Edit" });
  remove.addEventListener("click", async () => {
    await api("DELETE", `/api/reflections/${session.id}/actions/${a.id}`).catch((e) => status(e.message));
    await reload(); status("Action removed.");
  });
  edit.addEventListener("click", () => {
    $("action-text").value = a.text; $("action-owner").value = a.owner || "";
    $("action-due").value = a.due || ""; $("action-embedded").value = a.embedded || "";
    $("action-id").value = String(a.id); $("action-text").focus();
  });
  return el("li", {}, el("span", { text }), el("span", { class: "row-tools" }, edit, remove));
}

async function reload() {
  session = await api("GET", `/api/reflections/${session.id}`);
  drawNotes();
}

function status(text) { $("save-status").textContent = text; }
function redactionNotice(saved) {
  if (saved.privacy && saved.privacy.redacted.length) status("Saved. A name was replaced with [NAME]: Reflect does not keep names.");
}

// --- notes that are never lost, and never kept when refused ---
async function send(n) {
  const saved = await api("POST", `/api/reflections/${n.sid}/notes`, { prompt_index: n.prompt_index, text: n.text });
  if (session && n.sid === session.id) {
    const p = session.prompts.find((x) => x.index === n.prompt_index);
    if (p) p.notes.push(saved);
  }
  return saved;
}

// Try the queued notes in order; a refusal takes only that note out (back to the note box),
// a lost connection stops the round (the rest wait for the next).
async function flushQueue() {
  if (!session) return true;
  let refused = null;
  for (const n of readQueue(session.id)) {
    try {
      const saved = await send(n);
      writeQueue(session.id, readQueue(session.id).filter((x) => x.key !== n.key));
      redactionNotice(saved);
    } catch (err) {
      if (err.status >= 400 && err.status < 500 && err.status !== 429) {
        writeQueue(session.id, readQueue(session.id).filter((x) => x.key !== n.key));
        refused = { note: n, reason: err.message };
      } else {
        status("Not saved yet: the note is kept in this browser and will be sent again.");
        break;
      }
    }
  }
  drawNotes();
  if (refused) showRefused(refused.note, refused.reason);
  return readQueue(session.id).length === 0 && !refused;
}

function showRefused(n, reason) {
  if (n.prompt_index !== session.current_index) show(position(n.prompt_index));
  $("note").value = n.text;
  $("refused").hidden = false;
  $("refused-reason").textContent = `Not saved: ${reason}`;
  $("note").focus();
}
function clearRefused() { $("refused").hidden = true; $("refused-reason").textContent = ""; }

$("discard-note").addEventListener("click", () => {
  $("note").value = ""; sessionStorage.removeItem(draftKey()); clearRefused(); status("Note discarded.");
});

$("save-note").addEventListener("click", async () => {
  const text = $("note").value.trim();
  if (!text) { $("note").focus(); return; }
  clearRefused();
  const n = { key: `${Date.now()}-${Math.random()}`, sid: session.id, prompt_index: session.current_index, text };
  $("note").value = ""; sessionStorage.removeItem(draftKey());
  try {
    const saved = await send(n);
    drawNotes();
    status(saved.follow_up ? "Note saved. Reflect found related learning: see below the note." : "Note saved.");
    redactionNotice(saved);
    flushQueue();
  } catch (err) {
    if (err.status >= 400 && err.status < 500 && err.status !== 429) showRefused(n, err.message);
    else { writeQueue(session.id, [...readQueue(session.id), n]); drawNotes(); status("Not saved yet: the note is kept in this browser and will be sent again."); }
  }
});
$("note").addEventListener("input", () => sessionStorage.setItem(draftKey(), $("note").value));
window.addEventListener("online", flushQueue);

$("action-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = { text: $("action-text").value.trim() };
  if (!body.text) return;
  for (const [k, id] of [["owner", "action-owner"], ["due", "action-due"], ["embedded", "action-embedded"]]) if ($(id).value.trim()) body[k] = $(id).value.trim();
  const editing = $("action-id").value;
  if (!editing && $("action-note").value) body.note_id = Number($("action-note").value);
  try {
    const saved = editing
      ? await api("PATCH", `/api/reflections/${session.id}/actions/${editing}`, body)
      : await api("POST", `/api/reflections/${session.id}/actions`, body);
    e.target.reset(); $("action-id").value = ""; $("action-note").value = "";
    await reload(); status(editing ? "Action updated." : "Action recorded."); redactionNotice(saved);
  } catch (err) { status(err.message); }
});

// --- navigation ---
$("next").addEventListener("click", () => show(position(session.current_index) + 1));
$("skip").addEventListener("click", async () => {
  const p = current();
  try { session = await api("PATCH", `/api/reflections/${session.id}/prompts/${p.index}`, { status: "skipped" }); } catch (err) { status(err.message); }
  show(position(p.index) + 1);
});
$("back").addEventListener("click", () => show(position(session.current_index) - 1));
document.addEventListener("keydown", (e) => {
  if (!session || $("meeting").hidden) return;
  if (e.target.closest("input, textarea, select, [contenteditable]")) return;
  if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); show(position(session.current_index) + 1); }
  if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); show(position(session.current_index) - 1); }
});

// --- the meeting's clock: kept on the server, so every screen and a resumed session agree ---
function setClock(t) {
  clockBase = { elapsed: t.elapsed_seconds, running: t.running, at: Date.now() };
  $("timer-toggle").textContent = t.running ? "Pause timer" : "Start timer";
  clearInterval(tick);
  drawTimer();
  if (t.running) tick = setInterval(drawTimer, 1000);
}
function drawTimer() {
  const elapsed = clockBase.elapsed + (clockBase.running ? (Date.now() - clockBase.at) / 1000 : 0);
  const left = Math.round(session.timer_minutes * 60 - elapsed);
  const m = Math.floor(Math.max(left, 0) / 60), s = Math.max(left, 0) % 60;
  $("timer").textContent = `${m}:${String(s).padStart(2, "0")}`;
  $("timer").classList.toggle("over", left <= 0);
  if (left === 0) $("announce").textContent = "Time is up.";
}
async function timer(action) {
  try { session = await api("PATCH", `/api/reflections/${session.id}`, { timer: action }); setClock(session.timer); }
  catch (err) { status(err.message); }
}
$("timer-toggle").addEventListener("click", () => timer(clockBase.running ? "pause" : "start"));
$("timer-reset").addEventListener("click", () => timer("reset"));

// --- the summary: per prompt the notes, follow-ups taken and actions, then what we will do ---
$("to-summary").addEventListener("click", async () => {
  await reload();
  const byNote = new Map(session.actions.filter((a) => a.note_id).map((a) => [a.note_id, a]));
  $("summary-prompts").replaceChildren(...session.prompts.filter((p) => p.notes.length || p.status === "skipped").map((p) => el("li", {},
    el("p", { class: "summary-q", text: `${p.kind === "follow_up" ? "Follow-up: " : ""}${p.question}${p.status === "skipped" ? " (skipped)" : ""}` }),
    el("ul", {}, ...p.notes.map((n) => el("li", { text: [n.text, n.follow_up && n.follow_up.status === "taken" ? "(follow-up taken up)" : "", byNote.has(n.id) ? "(became an action)" : ""].filter(Boolean).join(" ") }))))));
  $("summary-actions").replaceChildren(...(session.actions.length ? session.actions.map((a) => el("li", { text: [a.text, a.owner && `owner: ${a.owner}`, a.due && `by ${a.due}`, a.embedded && `we will know when: ${a.embedded}`].filter(Boolean).join(" · ") })) : [el("li", { text: "No actions recorded yet." })]));
  $("meeting").hidden = true; $("summary").hidden = false; $("summary-title").focus();
});
$("back-to-meeting").addEventListener("click", () => { $("summary").hidden = true; $("meeting").hidden = false; show(position(session.current_index), false); });
for (const [id, format, name] of [["export-md", "md", "md"], ["export-docx", "docx", "docx"], ["export-html", "html", "html"]]) {
  document.querySelectorAll(`[data-export="${format}"]`).forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault();
    window.Reflect.download(`/api/reflections/${session.id}/export?format=${format}`, `reflection-${session.id}.${name}`, format === "html").catch((err) => status(err.message));
  }));
}
$("copy-share").addEventListener("click", () => { navigator.clipboard && navigator.clipboard.writeText($("share-link").value); });

const resume = new URLSearchParams(location.search).get("session");
if (resume) api("GET", `/api/reflections/${encodeURIComponent(resume)}`).then(open).catch(listSessions);
else listSessions();
