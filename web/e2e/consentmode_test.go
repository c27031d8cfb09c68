package e2e

// Google Consent Mode v2 as Google documents it (docs/api.md#google-consent-mode-v2): consent.js
// pushes the default before anything else, the wasm's settings and
// updates follow, each update with a dataLayer event for Tag Manager.

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataLayerEntries lists window.dataLayer: a gtag() command as
// {args: true, cmd: "consent default", value: …}, an object as {event}.
func dataLayerEntries(t *testing.T, ctx context.Context) []map[string]any {
	t.Helper()
	return eval[[]map[string]any](t, ctx, `window.dataLayer.map((e) => Object.prototype.toString.call(e) === "[object Arguments]"
		? {args: true, cmd: e[0] + (typeof e[1] === "string" ? " " + e[1] : ""), value: typeof e[2] === "object" ? e[2] : e[2] === undefined ? null : e[2]}
		: {args: false, event: e.event})`)
}

func cmds(entries []map[string]any) []string {
	var out []string
	for _, e := range entries {
		if e["args"] == true {
			out = append(out, e["cmd"].(string))
		} else {
			out = append(out, "event "+e["event"].(string))
		}
	}
	return out
}

func cmState(analytics, ad, functionality string) map[string]any {
	return map[string]any{"analytics_storage": analytics, "ad_storage": ad, "ad_user_data": ad, "ad_personalization": ad,
		"functionality_storage": functionality, "personalization_storage": "denied", "security_storage": "granted"}
}

// TestConsentModeAdvanced: consent.js without defer before the Google
// tag's config (Consent Mode's advanced setup). The default comes first,
// every type denied with wait_for_update, before the tag's config; the
// policy's settings follow when the wasm starts; an update and the
// consent_update event follow each choice and a returning visit's start.
func TestConsentModeAdvanced(t *testing.T) {
	ctx := newTab(t)
	pol := enforcePolicy(t, map[string]any{"consentMode": map[string]any{"adsDataRedaction": true, "urlPassthrough": true}})
	u := enforcePage(t, "", "", pageOpts{policy: pol, nodefer: true,
		after: `<script src="/enforce/gtag-config.js"></script>`,
		body: `<h1>Advanced</h1>
<script type="text/plain" data-category="statistics" data-src="/enforce/run.js" data-run="stats"></script>`})
	open(t, ctx, u)

	assert.Equal(t, []string{"consent default"}, eval[[]string](t, ctx, `window.__atConfig`), "the tag's config saw the default already")
	e := dataLayerEntries(t, ctx)
	require.Equal(t, []string{"consent default", "js", "config G-TEST", "set ads_data_redaction", "set url_passthrough"}, cmds(e),
		"first visit: the default, the tag, the settings, and no update before a choice")
	def := map[string]any{"wait_for_update": float64(500)}
	for k := range cmState("", "", "") {
		def[k] = "denied"
	}
	assert.Equal(t, def, e[0]["value"], "every type denied, security_storage too, until the wasm says otherwise")
	assert.Equal(t, true, e[3]["value"])
	assert.Equal(t, true, e[4]["value"])

	// A blocking consent.js in <head> still draws the banner and gates the body.
	require.True(t, visible(t, ctx, "#consent-banner"), "the banner shows")
	click(t, ctx, `#consent-banner [data-consent-action="customize"]`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	click(t, ctx, `#consent-preferences input[data-category="statistics"]`)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	e = dataLayerEntries(t, ctx)
	require.Len(t, e, 7)
	assert.Equal(t, map[string]any{"args": true, "cmd": "consent update", "value": cmState("granted", "denied", "denied")}, e[5], "the update after the choice")
	assert.Equal(t, map[string]any{"args": false, "event": "consent_update"}, e[6], "then the event for Tag Manager")

	open(t, ctx, u)
	e = dataLayerEntries(t, ctx)
	require.Equal(t, []string{"consent default", "js", "config G-TEST", "set ads_data_redaction", "set url_passthrough", "consent update", "event consent_update"}, cmds(e),
		"returning visit: the stored choice's update on ready")
	assert.Equal(t, cmState("granted", "denied", "denied"), e[5]["value"])

	eval[any](t, ctx, `consent.acceptAll()`)
	eval[any](t, ctx, `consent.rejectAll()`)
	e = dataLayerEntries(t, ctx)
	require.Equal(t, []string{"consent update", "event consent_update", "consent update", "event consent_update"}, cmds(e[7:]))
	assert.Equal(t, cmState("granted", "granted", "granted"), e[7]["value"])
	assert.Equal(t, cmState("denied", "denied", "denied"), e[9]["value"])
}

// TestConsentModeDeferred: the usual deferred consent.js after a site that
// writes its own default first: both defaults stay ahead of every update,
// and a policy without consentMode pushes no settings.
func TestConsentModeDeferred(t *testing.T) {
	ctx := newTab(t)
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), head: `<script src="/enforce/gtag-default.js"></script>`, body: `<p>gtag</p>`})
	open(t, ctx, u)
	e := dataLayerEntries(t, ctx)
	require.Equal(t, []string{"consent default", "consent default"}, cmds(e), "the site's default, then consent.js's")
	assert.Equal(t, "granted", e[0]["value"].(map[string]any)["security_storage"], "the site's own default is first")

	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	e = dataLayerEntries(t, ctx)
	require.Equal(t, []string{"consent default", "consent default", "consent update", "event consent_update"}, cmds(e))
	assert.Equal(t, cmState("granted", "denied", "denied"), e[2]["value"])
}
