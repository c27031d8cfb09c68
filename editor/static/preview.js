// The sample page's list of gated elements: each one's state as the
// consent manager decides it (consent.accepted), redrawn on every choice;
// and the consent:error messages, so that the editor shows them.
"use strict";
(() => {
  const draw = () => {
    for (const li of document.querySelectorAll("[data-gate]")) {
      const c = li.dataset.category;
      const s = li.dataset.service;
      const open = !!window.consent && (s ? window.consent.accepted(c, s) : window.consent.accepted(c));
      li.dataset.state = open ? "open" : "closed";
      li.querySelector(".state").textContent = open ? "open" : "closed";
      li.querySelector(".ran").textContent = li.dataset.ran ? "(its script ran)" : "";
    }
  };
  addEventListener("consent:ready", draw);
  addEventListener("consent:change", () => setTimeout(draw, 0));
  addEventListener("consent:error", (e) => {
    const p = document.createElement("p");
    p.textContent = "consent:error: " + ((e.detail && e.detail.message) || "unknown");
    document.getElementById("preview-errors").append(p);
  });
})();
