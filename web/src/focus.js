// focus.js — finding focusable elements and keeping focus inside a modal
// dialog, whether or not the browser has <dialog>.showModal().

const ccFocus = {
  selector: [
    "a[href]", "area[href]", "button", "input", "select", "textarea",
    "iframe", "object", "embed", "summary", "audio[controls]", "video[controls]",
    "[contenteditable]:not([contenteditable='false'])", "[tabindex]",
  ].join(","),

  // list returns the elements inside container reached by Tab, in
  // document order (explicit positive tabindex values are not reordered:
  // the consent UI uses none).
  list(container) {
    if (!container) return [];
    const out = [];
    for (const e of container.querySelectorAll(ccFocus.selector)) {
      if (e.disabled || e.tabIndex < 0) continue;
      if (e.type === "hidden") continue;
      if (e.closest("[hidden],[inert]")) continue;
      if (e.getClientRects().length === 0) continue; // display: none
      const cs = window.getComputedStyle(e);
      if (cs.visibility === "hidden") continue;
      out.push(e);
    }
    return out;
  },

  // active returns the focused element, looking into shadow roots, or null
  // when nothing (or only the body) has focus.
  active() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    return a;
  },

  // focus moves focus to e without scrolling the page more than needed.
  // Returns whether e has focus afterwards.
  focus(e) {
    if (!e || typeof e.focus !== "function" || !e.isConnected) return false;
    try {
      e.focus({ preventScroll: false });
    } catch (_) {
      return false;
    }
    return document.activeElement === e;
  },

  // trap keeps keyboard focus inside container until the returned release
  // function is called: Tab from the last focusable element goes to the
  // first, Shift+Tab from the first to the last, and focus that lands
  // outside (a click, a script, a browser without showModal) is pulled
  // back. onEscape, when given, is called for the Escape key.
  trap(container, onEscape) {
    const onKey = (ev) => {
      if (!container.isConnected) return;
      if (ev.key === "Escape" || ev.key === "Esc") {
        if (onEscape) {
          ev.preventDefault();
          ev.stopPropagation();
          onEscape();
        }
        return;
      }
      // WebKitGTK gives Shift+Tab the key "Unidentified" (its code is
      // still "Tab").
      const tab = ev.key === "Tab" || (ev.key === "Unidentified" && ev.code === "Tab");
      if (!tab || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const items = ccFocus.list(container);
      const cur = document.activeElement;
      if (items.length === 0) {
        ev.preventDefault();
        ccFocus.focus(container);
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      const inside = container.contains(cur);
      if (ev.shiftKey) {
        if (!inside || cur === first) {
          ev.preventDefault();
          ccFocus.focus(last);
        } else if (items.indexOf(cur) === -1) {
          // Focus is on a non-tabbable element inside (the dialog or its
          // heading): step back to the element before it, or wrap.
          ev.preventDefault();
          ccFocus.focus(ccFocus.before(items, cur) || last);
        }
      } else if (!inside || cur === last) {
        ev.preventDefault();
        ccFocus.focus(first);
      } else if (items.indexOf(cur) === -1) {
        ev.preventDefault();
        ccFocus.focus(ccFocus.after(items, cur) || first);
      }
    };
    const onFocusIn = (ev) => {
      if (!container.isConnected) return;
      const t = ev.target;
      if (t instanceof Node && !container.contains(t)) {
        const items = ccFocus.list(container);
        if (!ccFocus.focus(items[0])) ccFocus.focus(container);
      }
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn, true);
    };
  },

  // after returns the first item that follows node in document order.
  after(items, node) {
    if (!node) return null;
    for (const e of items) {
      if (node.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) return e;
    }
    return null;
  },

  // before returns the last item that precedes node in document order.
  before(items, node) {
    if (!node) return null;
    let found = null;
    for (const e of items) {
      if (node.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING) found = e;
    }
    return found;
  },
};
