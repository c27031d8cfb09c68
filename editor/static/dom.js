// Small helpers of the editor's page: elements, JSON pointers, and edits
// of the policy object that leave no empty value behind.

let uid = 0;
// nextId returns an element id unique in the page.
export const nextId = (p) => p + "-" + ++uid;

export const el = (tag, attrs = {}, ...kids) => {
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
export const sel = (p) => '[data-ptr="' + CSS.escape(p) + '"]';
export const ptr = (base, key) => base + "/" + String(key).replace(/~/g, "~0").replace(/\//g, "~1");

// setOrDelete sets obj[key], or deletes it when v is "" or undefined.
export const setOrDelete = (obj, key, v) => {
  if (v === "" || v === undefined) delete obj[key];
  else obj[key] = v;
};

// numberOr keeps what is not an integer as text, for the validator to
// name it.
export const numberOr = (s) => (s.trim() === "" ? undefined : /^-?\d+$/.test(s.trim()) ? Number(s) : s);

export const ensureArray = (obj, key) => {
  if (!Array.isArray(obj[key])) obj[key] = [];
  return obj[key];
};
export const ensureObject = (obj, key) => {
  if (!obj[key] || typeof obj[key] !== "object" || Array.isArray(obj[key])) obj[key] = {};
  return obj[key];
};
export const dropEmpty = (obj, key) => {
  if (obj[key] && typeof obj[key] === "object" && !Object.keys(obj[key]).length) delete obj[key];
};

// api returns the URL of one of the editor's server paths, under the
// page's token.
export const api = (p) => new URL(p, location.href).href;
