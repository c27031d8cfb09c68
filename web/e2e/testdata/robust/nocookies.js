// Test helper: a browser that blocks cookies for this page. document.cookie
// reads as empty and every write is dropped (as Chromium does when the
// visitor blocks cookies for the site); the writes are kept in
// window.__droppedCookies.
window.__droppedCookies = [];
Object.defineProperty(Document.prototype, "cookie", {
  configurable: true,
  get() {
    return "";
  },
  set(v) {
    window.__droppedCookies.push(String(v));
  },
});
