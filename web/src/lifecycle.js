// lifecycle.js: tells Go when the stored choice may have changed elsewhere
// (app/sync.go decides what changed, policy.Follow what it means). A page
// restored by Back, a page shown again, the site's other tabs (a
// BroadcastChannel, and the Cookie Store API's change event where there is
// one) each make Go read the consent cookie again. Polling, once a second
// while visible, is the last resort of a browser with neither. No unload
// handler: the page stays eligible for the back/forward cache, and the
// channel is closed while the page is hidden in it.

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
    });
  }
  if (!store && !lifeChannel) {
    setInterval(() => {
      if (document.visibilityState === "visible") lifeSync();
    }, 1000);
  }
};

hooks.announce = () => {
  if (lifeChannel) lifeChannel.postMessage("changed");
};
