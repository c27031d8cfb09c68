// loader.js: installs window.consent at once, loads consent.wasm and the
// policy in parallel, and hands Go the hooks it drives the page with. It
// decides nothing: every rule lives in Go (package policy).

const script = document.currentScript;
// data-perf on the script tag: performance marks "consent:<phase>" for the
// bench (make bench), read once here; without it mark does nothing.
const mark = script && script.hasAttribute("data-perf") ? (n) => performance.mark("consent:" + n) : null;
if (mark) mark("loader");
let goCall = null;
let started = false;
// applied is true once start has applied the policy.
let applied = false;
let settle;
const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
// The site may never look at consent.ready: a failure is reported through
// consent:error and the console, not as an unhandled rejection.
ready.catch(() => {});

const fire = (name, detail) => {
  try {
    window.dispatchEvent(new CustomEvent(name, { detail }));
  } catch (e) {
    console.error(e);
  }
};

const fail = (err) => {
  const message = String((err && err.message) || err);
  console.error("consent: " + message);
  fire("consent:error", { message });
  settle.reject(err instanceof Error ? err : new Error(message));
};

// call runs a Go method; Go answers "=" + JSON, "?" + the message of a
// wrong argument (a TypeError) or "!" + an error message.
const call = (method, ...args) => {
  if (!goCall) throw new Error("consent: not ready yet");
  const out = goCall(method, ...args.map((a) => (a === undefined ? "" : String(a))));
  if (typeof out !== "string") throw new Error("consent: the Go runtime did not answer " + method);
  if (out[0] === "=") return JSON.parse(out.slice(1));
  if (out[0] === "?") throw new TypeError(out.slice(1));
  throw new Error("consent: " + out.slice(1));
};

// later runs fn once the policy is applied; calls made before queue up in
// order, so the last one wins.
const later = (fn) => ready.then(() => fn());

// typeName names a value's type for Go's messages.
const typeName = (v) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

// transcribe hands an argument to Go, which checks its shape: its own
// enumerable keys two objects deep, every other value (not an object, or
// deeper, and not a boolean) replaced by the name of its type, so that
// what JSON cannot carry (undefined, functions, symbols) is still named.
const transcribe = (v, depth) => {
  if (typeof v === "boolean") return v;
  const t = typeName(v);
  if (t !== "object" || depth > 1) return t;
  const out = Object.create(null);
  for (const k of Object.keys(v)) out[k] = transcribe(v[k], depth + 1);
  return out;
};

const checkId = (fn, what, v, optional) => {
  if (optional && (v === undefined || v === null)) return;
  if (typeof v !== "string" || v === "") {
    throw new TypeError("consent." + fn + ": " + what + " must be a non-empty string, got " + typeName(v));
  }
};

const api = {
  ready,
  get() {
    if (!started) return null;
    try {
      return call("get");
    } catch (e) {
      return null;
    }
  },
  accepted(category, service) {
    checkId("accepted", "category", category);
    checkId("accepted", "service", service, true);
    if (!started) return false;
    try {
      return call("accepted", category, service || "");
    } catch (e) {
      // Go refuses only ids the policy does not have: wrong arguments.
      throw new TypeError(e.message);
    }
  },
  acceptAll() {
    return later(() => call("acceptAll"));
  },
  rejectAll() {
    return later(() => call("rejectAll"));
  },
  set(choice) {
    let text;
    try {
      text = JSON.stringify(transcribe(choice, 0));
    } catch (e) {
      // A getter or a proxy of the argument threw.
      return Promise.reject(new TypeError("consent.set: " + ((e && e.message) || e)));
    }
    return later(() => call("set", text));
  },
  show() {
    later(() => call("show")).catch(report);
  },
  showPreferences() {
    later(() => call("showPreferences")).catch(report);
  },
  hide() {
    later(() => call("hide")).catch(report);
  },
  reset() {
    return later(() => call("reset"));
  },
  setLanguage(lang) {
    try {
      checkId("setLanguage", "lang", lang);
    } catch (e) {
      return Promise.reject(e);
    }
    return later(() => call("setLanguage", lang));
  },
};
Object.freeze(api);

const report = (e) => console.error(e);

try {
  Object.defineProperty(window, "consent", { value: api, configurable: true, enumerable: true, writable: false });
} catch (e) {
  window.consent = api;
}

// onAction receives the JS bridge's reports of what the visitor did.
const onAction = (name, data) => {
  try {
    call("action", name, JSON.stringify(data || {}));
  } catch (e) {
    report(e);
  }
};

// Trusted Types: scripts enabled by a choice are the site's own markup,
// passed through unchanged under a named policy ("consent") that a site
// listing allowed policies adds to its trusted-types directive.
let tt = null;
const trusted = (kind, value) => {
  if (tt === null) {
    tt = false;
    try {
      if (window.trustedTypes && window.trustedTypes.createPolicy) {
        tt = window.trustedTypes.createPolicy("consent", { createScript: (s) => s, createScriptURL: (s) => s });
      }
    } catch (e) {
      console.warn("consent: could not create the Trusted Types policy \"consent\": " + e.message);
    }
  }
  if (!tt) return value;
  return kind === "url" ? tt.createScriptURL(value) : tt.createScript(value);
};

// Gated scripts run one after the other, in document order: an inline
// script waits for an external one activated before it.
let queue = Promise.resolve();

const runScript = (old) =>
  new Promise((done) => {
    const s = document.createElement("script");
    for (const name of old.getAttributeNames()) {
      if (name === "type" || name === "data-src" || name === "data-type" || name === "data-consent-state" || name === "nonce") continue;
      s.setAttribute(name, old.getAttribute(name));
    }
    // Browsers hide the nonce attribute; the property keeps it.
    if (old.nonce) s.nonce = old.nonce;
    const type = old.getAttribute("data-type");
    if (type) s.type = type;
    const src = old.getAttribute("data-src");
    try {
      if (src) {
        s.async = false;
        s.addEventListener("load", done);
        s.addEventListener("error", done);
        s.src = trusted("url", src);
      } else {
        s.text = trusted("script", old.text);
      }
      if (old.parentNode) old.after(s);
      else document.head.appendChild(s);
    } catch (e) {
      console.error("consent: a gated script could not be enabled: " + e.message);
      done();
      return;
    }
    if (!src || s.type === "text/plain") done();
  });

// pageNotice keeps a status line (e.g. "your choice applies to this page
// view only") on the page when neither banner nor dialog is open to carry
// it; ui.js draws the notice inside those.
const pageNotice = (view) => {
  const root = document.getElementById("consent-root");
  let p = root && root.querySelector(":scope > .cc-page-notice");
  const text = view && !view.show && typeof view.notice === "string" ? view.notice : "";
  if (!text || !root) {
    if (p) p.remove();
    return;
  }
  if (!p) {
    p = document.createElement("p");
    p.className = "cc-notice cc-page-notice";
    p.setAttribute("role", "status");
    root.appendChild(p);
  }
  // Set after insertion, so that screen readers announce it.
  setTimeout(() => {
    if (p.isConnected) p.textContent = text;
  }, 150);
};

// watchSelector names the added nodes worth a new scan: Go's list of gated
// tags (policy.GateWatchSelector), handed over when Go attaches. The
// observer acts only once Go runs, so it needs nothing before.
let watchSelector = "";

// inertCopy closes a live navigable embed by putting a copy without its
// source (data-src kept) in its place. Navigating it instead (src =
// "about:blank") would add an entry to the tab's joint session history:
// Back would then load the refused embed again, with consent refused, and
// keep the visitor on the page. Removing a frame adds no entry and drops
// the ones it had.
// liveCopy opens a navigable embed as a copy made by script, with its
// source, in place of the element the page was parsed with. A browser
// that loads the page again from its history (Back) gives a frame of the
// parsed page the document it last showed, before any script runs and
// whatever the choice is by then; a frame made by script is not restored.
const liveCopy = (el, attr, src) => {
  const copy = el.cloneNode(true);
  copy.setAttribute(attr, src);
  const focused = document.activeElement === el;
  if (el.parentNode) el.replaceWith(copy);
  if (focused) copy.focus();
  return copy;
};

const inertCopy = (el, attr) => {
  const copy = el.cloneNode(true);
  copy.removeAttribute(attr);
  if (el.parentNode) el.replaceWith(copy);
  return copy;
};

const hooks = {
  ...proofHooks,
  attach(fn, watch) {
    goCall = fn;
    watchSelector = watch;
  },
  render(json) {
    if (mark) mark("view");
    const view = JSON.parse(json);
    UI.render(view, onAction);
    pageNotice(view);
    if (mark) painted();
  },
  declarations(json) {
    const els = document.querySelectorAll("[data-consent-declaration]");
    if (!els.length) return;
    const decl = JSON.parse(json);
    for (const el of els) UI.declaration(el, decl);
  },
  dispatch(name, json) {
    fire(name, JSON.parse(json));
  },
  dataLayer(json) {
    ccDataLayerPush(JSON.parse(json));
  },
  random(n) {
    const a = new Uint8Array(n);
    crypto.getRandomValues(a);
    return a;
  },
  storageKeys(kind) {
    try {
      const s = window[kind];
      const keys = [];
      for (let i = 0; i < s.length; i++) keys.push(s.key(i));
      return keys.join("\n");
    } catch (e) {
      return "";
    }
  },
  storageRemove(kind, keys) {
    try {
      for (const k of keys.split("\n")) window[kind].removeItem(k);
    } catch (e) {
      // A storage the browser blocks holds nothing to remove.
    }
  },
  // activate and deactivate open and shut a gate the way Go says: kind
  // (policy.GateOpening: script, frame, media or source) and attr, the
  // attribute that holds its source.
  activate(el, kind, attr) {
    if (kind === "script") {
      if (el.getAttribute("data-consent-state") === "live") return;
      el.setAttribute("data-consent-state", "live");
      queue = queue.then(() => runScript(el));
      return;
    }
    if (!attr) return;
    UI.unplaceholder(el);
    el.setAttribute("data-consent-state", "live");
    const src = el.getAttribute("data-src");
    if (src !== null && kind === "frame") el = liveCopy(el, attr, src);
    else if (src !== null && el.getAttribute(attr) !== src) el.setAttribute(attr, src);
    const srcset = el.getAttribute("data-srcset");
    if (srcset !== null) el.setAttribute("srcset", srcset);
    if (kind === "source" && el.parentNode && el.parentNode.load) el.parentNode.load();
  },
  deactivate(el, placeholderJSON, kind, attr) {
    const wasLive = el.getAttribute("data-consent-state") === "live";
    el.setAttribute("data-consent-state", "blocked");
    if (kind === "script") return;
    if (wasLive) {
      if (kind === "frame") el = inertCopy(el, attr);
      else el.removeAttribute(attr);
      el.removeAttribute("srcset");
      if (kind === "source" && el.parentNode && el.parentNode.load) el.parentNode.load();
    }
    if (placeholderJSON) {
      const ph = JSON.parse(placeholderJSON);
      UI.placeholder(el, ph, () => {
        try {
          call("acceptService", ph.serviceId);
        } catch (e) {
          report(e);
        }
      });
    }
  },
};

// Any [data-consent-open] element opens the preferences.
document.addEventListener("click", (e) => {
  const t = e.target && e.target.closest && e.target.closest("[data-consent-open]");
  if (!t) return;
  e.preventDefault();
  api.showPreferences();
});

const watch = () => {
  let pending = false;
  // Gated elements and declarations; the dialog's own switches also carry
  // data-category, so anything inside the consent UI is not of interest.
  const sel = watchSelector;
  const interesting = (n) =>
    n.nodeType === 1 && !(n.closest && n.closest("#consent-root")) && (n.matches(sel) || !!n.querySelector(sel));
  new MutationObserver((records) => {
    // Before start has applied the policy there is nothing to gate yet
    // (start's own pass finds these elements), and Go has no policy.
    if (pending || !applied) return;
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (interesting(n)) {
          pending = true;
          queueMicrotask(() => {
            pending = false;
            try {
              call("scan");
            } catch (e) {
              report(e);
            }
          });
          return;
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
};

const loadPolicy = async (ref) => {
  if (!ref) throw new Error("consent.js: the script tag has no data-policy attribute (a URL, or #id of an inline JSON script)");
  if (ref[0] === "#") {
    const el = document.getElementById(ref.slice(1));
    if (!el) throw new Error("consent.js: data-policy=\"" + ref + "\" names no element of the page");
    return el.textContent;
  }
  const url = new URL(ref, document.baseURI);
  const ctl = new AbortController();
  // data-timeout on the script tag: how long (ms) the policy may take.
  const ms = Number(script && script.getAttribute("data-timeout"));
  const timer = setTimeout(() => ctl.abort(), ms > 0 && ms <= 600000 ? ms : 15000);
  let resp;
  try {
    resp = await fetch(url, { signal: ctl.signal, credentials: "same-origin" });
  } catch (e) {
    throw new Error("the policy " + url + " could not be loaded: " + (ctl.signal.aborted ? "timed out" : e.message));
  } finally {
    clearTimeout(timer);
  }
  if (!resp.ok) throw new Error("the policy " + url + " could not be loaded: HTTP " + resp.status);
  // The file's bytes, untouched: text() would drop a byte-order mark, and
  // the proof's SHA-256 must be sha256sum of the file as served.
  const bytes = await resp.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
  } catch {
    throw new Error("the policy " + url + " is not valid UTF-8");
  }
};

// The wasm of this build, by a name that carries its content hash
// (tools/build writes it here), next to consent.js: a consent.js never
// pairs with another build's wasm, however long either was cached.
const wasmFile = "consent.wasm";

const loadWasm = async (go) => {
  const url = new URL(wasmFile, script && script.src ? script.src : document.baseURI);
  let resp;
  try {
    resp = await fetch(url, { credentials: "same-origin" });
  } catch (e) {
    throw new Error("consent.wasm could not be loaded from " + url + ": " + e.message);
  }
  if (!resp.ok) throw new Error("consent.wasm could not be loaded from " + url + ": HTTP " + resp.status);
  try {
    if (WebAssembly.instantiateStreaming && (resp.headers.get("content-type") || "").startsWith("application/wasm")) {
      return (await WebAssembly.instantiateStreaming(resp, go.importObject)).instance;
    }
    return (await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject)).instance;
  } catch (e) {
    throw new Error("consent.wasm from " + url + " is not a valid consent module: " + e.message);
  }
};

const start = async () => {
  const go = new ccGoPrivate.Go();
  // Go's shims and the hooks reach the Go program, never the page (set
  // before the module is instantiated, which binds the imports).
  ccPrivateGlobals(go, { fs: ccGoPrivate.fs, process: ccGoPrivate.process, path: ccGoPrivate.path, __consentBridge: hooks });
  const [instance, policyText] = await Promise.all([
    loadWasm(go).then(marked("compiled")),
    loadPolicy(script && script.getAttribute("data-policy")).then(marked("policy")),
  ]);
  if (mark) hooks.mark = mark;
  if (mark) mark("run");
  go.run(instance).then(() => {
    goCall = null;
    started = false;
    applied = false;
    fail(new Error("the consent runtime stopped"));
  });
  if (!goCall) throw new Error("consent.wasm did not start");
  started = true;
  // Watch before init: content that the page adds from its consent:ready
  // listener (fired inside init) is gated by the scan that follows.
  watch();
  // The Go runtime's start and the policy's first run are separate tasks,
  // so neither blocks the page as long as both together would.
  await nextTask();
  await domParsed();
  if (mark) mark("start");
  let record;
  try {
    record = call("start", policyText);
  } catch (e) {
    started = false;
    applied = false;
    const msg = String(e.message);
    throw new Error(msg.startsWith("consent: ") ? msg.slice("consent: ".length) : msg);
  }
  applied = true;
  if (mark) mark("ready");
  settle.resolve(record);
  // After the banner's first paint: declarations and cookie deletion.
  nextTask().then(() => quietly("settle"));
  // When idle, compile the code of the visitor's first click ahead of it.
  (window.requestIdleCallback || ((fn) => setTimeout(fn, 200)))(() => quietly("warm"));
  // Trackers that were already on the page re-create their cookies: sweep
  // again once the page has settled.
  for (const ms of [2000, 10000]) setTimeout(() => quietly("sweep"), ms);
};

// nextTask resolves in a new task (a message, which, unlike setTimeout,
// is not clamped), letting the browser paint in between.
const nextTask = () =>
  new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });

// domParsed resolves once the document is parsed: consent.js may run from
// <head> without defer (Consent Mode's advanced setup, so that its default
// comes before the Google tag), and the banner and the gates need the page.
const domParsed = () =>
  document.readyState !== "loading"
    ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));

// marked passes a value through, marking its arrival (data-perf only).
const marked = (name) => (v) => {
  if (mark) mark(name);
  return v;
};

// painted marks "drawn" and then "paint" in the task after the next frame
// (data-perf only).
let paintMarked = false;
const painted = () => {
  mark("drawn");
  if (paintMarked) return;
  paintMarked = true;
  requestAnimationFrame(() => nextTask().then(() => mark("paint")));
};

// quietly calls Go for housekeeping whose failure only the console hears.
const quietly = (method) => {
  try {
    call(method);
  } catch (e) {
    if (started) report(e);
  }
};

start().catch(fail);
