// analytics-demo.js: stands in for Matomo on the demo site. It runs only
// once the visitor allows statistics (the page gates it with
// <script type="text/plain" data-category="statistics" data-service="matomo">),
// sets the cookies Matomo would set, and says so on the page. It sends
// nothing anywhere.
(() => {
  "use strict";
  document.cookie = "_pk_id.1.1fff=demo; path=/; max-age=" + 60 * 60 * 24 * 395 + "; SameSite=Lax";
  document.cookie = "_pk_ses.1.1fff=1; path=/; max-age=" + 30 * 60 + "; SameSite=Lax";
  window.demoAnalytics = { active: true, since: Date.now() };

  const show = () => {
    const old = document.getElementById("demo-stats-flag");
    if (old) old.remove();
    const flag = document.createElement("p");
    flag.id = "demo-stats-flag";
    flag.className = "stats-flag badge badge-on";
    flag.setAttribute("role", "status");
    flag.textContent = "Statistics active (demo)";
    (document.querySelector("main") || document.body).prepend(flag);
    const badge = document.getElementById("demo-stats");
    if (badge) {
      badge.className = "badge badge-on";
      badge.textContent = "Statistics active (demo): cookies _pk_id.1.1fff and _pk_ses.1.1fff set";
    }
  };
  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show);
})();
