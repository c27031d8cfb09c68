package e2e

// window.consent (docs/api.md#windowconsent): every call, as a site's own scripts use it.

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract_5_API_ready: consent.ready resolves once the policy is
// loaded and the stored choice applied: with null on a first visit, with
// the record (its gates already open) for a returning visitor.
func TestContract_5_API_ready(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	ctx := newTab(t)
	navigate(t, ctx, u)
	assert.Nil(t, eval[any](t, ctx, `(async () => { while (!window.consent) await new Promise((r) => setTimeout(r, 5)); return consent.ready; })()`), "first visit: null")
	eval[any](t, ctx, `consent.acceptAll()`)
	navigate(t, ctx, u)
	got := eval[map[string]any](t, ctx, `(async () => { while (!window.consent) await new Promise((r) => setTimeout(r, 5)); const r = await consent.ready; return {method: r.method, same: JSON.stringify(r) === JSON.stringify(consent.get()), gated: document.querySelector('script[data-category="statistics"]').getAttribute("data-consent-state")}; })()`)
	assert.Equal(t, map[string]any{"method": "accept-all", "same": true, "gated": "live"}, got, "resolved with the record, applied")
}

// TestContract_5_API_get: null without a valid choice, else {id, revision,
// timestamp, method, categories, services} with every category and
// service; the timestamp is this choice's, in ms since the epoch.
func TestContract_5_API_get(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	assert.Nil(t, getRecord(t, ctx))
	before := time.Now().UnixMilli()
	eval[any](t, ctx, `consent.rejectAll()`)
	keys := eval[[]string](t, ctx, `Object.keys(consent.get()).sort()`)
	assert.Equal(t, []string{"categories", "id", "method", "revision", "services", "source", "timestamp"}, keys)
	r1 := getRecord(t, ctx)
	assert.NotEmpty(t, r1.ID)
	assert.Equal(t, 3, r1.Revision)
	assert.GreaterOrEqual(t, r1.Timestamp, before-1000)
	assert.LessOrEqual(t, r1.Timestamp, time.Now().UnixMilli()+1000)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "media": false}, r1.Categories, "every category")
	assert.Len(t, r1.Services, 5, "every service")
	time.Sleep(20 * time.Millisecond)
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Greater(t, getRecord(t, ctx).Timestamp, r1.Timestamp, "the time of this choice")
}

// TestContract_5_API_get_idKept: the id is made with a visitor's first
// choice and kept for each later one, a raised revision included, until
// reset().
func TestContract_5_API_get_idKept(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	r1 := eval[record](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, r1.ID, eval[record](t, ctx, `consent.acceptAll()`).ID, "kept for a later choice")
	cPolicy(t, map[string]any{"revision": 4})
	open(t, ctx, u)
	require.Nil(t, getRecord(t, ctx))
	r3 := eval[record](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, r1.ID, r3.ID, "kept across a raised revision")
	assert.Equal(t, 4, r3.Revision)
	eval[any](t, ctx, `consent.reset()`)
	assert.NotEqual(t, r1.ID, eval[record](t, ctx, `consent.acceptAll()`).ID, "a new id after reset()")
}

// TestContract_5_API_get_method: method says how the choice was made.
func TestContract_5_API_get_method(t *testing.T) {
	body := `<iframe id="map" data-category="media" data-service="osm" data-src="/site/frame.html" width="300" height="150"></iframe>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	ctx := cOpen(t, u)
	method := func() string { return cRecord(t, ctx).Method }
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `consent.get() !== null && consent.get().method === "accept-all"`)
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, "reject-all", method(), "the API call")
	eval[any](t, ctx, `consent.show()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-banner")`)
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, "accept-all", method())
	eval[any](t, ctx, `consent.show()`)
	click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `consent.get().method === "reject-all"`)
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	assert.Equal(t, "api", method(), "consent.set()")
	openPrefs(t, ctx)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `consent.get().method === "custom"`)
	eval[any](t, ctx, `consent.rejectAll()`)
	click(t, ctx, `.cc-placeholder:has(+ #map) button`)
	waitFor(t, ctx, `consent.get().method === "custom" && consent.get().services.osm === true`)

	cReopen(t, ctx, cPage(t, cPolicy(t, nil), pageOpts{head: `<script src="/enforce/gpc.js"></script>`}))
	assert.Equal(t, "gpc", method())
}

// TestContract_5_API_get_source: source says who made the choice: the
// visitor in the banner (banner) or the site's code (api), whatever the
// method; the proof of consent carries it too (policy/proof).
func TestContract_5_API_get_source(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	source := func() string { return eval[string](t, ctx, `consent.get().method + " " + consent.get().source`) }
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `consent.get() !== null && consent.get().method === "accept-all"`)
	assert.Equal(t, "accept-all banner", source(), "a click on the banner")
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, "accept-all api", source(), "consent.acceptAll() from the site's code")
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, "reject-all api", source())
	open(t, ctx, u)
	assert.Equal(t, "reject-all api", source(), "the source is stored in the cookie")
}

// TestContract_5_API_accepted: a boolean for a category, or a service of
// it; false before any choice; wrong argument types throw a TypeError.
func TestContract_5_API_accepted(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	assert.Equal(t, []any{false, false, true}, eval[[]any](t, ctx, `[consent.accepted("statistics"), consent.accepted("statistics", "ga"), consent.accepted("necessary")]`))
	eval[any](t, ctx, `consent.set({services: {ga: true}})`)
	assert.Equal(t, []any{true, false, false}, eval[[]any](t, ctx, `[consent.accepted("statistics", "ga"), consent.accepted("statistics", "matomo"), consent.accepted("statistics")]`),
		"one service of two: that service, not the category")
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	assert.Equal(t, []any{true, true}, eval[[]any](t, ctx, `[consent.accepted("statistics"), consent.accepted("statistics", "matomo")]`))
	for _, bad := range []string{`consent.accepted()`, `consent.accepted(1)`, `consent.accepted("statistics", 2)`, `consent.accepted({})`} {
		assert.Equal(t, "TypeError", eval[string](t, ctx, `(() => { try { `+bad+`; return "no error"; } catch (e) { return e.constructor.name; } })()`), bad)
	}
}

// TestContract_5_API_acceptedWhileStarting: with valid arguments get() and
// accepted() never throw, also while the runtime starts: until the stored
// choice is known they answer null and false.
func TestContract_5_API_acceptedWhileStarting(t *testing.T) {
	// A page script polls in every task from before consent.js runs until ready.
	poll := `<script>
window.__threw = [];
const tick = () => {
  if (window.consent) {
    try { const r = consent.get(); if (r !== null && typeof r !== "object") window.__threw.push("get: " + r); } catch (e) { window.__threw.push("get: " + e.message); }
    try { const a = consent.accepted("statistics"); if (typeof a !== "boolean") window.__threw.push("accepted: " + a); } catch (e) { window.__threw.push("accepted: " + e.message); }
  }
  if (!window.__done) { const ch = new MessageChannel(); ch.port1.onmessage = tick; ch.port2.postMessage(0); }
};
tick();
</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{head: poll})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.acceptAll()`)
	open(t, ctx, u)
	eval[any](t, ctx, `window.__done = true`)
	assert.Empty(t, eval[[]string](t, ctx, `window.__threw`), "a first and a returning visit")
}

// TestContract_5_API_acceptAll_rejectAll: each returns a Promise of the new
// record.
func TestContract_5_API_acceptAll_rejectAll(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	a := eval[record](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, "accept-all", a.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true, "media": true}, a.Categories)
	assert.Equal(t, *getRecord(t, ctx), a)
	r := eval[record](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, "reject-all", r.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "media": false}, r.Categories)
	assert.Equal(t, map[string]bool{"site": true, "matomo": false, "ga": false, "osm": false, "video": false}, r.Services)
	assert.False(t, bannerShown(t, ctx))
}

// TestContract_5_API_set: ids left out keep their current choice (refused
// when there is none); a category's value applies to all its services
// unless a service is named; a required category cannot be refused;
// unknown ids reject the Promise with an Error naming them.
func TestContract_5_API_set(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	r := eval[record](t, ctx, `consent.set({services: {osm: true}})`)
	assert.Equal(t, map[string]bool{"site": true, "matomo": false, "ga": false, "osm": true, "video": false}, r.Services, "left out: refused when there is no choice")
	assert.Equal(t, "api", r.Method)
	r = eval[record](t, ctx, `consent.set({categories: {statistics: true}, services: {ga: false}})`)
	assert.Equal(t, map[string]bool{"site": true, "matomo": true, "ga": false, "osm": true, "video": false}, r.Services,
		"the category's value for its services, but the named one; osm kept")
	r = eval[record](t, ctx, `consent.set({categories: {media: false}})`)
	assert.False(t, r.Categories["media"])
	assert.True(t, r.Services["matomo"], "kept")
	assert.False(t, r.Services["osm"], "the category's value reaches its services")

	msg := evalErr(t, ctx, `consent.set({categories: {nope: true}, services: {ghost: true}})`)
	assert.Contains(t, msg, "nope")
	assert.Contains(t, msg, "ghost")
	assert.Equal(t, "Error", eval[string](t, ctx, `consent.set({categories: {nope: true}}).then(() => "resolved", (e) => e.constructor.name)`))
	assert.Contains(t, evalErr(t, ctx, `consent.set({categories: {necessary: false}})`), "necessary")
	assert.Equal(t, r, *getRecord(t, ctx), "a rejected set() changes nothing")
}

// TestContract_5_API_show_hide: show() opens the banner, showPreferences()
// the dialog, hide() closes either.
func TestContract_5_API_show_hide(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.rejectAll()`)
	require.False(t, bannerShown(t, ctx))
	eval[any](t, ctx, `consent.show()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-banner")`)
	assert.True(t, bannerShown(t, ctx))
	eval[any](t, ctx, `consent.hide()`)
	waitFor(t, ctx, `!document.querySelector("#consent-banner")  || document.querySelector("#consent-banner").getBoundingClientRect().height === 0`)
	eval[any](t, ctx, `consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	eval[any](t, ctx, `consent.hide()`)
	waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]")`)
	assert.Equal(t, "reject-all", getRecord(t, ctx).Method, "opening and closing chooses nothing")
}

// TestContract_5_API_reset: forgets the choice, clears the optional
// cookies and shows the banner.
func TestContract_5_API_reset(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.acceptAll()`)
	plantAt(t, ctx, u, "_ga", "1")
	plantAt(t, ctx, u, "sessionid", "1")
	eval[any](t, ctx, `consent.reset()`)
	assert.Nil(t, getRecord(t, ctx))
	assert.True(t, bannerShown(t, ctx))
	assert.Equal(t, []string{"sessionid"}, pageCookies(t, ctx), "the optional cookies and the choice are gone")
	open(t, ctx, u)
	assert.True(t, bannerShown(t, ctx), "forgotten on the next page too")
}

// TestContract_5_API_setLanguage: re-renders in that language.
func TestContract_5_API_setLanguage(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	en := eval[string](t, ctx, `document.getElementById("consent-banner").textContent`)
	eval[any](t, ctx, `consent.setLanguage("de")`)
	assert.Equal(t, "de", eval[string](t, ctx, `document.getElementById("consent-root").lang`))
	assert.NotEqual(t, en, eval[string](t, ctx, `document.getElementById("consent-banner").textContent`))
	openPrefs(t, ctx)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("consent-preferences").textContent`), "Statistik")
	assert.Equal(t, "TypeError", eval[string](t, ctx, `consent.setLanguage(5).then(() => "resolved", (e) => e.constructor.name)`))
}

// TestContract_5_API_wrongArguments: wrong arguments give a rejected
// Promise or a thrown TypeError with a clear message; no call stops the
// runtime.
func TestContract_5_API_wrongArguments(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	for _, bad := range []string{`consent.set()`, `consent.set("all")`, `consent.set({categories: {statistics: "yes"}})`, `consent.set({colours: {}})`,
		`consent.set({categories: []})`, `consent.setLanguage()`} {
		msg := eval[string](t, ctx, `(async () => { try { await `+bad+`; return "resolved"; } catch (e) { return e.constructor.name + ": " + e.message; } })()`)
		assert.Regexp(t, `^(TypeError|Error): consent\.`, msg, bad)
	}
	assert.Equal(t, "accept-all", eval[record](t, ctx, `consent.acceptAll()`).Method, "the runtime still answers")
}

// TestContract_5_API_dialogSave: Save in the dialog records exactly what
// the dialog showed (method custom): opening it after a choice of one
// service and saving untouched widens nothing.
func TestContract_5_API_dialogSave(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	before := eval[record](t, ctx, `consent.set({services: {matomo: true}})`)
	openPrefs(t, ctx)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `consent.get().method === "custom"`)
	after := getRecord(t, ctx)
	assert.Equal(t, before.Categories, after.Categories, "no category is accepted that was not")
	assert.Equal(t, before.Services, after.Services)
	assert.False(t, eval[bool](t, ctx, `consent.accepted("statistics")`))
}
