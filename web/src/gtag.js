// gtag.js: Google Consent Mode v2's first word (docs/api.md#google-consent-mode-v2). The moment
// consent.js runs, before the wasm has started, it pushes the consent
// default (every type denied, wait_for_update), so that a Google tag
// loaded after consent.js never runs without a consent state. The default
// is ccConsentDefault, which the build writes from Go
// (policy.ConsentModeDefaultJSON); what follows it comes from the wasm
// (policy/consentmode.go) through ccDataLayerPush.

// ccDataLayerPush pushes entries onto window.dataLayer: an array as gtag()
// pushes its arguments (Google's tags read commands in no other form), an
// object (a Tag Manager event) as it is.
function ccDataLayerPush(entries) {
  try {
    const dl = (window.dataLayer = window.dataLayer || []);
    for (const e of entries) {
      if (Array.isArray(e)) {
        (function () {
          dl.push(arguments);
        }).apply(null, e);
      } else {
        dl.push(e);
      }
    }
  } catch (e) {
    console.error("consent: window.dataLayer: " + ((e && e.message) || e));
  }
}

ccDataLayerPush([["consent", "default", ccConsentDefault]]);
