// dom.js — small DOM helpers for the consent UI.
//
// Concatenated with focus.js, ui.js and loader.js inside one
// "use strict" function: top-level names here are private to consent.js.
//
// Nothing here builds HTML from strings. Elements are made with
// createElement, text is set with textContent or text nodes, attributes with
// setAttribute; policy strings are untrusted and always stay text.

const ccDom = {
  // str returns v as a string: strings as they are, finite numbers and
  // booleans converted, anything else (null, undefined, objects) as "".
  str(v) {
    if (typeof v === "string") return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "boolean") return String(v);
    return "";
  },

  // obj returns v when it is a plain object, else an empty one.
  obj(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};
  },

  // arr returns v when it is an array, else an empty one.
  arr(v) {
    return Array.isArray(v) ? v : [];
  },

  // el creates an element. attrs: {class, text, hidden, ...attributes};
  // null, undefined and false values are skipped, true sets an empty
  // attribute. children: nodes, strings (as text), arrays, or nothing.
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    const a = attrs || {};
    for (const k of Object.keys(a)) {
      const v = a[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = ccDom.str(v);
      else if (k === "text") e.textContent = ccDom.str(v);
      else if (k === "style") continue; // never: strict CSP
      else e.setAttribute(k, v === true ? "" : ccDom.str(v));
    }
    ccDom.append(e, children);
    return e;
  },

  // append adds children (nodes, strings, nested arrays) to parent.
  append(parent, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) ccDom.append(parent, c);
      else if (typeof c === "string") parent.appendChild(document.createTextNode(c));
      else if (c instanceof Node) parent.appendChild(c);
    }
    return parent;
  },

  // clear removes every child of e.
  clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
    return e;
  },

  // remove detaches e from the document if it is attached.
  remove(e) {
    if (e && e.parentNode) e.parentNode.removeChild(e);
  },

  // fill replaces {name} placeholders in template with vars[name]; the
  // result is plain text (set it with textContent).
  fill(template, vars) {
    let s = ccDom.str(template);
    for (const k of Object.keys(vars)) s = s.split("{" + k + "}").join(ccDom.str(vars[k]));
    return s;
  },

  // safeHref returns url when it is safe as a link target: starts with
  // "/", "./", "../", "http://" or "https://", or has no ":" before its
  // first "/" (a relative path). Anything else ("javascript:…", "data:…")
  // gives "".
  safeHref(url) {
    const u = ccDom.str(url).trim();
    if (u === "") return "";
    // Control characters and whitespace inside schemes are a classic trick.
    for (let i = 0; i < u.length; i++) {
      const c = u.charCodeAt(i);
      if (c < 0x20 || c === 0x7f) return "";
    }
    if (u.startsWith("/") || u.startsWith("./") || u.startsWith("../")) return u;
    const low = u.toLowerCase();
    if (low.startsWith("http://") || low.startsWith("https://")) return u;
    const colon = u.indexOf(":");
    if (colon === -1) return u;
    const slash = u.indexOf("/");
    if (slash !== -1 && slash < colon) return u;
    return "";
  },

  // uid returns a document-unique id with the given prefix.
  uid(prefix) {
    ccDom.counter += 1;
    return prefix + "-" + ccDom.counter;
  },
  counter: 0,
};
