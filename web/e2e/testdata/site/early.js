// Runs after consent.js but before the wasm is ready: the call must queue.
window.__early = window.consent.acceptAll().then((r) => r.method);
window.__earlyGet = window.consent.get();
