// The presenter view: large type, read-only, following the facilitator (the server keeps the
// current prompt, so this page only reads it, every two seconds).
"use strict";

const $ = (id) => document.getElementById(id);
const { el, api } = window.Reflect;
const sid = $("present").dataset.session;
let shown = null;

async function follow() {
  try {
    const s = await api("GET", `/api/reflections/${sid}`);
    const p = s.prompts.find((x) => x.index === s.current_index) || s.prompts[0];
    const asked = s.prompts.filter((x) => x.kind !== "closing");
    const key = `${p.index}:${p.question}`;
    if (key !== shown) {
      shown = key;
      $("progress").textContent = p.kind === "closing" ? "Closing question" : `Prompt ${asked.indexOf(p) + 1} of ${asked.length}`;
      $("prompt-text").textContent = p.question;
      $("learning").replaceChildren(...p.citations.slice(0, 2).map((c) => el("li", { text: c.text })));
    }
    $("present-status").textContent = "Following the facilitator's screen.";
  } catch (err) {
    $("present-status").textContent = err.status === 404 ? "This session is not open to this browser: use the share link." : "Reconnecting…";
  }
}
follow();
setInterval(follow, 2000);
