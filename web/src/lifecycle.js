// lifecycle.js: tells Go when the stored choice may have changed elsewhere
// (app/sync.go decides what changed, policy.Follow what it means). A page
// restored by Back, a page shown again, the site's other tabs (a
// BroadcastChannel, and the Cookie Store API's change event where there is
// one) each make Go read the consent cookie again. Polling, once a second
// while visible, is the last resort of a browser with neither. A cookie
// set while the page lives (the Cookie Store's change event, else
// visibility and a timer once a second) makes Go delete it if the choice
// refuses it. No unload handler: the page stays eligible for the
// back/forward cache, and the channel is closed while the page is hidden
// in it.

let lifeChannel = null;
let lifeChannelName = "";

const lifeSync = () => {
  if (started) quietly("sync");
};

const lifeOpen = () => {
  if (lifeChannel || !lifeChannelName || typeof BroadcastChannel !== "function") return;
  try {
    lifeChannel = new BroadcastChannel(lifeChannelName);
    lifeChannel.onmessage = lifeSync;
  } catch (e) {
    lifeChannel = null;
  }
};

hooks.follow = (channelName, cookieName) => {
  if (lifeChannelName) return;
  lifeChannelName = channelName;
  lifeOpen();
  window.addEventListener("pageshow", (e) => {
    lifeOpen();
    if (e.persisted) lifeSync();
  });
  window.addEventListener("pagehide", () => {
    if (lifeChannel) lifeChannel.close();
    lifeChannel = null;
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      lifeOpen();
      lifeSync();
      lifeSweep();
    }
  });
  let store = null;
  try {
    store = window.cookieStore && typeof window.cookieStore.addEventListener === "function" ? window.cookieStore : null;
  } catch (e) {
    store = null;
  }
  if (store) {
    store.addEventListener("change", (e) => {
      const touched = [...(e.changed || []), ...(e.deleted || [])];
      if (touched.some((c) => c && c.name === cookieName)) lifeSync();
      // A cookie set while the page lives (a tracker that already ran
      // re-creating its own): Go deletes it at once if the choice refuses it.
      if ((e.changed || []).some((c) => c && c.name !== cookieName)) lifeSweep();
    });
  }
  if (!store) {
    // Without the Cookie Store's change event, the last resort: once a
    // second while visible, Go looks for refused cookies (and, without
    // a channel, for a choice made elsewhere).
    const poll = !lifeChannel;
    setInterval(() => {
      if (document.visibilityState !== "visible") return;
      if (poll) lifeSync();
      lifeSweep();
    }, 1000);
  }
};

// lifeSweep has Go delete what the current choice refuses (policy
// decides, app carries it out); calls within one task run once.
let lifeSweepQueued = false;
const lifeSweep = () => {
  if (!started || lifeSweepQueued) return;
  lifeSweepQueued = true;
  queueMicrotask(() => {
    lifeSweepQueued = false;
    quietly("sweep");
  });
};

hooks.announce = () => {
  if (lifeChannel) lifeChannel.postMessage("changed");
};
