// The gated analytics script: it records when it ran.
if (window.__benchMark) window.__benchMark("gated");
window.__analyticsRuns = (window.__analyticsRuns || 0) + 1;
