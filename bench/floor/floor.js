// floor.js: the floor programs' loader (after Go's wasm_exec.js in one
// file, as consent.js is). It records the same performance marks as
// consent.js with data-perf, so the bench can compare phase by phase.
(() => {
  "use strict";
  const mark = (n) => performance.mark("consent:" + n);
  mark("loader");
  const script = document.currentScript;
  const go = new Go();
  globalThis.__floorMark = mark;
  // The frame after the banner was drawn: its first paint.
  globalThis.__floorDrawn = () => {
    mark("drawn");
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => mark("paint");
      ch.port2.postMessage(null);
    });
  };
  WebAssembly.instantiateStreaming(fetch(script.getAttribute("data-wasm")), go.importObject)
    .then((r) => {
      mark("compiled");
      mark("run");
      go.run(r.instance);
    })
    .catch((e) => console.error("floor: " + e.message));
})();
