window.__runs.push("nostats");
