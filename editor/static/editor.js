// consent edit: the form and the JSON view of one policy, kept in step;
// every change is checked by the CLI behind the page (the Go validator of
// `consent validate`) and, once valid, shown in the preview frame. This
// script draws and forwards; Go decides what is valid.
import { el, nextId, sel, api } from "./dom.js";
import { state, hooks, drawForm, languages } from "./form.js";

const $ = (id) => document.getElementById(id);

let parses = true; // whether the JSON view parses
let findings = [];
let previewVersion = 0;
let savedText = null; // the text in the file, as far as the page knows

// ------------------------------------------------------------ keeping in step

let checkTimer = 0;
// changed: the form changed state.doc; the JSON view follows.
function changed() {
  $("json").value = JSON.stringify(state.doc, null, 2) + "\n";
  parses = true;
  scheduleCheck();
}

// the JSON view changed: the form follows when it parses.
function jsonEdited() {
  const t = $("json").value;
  try {
    state.doc = JSON.parse(t);
    parses = true;
  } catch {
    parses = false;
  }
  $("form-blocked").hidden = parses;
  $("form-fields").disabled = !parses;
  if (parses) drawForm();
  scheduleCheck();
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 250);
}

let checking = 0;
async function runCheck() {
  const mine = ++checking;
  const r = await fetch(api("api/check"), { method: "POST", headers: { "Content-Type": "application/json" }, body: $("json").value });
  const c = await r.json();
  if (mine !== checking) return; // a newer check is under way
  findings = c.findings || [];
  showFindings();
  if (c.valid && c.preview && c.preview !== previewVersion) {
    previewVersion = c.preview;
    reloadPreview();
  } else if (!c.valid && (previewVersion !== 0 || !$("preview").getAttribute("src"))) {
    previewVersion = 0;
    reloadPreview(true);
  }
}

// ------------------------------------------------------------ problems

function showFindings() {
  for (const e of document.querySelectorAll(".err")) e.remove();
  for (const e of document.querySelectorAll("[aria-invalid]")) {
    e.removeAttribute("aria-invalid");
    e.removeAttribute("aria-describedby");
  }
  const list = $("problems");
  const jlist = $("json-problems");
  list.replaceChildren();
  jlist.replaceChildren();
  const errors = findings.filter((f) => !f.warning).length;
  $("problems-none").textContent = findings.length === 0 ? "No problems: the policy is valid." : errors ? errors + " problem" + (errors > 1 ? "s" : "") + ": the policy does not validate." : "Valid, with warnings.";
  for (const f of findings) {
    const where = f.pointer || "/";
    const kind = f.warning ? "warning: " : "";
    const msg = kind + f.message;
    list.append(el("li", {}, el("code", { text: where }), ": " + msg, " ",
      el("button", { type: "button", text: "Show", "aria-label": "Show " + where, onclick: () => showAt(f) })));
    jlist.append(el("li", { "data-line": f.line }, "Line " + f.line + ", column " + f.column + ": " + msg, " ",
      el("button", { type: "button", text: "Go to line " + f.line, onclick: () => goToLine(f) })));
    const box = fieldFor(f.pointer);
    if (box) {
      const id = nextId("e");
      box.append(el("p", { id, class: f.warning ? "err warning" : "err", text: msg }));
      const input = box.querySelector("input, select, textarea");
      if (input && !f.warning) input.setAttribute("aria-invalid", "true");
      if (input) input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
    }
  }
}

// fieldFor returns the form's element for a pointer, or its nearest
// ancestor's.
function fieldFor(pointer) {
  let p = pointer || "";
  while (p) {
    const e = document.querySelector("#form " + sel(p));
    if (e) return e;
    p = p.replace(/\/[^/]*$/, "");
  }
  return null;
}

function showAt(f) {
  if (!$("form-view").hidden) {
    const box = fieldFor(f.pointer);
    const input = box && box.querySelector("input, select, textarea, button");
    if (input) {
      for (let d = input.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
      input.focus();
      return;
    }
  }
  showView("json");
  goToLine(f);
}

function goToLine(f) {
  const ta = $("json");
  const lines = ta.value.split("\n");
  let off = 0;
  for (let i = 0; i < f.line - 1 && i < lines.length; i++) off += lines[i].length + 1;
  off += Math.max(0, f.column - 1);
  ta.focus();
  ta.setSelectionRange(off, off);
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
  ta.scrollTop = Math.max(0, (f.line - 3) * lh);
}

// ------------------------------------------------------------ views

function showView(which) {
  $("form-view").hidden = which !== "form";
  $("json-view").hidden = which !== "json";
  $("show-form").setAttribute("aria-pressed", String(which === "form"));
  $("show-json").setAttribute("aria-pressed", String(which === "json"));
}

// ------------------------------------------------------------ preview

function drawLanguages() {
  const s = $("pv-lang");
  const cur = s.value;
  s.replaceChildren(...languages().map((l) => el("option", { value: l, text: l })));
  if (languages().includes(cur)) s.value = cur;
}

let loaded = null;
// reloadPreview loads the sample page with the latest valid policy, or
// (invalid) a note that the policy does not validate.
function reloadPreview(invalid) {
  const q = new URLSearchParams({ v: String(previewVersion), lang: $("pv-lang").value || languages()[0], theme: $("pv-theme").value });
  if (invalid === true) q.set("invalid", "1");
  const f = $("preview");
  loaded = new Promise((resolve) => f.addEventListener("load", resolve, { once: true }));
  f.src = api("preview?" + q);
  $("gates").replaceChildren();
  return loaded;
}

async function previewConsent() {
  await loaded;
  const w = $("preview").contentWindow;
  if (!w.consent) throw new Error("the preview has no banner: the policy does not validate yet, or there is no web build");
  await w.consent.ready;
  return w;
}

async function act(fn) {
  try {
    await fn(await previewConsent());
  } catch (e) {
    $("status").textContent = e.message;
  }
}

function showGates(w) {
  const ul = $("gates");
  ul.replaceChildren();
  for (const li of w.document.querySelectorAll("[data-gate]")) {
    const c = li.dataset.category;
    const s = li.dataset.service;
    const open = s ? w.consent.accepted(c, s) : w.consent.accepted(c);
    const what = s ? "service " + s : "category " + c;
    ul.append(el("li", { "data-gate": li.id, "data-state": open ? "open" : "closed", text: what + ": " + (open ? "opens" : "stays closed") }));
  }
}

function scrollPreview(id) {
  return act(async (w) => {
    const e = w.document.getElementById(id);
    if (e) e.scrollIntoView();
  });
}

// ------------------------------------------------------------ save

async function save() {
  clearTimeout(checkTimer);
  $("status").textContent = "Saving…";
  const sent = $("json").value;
  const r = await fetch(api("api/save"), { method: "POST", headers: { "Content-Type": "application/json" }, body: sent });
  const a = await r.json();
  if (r.ok) {
    savedText = sent;
    $("status").textContent = "Saved to " + a.path + (a.backup ? "; the previous version is in " + a.backup : "") + ".";
    return;
  }
  if (a.findings) {
    findings = a.findings;
    showFindings();
    const n = a.findings.filter((f) => !f.warning).length;
    $("status").textContent = "Not saved: the policy has " + n + " problem" + (n > 1 ? "s" : "") + ".";
    return;
  }
  $("status").textContent = "Not saved: " + (a.error || r.statusText);
}

// ------------------------------------------------------------ start

async function start() {
  state.info = await (await fetch(api("api/policy"))).json();
  $("file-path").textContent = state.info.path;
  if (state.info.notes.length) {
    const n = $("notes");
    n.hidden = false;
    n.className = "notice";
    n.append(el("p", { text: "Notes on where this policy came from:" }), el("ul", {}, ...state.info.notes.map((t) => el("li", { text: t }))));
  }
  $("json").value = state.info.text;
  savedText = state.info.text;
  // leaving with unsaved changes asks first
  addEventListener("beforeunload", (e) => {
    if ($("json").value !== savedText) e.preventDefault();
  });
  $("show-form").addEventListener("click", () => showView("form"));
  $("show-json").addEventListener("click", () => showView("json"));
  $("json").addEventListener("input", () => {
    clearTimeout(jsonEdited.t);
    jsonEdited.t = setTimeout(jsonEdited, 200);
  });
  $("save").addEventListener("click", save);
  $("pv-lang").addEventListener("change", () => reloadPreview(previewVersion === 0));
  $("pv-theme").addEventListener("change", () => reloadPreview(previewVersion === 0));
  $("pv-width").addEventListener("change", () => $("preview").classList.toggle("phone", $("pv-width").value === "phone"));
  $("pv-banner").addEventListener("click", () => act((w) => w.consent.show()));
  $("pv-prefs").addEventListener("click", () => act((w) => w.consent.showPreferences()));
  $("pv-placeholder").addEventListener("click", () => scrollPreview("embed"));
  $("pv-declaration").addEventListener("click", () => scrollPreview("declaration"));
  $("pv-reject").addEventListener("click", async () => {
    await reloadPreview(previewVersion === 0);
    await act(async (w) => {
      await w.consent.rejectAll();
      await new Promise((r) => setTimeout(r, 0));
      showGates(w);
    });
  });
  $("pv-accept").addEventListener("click", async () => {
    await reloadPreview(previewVersion === 0);
    await act(async (w) => {
      await w.consent.acceptAll();
      await new Promise((r) => setTimeout(r, 0));
      showGates(w);
    });
  });
  jsonEdited();
  drawLanguages();
  if (!state.info.web) $("status").textContent = "No web build: the preview needs one (make build, or --web DIR).";
}

hooks.changed = changed;
hooks.drawn = () => {
  showFindings();
  drawLanguages();
};
start();
