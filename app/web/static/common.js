// Shared by the pages: build DOM nodes (text only ever via textContent) and call the API.
// A session or set opens only to those who hold its key: the creator's browser holds it in a
// cookie; a share link (#key=…) gives it to another browser, kept here and sent as a header.
"use strict";

const KEYS = "reflect.keys.v1";

function heldKeys() { try { return JSON.parse(localStorage.getItem(KEYS)) || []; } catch { return []; } }

(function keepSharedKey() {
  const m = location.hash.match(/(?:^#|&)key=([A-Za-z0-9_-]{16,64})/);
  if (!m) return;
  localStorage.setItem(KEYS, JSON.stringify([...heldKeys().filter((k) => k !== m[1]), m[1]].slice(-60)));
  history.replaceState(null, "", location.pathname + location.search);
})();

window.Reflect = {
  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  },
  headers() {
    const h = { "Content-Type": "application/json" };
    const keys = heldKeys();
    if (keys.length) h["X-Access-Key"] = keys.join(",");
    return h;
  },
  // Resolves with the JSON; rejects with an Error whose `status` is the HTTP status (0: no answer).
  async api(method, url, body) {
    let r;
    try { r = await fetch(url, { method, headers: window.Reflect.headers(), body: body ? JSON.stringify(body) : undefined }); }
    catch { const e = new Error("No connection to Reflect."); e.status = 0; throw e; }
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { const e = new Error((data.error && data.error.message) || "The request failed."); e.status = r.status; throw e; }
    return data;
  },
  // A download that carries the keys (a plain link could not).
  async download(url, name, open = false) {
    const r = await fetch(url, { headers: window.Reflect.headers() });
    if (!r.ok) throw new Error("The export failed.");
    const href = URL.createObjectURL(await r.blob());
    const a = document.createElement("a");
    a.href = href;
    if (open) a.target = "_blank"; else a.download = name;
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  },
};
