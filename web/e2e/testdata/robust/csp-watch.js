// Test helper: records every Content-Security-Policy and Trusted Types
// violation of the page into window.__violations.
window.__violations = [];
document.addEventListener(
  "securitypolicyviolation",
  (e) => window.__violations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "?") + " " + (e.sample || "")),
  true,
);
