// Reflect team-meeting view. Every note is kept in localStorage until the server has
// acknowledged it, so nothing typed is lost to a dropped connection or a closed tab.
"use strict";

const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
const PENDING = "reflect.pending.v1";
let session = null;
let timer = { left: 0, running: false, handle: null };



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
  if (source === "document") body.document_id = $("document").value; else body.theme = $("theme").value;
  try { open(await api("POST", "/api/reflections", body)); }
  catch (err) { $("start-error").textContent = err.message; }
});

async function listSessions() {
  const data = await api("GET", "/api/reflections").catch(() => ({ reflections: [] }));
  $("sessions").replaceChildren(...data.reflections.map((s) => {
    const b = el("button", { type: "button", class: "secondary", text: `Resume: ${s.title} (${s.audience}, ${s.created.slice(0, 10)}, ${s.notes} notes)` });
    b.addEventListener("click", async () => open(await api("GET", `/api/reflections/${s.id}`)));
    return el("li", {}, b);
  }));
}

async function open(s) {
  session = s;
  history.replaceState(null, "", `/reflect?session=${s.id}`);
  $("setup").hidden = true; $("meeting").hidden = false;
  $("meeting-title").textContent = `${s.title} · for ${s.audience}`;
  for (const f of ["md", "docx", "html"]) $(`export-${f}`).href = `/api/reflections/${s.id}/export?format=${f}`;
  timer.left = s.timer_minutes * 60; drawTimer();
  await flushPending();  // notes kept from an earlier visit go in before the prompt is drawn
  show(s.current_index || 0);
}

// --- one prompt at a time ---
function show(index) {
  const prompts = session.prompts;
  index = Math.max(0, Math.min(prompts.length - 1, index));
  session.current_index = index;
  const p = prompts[index];
  $("progress").textContent = p.kind === "closing" ? `Closing question ${index - firstClosing() + 1} of 3` : `Prompt ${index + 1} of ${firstClosing()}`;
  $("prompt-text").textContent = p.question;
  $("derived-note").hidden = p.kind !== "derived";
  $("found").hidden = !p.citations.length; $("probes-box").hidden = !p.probes.length;
  $("learning").replaceChildren(...p.citations.map((c) => el("li", {},
    el("p", { text: c.text }),
    el("a", { href: c.url, target: "_blank", rel: "noopener", text: `${c.document.title} › ${c.section} › ${c.label}` }))));
  $("probes").replaceChildren(...p.probes.map((t) => el("li", { text: t })));
  drawNotes();
  $("note").value = localStorage.getItem(draftKey()) || "";
  $("back").disabled = index === 0; $("next").disabled = index === prompts.length - 1; $("skip").disabled = index === prompts.length - 1;
  $("prompt-text").focus();
  $("announce").textContent = `${$("progress").textContent}: ${p.question}`;
  api("PATCH", `/api/reflections/${session.id}`, { current_index: index }).catch(() => {});
}
function firstClosing() { return session.prompts.findIndex((p) => p.kind === "closing"); }
function draftKey() { return `reflect.draft.${session.id}.${session.current_index}`; }

function drawNotes() {
  const p = session.prompts[session.current_index];
  const pending = readPending().filter((n) => n.sid === session.id && n.prompt_index === p.index);
  $("notes").replaceChildren(
    ...p.notes.map((n) => el("li", { text: n.text })),
    ...pending.map((n) => el("li", { class: "pending", text: `${n.text} (not yet saved)` })));
  $("actions").replaceChildren(...session.actions.map((a) => el("li", { text: [a.text, a.owner && `owner: ${a.owner}`, a.due && `due ${a.due}`, a.embedded && `embedded when: ${a.embedded}`].filter(Boolean).join(" · ") })));
}

// --- notes that are never lost ---
function readPending() { try { return JSON.parse(localStorage.getItem(PENDING)) || []; } catch { return []; } }
function writePending(list) { localStorage.setItem(PENDING, JSON.stringify(list)); }

async function flushPending() {
  let list = readPending();
  for (const n of [...list]) {
    try {
      const saved = await api("POST", `/api/reflections/${n.sid}/notes`, { prompt_index: n.prompt_index, text: n.text });
      list = readPending().filter((x) => x.key !== n.key); writePending(list);
      if (session && n.sid === session.id) session.prompts[n.prompt_index].notes.push(saved);
    } catch (err) {
      $("save-status").textContent = "Not saved yet: your note is kept on this computer and will be sent again.";
      break;
    }
  }
  if (session) drawNotes();
  return readPending().length === 0;
}

$("save-note").addEventListener("click", async () => {
  const text = $("note").value.trim();
  if (!text) { $("note").focus(); return; }
  writePending([...readPending(), { key: `${Date.now()}-${Math.random()}`, sid: session.id, prompt_index: session.current_index, text }]);
  $("note").value = ""; localStorage.removeItem(draftKey());
  drawNotes();
  if (await flushPending()) $("save-status").textContent = "Note saved.";
});
$("note").addEventListener("input", () => localStorage.setItem(draftKey(), $("note").value));
window.addEventListener("online", flushPending);

$("action-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = { text: $("action-text").value.trim() };
  if (!body.text) return;
  for (const [k, id] of [["owner", "action-owner"], ["due", "action-due"], ["embedded", "action-embedded"]]) if ($(id).value.trim()) body[k] = $(id).value.trim();
  try {
    session.actions.push(await api("POST", `/api/reflections/${session.id}/actions`, body));
    e.target.reset(); drawNotes(); $("save-status").textContent = "Action recorded.";
  } catch (err) { $("save-status").textContent = err.message; }
});

// --- navigation ---
$("next").addEventListener("click", () => show(session.current_index + 1));
$("skip").addEventListener("click", () => show(session.current_index + 1));
$("back").addEventListener("click", () => show(session.current_index - 1));
document.addEventListener("keydown", (e) => {
  if (!session || $("meeting").hidden) return;
  if (e.target.closest("input, textarea, select, [contenteditable]")) return;
  if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); show(session.current_index + 1); }
  if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); show(session.current_index - 1); }
});

// --- timer (for the whole briefing) ---
function drawTimer() {
  const m = Math.floor(Math.max(timer.left, 0) / 60), s = Math.max(timer.left, 0) % 60;
  $("timer").textContent = `${m}:${String(s).padStart(2, "0")}`;
  $("timer").classList.toggle("over", timer.left <= 0);
}
$("timer-toggle").addEventListener("click", () => {
  timer.running = !timer.running;
  $("timer-toggle").textContent = timer.running ? "Pause timer" : "Start timer";
  clearInterval(timer.handle);
  if (timer.running) timer.handle = setInterval(() => {
    timer.left -= 1; drawTimer();
    if (timer.left === 0) $("announce").textContent = "Time is up.";
  }, 1000);
});
$("timer-reset").addEventListener("click", () => { timer.left = session.timer_minutes * 60; drawTimer(); });

const resume = new URLSearchParams(location.search).get("session");
if (resume) api("GET", `/api/reflections/${encodeURIComponent(resume)}`).then(open).catch(listSessions);
else flushPending().then(listSessions);
