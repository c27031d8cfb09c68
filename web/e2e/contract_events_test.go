package e2e

// Events on window (docs/api.md#events), Google Consent Mode v2
// (docs/api.md#google-consent-mode-v2) and the drop-in
// (docs/api.md#the-drop-in).

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract_6_Event_ready: consent:ready fires once, with the record or
// null.
func TestContract_6_Event_ready(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:ready")`)
	assert.Equal(t, []any{nil}, cEvents(t, ctx, "consent:ready"))
	eval[any](t, ctx, `consent.acceptAll()`)
	open(t, ctx, u)
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:ready")`)
	ev := cEvents(t, ctx, "consent:ready")
	require.Len(t, ev, 1)
	assert.Equal(t, "accept-all", ev[0].(map[string]any)["method"])
	assert.Equal(t, eval[any](t, ctx, `consent.get()`), ev[0])
}

// TestContract_6_Event_change: consent:change {record, changed:
// {categories, services}} after every new choice: a click, an API call.
// (reset(): TestContract_6_Event_change_reset; a GPC refusal:
// TestContract_6_Event_change_gpc; another tab:
// TestContract_3_Record_otherTabs.)
func TestContract_6_Event_change(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	last := func() map[string]any {
		ev := cEvents(t, ctx, "consent:change")
		require.NotEmpty(t, ev)
		return ev[len(ev)-1].(map[string]any)
	}
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:change")`)
	d := last()
	assert.Equal(t, eval[any](t, ctx, `consent.get()`), d["record"])
	assert.ElementsMatch(t, []any{"necessary", "statistics", "media"}, d["changed"].(map[string]any)["categories"], "from no choice: everything changed")
	assert.Len(t, d["changed"].(map[string]any)["services"], 5)

	eval[any](t, ctx, `consent.set({services: {ga: false}})`)
	d = last()
	assert.Equal(t, map[string]any{"categories": []any{}, "services": []any{"ga"}}, d["changed"], "only what changed")
	assert.Equal(t, "api", d["record"].(map[string]any)["method"])
}

// TestContract_6_Event_change_reset: reset() fires consent:change with
// record null.
func TestContract_6_Event_change_reset(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.acceptAll()`)
	n := len(cEvents(t, ctx, "consent:change"))
	eval[any](t, ctx, `consent.reset()`)
	ev := cEvents(t, ctx, "consent:change")
	require.Len(t, ev, n+1, "reset() fires consent:change")
	assert.Nil(t, ev[n].(map[string]any)["record"], "with record null")
}

// TestContract_6_Event_change_gpc: a GPC refusal fires consent:change.
func TestContract_6_Event_change_gpc(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{head: `<script src="/enforce/gpc.js"></script>`}))
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:change")`)
	d := cEvents(t, ctx, "consent:change")[0].(map[string]any)
	assert.Equal(t, "gpc", d["record"].(map[string]any)["method"])
}

// TestContract_6_Event_showHide: consent:show and consent:hide carry the
// view, banner or preferences.
func TestContract_6_Event_showHide(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:show")`)
	click(t, ctx, `#consent-banner [data-consent-action="customize"]`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	click(t, ctx, `#consent-preferences [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `consent.get() !== null`)
	got := eval[[]string](t, ctx, `window.__events.filter((e) => e.type === "consent:show" || e.type === "consent:hide").map((e) => e.type + " " + e.detail.view)`)
	assert.Equal(t, []string{"consent:show banner", "consent:hide banner", "consent:show preferences", "consent:hide preferences"}, got)
}

// TestContract_6_Event_error: consent:error {message} when the policy
// cannot be loaded or is invalid.
func TestContract_6_Event_error(t *testing.T) {
	ctx := cOpen(t, cPage(t, "/dyn/missing.json", pageOpts{}))
	msg := cError(t, ctx)
	assert.Contains(t, msg, "missing.json")
	assert.Contains(t, msg, "404")
	cReopen(t, ctx, cPage(t, cPolicyText(t, `{"categories": []}`), pageOpts{}))
	assert.Contains(t, cError(t, ctx), "/categories")
	assert.Equal(t, 1, len(cEvents(t, ctx, "consent:error")))
}

// consentEntries returns window.dataLayer's consent commands: "default" or
// "update", whether pushed as an arguments object, and the state.
const consentEntries = `(window.dataLayer || []).filter((e) => e && e[0] === "consent").map((e) => ({cmd: e[1], args: Object.prototype.toString.call(e) === "[object Arguments]", state: e[2]}))`

// TestContract_7_ConsentMode_default: as soon as consent.js runs, before
// the wasm starts, it pushes consent default with every type denied and
// wait_for_update.
func TestContract_7_ConsentMode_default(t *testing.T) {
	// A deferred script right after consent.js runs before the wasm has started.
	after := `<script src="/contract/cm-snapshot.js" defer></script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{after: after}))
	snap := eval[[]map[string]any](t, ctx, `window.__cmSnapshot`)
	require.NotEmpty(t, snap, "a default is there before the wasm starts")
	assert.Equal(t, "default", snap[0]["cmd"])
	assert.Equal(t, true, snap[0]["args"], "pushed as gtag() does")
	st := snap[0]["state"].(map[string]any)
	for _, typ := range []string{"ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"} {
		assert.Equal(t, "denied", st[typ], typ)
	}
	assert.NotNil(t, st["wait_for_update"])
	assert.False(t, eval[bool](t, ctx, `window.__cmSnapshotReady`), "taken before consent.ready")
}

// TestContract_7_ConsentMode_update: on ready (for a stored choice) and on
// every change the wasm pushes consent update, each type granted or denied
// from the categories that list it, as an arguments object.
func TestContract_7_ConsentMode_update(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	updates := func() []map[string]any {
		return eval[[]map[string]any](t, ctx, consentEntries+`.filter((e) => e.cmd === "update")`)
	}
	assert.Empty(t, updates(), "no stored choice: no update on ready")
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	u1 := updates()
	require.Len(t, u1, 1, "on change")
	assert.Equal(t, true, u1[0]["args"], "an arguments object")
	st := u1[0]["state"].(map[string]any)
	assert.Equal(t, "granted", st["analytics_storage"])
	assert.Equal(t, "denied", st["ad_storage"])
	open(t, ctx, u)
	u2 := updates()
	require.Len(t, u2, 1, "on ready for a stored choice")
	assert.Equal(t, u1[0]["state"], u2[0]["state"])
	eval[any](t, ctx, `consent.rejectAll()`)
	u3 := updates()
	require.Len(t, u3, 2)
	assert.Equal(t, "denied", u3[1]["state"].(map[string]any)["analytics_storage"])
}

// TestContract_7_ConsentMode_settings: the policy's consentMode settings
// are pushed as gtag("set", name, true) when the wasm starts, after the
// default and before any update; a setting left false is not pushed.
func TestContract_7_ConsentMode_settings(t *testing.T) {
	all := `(window.dataLayer || []).map((e) => Object.prototype.toString.call(e) === "[object Arguments]" ? [...e].map(String).join(" ") : "event " + e.event)`
	u := cPage(t, cPolicy(t, map[string]any{"consentMode": map[string]any{"adsDataRedaction": true, "urlPassthrough": true}}), pageOpts{})
	ctx := cOpen(t, u)
	assert.Equal(t, []string{"consent default [object Object]", "set ads_data_redaction true", "set url_passthrough true"}, eval[[]string](t, ctx, all))
	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"consentMode": map[string]any{"urlPassthrough": true}}), pageOpts{}))
	assert.Equal(t, []string{"consent default [object Object]", "set url_passthrough true"}, eval[[]string](t, ctx, all))
}

// TestContract_7_ConsentMode_event: each update is followed by the
// {event: "consent_update"} object Tag Manager triggers listen for, on
// start for a stored choice too.
func TestContract_7_ConsentMode_event(t *testing.T) {
	all := `(window.dataLayer || []).map((e) => Object.prototype.toString.call(e) === "[object Arguments]" ? e[0] + " " + e[1] : "event " + e.event)`
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, []string{"consent default", "consent update", "event consent_update"}, eval[[]string](t, ctx, all))
	open(t, ctx, u)
	assert.Equal(t, []string{"consent default", "consent update", "event consent_update"}, eval[[]string](t, ctx, all), "a returning visit")
}

// TestContract_1_DropIn: the <link> and <script data-policy> drop-in
// works with a policy URL and with #id of an inline JSON script, under
// the strict CSP default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'; style-src 'self'.
func TestContract_1_DropIn(t *testing.T) {
	csp := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{})+"?csp="+urlQuery(csp))
	assert.True(t, bannerShown(t, ctx), "a policy URL, under the strict CSP")
	assert.Equal(t, "fixed", eval[string](t, ctx, `getComputedStyle(document.getElementById("consent-banner")).position`), "consent.css applies")

	inline := `<script type="application/json" id="site-policy">` + contractPolicy + `</script>`
	cReopen(t, ctx, cPage(t, "#site-policy", pageOpts{head: inline})+"?csp="+urlQuery(csp))
	assert.True(t, bannerShown(t, ctx), "#id of an inline policy")
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, "accept-all", getRecord(t, ctx).Method)
}

// TestContract_1_Build: make build wrote consent.js, consent.wasm (also
// under its content-hashed name) and consent.css, each with brotli and gzip
// copies that decompress to it.
func TestContract_1_Build(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(dist, "manifest.json"))
	require.NoError(t, err)
	var manifest map[string]string
	require.NoError(t, json.Unmarshal(b, &manifest))
	for _, f := range []string{"consent.js", "consent.wasm", "consent.css", manifest["consent.wasm"]} {
		plain, err := os.ReadFile(filepath.Join(dist, f))
		require.NoError(t, err, f)
		gz, err := os.Open(filepath.Join(dist, f+".gz"))
		require.NoError(t, err, f+".gz")
		zr, err := gzip.NewReader(gz)
		require.NoError(t, err)
		unz, err := io.ReadAll(zr)
		gz.Close()
		require.NoError(t, err)
		assert.Equal(t, plain, unz, f+".gz is a copy of "+f)
		br, err := os.ReadFile(filepath.Join(dist, f+".br"))
		require.NoError(t, err, f+".br")
		unbr, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		require.NoError(t, err)
		assert.Equal(t, plain, unbr, f+".br is a copy of "+f)
	}
}

// TestContract_1_HashedWasm: consent.js fetches its wasm next to itself by
// a URL that carries the wasm's content hash, and web/dist holds that file.
func TestContract_1_HashedWasm(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	urls := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(".wasm"))`)
	require.Len(t, urls, 1)
	name := urls[0][strings.LastIndex(urls[0], "/")+1:]
	assert.Regexp(t, regexp.MustCompile(`^consent\.[0-9a-f]{8,}\.wasm$`), name, "the URL carries a content hash")
	hashed, err := os.ReadFile(filepath.Join(dist, name))
	require.NoError(t, err, "web/dist holds the hashed name")
	plain, err := os.ReadFile(filepath.Join(dist, "consent.wasm"))
	require.NoError(t, err)
	assert.Equal(t, plain, hashed, "the same wasm under both names")
}
