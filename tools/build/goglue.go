package main

// Go's wasm_exec.js defines globalThis.fs, process, path and Go for the Go
// runtime. consent.js must add no global but window.consent (docs/api.md#events),
// so the build runs wasm_exec.js, unchanged, in a block where globalThis
// is a private object: its shims and its Go class land there. The free
// name fs that wasm_exec.js uses for the runtime's console output is a
// local bound to the shim. Once the file has run, the block's globalThis
// is the real one again, so that Go.run hands the Go program the page's
// global object (syscall/js's js.Global()). The Go runtime's own reads of
// fs, process and path from that global are answered from the private
// copies by web/src/goglue.js.
const (
	goGlueStart = `// ---- Go's wasm_exec.js, its shims kept in ccGoPrivate (see goglue.js)
const ccGoPrivate = (() => {
const ccRealGlobal = globalThis;
let fs;
const ccShims = {
  get fs() { return fs; },
  set fs(v) { fs = v; },
  crypto: ccRealGlobal.crypto,
  performance: ccRealGlobal.performance,
  TextEncoder: ccRealGlobal.TextEncoder,
  TextDecoder: ccRealGlobal.TextDecoder,
};
{
let globalThis = ccShims;
`
	goGlueEnd = `
globalThis = ccRealGlobal;
}
return { Go: ccShims.Go, fs: ccShims.fs, process: ccShims.process, path: ccShims.path };
})();
`
)
