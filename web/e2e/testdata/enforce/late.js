// A single-page app: adds gated content after consent.js is ready.
window.addLate = (run, category) => {
  const s = document.createElement("script");
  s.type = "text/plain";
  s.setAttribute("data-category", category || "statistics");
  s.textContent = "window.__runs.push(" + JSON.stringify(run) + ")";
  document.getElementById("app").appendChild(s);
};
window.addEventListener("consent:ready", () => {
  const box = document.createElement("div");
  box.id = "late";
  const f = document.createElement("iframe");
  f.id = "late-map";
  f.width = "300";
  f.height = "150";
  f.setAttribute("data-category", "media");
  f.setAttribute("data-service", "osm");
  f.setAttribute("data-src", "/site/frame.html");
  const img = document.createElement("img");
  img.id = "late-img";
  img.alt = "";
  img.setAttribute("data-category", "statistics");
  img.setAttribute("data-src", "/enforce/pixel.gif?late");
  box.append(f, img);
  document.getElementById("app").appendChild(box);
  window.addLate("late-1");
});
