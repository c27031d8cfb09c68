// A tracker that already ran: it re-creates _ga every 300 ms, for good.
// Once window.__gaCount is true it counts its writes and, before each, the
// writes whose cookie was still there (the longest run in __gaMaxRun).
window.__gaSets = 0;
window.__gaSurvived = 0;
window.__gaMaxRun = 0;
let gaRun = 0;
setInterval(() => {
  const present = document.cookie.split("; ").some((c) => c.startsWith("_ga="));
  if (window.__gaCount) {
    window.__gaSets++;
    if (present) {
      window.__gaSurvived++;
      gaRun++;
      window.__gaMaxRun = Math.max(window.__gaMaxRun, gaRun);
    } else {
      gaRun = 0;
    }
  }
  document.cookie = "_ga=GA1.1." + Date.now() + "; path=/; max-age=3600";
}, 300);
