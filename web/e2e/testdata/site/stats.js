// A stand-in for an analytics script: records that it ran and sets its cookies.
window.__runs.push("stats");
document.cookie = "_pk_id.1.abcd=visitor; path=/";
document.cookie = "_pk_ses.1.abcd=1; path=/";
