// consent edit: the form and the JSON view of one policy, kept in step;
// every change is checked by the CLI behind the page (the Go validator of
// `consent validate`) and, once valid, shown in the preview frame. This
// script draws and forwards; Go decides what is valid.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const api = (p) => new URL(p, location.href).href;

  let info = null; // what the server started with (policyInfo)
  let doc = {}; // the policy as the form edits it
  let parses = true; // whether the JSON view parses
  let findings = [];
  let previewVersion = 0;
  let savedText = null; // the text in the file, as far as the page knows
  const builtin = {}; // lang -> built-in UI strings (placeholders)
  let uid = 0;
  const nextId = (p) => p + "-" + ++uid;

  // ------------------------------------------------------------ DOM helpers

  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    e.append(...kids.filter((k) => k !== null && k !== undefined));
    return e;
  };
  const sel = (p) => '[data-ptr="' + CSS.escape(p) + '"]';
  const ptr = (base, key) => base + "/" + String(key).replace(/~/g, "~0").replace(/\//g, "~1");

  // setOrDelete sets obj[key], or deletes it when v is "" or undefined.
  const setOrDelete = (obj, key, v) => {
    if (v === "" || v === undefined) delete obj[key];
    else obj[key] = v;
  };

  // numberOr keeps what is not an integer as text, for the validator to
  // name it.
  const numberOr = (s) => (s.trim() === "" ? undefined : /^-?\d+$/.test(s.trim()) ? Number(s) : s);

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
      changed();
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
      changed();
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
      changed();
    });
    return el("div", { class: "field", "data-ptr": pointer }, el("label", { for: id, text: label }), s);
  }

  const languages = () => (Array.isArray(doc.languages) && doc.languages.length ? doc.languages.filter((l) => typeof l === "string") : ["en"]);

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

  // list draws the items of doc-array arr with move up, move down and
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

  const ensureArray = (obj, key) => {
    if (!Array.isArray(obj[key])) obj[key] = [];
    return obj[key];
  };
  const ensureObject = (obj, key) => {
    if (!obj[key] || typeof obj[key] !== "object" || Array.isArray(obj[key])) obj[key] = {};
    return obj[key];
  };
  const dropEmpty = (obj, key) => {
    if (obj[key] && typeof obj[key] === "object" && !Object.keys(obj[key]).length) delete obj[key];
  };

  function section(title, ...kids) {
    const id = nextId("h");
    return el("section", { class: "part", "aria-labelledby": id }, el("h3", { id, text: title }), ...kids);
  }

  function drawForm() {
    const form = $("form");
    const open = [...form.querySelectorAll("details[open]")].map((d) => d.dataset.ptr);
    form.replaceChildren();
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
      form.append(el("p", { class: "notice", text: "The policy is not a JSON object: edit it in the JSON view." }));
      return;
    }
    form.append(generalPart(), cookiePart(), categoriesPart(), servicesPart(), textsPart());
    for (const p of open) {
      const d = form.querySelector("details" + sel(p));
      if (d) d.open = true;
    }
    showFindings();
  }

  function generalPart() {
    const cm = doc.consentMode && typeof doc.consentMode === "object" ? doc.consentMode : {};
    return section(
      "General",
      field("Revision (raise it to ask every visitor again)", "/revision", doc.revision, (s) => setOrDelete(doc, "revision", numberOr(s)), { inputmode: "numeric" }),
      field("Languages, the default first (comma separated)", "/languages", languages().join(", "), (s) => {
        const ls = s.split(",").map((x) => x.trim()).filter(Boolean);
        setOrDelete(doc, "languages", ls.length ? ls : undefined);
      }, { redraw: true }),
      field("Language cookie", "/languageCookie", doc.languageCookie, (s) => setOrDelete(doc, "languageCookie", s), { placeholder: "(none)" }),
      field("Cookie policy page (policyUrl)", "/policyUrl", doc.policyUrl, (s) => setOrDelete(doc, "policyUrl", s), { placeholder: "e.g. /cookie-policy.html" }),
      select("Global Privacy Control (gpc)", "/gpc", doc.gpc, [["", "reject (default)"], ["reject", "reject"], ["ignore", "ignore"]], (s) => setOrDelete(doc, "gpc", s)),
      select("Layout", "/layout", doc.layout, [["", "bar (default)"], ["bar", "bar"], ["box", "box"], ["center", "center"]], (s) => setOrDelete(doc, "layout", s)),
      select("Theme", "/theme", doc.theme, [["", "auto (default)"], ["auto", "auto"], ["light", "light"], ["dark", "dark"]], (s) => setOrDelete(doc, "theme", s)),
      select("Reopen", "/reopen", doc.reopen, [["", "button (default)"], ["button", "button"], ["none", "none"]], (s) => setOrDelete(doc, "reopen", s)),
      checkbox("Reload the page when a consent is withdrawn (reloadOnWithdraw)", "/reloadOnWithdraw", doc.reloadOnWithdraw, (c) => setOrDelete(doc, "reloadOnWithdraw", c || undefined)),
      field("Proof of consent: the consent log's URL", "/proof/url", doc.proof && doc.proof.url, (s) => {
        if (s) ensureObject(doc, "proof").url = s;
        else delete doc.proof;
      }, { placeholder: "(none)" }),
      checkbox("Consent Mode: ads_data_redaction", "/consentMode/adsDataRedaction", cm.adsDataRedaction, (c) => {
        setOrDelete(ensureObject(doc, "consentMode"), "adsDataRedaction", c || undefined);
        dropEmpty(doc, "consentMode");
      }),
      checkbox("Consent Mode: url_passthrough", "/consentMode/urlPassthrough", cm.urlPassthrough, (c) => {
        setOrDelete(ensureObject(doc, "consentMode"), "urlPassthrough", c || undefined);
        dropEmpty(doc, "consentMode");
      }),
    );
  }

  function cookiePart() {
    const cc = doc.consentCookie && typeof doc.consentCookie === "object" ? doc.consentCookie : {};
    const set = (key, v) => {
      setOrDelete(ensureObject(doc, "consentCookie"), key, v);
      dropEmpty(doc, "consentCookie");
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
    const cats = ensureArray(doc, "categories");
    list(box, "Category", cats, "/categories", (fs, c, base) => {
      fs.append(
        field("Id", ptr(base, "id"), c.id, (s) => setOrDelete(c, "id", s), { redraw: true }),
        checkbox("Required (always on)", ptr(base, "required"), c.required, (v) => setOrDelete(c, "required", v || undefined)),
        text("Label", base, c, "label"),
        text("Description", base, c, "description", { multiline: true }),
      );
      const g = el("fieldset", { "data-ptr": ptr(base, "googleConsentMode") }, el("legend", { text: "Consent Mode types it grants" }));
      const granted = Array.isArray(c.googleConsentMode) ? c.googleConsentMode : [];
      for (const t of info.consentModeTypes) {
        g.append(checkbox(t, ptr(base, "googleConsentMode"), granted.includes(t), (on) => {
          const now = (Array.isArray(c.googleConsentMode) ? c.googleConsentMode : []).filter((x) => x !== t);
          if (on) now.push(t);
          setOrDelete(c, "googleConsentMode", now.length ? info.consentModeTypes.filter((x) => now.includes(x)) : undefined);
        }));
      }
      fs.append(g);
    }, () => ({ id: "", label: {} }));
    return box;
  }

  function servicesPart() {
    const box = section("Services");
    const svcs = ensureArray(doc, "services");
    list(box, "Service", svcs, "/services", (fs, s, base) => {
      const cats = (Array.isArray(doc.categories) ? doc.categories : []).map((c) => c && c.id).filter(Boolean);
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
      const table = doc.texts && doc.texts[lang] && typeof doc.texts[lang] === "object" ? doc.texts[lang] : {};
      for (const key of info.textKeys) {
        d.append(field(key, ptr(ptr("/texts", lang), key), table[key], (s) => {
          const t = ensureObject(ensureObject(doc, "texts"), lang);
          setOrDelete(t, key, s);
          dropEmpty(doc.texts, lang);
          dropEmpty(doc, "texts");
        }, { placeholder: (builtin[lang] || {})[key] || "" }));
      }
      box.append(d);
      loadBuiltin(lang);
    }
    return box;
  }

  async function loadBuiltin(lang) {
    if (builtin[lang]) return;
    builtin[lang] = {};
    const r = await fetch(api("api/texts?lang=" + encodeURIComponent(lang)));
    builtin[lang] = await r.json();
    for (const key of info.textKeys) {
      const input = document.querySelector('[data-input-for="' + CSS.escape(ptr(ptr("/texts", lang), key)) + '"]');
      if (input) input.placeholder = builtin[lang][key] || "";
    }
  }

  // ------------------------------------------------------------ keeping in step

  let checkTimer = 0;
  // changed: the form changed doc; the JSON view follows.
  function changed() {
    $("json").value = JSON.stringify(doc, null, 2) + "\n";
    parses = true;
    scheduleCheck();
  }

  // structural: items were added, removed or moved: redraw the form and
  // put the focus where the change is.
  function structural(focusPtr) {
    changed();
    drawForm();
    const target = document.querySelector(sel(focusPtr) + " input, " + sel(focusPtr) + " select, " + sel(focusPtr) + " textarea") ||
      document.querySelector(sel(focusPtr) + " button");
    if (target) target.focus();
  }

  // redrawKeepingFocus redraws the form and puts the focus back on the
  // control that had it (the same field, else the same place in the form).
  function redrawKeepingFocus() {
    const form = $("form");
    const active = document.activeElement;
    const inForm = active && form.contains(active);
    const keep = inForm && active.dataset.inputFor;
    const controls = () => [...form.querySelectorAll("input, select, textarea, button, summary")];
    const at = inForm ? controls().indexOf(active) : -1;
    drawForm();
    drawLanguages();
    if (!inForm) return;
    const again = (keep && form.querySelector('[data-input-for="' + CSS.escape(keep) + '"]')) || controls()[at];
    if (again) again.focus();
  }

  // the JSON view changed: the form follows when it parses.
  function jsonEdited() {
    const t = $("json").value;
    try {
      doc = JSON.parse(t);
      parses = true;
    } catch {
      parses = false;
    }
    $("form-blocked").hidden = parses;
    $("form-fields").disabled = !parses;
    if (parses) {
      drawForm();
      drawLanguages();
    }
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
    info = await (await fetch(api("api/policy"))).json();
    $("file-path").textContent = info.path;
    if (info.notes.length) {
      const n = $("notes");
      n.hidden = false;
      n.className = "notice";
      n.append(el("p", { text: "Notes on where this policy came from:" }), el("ul", {}, ...info.notes.map((t) => el("li", { text: t }))));
    }
    $("json").value = info.text;
    savedText = info.text;
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
    if (!info.web) $("status").textContent = "No web build: the preview needs one (make build, or --web DIR).";
  }

  start();
})();
