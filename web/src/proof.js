// proof.js: carries proof-of-consent documents to the site's consent log
// and keeps the outbox in localStorage. It decides nothing: which document
// is sent, when, and what an answer means is Go's (policy/proof).

const proofHooks = {
  // sendProof POSTs body to url and calls done(status), 0 when no answer
  // came. keepalive lets the request outlive the page (a choice that
  // navigates); no cookies and no Referer go with it.
  sendProof(url, body, done) {
    let called = false;
    const finish = (status) => {
      if (called) return;
      called = true;
      try {
        done(status);
      } catch (e) {
        console.error(e);
      }
    };
    try {
      fetch(url, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json" },
        keepalive: true,
        mode: "cors",
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
      }).then((r) => finish(r.status), () => finish(0));
    } catch (e) {
      finish(0);
    }
  },
  // storageGet returns localStorage's value of key, "" when it has none or
  // the browser blocks it.
  storageGet(key) {
    try {
      return window.localStorage.getItem(key) || "";
    } catch (e) {
      return "";
    }
  },
  // storageSet stores value under key ("" removes it); it answers false
  // when the browser refuses (blocked storage, quota).
  storageSet(key, value) {
    try {
      if (value === "") window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
      return true;
    } catch (e) {
      return false;
    }
  },
};
