// Test helper: records every consent event and every script run, in order.
window.__events = [];
window.__runs = [];
for (const type of ["consent:ready", "consent:change", "consent:show", "consent:hide", "consent:error"]) {
  window.addEventListener(type, (e) => window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail === undefined ? null : e.detail)) }));
}
window.__pageScriptRan = true;
