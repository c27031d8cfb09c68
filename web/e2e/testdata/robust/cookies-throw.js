// Test helper: a document whose cookies throw a SecurityError on every read
// and write, as in a sandboxed iframe without allow-same-origin.
Object.defineProperty(Document.prototype, "cookie", {
  configurable: true,
  get() {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  },
  set(v) {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  },
});
