// A deferred script right after consent.js: it runs before the wasm has
// started, and records the Consent Mode commands dataLayer holds by then.
window.__cmSnapshot = (window.dataLayer || [])
  .filter((e) => e && e[0] === "consent")
  .map((e) => ({ cmd: e[1], args: Object.prototype.toString.call(e) === "[object Arguments]", state: JSON.parse(JSON.stringify(e[2])) }));
window.__cmSnapshotReady = window.__events.some((e) => e.type === "consent:ready");
