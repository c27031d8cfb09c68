// Test helper: records pageshow events (persisted: restored from the
// back/forward cache) and the time of each consent:change.
window.__pageshows = [];
window.__changes = [];
window.addEventListener("pageshow", (e) => window.__pageshows.push({ persisted: e.persisted, at: performance.now() }));
window.addEventListener("consent:change", (e) => window.__changes.push({ at: performance.now(), wall: Date.now(), record: e.detail.record }));
