// reserve.js: keeps the end of the page reachable while something of ours
// is fixed at the bottom of the window (the bar or the box banner, the
// reopen button). A spacer at the end of the body, as tall as what covers
// the window's bottom edge, lets the page's last content (a footer's
// "Cookie settings" link, say) scroll above it; without such a cover the
// spacer has no height. Sizes are set through the CSSOM, which a strict
// CSP allows.

let ccSpacer = null;
let ccSpacerWatch = null;

// ccCovers returns the elements fixed at the bottom edge of the window now.
function ccCovers() {
  const out = [];
  const root = ccState.root;
  const b = ccState.banner;
  if (b && b.isConnected && root && root.getAttribute("data-layout") !== "center") out.push(b);
  const r = ccReopenRoot && ccReopenRoot.querySelector(".cc-reopen");
  if (r && r.isConnected) out.push(r);
  return out;
}

// ccReserve sizes the spacer for what covers the bottom now, and watches
// those elements, so that a banner that grows (a narrower window, a
// language change) keeps the reserve in step.
function ccReserve() {
  if (!document.body) return;
  const covers = ccCovers();
  ccSizeSpacer(covers);
  ccWatchCovers(covers);
}

function ccSizeSpacer(covers) {
  const h = document.documentElement.clientHeight || window.innerHeight || 0;
  let need = 0;
  for (const e of covers) {
    const r = e.getBoundingClientRect();
    // What lies between the element's top and the window's bottom, and a
    // little air above it.
    if (r.height > 0 && r.top < h) need = Math.max(need, Math.ceil(h - r.top) + 8);
  }
  if (need > 0 && (!ccSpacer || ccSpacer !== document.body.lastElementChild)) {
    if (!ccSpacer) ccSpacer = ccDom.el("div", { class: "cc-reserve", "aria-hidden": "true" });
    document.body.appendChild(ccSpacer);
  }
  if (ccSpacer) {
    const px = need + "px";
    if (ccSpacer.style.height !== px) ccSpacer.style.height = px;
  }
}

// ccWatchCovers resizes the spacer whenever a cover changes size or the
// window does.
function ccWatchCovers(covers) {
  if (typeof ResizeObserver !== "function") return;
  if (!ccSpacerWatch) {
    const resize = () => {
      try {
        ccSizeSpacer(ccCovers());
      } catch (e) {
        ccLog("cannot keep the page's end reachable", e);
      }
    };
    ccSpacerWatch = new ResizeObserver(resize);
    window.addEventListener("resize", resize);
  }
  ccSpacerWatch.disconnect();
  for (const e of covers) ccSpacerWatch.observe(e);
}
