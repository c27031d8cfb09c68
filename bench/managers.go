package main

import (
	"strings"
)

// manager is one consent manager under test: the markup its documented
// drop-in puts into a page, and where the benchmark finds its banner, its
// "Reject all" button and its consent cookie.
type manager struct {
	ID      string // URL path segment and JSON key
	Name    string // for people
	Version string
	Head    string // markup at the end of <head>
	Gated   string // markup at the end of <body>: the analytics script, gated the manager's way
	Banner  string // CSS selector of the first-visit banner
	Reject  string // CSS selector of its "Reject all" button
	Cookie  string // name of the cookie that stores the choice
	// AcceptJS accepts everything through the manager's own API, to store
	// the choice the returning visitor has.
	AcceptJS string
	floor    bool // one of the bench's floor programs (floor.go)
}

// The common content: three categories (necessary, analytics, marketing),
// two services (stats, ads), English text.
const (
	bannerTitle = "We use cookies"
	bannerText  = "We use cookies to run this site, to count visits and to show ads. You choose which ones we may use."
	policyURL   = "/privacy.html"
)

// managers are run in this order in every round; vanilla-cookieconsent is
// the reference the ratios are computed against.
var managers = []manager{
	{
		ID: "ours", Name: "consentwasm (this project)", Version: "web/dist",
		Head: `
<link rel="preload" href="/consent/consent.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="/consent/policy.json" as="fetch" crossorigin>
<link rel="stylesheet" href="/consent/consent.css">
<script src="/consent/consent.js" data-policy="/consent/policy.json" data-perf defer></script>`,
		Gated: `
<script type="text/plain" data-category="analytics" data-service="stats" data-src="/site/analytics.js"></script>
<script type="text/plain" data-category="marketing" data-service="ads" data-src="/site/ads.js"></script>`,
		Banner:   "#consent-banner",
		Reject:   `#consent-banner [data-consent-action="reject-all"]`,
		Cookie:   "cookies_preferences",
		AcceptJS: `window.consent.acceptAll()`,
	},
	{
		ID: "vanilla", Name: "vanilla-cookieconsent", Version: "3.1.0",
		Head: `
<link rel="stylesheet" href="/npm/vanilla-cookieconsent/dist/cookieconsent.css">
<script src="/npm/vanilla-cookieconsent/dist/cookieconsent.umd.js" defer></script>
<script>
window.addEventListener("DOMContentLoaded", function () {
  CookieConsent.run({
    // Its default hides the banner from browsers driven by automation
    // (navigator.webdriver), which is this benchmark's browser.
    hideFromBots: false,
    categories: {
      necessary: { enabled: true, readOnly: true },
      analytics: { services: { stats: { label: "Example Analytics" } } },
      marketing: { services: { ads: { label: "Example Ads" } } }
    },
    language: {
      default: "en",
      translations: {
        en: {
          consentModal: {
            title: "` + bannerTitle + `",
            description: "` + bannerText + ` <a href=\"` + policyURL + `\">Cookie policy</a>",
            acceptAllBtn: "Accept all",
            acceptNecessaryBtn: "Reject all",
            showPreferencesBtn: "Customize"
          },
          preferencesModal: {
            title: "Cookie settings",
            acceptAllBtn: "Accept all",
            acceptNecessaryBtn: "Reject all",
            savePreferencesBtn: "Save",
            closeIconLabel: "Close",
            sections: [
              { title: "Necessary", description: "Needed for the site to work.", linkedCategory: "necessary" },
              { title: "Analytics", description: "Counts visits anonymously (Example Analytics).", linkedCategory: "analytics" },
              { title: "Marketing", description: "Shows personalised ads (Example Ads).", linkedCategory: "marketing" }
            ]
          }
        }
      }
    }
  });
});
</script>`,
		Gated: `
<script type="text/plain" data-category="analytics" data-service="stats" data-src="/site/analytics.js"></script>
<script type="text/plain" data-category="marketing" data-service="ads" data-src="/site/ads.js"></script>`,
		Banner:   "#cc-main .cm",
		Reject:   `#cc-main .cm [data-role="necessary"]`,
		Cookie:   "cc_cookie",
		AcceptJS: `CookieConsent.acceptCategory("all")`,
	},
	{
		ID: "klaro", Name: "Klaro", Version: "0.7.22",
		Head: `
<script>
window.klaroConfig = {
  version: 1,
  elementID: "klaro",
  storageMethod: "cookie",
  cookieName: "klaro",
  cookieExpiresAfterDays: 182,
  privacyPolicy: "` + policyURL + `",
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  lang: "en",
  translations: {
    en: {
      consentNotice: { title: "` + bannerTitle + `", description: "` + bannerText + `" },
      ok: "Accept all",
      decline: "Reject all",
      purposes: {
        necessary: { title: "Necessary", description: "Needed for the site to work." },
        analytics: { title: "Analytics", description: "Counts visits anonymously." },
        marketing: { title: "Marketing", description: "Shows personalised ads." }
      },
      stats: { title: "Example Analytics", description: "Counts visits." },
      ads: { title: "Example Ads", description: "Shows ads." }
    }
  },
  services: [
    { name: "stats", title: "Example Analytics", purposes: ["analytics"], cookies: ["_ea_id"] },
    { name: "ads", title: "Example Ads", purposes: ["marketing"], cookies: ["_xa"] }
  ]
};
</script>
<script defer data-config="klaroConfig" src="/npm/klaro/dist/klaro.js"></script>`,
		Gated: `
<script type="text/plain" data-type="text/javascript" data-name="stats" data-src="/site/analytics.js"></script>
<script type="text/plain" data-type="text/javascript" data-name="ads" data-src="/site/ads.js"></script>`,
		Banner:   ".klaro .cookie-notice",
		Reject:   ".klaro .cookie-notice .cn-decline",
		Cookie:   "klaro",
		AcceptJS: `(() => { const m = klaro.getManager(); m.changeAll(true); m.saveAndApplyConsents(); })()`,
	},
	{
		ID: "tarteaucitron", Name: "tarteaucitron", Version: "1.34.0",
		Head: `
<script>var tarteaucitronCustomText = { alertBigPrivacy: "` + bannerText + `" };</script>
<script src="/npm/tarteaucitronjs/tarteaucitron.min.js"></script>
<script>
tarteaucitron.init({
  privacyUrl: "` + policyURL + `",
  bodyPosition: "bottom",
  hashtag: "#tarteaucitron",
  cookieName: "tarteaucitron",
  orientation: "bottom",
  groupServices: false,
  serviceDefaultState: "wait",
  showAlertSmall: false,
  cookieslist: false,
  showIcon: false,
  adblocker: false,
  DenyAllCta: true,
  AcceptAllCta: true,
  highPrivacy: true,
  handleBrowserDNTRequest: false,
  removeCredit: false,
  moreInfoLink: true,
  useExternalCss: false,
  useExternalJs: false,
  mandatory: true,
  mandatoryCta: true,
  googleConsentMode: false,
  bingConsentMode: false,
  pianoConsentMode: false
});
tarteaucitron.services.stats = {
  key: "stats", type: "analytic", name: "Example Analytics", uri: "` + policyURL + `",
  needConsent: true, cookies: ["_ea_id"],
  js: function () { tarteaucitron.addScript("/site/analytics.js"); }
};
tarteaucitron.services.ads = {
  key: "ads", type: "ads", name: "Example Ads", uri: "` + policyURL + `",
  needConsent: true, cookies: ["_xa"],
  js: function () { tarteaucitron.addScript("/site/ads.js"); }
};
(tarteaucitron.job = tarteaucitron.job || []).push("stats");
tarteaucitron.job.push("ads");
</script>`,
		Gated:    ``, // tarteaucitron gates through the services' js functions above
		Banner:   "#tarteaucitronAlertBig",
		Reject:   "#tarteaucitronAllDenied2",
		Cookie:   "tarteaucitron",
		AcceptJS: `tarteaucitron.userInterface.respondAll(true)`,
	},
	{
		ID: "osano", Name: "Osano cookieconsent", Version: "3.1.1",
		Head: `
<link rel="stylesheet" href="/npm/cookieconsent/build/cookieconsent.min.css">
<script src="/npm/cookieconsent/build/cookieconsent.min.js"></script>
<script>
// Osano's cookieconsent has no gating of its own: the site runs its
// scripts from the callbacks once the visitor allowed cookies.
function loadGated() {
  if (window.__gatedLoaded) return;
  window.__gatedLoaded = true;
  ["/site/analytics.js", "/site/ads.js"].forEach(function (src) {
    var s = document.createElement("script");
    s.src = src;
    document.head.appendChild(s);
  });
}
window.addEventListener("load", function () {
  window.cookieconsent.initialise({
    type: "opt-in",
    position: "bottom",
    palette: { popup: { background: "#1d2330" }, button: { background: "#3b6fd6" } },
    content: { header: "` + bannerTitle + `", message: "` + bannerText + `", allow: "Accept all", deny: "Reject all", link: "Cookie policy", href: "` + policyURL + `" },
    onInitialise: function () { if (this.hasConsented()) loadGated(); },
    onStatusChange: function () { if (this.hasConsented()) loadGated(); }
  }, function (popup) { window.__ccPopup = popup; });
});
</script>`,
		Gated:    ``,
		Banner:   ".cc-window",
		Reject:   ".cc-window .cc-deny",
		Cookie:   "cookieconsent_status",
		AcceptJS: `window.__ccPopup.setStatus("allow")`,
	},
}

// allManagers are run in this order in every round: ours, the two floors,
// then the peers.
var allManagers = append([]manager{managers[0],
	floorManager(floorSafe, "Go floor (safejs)"),
	floorManager(floorSyscall, "Go floor (syscall/js)")}, managers[1:]...)

// pageHTML is the test page of m: the same article for every manager.
func pageHTML(m manager) string {
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example City – ` + m.Name + `</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/site/page.css">`)
	b.WriteString(m.Head)
	b.WriteString(`
</head><body>
<main>
<h1>Example City</h1>
<p>Welcome to the city's website. Here you find opening hours, forms and news from the town hall.</p>
<h2>News</h2>
<p>The library opens on Sundays from next month. The swimming pool closes for repairs in August.</p>
<p>Read our <a href="` + policyURL + `">cookie policy</a>.</p>
</main>`)
	b.WriteString(m.Gated)
	b.WriteString("\n</body></html>\n")
	return b.String()
}
