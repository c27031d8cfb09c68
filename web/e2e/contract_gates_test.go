package e2e

// Gated content (docs/api.md#gated-content): every markup row and when it becomes live.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract_4_Gate_scriptCategory: <script type="text/plain"
// data-category> runs when the category is accepted, at most once per page
// view however often the choice changes.
func TestContract_4_Gate_scriptCategory(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	assert.Empty(t, runs(t, ctx), "no choice: inert")
	eval[any](t, ctx, `consent.set({categories: {media: true}})`)
	assert.Empty(t, runs(t, ctx), "another category: inert")
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	waitFor(t, ctx, `window.__runs.length === 1`)
	eval[any](t, ctx, `consent.rejectAll().then(() => consent.acceptAll()).then(() => consent.set({categories: {statistics: true}}))`)
	eval[any](t, ctx, `new Promise((r) => setTimeout(r, 100))`)
	assert.Equal(t, []string{"stats"}, runs(t, ctx), "at most once per page view")
}

// TestContract_4_Gate_scriptService: with data-service (and data-src) the
// script runs when that service is accepted, not merely its category's
// other service.
func TestContract_4_Gate_scriptService(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics" data-service="matomo" data-src="/enforce/run.js" data-run="matomo"></script>
<script type="text/plain" data-category="statistics" data-service="ga" data-src="/enforce/run.js" data-run="ga"></script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	eval[any](t, ctx, `consent.set({services: {ga: true}})`)
	waitFor(t, ctx, `window.__runs.includes("ga")`)
	eval[any](t, ctx, `new Promise((r) => setTimeout(r, 100))`)
	assert.Equal(t, []string{"ga"}, runs(t, ctx), "the external script of the accepted service only")
}

// TestContract_4_Gate_module: data-type="module" runs the script as a
// module.
func TestContract_4_Gate_module(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics" data-type="module" data-src="/enforce/module.mjs"></script>
<script type="text/plain" data-category="statistics" data-type="module">window.__runs.push("inline:" + typeof import.meta.url)</script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.length === 2`)
	assert.ElementsMatch(t, []string{"module-ext:string", "inline:string"}, runs(t, ctx))
}

// TestContract_4_Gate_refusedCategory: data-category="!id" goes live when
// the category is refused, not while there is no choice.
func TestContract_4_Gate_refusedCategory(t *testing.T) {
	body := `<script type="text/plain" data-category="!statistics">window.__runs.push("no-stats")</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	ctx := cOpen(t, u)
	assert.Empty(t, runs(t, ctx), "no choice yet: not refused")
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	assert.Empty(t, runs(t, ctx))
	eval[any](t, ctx, `consent.set({categories: {statistics: false}})`)
	waitFor(t, ctx, `window.__runs.includes("no-stats")`)
	open(t, ctx, u)
	waitFor(t, ctx, `window.__runs.includes("no-stats")`)
}

// TestContract_4_Gate_iframePlaceholder: a gated iframe shows a
// placeholder with a button that accepts that service in place.
func TestContract_4_Gate_iframePlaceholder(t *testing.T) {
	body := `<iframe id="map" data-category="media" data-service="osm" data-src="/site/frame.html" width="400" height="200" title="Map"></iframe>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	assert.False(t, eval[bool](t, ctx, `document.getElementById("map").hasAttribute("src")`))
	require.True(t, visible(t, ctx, `.cc-placeholder:has(+ #map)`))
	assert.Contains(t, eval[string](t, ctx, `document.querySelector(".cc-placeholder").textContent`), "OpenStreetMap")
	click(t, ctx, `.cc-placeholder:has(+ #map) button`)
	waitFor(t, ctx, `document.getElementById("map").getAttribute("src") === "/site/frame.html"`)
	rec := getRecord(t, ctx)
	assert.Equal(t, "custom", rec.Method)
	assert.Equal(t, map[string]bool{"site": true, "matomo": false, "ga": false, "osm": true, "video": false}, rec.Services, "that one service")
	assert.False(t, visible(t, ctx, `.cc-placeholder`))
}

// TestContract_4_Gate_media: img, video, audio, embed and source get their
// data-src when accepted, not before.
func TestContract_4_Gate_media(t *testing.T) {
	body := `<img id="img" alt="" data-category="media" data-src="/enforce/pixel.gif">
<video id="vid"><source id="vsrc" data-category="media" data-service="video" data-src="/enforce/clip.webm" type="video/webm"></video>
<audio id="aud" data-category="media" data-service="video" data-src="/enforce/a.ogg"></audio>
<embed id="emb" data-category="media" data-service="osm" data-src="/site/frame.html" type="text/html" width="100" height="50">`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	srcs := `["img", "vsrc", "aud", "emb"].map((id) => document.getElementById(id).getAttribute("src"))`
	assert.Equal(t, []any{nil, nil, nil, nil}, eval[[]any](t, ctx, srcs))
	eval[any](t, ctx, `consent.set({categories: {media: true}})`)
	waitFor(t, ctx, `document.getElementById("emb").getAttribute("src") !== null`)
	assert.Equal(t, []any{"/enforce/pixel.gif", "/enforce/clip.webm", "/enforce/a.ogg", "/site/frame.html"}, eval[[]any](t, ctx, srcs))
}

// TestContract_4_Gate_consentOpen: a click on any element with
// data-consent-open opens the preferences dialog.
func TestContract_4_Gate_consentOpen(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: `<button id="prefs" data-consent-open><span id="inner">Cookie settings</span></button>`}))
	click(t, ctx, "#inner")
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
}

// TestContract_4_Gate_declaration: data-consent-declaration receives the
// cookie table per category (provider, function, cookie names, purposes,
// durations) in the UI language, with the visitor's current choice.
func TestContract_4_Gate_declaration(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: `<h2>Cookies</h2><div id="decl" data-consent-declaration></div>`}))
	waitFor(t, ctx, `document.getElementById("decl").textContent.includes("Matomo")`)
	text := eval[string](t, ctx, `document.getElementById("decl").textContent`)
	for _, s := range []string{"Statistics", "Matomo (self-hosted)", "Web analytics", "_pk_id.*", "Visitor id", "13 months", "sessionid", "Example City"} {
		assert.Contains(t, text, s)
	}
	choice := `document.querySelector('#decl [data-cc-category="statistics"] .cc-decl-choice').dataset.accepted`
	assert.Equal(t, "false", eval[string](t, ctx, choice), "no choice: refused")
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, choice+` === "true"`)
	eval[any](t, ctx, `consent.setLanguage("de")`)
	waitFor(t, ctx, `document.getElementById("decl").textContent.includes("13 Monate")`)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("decl").textContent`), "Statistik")
}

// TestContract_4_Gate_lateElements: gated elements added to the page later
// (single-page apps) are handled too.
func TestContract_4_Gate_lateElements(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: `<div id="app"></div>`}))
	add := `(() => { const s = document.createElement("script"); s.type = "text/plain"; s.dataset.category = "statistics"; s.text = 'window.__runs.push("late")'; document.getElementById("app").append(s);
		const f = document.createElement("iframe"); f.id = "late"; f.dataset.category = "media"; f.dataset.src = "/site/frame.html"; document.getElementById("app").append(f); })()`
	eval[any](t, ctx, add)
	waitFor(t, ctx, `document.getElementById("late").getAttribute("data-consent-state") === "blocked"`)
	assert.Empty(t, runs(t, ctx))
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("late")`)
	waitFor(t, ctx, `document.getElementById("late").getAttribute("src") === "/site/frame.html"`)
}

// TestContract_4_Gate_nonce: a script that a choice enables keeps the
// page's CSP nonce, and runs under a nonce-based CSP.
func TestContract_4_Gate_nonce(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics" nonce="n0nce">window.__runs.push("nonced:" + document.currentScript.nonce)</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	ctx := cOpen(t, u+"?csp="+urlQuery("script-src 'nonce-n0nce' 'self' 'wasm-unsafe-eval'"))
	require.True(t, bannerShown(t, ctx))
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.length === 1`)
	assert.Equal(t, []string{"nonced:n0nce"}, runs(t, ctx))
}
