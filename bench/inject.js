// inject.js runs in every document before the page's own scripts
// (Page.addScriptToEvaluateOnNewDocument). It measures inside the page and
// leaves its findings in window.__bench; every time is performance.now(),
// milliseconds since the navigation started. The driver puts the manager's
// {banner, reject, cookie} in place of the placeholder below.
(() => {
  const cfg = __CFG__;
  const now = () => performance.now();
  const B = (window.__bench = {
    visible: null, // banner in the DOM with a box
    gated: null, // the gated analytics script ran
    click: null, // click on Reject all
    cookie: null, // consent cookie changed after the click
    gone: null, // banner no longer shown after the click
    cookieBefore: null,
    longtasks: [], // [startTime, duration]
    instance: null, // the WebAssembly instance, when the page makes one
  });
  window.__benchMark = (what) => {
    if (B[what] == null) B[what] = now();
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    // No long task timing: the list stays empty.
  }

  // Keep the instance a page creates, to read its linear memory's size.
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function (...args) {
      return orig.apply(this, args).then((r) => {
        const inst = r instanceof WebAssembly.Instance ? r : r && r.instance;
        if (inst) B.instance = inst;
        return r;
      });
    };
  }
  window.__benchWasmMemory = () => {
    const ex = B.instance && B.instance.exports;
    if (!ex) return 0;
    for (const k of Object.keys(ex)) {
      if (ex[k] instanceof WebAssembly.Memory) return ex[k].buffer.byteLength;
    }
    return 0;
  };

  // The page's performance marks "consent:<phase>" (consent.js with
  // data-perf, the floors' floor.js), the HTML's and the wasm's arrival.
  window.__benchMarks = () => {
    const out = {};
    for (const m of performance.getEntriesByType("mark")) {
      if (m.name.startsWith("consent:") && !(m.name.slice(8) in out)) out[m.name.slice(8)] = m.startTime;
    }
    const nav = performance.getEntriesByType("navigation")[0];
    if (nav) out.html = nav.responseEnd;
    const wasm = performance.getEntriesByType("resource").find((e) => /\.wasm$/.test(new URL(e.name).pathname));
    if (wasm) out.fetched = wasm.responseEnd;
    return out;
  };

  // The consent cookie: read through the browser's own accessor; every
  // write through document.cookie is checked at once, so the moment the
  // choice is stored is exact, not rounded to a frame.
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  const readCookie = () => {
    const all = desc.get.call(document);
    for (const c of all.split("; ")) {
      const i = c.indexOf("=");
      if ((i < 0 ? c : c.slice(0, i)) === cfg.cookie) return i < 0 ? "" : c.slice(i + 1);
    }
    return null;
  };
  const checkCookie = () => {
    if (B.click != null && B.cookie == null && readCookie() !== B.cookieBefore) B.cookie = now();
  };
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    enumerable: desc.enumerable,
    get() {
      return desc.get.call(this);
    },
    set(v) {
      desc.set.call(this, v);
      if (this === document) checkCookie();
    },
  });

  const shown = (el) => {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && parseFloat(s.opacity) > 0;
  };
  const check = () => {
    const vis = shown(document.querySelector(cfg.banner));
    if (vis && B.visible == null) B.visible = now();
    if (B.click != null) {
      if (!vis && B.gone == null) B.gone = now();
      checkCookie();
    }
  };
  const watching = () => B.visible == null || (B.click != null && (B.gone == null || B.cookie == null));

  // Every animation frame while something is awaited, and on every DOM
  // change (the banner is often drawn between two frames).
  let looping = false;
  const loop = () => {
    check();
    if (watching()) requestAnimationFrame(loop);
    else looping = false;
  };
  const startLoop = () => {
    if (looping) return;
    looping = true;
    requestAnimationFrame(loop);
  };
  startLoop();
  new MutationObserver(() => {
    if (watching()) check();
  }).observe(document, { childList: true, subtree: true, attributes: true });

  // Capture phase on window: runs before any handler of the page.
  window.addEventListener(
    "click",
    (e) => {
      if (B.click != null || !(e.target instanceof Element) || !e.target.closest(cfg.reject)) return;
      B.cookieBefore = readCookie();
      B.click = now();
      startLoop();
    },
    true,
  );
})();
