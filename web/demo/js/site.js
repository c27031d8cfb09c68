// site.js: the demo site's own script. It shows what the consent manager
// reports (window.consent and its events) and switches the banner's
// language. It is not gated: it stores nothing and sends nothing.
(() => {
  "use strict";
  const record = document.getElementById("demo-record");

  const describe = (r) => {
    if (!r) return "none yet";
    const on = (o) => Object.keys(o).filter((k) => o[k]).join(", ") || "nothing";
    return (
      "method " + r.method + ", " + new Date(r.timestamp).toLocaleString() +
      "; categories allowed: " + on(r.categories) + "; services allowed: " + on(r.services)
    );
  };
  const update = (r) => {
    if (record) record.textContent = describe(r);
  };

  window.addEventListener("consent:ready", (e) => update(e.detail));
  window.addEventListener("consent:change", (e) => update(e.detail && e.detail.record));
  window.addEventListener("consent:error", (e) => {
    if (record) record.textContent = "error: " + (e.detail && e.detail.message);
  });

  document.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? e.target.closest("[data-demo-lang]") : null;
    if (!b || !window.consent) return;
    window.consent.setLanguage(b.getAttribute("data-demo-lang")).catch((err) => {
      if (record) record.textContent = "error: " + err.message;
    });
  });
})();
