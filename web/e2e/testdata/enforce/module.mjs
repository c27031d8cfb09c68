// Runs only as a module: import.meta is a syntax error in a classic script.
window.__runs.push("module-ext:" + typeof import.meta.url);
