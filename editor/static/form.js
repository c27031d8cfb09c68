// The policy form: a labelled control for every field of the policy, bound
// to its JSON pointer (data-ptr, data-input-for) so that the problems the
// server finds can be shown where they are. It edits state.doc in place
// and tells hooks.changed; it decides nothing about validity.
import { el, sel, ptr, setOrDelete, numberOr, ensureArray, ensureObject, dropEmpty, nextId, api } from "./dom.js";

const $ = (id) => document.getElementById(id);

// state is shared with the page: the policy being edited, what the server
// started with, the built-in texts fetched so far.
export const state = { doc: {}, info: null, builtin: {} };

// hooks are the page's: changed after every edit, drawn after every redraw.
export const hooks = { changed() {}, drawn() {} };

// ------------------------------------------------------------ fields

// field is a labelled input bound to a pointer.
function field(label, pointer, value, onInput, opts = {}) {
  const id = nextId("f");
  const input = el(opts.multiline ? "textarea" : "input", {
    id,
    type: opts.multiline ? undefined : opts.type || "text",
    placeholder: opts.placeholder,
    inputmode: opts.inputmode,
    rows: opts.multiline ? 2 : undefined,
    "data-input-for": pointer,
  });
  input.value = value === undefined || value === null ? "" : String(value);
  input.addEventListener("input", () => {
    onInput(input.value);
    hooks.changed();
  });
  // what other parts of the form show (languages, ids) redraws the form
  // once the field is left
  if (opts.redraw) input.addEventListener("change", () => setTimeout(redrawKeepingFocus, 0));
  return el("div", { class: "field", "data-ptr": pointer }, el("label", { for: id, text: label }), input);
}

function checkbox(label, pointer, checked, onChange) {
  const id = nextId("c");
  const input = el("input", { id, type: "checkbox", "data-input-for": pointer });
  input.checked = !!checked;
  input.addEventListener("change", () => {
    onChange(input.checked);
    hooks.changed();
  });
  return el("div", { class: "check", "data-ptr": pointer }, input, el("label", { for: id, text: label }));
}

function select(label, pointer, value, options, onChange) {
  const id = nextId("s");
  const s = el("select", { id, "data-input-for": pointer });
  for (const [v, text] of options) s.append(el("option", { value: v, text }));
  const known = options.some(([v]) => v === (value ?? ""));
  if (!known) s.append(el("option", { value: String(value), text: String(value) }));
  s.value = value ?? "";
  s.addEventListener("change", () => {
    onChange(s.value);
    hooks.changed();
  });
  return el("div", { class: "field", "data-ptr": pointer }, el("label", { for: id, text: label }), s);
}

export const languages = () => (Array.isArray(state.doc.languages) && state.doc.languages.length ? state.doc.languages.filter((l) => typeof l === "string") : ["en"]);

// text edits a Text: one string for every language, or one per language
// of the policy.
function text(label, base, obj, key, opts = {}) {
  const pointer = ptr(base, key);
  const v = obj[key];
  const box = el("div", { class: "field", "data-ptr": pointer });
  if (typeof v === "string" || (v !== undefined && (typeof v !== "object" || v === null))) {
    box.append(field(label + " (every language)", pointer, v, (s) => setOrDelete(obj, key, s), opts));
    return box;
  }
  for (const lang of languages()) {
    box.append(
      field(label + " (" + lang + ")", ptr(pointer, lang), v ? v[lang] : "", (s) => {
        const t = obj[key] && typeof obj[key] === "object" ? obj[key] : {};
        setOrDelete(t, lang, s);
        if (Object.keys(t).length) obj[key] = t;
        else delete obj[key];
      }, opts),
    );
  }
  return box;
}

// list draws the items of the policy's array arr with move up, move down and
// remove buttons, and an add button.
function list(container, name, arr, base, drawItem, make) {
  arr.forEach((item, i) => {
    const fs = el("fieldset", { "data-ptr": ptr(base, i) });
    const title = name + " " + (i + 1) + (item && item.id ? ": " + item.id : item && (item.name || item.pattern) ? ": " + (item.name || item.pattern) : "");
    fs.append(el("legend", { text: title }));
    drawItem(fs, item, ptr(base, i), i);
    const which = name.toLowerCase() + " " + (i + 1);
    fs.append(
      el("div", { class: "row" },
        el("button", { type: "button", text: "Move up", "aria-label": "Move up " + which, disabled: i === 0, onclick: () => move(arr, i, -1, base) }),
        el("button", { type: "button", text: "Move down", "aria-label": "Move down " + which, disabled: i === arr.length - 1, onclick: () => move(arr, i, 1, base) }),
        el("button", { type: "button", text: "Remove", "aria-label": "Remove " + which, onclick: () => {
          arr.splice(i, 1);
          structural(ptr(base, Math.max(0, i - 1)));
        } }),
      ),
    );
    container.append(fs);
  });
  container.append(
    el("button", { type: "button", text: "Add " + name.toLowerCase(), "data-add": name, onclick: () => {
      arr.push(make());
      structural(ptr(base, arr.length - 1));
    } }),
  );
}

function move(arr, i, d, base) {
  const j = i + d;
  [arr[i], arr[j]] = [arr[j], arr[i]];
  structural(ptr(base, j));
}

// ------------------------------------------------------------ the form

function section(title, ...kids) {
  const id = nextId("h");
  return el("section", { class: "part", "aria-labelledby": id }, el("h3", { id, text: title }), ...kids);
}

export function drawForm() {
  const form = $("form");
  const open = [...form.querySelectorAll("details[open]")].map((d) => d.dataset.ptr);
  form.replaceChildren();
  if (!state.doc || typeof state.doc !== "object" || Array.isArray(state.doc)) {
    form.append(el("p", { class: "notice", text: "The policy is not a JSON object: edit it in the JSON view." }));
    return;
  }
  form.append(generalPart(), cookiePart(), categoriesPart(), servicesPart(), textsPart());
  for (const p of open) {
    const d = form.querySelector("details" + sel(p));
    if (d) d.open = true;
  }
  hooks.drawn();
}

function generalPart() {
  const cm = state.doc.consentMode && typeof state.doc.consentMode === "object" ? state.doc.consentMode : {};
  return section(
    "General",
    field("Revision (raise it to ask every visitor again)", "/revision", state.doc.revision, (s) => setOrDelete(state.doc, "revision", numberOr(s)), { inputmode: "numeric" }),
    field("Languages, the default first (comma separated)", "/languages", languages().join(", "), (s) => {
      const ls = s.split(",").map((x) => x.trim()).filter(Boolean);
      setOrDelete(state.doc, "languages", ls.length ? ls : undefined);
    }, { redraw: true }),
    field("Language cookie", "/languageCookie", state.doc.languageCookie, (s) => setOrDelete(state.doc, "languageCookie", s), { placeholder: "(none)" }),
    field("Cookie policy page (policyUrl)", "/policyUrl", state.doc.policyUrl, (s) => setOrDelete(state.doc, "policyUrl", s), { placeholder: "e.g. /cookie-policy.html" }),
    select("Global Privacy Control (gpc)", "/gpc", state.doc.gpc, [["", "reject (default)"], ["reject", "reject"], ["ignore", "ignore"]], (s) => setOrDelete(state.doc, "gpc", s)),
    select("Layout", "/layout", state.doc.layout, [["", "bar (default)"], ["bar", "bar"], ["box", "box"], ["center", "center"]], (s) => setOrDelete(state.doc, "layout", s)),
    select("Theme", "/theme", state.doc.theme, [["", "auto (default)"], ["auto", "auto"], ["light", "light"], ["dark", "dark"]], (s) => setOrDelete(state.doc, "theme", s)),
    select("Reopen", "/reopen", state.doc.reopen, [["", "button (default)"], ["button", "button"], ["none", "none"]], (s) => setOrDelete(state.doc, "reopen", s)),
    checkbox("Reload the page when a consent is withdrawn (reloadOnWithdraw)", "/reloadOnWithdraw", state.doc.reloadOnWithdraw, (c) => setOrDelete(state.doc, "reloadOnWithdraw", c || undefined)),
    field("Proof of consent: the consent log's URL", "/proof/url", state.doc.proof && state.doc.proof.url, (s) => {
      if (s) ensureObject(state.doc, "proof").url = s;
      else delete state.doc.proof;
    }, { placeholder: "(none)" }),
    checkbox("Consent Mode: ads_data_redaction", "/consentMode/adsDataRedaction", cm.adsDataRedaction, (c) => {
      setOrDelete(ensureObject(state.doc, "consentMode"), "adsDataRedaction", c || undefined);
      dropEmpty(state.doc, "consentMode");
    }),
    checkbox("Consent Mode: url_passthrough", "/consentMode/urlPassthrough", cm.urlPassthrough, (c) => {
      setOrDelete(ensureObject(state.doc, "consentMode"), "urlPassthrough", c || undefined);
      dropEmpty(state.doc, "consentMode");
    }),
  );
}

function cookiePart() {
  const cc = state.doc.consentCookie && typeof state.doc.consentCookie === "object" ? state.doc.consentCookie : {};
  const set = (key, v) => {
    setOrDelete(ensureObject(state.doc, "consentCookie"), key, v);
    dropEmpty(state.doc, "consentCookie");
  };
  return section(
    "The consent cookie",
    field("Name", "/consentCookie/name", cc.name, (s) => set("name", s), { placeholder: "cookies_preferences" }),
    field("Domain", "/consentCookie/domain", cc.domain, (s) => set("domain", s), { placeholder: "(this host only)" }),
    field("Path", "/consentCookie/path", cc.path, (s) => set("path", s), { placeholder: "/" }),
    select("SameSite", "/consentCookie/sameSite", cc.sameSite, [["", "Lax (default)"], ["Strict", "Strict"], ["Lax", "Lax"], ["None", "None"]], (s) => set("sameSite", s)),
    field("Lifetime in days (maxAgeDays, at most 395)", "/consentCookie/maxAgeDays", cc.maxAgeDays, (s) => set("maxAgeDays", numberOr(s)), { placeholder: "182", inputmode: "numeric" }),
  );
}

function categoriesPart() {
  const box = section("Categories");
  const cats = ensureArray(state.doc, "categories");
  list(box, "Category", cats, "/categories", (fs, c, base) => {
    fs.append(
      field("Id", ptr(base, "id"), c.id, (s) => setOrDelete(c, "id", s), { redraw: true }),
      checkbox("Required (always on)", ptr(base, "required"), c.required, (v) => setOrDelete(c, "required", v || undefined)),
      text("Label", base, c, "label"),
      text("Description", base, c, "description", { multiline: true }),
    );
    const g = el("fieldset", { "data-ptr": ptr(base, "googleConsentMode") }, el("legend", { text: "Consent Mode types it grants" }));
    const granted = Array.isArray(c.googleConsentMode) ? c.googleConsentMode : [];
    for (const t of state.info.consentModeTypes) {
      g.append(checkbox(t, ptr(base, "googleConsentMode"), granted.includes(t), (on) => {
        const now = (Array.isArray(c.googleConsentMode) ? c.googleConsentMode : []).filter((x) => x !== t);
        if (on) now.push(t);
        setOrDelete(c, "googleConsentMode", now.length ? state.info.consentModeTypes.filter((x) => now.includes(x)) : undefined);
      }));
    }
    fs.append(g);
  }, () => ({ id: "", label: {} }));
  return box;
}

function servicesPart() {
  const box = section("Services");
  const svcs = ensureArray(state.doc, "services");
  list(box, "Service", svcs, "/services", (fs, s, base) => {
    const cats = (Array.isArray(state.doc.categories) ? state.doc.categories : []).map((c) => c && c.id).filter(Boolean);
    fs.append(
      field("Id", ptr(base, "id"), s.id, (v) => setOrDelete(s, "id", v), { redraw: true }),
      select("Category", ptr(base, "category"), s.category, [["", "(choose)"], ...cats.map((c) => [c, c])], (v) => setOrDelete(s, "category", v)),
      field("Provider", ptr(base, "provider"), s.provider, (v) => setOrDelete(s, "provider", v)),
      text("Label", base, s, "label"),
      text("Function and location", base, s, "function"),
      text("Purpose", base, s, "purpose", { multiline: true }),
    );
    const cookies = el("div", { "data-ptr": ptr(base, "cookies") }, el("h4", { text: "Cookies of " + (s.id || "this service") }));
    list(cookies, "Cookie", ensureArray(s, "cookies"), ptr(base, "cookies"), (cfs, c, cbase) => {
      const kind = c.pattern !== undefined && c.name === undefined ? "pattern" : "name";
      cfs.append(
        select("Named by", cbase, kind, [["name", "its exact name"], ["pattern", "a pattern"]], (v) => {
          const cur = c.name ?? c.pattern ?? "";
          delete c.name;
          delete c.pattern;
          c[v] = cur;
          structural(ptr(cbase, v));
        }),
        kind === "name"
          ? field("Name", ptr(cbase, "name"), c.name, (v) => { c.name = v; })
          : field("Pattern (matched against the whole name)", ptr(cbase, "pattern"), c.pattern, (v) => { c.pattern = v; }, { placeholder: "e.g. _ga_.*" }),
        text("Duration", cbase, c, "duration"),
        text("Purpose", cbase, c, "purpose"),
        field("Domain", ptr(cbase, "domain"), c.domain, (v) => setOrDelete(c, "domain", v), { placeholder: "(this host)" }),
        select("Storage", ptr(cbase, "storage"), c.storage, [["", "cookie (default)"], ["cookie", "cookie"], ["localStorage", "localStorage"], ["sessionStorage", "sessionStorage"]], (v) => setOrDelete(c, "storage", v)),
      );
    }, () => ({ name: "" }));
    fs.append(cookies);
  }, () => ({ id: "", category: "", provider: "", cookies: [] }));
  return box;
}

function textsPart() {
  const box = section("Texts of the banner and the dialog");
  box.append(el("p", { text: "Empty fields show the built-in text, in grey." }));
  for (const lang of languages()) {
    const d = el("details", { "data-ptr": ptr("/texts", lang) }, el("summary", { text: "Texts in " + lang }));
    const table = state.doc.texts && state.doc.texts[lang] && typeof state.doc.texts[lang] === "object" ? state.doc.texts[lang] : {};
    for (const key of state.info.textKeys) {
      d.append(field(key, ptr(ptr("/texts", lang), key), table[key], (s) => {
        const t = ensureObject(ensureObject(state.doc, "texts"), lang);
        setOrDelete(t, key, s);
        dropEmpty(state.doc.texts, lang);
        dropEmpty(state.doc, "texts");
      }, { placeholder: (state.builtin[lang] || {})[key] || "" }));
    }
    box.append(d);
    loadBuiltin(lang);
  }
  return box;
}

async function loadBuiltin(lang) {
  if (state.builtin[lang]) return;
  state.builtin[lang] = {};
  const r = await fetch(api("api/texts?lang=" + encodeURIComponent(lang)));
  state.builtin[lang] = await r.json();
  for (const key of state.info.textKeys) {
    const input = document.querySelector('[data-input-for="' + CSS.escape(ptr(ptr("/texts", lang), key)) + '"]');
    if (input) input.placeholder = state.builtin[lang][key] || "";
  }
}

// structural: items were added, removed or moved: redraw the form and
// put the focus where the change is.
export function structural(focusPtr) {
  hooks.changed();
  drawForm();
  const target = document.querySelector(sel(focusPtr) + " input, " + sel(focusPtr) + " select, " + sel(focusPtr) + " textarea") ||
    document.querySelector(sel(focusPtr) + " button");
  if (target) target.focus();
}

// redrawKeepingFocus redraws the form and puts the focus back on the
// control that had it (the same field, else the same place in the form).
export function redrawKeepingFocus() {
  const form = $("form");
  const active = document.activeElement;
  const inForm = active && form.contains(active);
  const keep = inForm && active.dataset.inputFor;
  const controls = () => [...form.querySelectorAll("input, select, textarea, button, summary")];
  const at = inForm ? controls().indexOf(active) : -1;
  drawForm();
  if (!inForm) return;
  const again = (keep && form.querySelector('[data-input-for="' + CSS.escape(keep) + '"]')) || controls()[at];
  if (again) again.focus();
}
