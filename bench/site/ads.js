// The gated marketing script.
window.__adsRuns = (window.__adsRuns || 0) + 1;
