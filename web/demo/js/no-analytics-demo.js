// no-analytics-demo.js: runs when the visitor refused statistics (the page
// gates it with data-category="!statistics"): shows that no statistics run.
(() => {
  "use strict";
  const show = () => {
    if (window.demoAnalytics && window.demoAnalytics.active) return;
    const old = document.getElementById("demo-stats-flag");
    if (old) old.remove();
    const flag = document.createElement("p");
    flag.id = "demo-stats-flag";
    flag.className = "stats-flag badge badge-off";
    flag.setAttribute("role", "status");
    flag.textContent = "Statistics off";
    (document.querySelector("main") || document.body).prepend(flag);
    const badge = document.getElementById("demo-stats");
    if (badge) {
      badge.className = "badge badge-off";
      badge.textContent = "Statistics off: no statistics cookies";
    }
  };
  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show);
})();
