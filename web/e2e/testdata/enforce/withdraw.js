// Marks this page view, and notes (in sessionStorage, which survives a
// reload) whether it is being unloaded: Chromium fires beforeunload
// synchronously inside location.reload(), so the flag is set by the time
// the call that reloads returns.
window.__marker = "this page view";
window.addEventListener("beforeunload", () => sessionStorage.setItem("__unloading", String(Date.now())));
