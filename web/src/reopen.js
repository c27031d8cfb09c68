// reopen.js: the small fixed "Cookie settings" button that opens the
// preferences again after a choice, so that withdrawing is as easy as
// consenting. Go decides whether it shows (the view's reopen,
// policy.ReopenShown: after a choice, unless the policy says "reopen":
// "none"); this draws it.
//
// It lives in its own root beside #consent-root, so that the dialog it
// opens returns the focus to it when it closes, and it stays (inert under
// the modal dialog) while the dialog is open. It sits in the bottom corner
// on the inline-start side (left, or right in a right-to-left language),
// away from the box banner's corner, and reserve.js keeps the page's end
// scrollable above it.

let ccReopenRoot = null;
let ccReopenWatching = false;
let ccReopenLastY = 0;

// ccDrawReopen draws, updates or removes the button for the normalised
// view v.
function ccDrawReopen(v) {
  if (!document.body) return;
  if (!v || !v.reopen) {
    if (ccReopenRoot) ccDom.remove(ccReopenRoot);
    ccReopenRoot = null;
    return;
  }
  let r = ccReopenRoot;
  if (!r || !r.isConnected) {
    const btn = ccDom.el(
      "button",
      { type: "button", class: "cc-reopen", "data-cc-key": "reopen" },
      ccDom.el("span", { class: "cc-reopen-icon", "aria-hidden": "true" }),
      ccDom.el("span", { class: "cc-reopen-label cc-sr-only" }),
    );
    btn.addEventListener("click", () => ccCallAct("customize"));
    r = ccDom.el("div", { id: "consent-reopen", class: "cc-root cc-reopen-root" }, btn);
    document.body.appendChild(r);
    ccReopenRoot = r;
    if (!ccReopenWatching) {
      ccReopenWatching = true;
      window.addEventListener("scroll", ccReopenScrolled, { passive: true });
    }
  }
  r.setAttribute("data-theme", v.theme);
  if (v.lang) r.setAttribute("lang", v.lang);
  else r.removeAttribute("lang");
  r.setAttribute("dir", v.dir);
  const name = ccText(v.texts, "reopen") || ccText(v.texts, "prefsTitle");
  const btn = r.querySelector(".cc-reopen");
  const label = r.querySelector(".cc-reopen-label");
  if (label && label.textContent !== name) label.textContent = name;
  // The tooltip names the icon for those who see it.
  if (btn) btn.setAttribute("title", name);
  // Read only now: reading the scroll position lays the page out, and a
  // button laid out before its theme is set would fade into its colours.
  if (btn && !btn.classList.contains("cc-reopen-away")) ccReopenLastY = window.scrollY || 0;
}

// ccReopenScrolled keeps the button off the text a visitor reads on a
// narrow window (a phone), where it would cover a line at the bottom
// while the page scrolls: it moves out of the window while the visitor
// scrolls down, and comes back when they scroll up, reach the top or the
// page's end (which reserve.js keeps free), or give it the keyboard focus
// (the CSS shows it while focused). On wider windows it stays.
function ccReopenScrolled() {
  try {
    const btn = ccReopenRoot && ccReopenRoot.isConnected && ccReopenRoot.querySelector(".cc-reopen");
    if (!btn) return;
    const y = window.scrollY || 0;
    const doc = document.documentElement;
    const narrow = typeof matchMedia === "function" && matchMedia("(max-width: 40rem)").matches;
    const atEnd = y + doc.clientHeight >= doc.scrollHeight - 2;
    let away = btn.classList.contains("cc-reopen-away");
    if (!narrow || atEnd || y <= 0) away = false;
    else if (y > ccReopenLastY + 4) away = true;
    else if (y < ccReopenLastY - 4) away = false;
    if (Math.abs(y - ccReopenLastY) > 4 || !away) ccReopenLastY = y;
    if (btn.classList.contains("cc-reopen-away") !== away) btn.classList.toggle("cc-reopen-away", away);
  } catch (e) {
    // Moving a button aside is never worth an error on the host page.
  }
}
