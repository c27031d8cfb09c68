// A stand-in for a gated external script: records its data-run attribute,
// which also shows that the enabled script kept the page's attributes.
window.__runs.push(document.currentScript ? document.currentScript.getAttribute("data-run") : "run.js without currentScript");
