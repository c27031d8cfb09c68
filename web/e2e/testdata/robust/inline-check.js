// Test helper: loaded by a gated external script's data-src under a nonce
// policy; records that it ran.
window.__runs.push("external-nonce");
