// A site's Google tag configuration, as gtag.js's snippet writes it; it
// notes what dataLayer held when it ran.
window.dataLayer = window.dataLayer || [];
function gtag() {
  window.dataLayer.push(arguments);
}
window.__atConfig = window.dataLayer.map((e) => e[0] + " " + e[1]);
gtag("js", new Date());
gtag("config", "G-TEST");
