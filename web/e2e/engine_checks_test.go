package e2e

// Checks of the engine-dependent paths that no contract row names alone:
// the polling fallback of a browser with neither the Cookie Store API nor
// BroadcastChannel, the modal dialog's inert page, and one picture of the
// banner per engine for the docs. They run in every engine (make test).

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noSyncAPIs removes the Cookie Store API and BroadcastChannel before
// consent.js runs: the page is as in a browser that has neither.
const noSyncAPIs = `<script>
delete window.BroadcastChannel;
Object.defineProperty(window, "cookieStore", {value: undefined, configurable: true});
</script>`

// TestEngine_pollingFallback: without the Cookie Store API and
// BroadcastChannel, a tab still follows a choice made in another tab
// (lifecycle.js polls the consent cookie once a second while visible),
// acceptance and withdrawal alike.
func TestEngine_pollingFallback(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{head: noSyncAPIs, body: body})
	a := cOpen(t, u)
	require.True(t, eval[bool](t, a, `typeof BroadcastChannel === "undefined" && !window.cookieStore`), "neither API is left")
	b := otherTab(t, a)
	open(t, b, u)
	require.True(t, bannerShown(t, a))
	require.Equal(t, "visible", eval[string](t, a, `document.visibilityState`), "the first tab stays visible (it polls only then)")

	eval[any](t, b, `consent.acceptAll()`)
	waitWithin(t, a, 3*time.Second, `consent.get() !== null && consent.get().method === "accept-all" && window.__runs.includes("stats")`)
	assert.Equal(t, getRecord(t, b).ID, getRecord(t, a).ID, "the other tab's record")
	waitWithin(t, a, time.Second, `!document.querySelector("#consent-banner")`)
	assert.NotEmpty(t, cEvents(t, a, "consent:change"))

	eval[any](t, b, `consent.rejectAll()`)
	waitWithin(t, a, 3*time.Second, `consent.get().method === "reject-all" && consent.accepted("statistics") === false`)
}

// TestEngine_modalInert: while the preferences dialog is open the page
// behind it is inert: neither a click nor focus() reaches it; closed, the
// page works again.
func TestEngine_modalInert(t *testing.T) {
	body := `<button id="other" onclick="window.__clicked = (window.__clicked || 0) + 1">An ordinary button</button>` +
		`<a href="#" id="open" data-consent-open>Cookie settings</a>`
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"layout": "center"}), pageOpts{body: body}))
	at := eval[[2]float64](t, ctx, `(() => { const r = document.getElementById("other").getBoundingClientRect(); return [r.left + 5, r.top + 5]; })()`)
	openPrefs(t, ctx)
	assert.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").matches(":modal")`), "the dialog is modal")
	require.NoError(t, tabFor(ctx).actions(ctx, pointerClick(at[0], at[1])))
	eval[any](t, ctx, `document.getElementById("other").focus()`)
	assert.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").contains(document.activeElement)`), "focus stays in the dialog")
	assert.Zero(t, eval[int](t, ctx, `window.__clicked || 0`), "a click behind the dialog reaches nothing")

	press(t, ctx, keyEsc, false)
	waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]")`)
	eval[any](t, ctx, `consent.rejectAll()`)
	click(t, ctx, "#other")
	assert.Equal(t, 1, eval[int](t, ctx, `window.__clicked || 0`), "closed, the page works again")
}

// TestEngine_screenshot writes docs/screenshots/engine-<engine>.png (the
// banner on the demo-like page) when CONSENT_SCREENSHOTS is set, as
// `make screenshots` does for each engine.
func TestEngine_screenshot(t *testing.T) {
	dir := os.Getenv("CONSENT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set CONSENT_SCREENSHOTS to a folder (make screenshots) to render the picture")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	ctx := newTab(t)
	setViewport(t, ctx, 1000, 700)
	open(t, ctx, servePage(t, pageOpts{body: shotSite, policy: lookPolicy(t, "shot-engine.json", map[string]any{"theme": "light", "layout": "bar"})}))
	require.True(t, bannerShown(t, ctx))
	eval[any](t, ctx, `document.fonts ? document.fonts.ready.then(() => true) : true`)
	png, err := tabFor(ctx).screenshot(ctx)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "engine-"+engine+".png"), png, 0o644))
}
