// The preview starts with no choice: forget the cookies and storage a
// previous preview left (the consent cookie among them) before consent.js
// runs.
"use strict";
(() => {
  const dirs = ["/"];
  const here = location.pathname.replace(/[^/]*$/, "");
  for (let p = here; p.length > 1; p = p.replace(/[^/]*\/$/, "")) dirs.push(p, p.replace(/\/$/, ""));
  for (const c of document.cookie.split(";")) {
    const name = c.split("=")[0].trim();
    if (!name) continue;
    for (const p of dirs) document.cookie = name + "=; Max-Age=0; Path=" + p;
  }
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // storage blocked: nothing was kept either
  }
})();
