// ui.js — draws what Go decided: the banner, the preferences dialog, the
// cookie declaration and the placeholders of blocked embeds. It decides
// nothing: every click is reported through act(name, data), and Go answers
// with a new view. Data shapes: see the view, declaration and placeholder
// objects described in the project's docs (policy/view.go writes them).
//
// Rules kept here: no HTML from strings (createElement, textContent and
// setAttribute only), no style attributes (strict CSP; CSSOM only for a
// placeholder's size), every policy string treated as untrusted text, and
// nothing ever thrown at the caller.

const ccViews = ["banner", "preferences"];

// ccState is the UI's whole state: what is on screen and where focus goes.
const ccState = {
  root: null, // div#consent-root
  live: null, // the polite live region announcing the banner
  banner: null, // section#consent-banner while shown
  dialog: null, // dialog#consent-preferences while open
  release: null, // releases the focus trap
  fallback: null, // {backdrop, inerted: [elements]} when showModal is missing
  opener: null, // element focused before the dialog opened
  openerKey: "", // its data-cc-key when it belongs to the banner
  pendingKey: "", // focus this key in the next banner drawn soon
  pendingAt: 0,
  clickedKey: "", // the banner button clicked last (for focus return)
  clickedAt: 0,
  act: () => {},
  view: null,
  placeholders: new WeakMap(), // blocked element -> {box, hadHidden, onAccept}
  drawn: new WeakMap(), // switch input -> its state in Go's last view
};

// ccLog reports a drawing problem without ever throwing.
function ccLog(msg, err) {
  try {
    console.error("consent: " + msg, err);
  } catch (_) {
    /* no console */
  }
}

// ccText returns texts[key] as a string ("" when missing).
function ccText(texts, key) {
  return ccDom.str(texts[key]);
}

// ccNormView turns whatever arrived into a well-formed view.
function ccNormView(view) {
  let v = view;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch (_) {
      v = {};
    }
  }
  v = ccDom.obj(v);
  const str = ccDom.str;
  return {
    show: ccViews.includes(v.show) ? v.show : "",
    lang: str(v.lang),
    dir: str(v.dir),
    layout: str(v.layout),
    theme: str(v.theme),
    texts: ccNormTexts(v.texts),
    policyUrl: ccDom.safeHref(v.policyUrl),
    notice: str(v.notice),
    reopen: v.reopen === true,
    categories: ccNormCategories(v.categories, ccNormSwitch),
  };
}

function ccNormTexts(t) {
  const src = ccDom.obj(t);
  const out = Object.create(null);
  for (const k of Object.keys(src)) out[k] = ccDom.str(src[k]);
  return out;
}

// ccNormSwitch reads a switch as Go drew it (policy.Switch): checked,
// partly (indeterminate), disabled (always on) and its state in words.
function ccNormSwitch(o) {
  return {
    checked: o.checked === true,
    partly: o.partly === true,
    disabled: o.disabled === true,
    stateText: ccDom.str(o.stateText),
  };
}

// ccNormCategories normalises the view's categories and their services;
// state reads the fields of their switches. Entries without an id are
// dropped: they cannot be touched.
function ccNormCategories(list, state) {
  const str = ccDom.str;
  const out = [];
  for (const c0 of ccDom.arr(list)) {
    const c = ccDom.obj(c0);
    const id = str(c.id);
    if (id === "") continue;
    const services = [];
    for (const s0 of ccDom.arr(c.services)) {
      const s = ccDom.obj(s0);
      const sid = str(s.id);
      if (sid === "") continue;
      services.push({
        id: sid,
        label: str(s.label),
        provider: str(s.provider),
        function: str(s.function),
        purpose: str(s.purpose),
        ...state(s),
        cookies: ccDom.arr(s.cookies).map((k0) => {
          const k = ccDom.obj(k0);
          return { name: str(k.name), storage: str(k.storage), purpose: str(k.purpose), duration: str(k.duration) };
        }),
      });
    }
    out.push({
      id,
      label: str(c.label),
      description: str(c.description),
      ...state(c),
      services,
    });
  }
  return out;
}

// ccLater runs fn after ms, never throwing.
function ccLater(fn, ms) {
  setTimeout(() => {
    try {
      fn();
    } catch (e) {
      ccLog("deferred update failed", e);
    }
  }, ms);
}

// ccCallAct reports a visitor's action to the loader, never throwing.
function ccCallAct(name, data) {
  try {
    const r = ccState.act(name, data);
    if (r && typeof r.then === "function") r.then(undefined, (e) => ccLog("action " + name + " failed", e));
  } catch (e) {
    ccLog("action " + name + " failed", e);
  }
}

// ccEnsureRoot creates (once) the root element and applies the view's
// theme, layout, language and direction to it.
function ccEnsureRoot(v) {
  let r = ccState.root;
  if (!r || !r.isConnected) {
    r = document.getElementById("consent-root");
    if (!r) {
      r = ccDom.el("div", { id: "consent-root", class: "cc-root" });
      document.body.appendChild(r);
    }
    r.classList.add("cc-root");
    let live = r.querySelector(":scope > .cc-live");
    if (!live) {
      live = ccDom.el("div", { class: "cc-live cc-sr-only", "aria-live": "polite", "aria-atomic": "true" });
      r.insertBefore(live, r.firstChild);
    }
    ccState.root = r;
    ccState.live = live;
  }
  r.setAttribute("data-theme", v.theme);
  r.setAttribute("data-layout", v.layout);
  if (v.lang) r.setAttribute("lang", v.lang);
  else r.removeAttribute("lang");
  r.setAttribute("dir", v.dir);
  return r;
}

// ccKeyOf returns the data-cc-key of the focused element when it lies in
// container, else "".
function ccFocusedKey(container) {
  const a = ccFocus.active();
  if (!container || !a || !container.contains(a)) return "";
  const k = a.closest("[data-cc-key]");
  return k && container.contains(k) ? k.getAttribute("data-cc-key") || "" : "";
}

// ccFind returns the element in container whose data-cc-key is key.
function ccFind(container, key) {
  if (!container || !key) return null;
  for (const e of container.querySelectorAll("[data-cc-key]")) {
    if (e.getAttribute("data-cc-key") === key) return e;
  }
  return null;
}

// ccActionButton makes one of the equal-weight action buttons.
function ccActionButton(action, label) {
  return ccDom.el("button", {
    type: "button",
    class: "cc-btn",
    "data-consent-action": action,
    "data-cc-key": "action:" + action,
    text: label,
  });
}

// ccPolicyLink returns the link to the cookie policy, or null.
function ccPolicyLink(v) {
  const label = ccText(v.texts, "policyLink");
  if (!v.policyUrl || !label) return null;
  return ccDom.el("a", { class: "cc-link", href: v.policyUrl, "data-cc-key": "policy-link", text: label });
}

// ccNotice returns the status line; its text is set after insertion so
// screen readers announce it.
function ccNotice(v) {
  const p = ccDom.el("p", { class: "cc-notice", role: "status" });
  if (v.notice) {
    ccLater(() => {
      if (p.isConnected) p.textContent = v.notice;
    }, 150);
  }
  return p;
}

// ---------------------------------------------------------------- banner

function ccDrawBanner(v) {
  const root = ccState.root;
  const old = ccState.banner && ccState.banner.isConnected ? ccState.banner : null;
  const key = ccFocusedKey(old);
  const t = v.texts;
  const title = ccText(t, "bannerTitle");
  const text = ccText(t, "bannerText");
  const textId = "cc-banner-text";
  const link = ccPolicyLink(v);
  const b = ccDom.el(
    "section",
    {
      id: "consent-banner",
      class: "cc-banner",
      role: "region",
      "aria-label": title || null,
      "aria-describedby": textId,
    },
    ccDom.el(
      "div",
      { class: "cc-banner-inner" },
      ccDom.el(
        "div",
        { class: "cc-banner-body" },
        title ? ccDom.el("h2", { class: "cc-title", id: "cc-banner-title", text: title }) : null,
        ccDom.el("p", { class: "cc-text", id: textId }, text, link ? [text ? " " : "", link] : null),
        ccNotice(v),
      ),
      ccDom.el(
        "div",
        { class: "cc-actions" },
        ccActionButton("accept-all", ccText(t, "acceptAll")),
        ccActionButton("reject-all", ccText(t, "rejectAll")),
        ccActionButton("customize", ccText(t, "customize")),
      ),
    ),
  );
  b.addEventListener("click", (ev) => {
    const btn = ev.target instanceof Element ? ev.target.closest("[data-consent-action]") : null;
    if (!btn || !b.contains(btn)) return;
    const action = btn.getAttribute("data-consent-action");
    if (action !== "accept-all" && action !== "reject-all" && action !== "customize") return;
    // Safari does not focus a clicked button: remember which one it was.
    ccState.clickedKey = btn.getAttribute("data-cc-key") || "";
    ccState.clickedAt = Date.now();
    ccCallAct(action);
  });
  if (old) old.replaceWith(b);
  else root.appendChild(b);
  ccState.banner = b;

  // Keep focus where it was across a redraw (e.g. a language change), or
  // bring it back after the dialog opened from this banner closed.
  let want = key;
  if (!want && ccState.pendingKey && Date.now() - ccState.pendingAt < 5000) want = ccState.pendingKey;
  ccState.pendingKey = "";
  if (want) {
    const target = ccFind(b, want) || ccFind(b, "action:customize");
    ccFocus.focus(target);
  }
  if (!old) ccAnnounce([title, text].filter(Boolean).join(". "));
}

// ccAnnounce says msg politely through the root's live region, then
// clears it so the text is not found twice when reading the page.
function ccAnnounce(msg) {
  const live = ccState.live;
  if (!live || !msg) return;
  live.textContent = "";
  ccLater(() => {
    live.textContent = msg;
  }, 250);
  ccLater(() => {
    if (live.textContent === msg) live.textContent = "";
  }, 10000);
}

function ccRemoveBanner() {
  const b = ccState.banner;
  ccState.banner = null;
  if (b) ccDom.remove(b);
}

// ------------------------------------------------------------- switches

// ccSwitch makes a labelled switch: a real checkbox with role="switch"
// over a drawn track, and a visible On/Off text so the state never rests
// on colour alone. Its name (o.name, the category's or service's label,
// shown as the heading beside it) is the text of its own <label>, so the
// name holds even while the heading is scrolled out of the dialog's view
// (aria-labelledby to an off-screen heading is "no name" to some checkers).
function ccSwitch(o) {
  const input = ccDom.el("input", {
    type: "checkbox",
    role: "switch",
    class: "cc-switch-input",
    "data-category": o.kind === "category" ? o.id : null,
    "data-service": o.kind === "service" ? o.id : null,
    "data-cc-key": (o.kind === "category" ? "cat:" : "svc:") + o.id,
    "aria-describedby": o.describedby || null,
  });
  // Go's view, as drawn; a touch restores it until Go draws the next one.
  input.checked = o.sw.checked;
  input.defaultChecked = o.sw.checked;
  input.indeterminate = o.sw.partly;
  input.disabled = o.sw.disabled;
  ccState.drawn.set(input, o.sw);
  const label = ccDom.el(
    "label",
    { class: "cc-switch" },
    input,
    ccDom.el("span", { class: "cc-switch-track", "aria-hidden": "true" }, ccDom.el("span", { class: "cc-switch-thumb" })),
    ccDom.el("span", { class: "cc-switch-state", "aria-hidden": "true", text: o.sw.stateText }),
    o.name ? ccDom.el("span", { class: "cc-sr-only", text: o.name }) : null,
  );
  return label;
}

// ------------------------------------------------------ preferences dialog

function ccCategoryRow(c, v, expanded) {
  const t = v.texts;
  const labelId = "cc-cat-" + c.id + "-label";
  const descId = "cc-cat-" + c.id + "-desc";
  const panelId = "cc-cat-" + c.id + "-services";
  const row = ccDom.el("li", { class: "cc-cat", "data-cc-category": c.id });
  row.appendChild(
    ccDom.el(
      "div",
      { class: "cc-cat-head" },
      ccDom.el("h3", { class: "cc-cat-title", id: labelId, text: c.label }),
      ccSwitch({
        kind: "category",
        id: c.id,
        sw: c,
        name: c.label,
        describedby: c.description ? descId : null,
      }),
    ),
  );
  if (c.description) row.appendChild(ccDom.el("p", { class: "cc-cat-desc", id: descId, text: c.description }));
  if (c.services.length > 0) {
    const open = expanded.has(c.id);
    const btn = ccDom.el(
      "button",
      {
        type: "button",
        class: "cc-disclosure",
        "aria-expanded": open ? "true" : "false",
        "aria-controls": panelId,
        "aria-describedby": labelId,
        "data-cc-key": "disc:" + c.id,
        "data-cc-disclosure": c.id,
      },
      ccDom.el("span", { class: "cc-disclosure-icon", "aria-hidden": "true" }),
      ccDom.el("span", { class: "cc-disclosure-label", text: ccText(t, open ? "hideServices" : "showServices") }),
      ccDom.el("span", { class: "cc-count", text: " (" + c.services.length + ")" }),
    );
    const list = ccDom.el("ul", { class: "cc-svcs", role: "list" });
    for (const s of c.services) list.appendChild(ccServiceItem(s, c, v));
    row.appendChild(btn);
    row.appendChild(ccDom.el("div", { class: "cc-services", id: panelId, hidden: !open }, list));
  }
  return row;
}

function ccServiceItem(s, c, v) {
  const t = v.texts;
  const labelId = "cc-svc-" + s.id + "-label";
  const meta = ccDom.el("dl", { class: "cc-svc-meta" });
  const add = (key, value) => {
    if (!value) return;
    meta.appendChild(
      ccDom.el("div", { class: "cc-meta-row" }, ccDom.el("dt", { text: ccText(t, key) }), ccDom.el("dd", {}, value)),
    );
  };
  add("colProvider", s.provider);
  add("colFunction", s.function);
  add("colPurpose", s.purpose);
  if (s.cookies.length > 0) add("colCookies", ccCookieList(s.cookies, t));
  return ccDom.el(
    "li",
    { class: "cc-svc" },
    ccDom.el(
      "div",
      { class: "cc-svc-head" },
      ccDom.el("h4", { class: "cc-svc-title", id: labelId, text: s.label }),
      ccSwitch({ kind: "service", id: s.id, sw: s, name: s.label }),
    ),
    meta,
  );
}

// ccCookieList lists cookie names with their purpose and duration.
function ccCookieList(cookies, t) {
  const ul = ccDom.el("ul", { class: "cc-cookies", role: "list" });
  for (const k of cookies) {
    const li = ccDom.el("li", { class: "cc-cookie" }, ccDom.el("code", { class: "cc-cookie-name", text: k.name }));
    if (k.storage) li.appendChild(ccDom.el("span", { class: "cc-cookie-storage", text: " (" + k.storage + ")" }));
    if (k.purpose) li.appendChild(ccDom.el("span", { class: "cc-cookie-purpose", text: " \u2013 " + k.purpose }));
    if (k.duration) {
      const label = ccText(t, "colDuration");
      li.appendChild(ccDom.el("span", { class: "cc-cookie-duration", text: " (" + (label ? label + ": " : "") + k.duration + ")" }));
    }
    ul.appendChild(li);
  }
  return ul;
}

// ccFillDialog (re)draws the dialog's contents from v (every switch as Go
// drew it: Go holds the unsaved choice), keeping the open disclosures, the
// scroll position and the focus.
function ccFillDialog(d, v) {
  const key = ccFocusedKey(d);
  const expanded = new Set();
  for (const b of d.querySelectorAll("[data-cc-disclosure][aria-expanded='true']")) {
    expanded.add(b.getAttribute("data-cc-disclosure"));
  }
  const oldBody = d.querySelector(".cc-prefs-body");
  const scroll = oldBody ? oldBody.scrollTop : 0;

  const t = v.texts;
  const title = ccText(t, "prefsTitle");
  const closeLabel = ccText(t, "close");
  const link = ccPolicyLink(v);
  const prefsText = ccText(t, "prefsText");
  const cats = ccDom.el("ul", { class: "cc-cats", role: "list" });
  for (const c of v.categories) cats.appendChild(ccCategoryRow(c, v, expanded));

  ccDom.clear(d);
  ccDom.append(d, [
    ccDom.el(
      "div",
      { class: "cc-prefs-head" },
      ccDom.el("h2", { class: "cc-title", id: "cc-prefs-title", tabindex: "-1", "data-cc-key": "title", text: title }),
      ccDom.el(
        "button",
        {
          type: "button",
          class: "cc-close",
          "aria-label": closeLabel || null,
          title: closeLabel || null,
          "data-consent-action": "close",
          "data-cc-key": "action:close",
        },
        ccDom.el("span", { "aria-hidden": "true", text: "\u00d7" }),
      ),
    ),
    ccDom.el(
      "div",
      { class: "cc-prefs-body" },
      prefsText || link ? ccDom.el("p", { class: "cc-text", id: "cc-prefs-text" }, prefsText, link ? [prefsText ? " " : "", link] : null) : null,
      ccNotice(v),
      cats,
    ),
    ccDom.el(
      "div",
      { class: "cc-prefs-foot cc-actions" },
      ccActionButton("accept-all", ccText(t, "acceptAll")),
      ccActionButton("reject-all", ccText(t, "rejectAll")),
      ccActionButton("save", ccText(t, "save")),
    ),
  ]);
  if (prefsText || link) d.setAttribute("aria-describedby", "cc-prefs-text");
  else d.removeAttribute("aria-describedby");

  const body = d.querySelector(".cc-prefs-body");
  if (body && scroll) body.scrollTop = scroll;
  if (key) ccFocus.focus(ccFind(d, key) || ccFind(d, "title"));
}

function ccOpenDialog(v) {
  const root = ccState.root;
  const d = ccDom.el("dialog", {
    id: "consent-preferences",
    class: "cc-prefs",
    "aria-labelledby": "cc-prefs-title",
    "aria-modal": "true",
  });
  ccFillDialog(d, v);

  d.addEventListener("click", (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    const disc = target.closest("[data-cc-disclosure]");
    if (disc && d.contains(disc)) {
      const open = disc.getAttribute("aria-expanded") !== "true";
      disc.setAttribute("aria-expanded", open ? "true" : "false");
      const panel = document.getElementById(disc.getAttribute("aria-controls") || "");
      if (panel) panel.hidden = !open;
      const label = disc.querySelector(".cc-disclosure-label");
      const texts = ccState.view ? ccState.view.texts : {};
      if (label) label.textContent = ccText(texts, open ? "hideServices" : "showServices");
      return;
    }
    const btn = target.closest("[data-consent-action]");
    if (!btn || !d.contains(btn)) return;
    const action = btn.getAttribute("data-consent-action");
    if (action === "close") ccRequestClose();
    else if (action === "save") ccCallAct("save");
    else if (action === "accept-all" || action === "reject-all") ccCallAct(action);
  });
  d.addEventListener("change", (ev) => {
    const i = ev.target;
    if (!(i instanceof HTMLInputElement) || !i.classList.contains("cc-switch-input")) return;
    // The switch shows Go's state until Go, told of the touch, draws the
    // next view (at once, inside the call).
    const sw = ccState.drawn.get(i);
    if (sw) {
      i.checked = sw.checked;
      i.indeterminate = sw.partly;
    }
    const cat = i.getAttribute("data-category");
    if (cat !== null) ccCallAct("toggle", { kind: "category", id: cat });
    else ccCallAct("toggle", { kind: "service", id: i.getAttribute("data-service") || "" });
  });
  // Escape on a native modal dialog: keep it open until we close it.
  d.addEventListener("cancel", (ev) => {
    ev.preventDefault();
    ccRequestClose();
  });
  // A close we did not ask for (a browser's own close request).
  d.addEventListener("close", () => {
    if (ccState.dialog === d) ccRequestClose();
  });

  root.appendChild(d);
  ccState.dialog = d;
  let modal = false;
  if (typeof d.showModal === "function") {
    try {
      d.showModal();
      modal = true;
    } catch (_) {
      modal = false;
    }
  }
  if (!modal) ccFallbackOpen(d);
  ccState.release = ccFocus.trap(d, ccRequestClose);
  const heading = d.querySelector("#cc-prefs-title");
  if (!heading || !heading.textContent || !ccFocus.focus(heading)) {
    ccFocus.focus(ccFocus.list(d)[0]);
  }
}

// ccFallbackOpen shows the dialog as a modal where showModal is missing:
// a backdrop, the rest of the page inert, the focus trap (set by caller).
function ccFallbackOpen(d) {
  d.setAttribute("open", "");
  d.setAttribute("role", "dialog");
  d.classList.add("cc-prefs-fallback");
  const backdrop = ccDom.el("div", { class: "cc-backdrop", "aria-hidden": "true" });
  d.parentNode.insertBefore(backdrop, d);
  const inerted = [];
  for (const e of Array.from(document.body.children)) {
    if (e === ccState.root || e.hasAttribute("inert")) continue;
    if (e.tagName === "SCRIPT" || e.tagName === "TEMPLATE") continue;
    e.setAttribute("inert", "");
    inerted.push(e);
  }
  ccState.fallback = { backdrop, inerted };
}

// ccRequestClose closes the dialog at once (Escape, ×) and tells Go, which
// answers with the banner again or nothing.
function ccRequestClose() {
  if (!ccState.dialog) return;
  ccCloseDialog();
  ccCallAct("close");
}

// ccCloseDialog removes the dialog and returns focus to where it was.
function ccCloseDialog() {
  const d = ccState.dialog;
  if (!d) return;
  ccState.dialog = null;
  if (ccState.release) {
    try {
      ccState.release();
    } catch (_) {
      /* ignore */
    }
  }
  ccState.release = null;
  try {
    if (d.open && typeof d.close === "function") d.close();
  } catch (_) {
    /* ignore */
  }
  const fb = ccState.fallback;
  ccState.fallback = null;
  if (fb) {
    ccDom.remove(fb.backdrop);
    for (const e of fb.inerted) e.removeAttribute("inert");
  }
  ccDom.remove(d);

  const op = ccState.opener;
  const opKey = ccState.openerKey;
  ccState.opener = null;
  ccState.openerKey = "";
  if (op && op.isConnected && ccFocus.focus(op)) return;
  if (opKey) {
    const now = ccState.banner && ccState.banner.isConnected ? ccFind(ccState.banner, opKey) : null;
    if (now && ccFocus.focus(now)) return;
    ccState.pendingKey = opKey;
    ccState.pendingAt = Date.now();
  }
}

// ---------------------------------------------------------------- render

function ccRender(view, act) {
  if (!document.body) return;
  const v = ccNormView(view);
  if (typeof act === "function") ccState.act = act;
  ccState.view = v;
  ccEnsureRoot(v);

  if (v.show === "banner") {
    if (ccState.dialog) ccCloseDialog();
    ccDrawBanner(v);
    return;
  }
  ccState.pendingKey = "";
  if (v.show === "preferences") {
    if (ccState.dialog && ccState.dialog.isConnected) {
      ccFillDialog(ccState.dialog, v);
      return;
    }
    ccState.dialog = null;
    const a = ccFocus.active();
    if (a && ccState.banner && ccState.banner.contains(a)) {
      ccState.opener = null;
      ccState.openerKey = a.getAttribute("data-cc-key") || "action:customize";
    } else if (!a && ccState.banner && ccState.clickedKey && Date.now() - ccState.clickedAt < 5000) {
      ccState.opener = null;
      ccState.openerKey = ccState.clickedKey;
    } else if (a && !ccState.root.contains(a)) {
      ccState.opener = a;
      ccState.openerKey = "";
    } else {
      ccState.opener = null;
      ccState.openerKey = "";
    }
    ccRemoveBanner();
    ccOpenDialog(v);
    return;
  }
  ccCloseDialog();
  ccState.pendingKey = "";
  ccRemoveBanner();
}

// ----------------------------------------------------------- declaration

// ccDeclaration draws Go's declaration (policy.Declaration): every
// heading, cell and fallback is Go's; only the table's shape is drawn here.
function ccDeclaration(el, decl) {
  if (!el || typeof el.appendChild !== "function") return;
  let d = decl;
  if (typeof d === "string") {
    try {
      d = JSON.parse(d);
    } catch (_) {
      d = {};
    }
  }
  d = ccDom.obj(d);
  const str = ccDom.str;
  const wrap = ccDom.el("div", { class: "cc-decl", lang: str(d.lang) || null, dir: str(d.dir) || null });
  const cols = ccDom.arr(d.columns).map(str);
  const level = ccHeadingLevel(el);
  for (const c0 of ccDom.arr(d.categories)) {
    const c = ccDom.obj(c0);
    const rows = ccDom.arr(c.rows).map(ccDom.obj);
    const headId = ccDom.uid("cc-decl-h");
    // A plain section (no name, so not a landmark): the scrollable table
    // below is the one region named by the heading.
    const sec = ccDom.el("section", { class: "cc-decl-cat", "data-cc-category": str(c.id) });
    sec.appendChild(ccDom.el("h" + level, { id: headId, class: "cc-decl-title", text: str(c.label) }));
    if (str(c.description)) sec.appendChild(ccDom.el("p", { class: "cc-decl-desc", text: str(c.description) }));
    if (d.choice === true) {
      const label = str(d.choiceLabel);
      sec.appendChild(
        ccDom.el(
          "p",
          { class: "cc-decl-choice", "data-accepted": c.accepted === true ? "true" : "false" },
          label ? label + ": " : "",
          ccDom.el("strong", { text: str(c.choiceText) }),
        ),
      );
    }
    if (rows.length > 0) {
      const table = ccDom.el("table", { class: "cc-table" });
      // The caption names the table for assistive technologies; the heading
      // just above shows the same words.
      table.appendChild(ccDom.el("caption", { class: "cc-sr-only", text: str(c.label) }));
      const headRow = ccDom.el("tr");
      for (const h of cols) headRow.appendChild(ccDom.el("th", { scope: "col", text: h }));
      table.appendChild(ccDom.el("thead", {}, headRow));
      const tbody = ccDom.el("tbody");
      for (const r of rows) tbody.appendChild(ccDeclRow(r));
      table.appendChild(tbody);
      sec.appendChild(
        ccDom.el(
          "div",
          { class: "cc-table-wrap", tabindex: "0", role: "region", "aria-labelledby": headId, "data-cc-key": "decl:" + str(c.id) },
          table,
        ),
      );
    }
    wrap.appendChild(sec);
  }
  const key = ccFocusedKey(el);
  ccDom.clear(el);
  el.appendChild(wrap);
  if (key) ccFocus.focus(ccFind(wrap, key));
}

// ccHeadingLevel returns the level (2 to 6) of the declaration's
// category headings: the element's data-consent-heading-level when set,
// else one below the last heading before it in the page, so the page's
// outline stays in order (an <h2> section gets <h3> categories).
function ccHeadingLevel(el) {
  const set = parseInt(ccDom.str(el.getAttribute && el.getAttribute("data-consent-heading-level")), 10);
  if (set >= 1 && set <= 6) return set;
  let last = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (el.contains(h)) continue;
    if (!(el.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_PRECEDING)) break;
    last = Number(h.tagName.charAt(1));
  }
  return Math.min(6, Math.max(2, last + 1));
}

// ccDeclNotes draws per-cookie notes ("name: text") as a list, or nothing.
function ccDeclNotes(notes) {
  const list = ccDom.arr(notes).map(ccDom.obj);
  if (list.length === 0) return null;
  const ul = ccDom.el("ul", { class: "cc-decl-list", role: "list" });
  for (const n of list) ul.appendChild(ccDom.el("li", {}, ccDom.el("code", { text: ccDom.str(n.name) }), ": " + ccDom.str(n.text)));
  return ul;
}

function ccDeclRow(r) {
  const str = ccDom.str;
  const tr = ccDom.el("tr", { "data-cc-service": str(r.id) });
  const first = ccDom.el("th", { scope: "row" }, ccDom.el("span", { class: "cc-decl-service", text: str(r.label) }));
  if (str(r.provider)) first.appendChild(ccDom.el("span", { class: "cc-decl-provider", text: str(r.provider) }));
  if (str(r.choiceText)) first.appendChild(ccDom.el("span", { class: "cc-decl-svc-choice", text: str(r.choiceText) }));
  tr.appendChild(first);
  tr.appendChild(ccDom.el("td", { text: str(r.function) }));

  const cookies = ccDom.arr(r.cookies).map(ccDom.obj);
  const names = ccDom.el("ul", { class: "cc-decl-list", role: "list" });
  for (const k of cookies) {
    const li = ccDom.el("li", {}, ccDom.el("code", { text: str(k.name) }));
    if (str(k.storage)) li.appendChild(ccDom.el("span", { class: "cc-cookie-storage", text: " (" + str(k.storage) + ")" }));
    names.appendChild(li);
  }
  tr.appendChild(ccDom.el("td", {}, cookies.length ? names : str(r.noCookies)));

  tr.appendChild(ccDom.el("td", {}, str(r.purpose) ? ccDom.el("p", { text: str(r.purpose) }) : null, ccDeclNotes(r.purposes)));

  // A dash says "nothing stated": its words are there for screen readers
  // and as a tooltip.
  const note = str(r.durationNote);
  const duration = note
    ? [ccDom.el("span", { "aria-hidden": "true", title: note, text: str(r.duration) }), ccDom.el("span", { class: "cc-sr-only", text: note })]
    : [str(r.duration), ccDeclNotes(r.durations)];
  tr.appendChild(ccDom.el("td", { class: note ? "cc-decl-none" : null }, duration));
  return tr;
}

// ----------------------------------------------------------- placeholder

// ccLength turns a width/height attribute into a CSS length, or "".
function ccLength(a) {
  const s = ccDom.str(a).trim();
  if (ccIsNumber(s)) return s + "px";
  if (s.endsWith("px") && ccIsNumber(s.slice(0, -2))) return s;
  if (s.endsWith("%") && ccIsNumber(s.slice(0, -1))) return s;
  return "";
}

// ccIsNumber: digits with an optional fraction ("12", "12.5"), no sign.
function ccIsNumber(s) {
  const digits = (t) => t.length > 0 && [...t].every((c) => c >= "0" && c <= "9");
  const dot = s.indexOf(".");
  return dot < 0 ? digits(s) : digits(s.slice(0, dot)) && digits(s.slice(dot + 1));
}

function ccPlaceholder(el, ph, onAccept) {
  if (!(el instanceof Element) || !el.parentNode) return;
  const p = ccDom.obj(ph);
  const t = ccNormTexts(p.texts);
  const vars = { provider: ccDom.str(p.provider), service: ccDom.str(p.service) };
  let rec = ccState.placeholders.get(el);
  if (!rec || !rec.box.isConnected) {
    const box = ccDom.el("div", { class: "cc-placeholder", role: "region" });
    // Size: the element's width/height attributes, else its current size.
    let w = ccLength(el.getAttribute("width"));
    let h = ccLength(el.getAttribute("height"));
    if (!w || !h) {
      const r = el.getBoundingClientRect();
      if (!w && r.width > 0) w = Math.round(r.width) + "px";
      if (!h && r.height > 0) h = Math.round(r.height) + "px";
    }
    if (w) box.style.width = w;
    if (h) box.style.minHeight = h;
    rec = { box, hadHidden: el.hasAttribute("hidden"), onAccept: null };
    box.addEventListener("click", (ev) => {
      const b = ev.target instanceof Element ? ev.target.closest("[data-consent-accept-service]") : null;
      if (!b || !box.contains(b)) return;
      try {
        if (typeof rec.onAccept === "function") {
          const r = rec.onAccept();
          if (r && typeof r.then === "function") r.then(undefined, (e) => ccLog("accepting in place failed", e));
        }
      } catch (e) {
        ccLog("accepting in place failed", e);
      }
    });
    el.parentNode.insertBefore(box, el);
    el.setAttribute("data-cc-hidden", "");
    el.setAttribute("hidden", "");
    ccState.placeholders.set(el, rec);
  }
  rec.onAccept = onAccept;
  const box = rec.box;
  box.setAttribute("data-theme", ccDom.str(p.theme));
  box.setAttribute("lang", ccDom.str(p.lang));
  box.setAttribute("dir", ccDom.str(p.dir));
  const name = ccDom.str(el.getAttribute("title")) || vars.service || vars.provider;
  if (name) box.setAttribute("aria-label", name);
  else box.removeAttribute("aria-label");
  const hadFocus = box.contains(document.activeElement);
  ccDom.clear(box);
  ccDom.append(box, [
    ccDom.el(
      "div",
      { class: "cc-placeholder-inner" },
      ccDom.el("p", { class: "cc-placeholder-text", text: ccDom.fill(ccText(t, "placeholderText"), vars) }),
      ccDom.el("button", {
        type: "button",
        class: "cc-btn cc-placeholder-btn",
        "data-consent-accept-service": ccDom.str(p.serviceId),
        text: ccDom.fill(ccText(t, "placeholderButton"), vars),
      }),
    ),
  ]);
  if (hadFocus) ccFocus.focus(box.querySelector("button"));
}

function ccUnplaceholder(el) {
  if (!(el instanceof Element)) return;
  const rec = ccState.placeholders.get(el);
  if (!rec) return;
  ccState.placeholders.delete(el);
  const hadFocus = rec.box.contains(document.activeElement);
  ccDom.remove(rec.box);
  el.removeAttribute("data-cc-hidden");
  if (!rec.hadHidden) el.removeAttribute("hidden");
  if (hadFocus) ccFocus.focus(el);
}

// ------------------------------------------------------------ public API

// UI is what the loader calls. Every method is safe with any argument.
const UI = {
  // render draws view (banner, preferences dialog, or nothing) and
  // reports the visitor's actions through act(name, data).
  render(view, act) {
    // A view that cannot be drawn is Go's to report (consent:error, and
    // no consent:show): the failure goes back to it.
    let failed = null;
    try {
      ccRender(view, act);
    } catch (e) {
      ccLog("cannot draw the view", e);
      failed = e;
    }
    try {
      ccDrawReopen(ccState.view);
      ccReserve();
    } catch (e) {
      ccLog("cannot draw the reopen button", e);
    }
    if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  },
  // declaration fills el with the cookie declaration.
  declaration(el, decl) {
    try {
      ccDeclaration(el, decl);
    } catch (e) {
      ccLog("cannot draw the declaration", e);
    }
  },
  // placeholder shows a placeholder before the blocked element el.
  placeholder(el, ph, onAccept) {
    try {
      ccPlaceholder(el, ph, onAccept);
    } catch (e) {
      ccLog("cannot draw a placeholder", e);
    }
  },
  // unplaceholder removes el's placeholder and shows el again.
  unplaceholder(el) {
    try {
      ccUnplaceholder(el);
    } catch (e) {
      ccLog("cannot remove a placeholder", e);
    }
  },
  // current returns "banner", "preferences" or "" (nothing shown).
  current() {
    if (ccState.dialog && ccState.dialog.isConnected) return "preferences";
    if (ccState.banner && ccState.banner.isConnected) return "banner";
    return "";
  },
};
