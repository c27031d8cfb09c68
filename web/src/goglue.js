// goglue.js: keeps the Go runtime's globals private. The build runs Go's
// wasm_exec.js with its shims (fs, process, path) and its Go class held in
// ccGoPrivate instead of on the page's global object (tools/build,
// goglue.go). The Go runtime still reads them from js.Global() (package
// syscall does at start-up), and loader.js hands Go its hooks the same
// way (bridge.HooksGlobal): ccPrivateGlobals answers exactly those reads
// of the global object from a private object, so that the page never sees
// them and a page's own fs, process or path never reaches Go.

// ccPrivateGlobals makes go (a Go instance, before run) read the names of
// own from own whenever the Go program gets them from the global object.
const ccPrivateGlobals = (go, own) => {
  const gojs = go.importObject && go.importObject.gojs;
  const get = gojs && gojs["syscall/js.valueGet"];
  if (typeof get !== "function") throw new Error("consent: this wasm_exec.js has no syscall/js.valueGet");
  const utf8 = new TextDecoder();
  // syscall/js's reference to the global object: NaN-boxed id 5, type object.
  const globalLow = 5;
  const globalHigh = 0x7ff80000 | 1;
  const int64 = (m, addr) => m.getUint32(addr, true) + m.getInt32(addr + 4, true) * 4294967296;
  gojs["syscall/js.valueGet"] = (sp) => {
    const at = sp >>> 0;
    const m = go.mem;
    if (m.getUint32(at + 8, true) === globalLow && m.getUint32(at + 12, true) === globalHigh) {
      const len = int64(m, at + 24);
      if (len < 32) {
        const key = utf8.decode(new Uint8Array(m.buffer, int64(m, at + 16), len));
        if (Object.prototype.hasOwnProperty.call(own, key)) {
          // The Go program's table of JS values, not the page's global:
          // for this one read, its global slot is the private object.
          const values = go._values;
          const real = values[globalLow];
          values[globalLow] = own;
          try {
            get(sp);
          } finally {
            values[globalLow] = real;
          }
          return;
        }
      }
    }
    get(sp);
  };
};
