package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFirstVisitShowsBannerAndRunsNothingOptional(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))

	require.True(t, visible(t, ctx, "#consent-banner"), "the banner shows on a first visit")
	assert.Nil(t, getRecord(t, ctx), "no choice yet")
	assert.Empty(t, runs(t, ctx), "no gated script ran, not even the !statistics one")
	assert.Equal(t, []string{"consent:ready", "consent:show"}, events(t, ctx))
	assert.Equal(t, "", cookieValue(t, ctx, "cookies_preferences"), "nothing is stored before a choice")
	assert.False(t, eval[bool](t, ctx, `document.getElementById("map").hasAttribute("src")`), "the map stays unloaded")
	assert.False(t, visible(t, ctx, "#consent-preferences"), "the dialog is not open")
	assert.True(t, eval[bool](t, ctx, `window.consent.accepted("necessary")`), "required categories are always accepted")
	assert.False(t, eval[bool](t, ctx, `window.consent.accepted("statistics")`))

	// The three buttons have equal weight: refusing is as easy as accepting.
	styles := eval[[]string](t, ctx, `["accept-all","reject-all","customize"].map((a) => {
		const b = document.querySelector('#consent-banner [data-consent-action="' + a + '"]');
		const s = getComputedStyle(b);
		return [s.fontSize, s.fontWeight, s.color, s.backgroundColor, s.borderColor, b.getBoundingClientRect().height].join("|");
	})`)
	require.Len(t, styles, 3)
	assert.Equal(t, styles[0], styles[1], "Accept all and Reject all look the same")
	assert.Equal(t, styles[0], styles[2], "Accept all and Customize look the same")

	// The banner does not block the page: its own controls stay usable.
	assert.True(t, eval[bool](t, ctx, `(() => { const b = document.getElementById("other"); const r = b.getBoundingClientRect(); return document.elementFromPoint(r.x + 2, r.y + 2) === b; })()`))
}

func TestAcceptAll(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)

	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	assert.Equal(t, "accept-all", rec.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true, "media": true}, rec.Categories)
	assert.Equal(t, map[string]bool{"site": true, "matomo": true, "osm": true, "video": true}, rec.Services)
	assert.Equal(t, 1, rec.Revision)
	assert.NotEmpty(t, rec.ID)
	assert.NotEmpty(t, cookieValue(t, ctx, "cookies_preferences"), "the choice is stored")
	assert.False(t, visible(t, ctx, "#consent-banner"), "the banner is gone")
	assert.Equal(t, []string{"stats"}, runs(t, ctx), "the statistics script ran, the !statistics one did not")
	assert.Equal(t, "/site/frame.html", eval[string](t, ctx, `document.getElementById("map").getAttribute("src")`))

	change := eval[map[string]any](t, ctx, `window.__events.find((e) => e.type === "consent:change").detail`)
	changed := change["changed"].(map[string]any)
	assert.ElementsMatch(t, []any{"necessary", "statistics", "media"}, changed["categories"])
	assert.Contains(t, events(t, ctx), "consent:hide")
}

func TestRejectAll(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `window.__runs.includes("nostats")`)

	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	assert.Equal(t, "reject-all", rec.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "media": false}, rec.Categories)
	assert.False(t, rec.Services["matomo"])
	assert.True(t, rec.Services["site"], "required services stay on")
	assert.Equal(t, []string{"nostats"}, runs(t, ctx))
	assert.False(t, visible(t, ctx, "#consent-banner"))
	assert.True(t, visible(t, ctx, "#map + .cc-placeholder, .cc-placeholder"), "the refused map shows a placeholder")
}

func TestCustomChoiceInPreferences(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	click(t, ctx, `#consent-banner [data-consent-action="customize"]`)
	waitFor(t, ctx, `document.getElementById("consent-preferences") && document.getElementById("consent-preferences").open`)

	dlg := eval[map[string]any](t, ctx, `(() => { const d = document.getElementById("consent-preferences"); return {
		modal: d.matches(":modal") || d.getAttribute("aria-modal") === "true",
		focusInside: d.contains(document.activeElement),
		required: [...d.querySelectorAll('input[data-category="necessary"]')].map((i) => i.checked && i.disabled),
		ticked: [...d.querySelectorAll('input[data-category]:not([disabled])')].filter((i) => i.checked).length,
	}; })()`)
	assert.Equal(t, true, dlg["modal"], "the dialog is modal")
	assert.Equal(t, true, dlg["focusInside"], "focus moves into the dialog")
	assert.Equal(t, []any{true}, dlg["required"], "the required category is on and cannot be switched off")
	assert.Equal(t, float64(0), dlg["ticked"], "nothing optional is pre-ticked")

	click(t, ctx, `#consent-preferences input[data-category="statistics"]`)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)

	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	assert.Equal(t, "custom", rec.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true, "media": false}, rec.Categories)
	assert.True(t, rec.Services["matomo"])
	assert.False(t, rec.Services["osm"])
	assert.False(t, visible(t, ctx, "#consent-preferences"), "Save closes the dialog")
	assert.False(t, visible(t, ctx, "#consent-banner"))
}

func TestServiceSwitchInPreferences(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	eval[any](t, ctx, `window.consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	// Expand the media category and switch on only one of its services.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const d = document.getElementById("consent-preferences");
		for (const b of d.querySelectorAll('button[aria-expanded="false"]')) b.click();
	})()`))
	click(t, ctx, `#consent-preferences input[data-service="osm"]`)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `!!window.consent.get()`)
	rec := getRecord(t, ctx)
	assert.True(t, rec.Services["osm"], "the service switched on is accepted")
	assert.False(t, rec.Services["video"], "its sibling is not")
	assert.False(t, rec.Services["matomo"])
	waitFor(t, ctx, `document.getElementById("map").getAttribute("src") === "/site/frame.html"`)
}

func TestReloadKeepsTheChoice(t *testing.T) {
	ctx := newTab(t)
	url := servePage(t, pageOpts{})
	open(t, ctx, url)
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `!!window.consent.get()`)
	first := getRecord(t, ctx)

	open(t, ctx, url)
	assert.False(t, visible(t, ctx, "#consent-banner"), "a returning visitor is not asked again")
	again := getRecord(t, ctx)
	require.NotNil(t, again)
	assert.Equal(t, first.ID, again.ID)
	assert.Equal(t, first.Categories, again.Categories)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	ready := eval[map[string]any](t, ctx, `window.__events.find((e) => e.type === "consent:ready").detail`)
	assert.Equal(t, first.ID, ready["id"], "consent:ready carries the stored record")
	// Consent Mode is pushed on ready for a stored choice.
	cm := eval[map[string]string](t, ctx, `(() => { const e = [...window.dataLayer].reverse().find((e) => e[0] === "consent" && e[1] === "update"); return e && e[2]; })()`)
	assert.Equal(t, "granted", cm["analytics_storage"])
}

func TestRaisingTheRevisionAsksAgain(t *testing.T) {
	ctx := newTab(t)
	basic := readTestdata(t, "policies/basic.json")
	pol := servePolicy(t, "revision.json", basic)
	url := servePage(t, pageOpts{policy: pol})
	open(t, ctx, url)
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `!!window.consent.get()`)

	servePolicy(t, "revision.json", strings.Replace(basic, `"revision": 1`, `"revision": 2`, 1))
	open(t, ctx, url)
	assert.True(t, visible(t, ctx, "#consent-banner"), "a new revision asks again")
	assert.Nil(t, getRecord(t, ctx))
	assert.Empty(t, runs(t, ctx), "the old choice opens nothing")
}

func TestResetForgetsTheChoice(t *testing.T) {
	ctx := newTab(t)
	url := servePage(t, pageOpts{})
	open(t, ctx, url)
	eval[any](t, ctx, `window.consent.acceptAll()`)
	require.NotEmpty(t, cookieValue(t, ctx, "cookies_preferences"))
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	require.NotEmpty(t, cookieValue(t, ctx, "_pk_ses.1.abcd"), "the stand-in analytics set its cookie")

	eval[any](t, ctx, `window.consent.reset()`)
	assert.Nil(t, getRecord(t, ctx))
	assert.Equal(t, "", cookieValue(t, ctx, "cookies_preferences"), "the stored choice is gone")
	assert.Equal(t, "", cookieValue(t, ctx, "_pk_ses.1.abcd"), "optional cookies are cleared")
	assert.True(t, visible(t, ctx, "#consent-banner"), "the banner shows again")

	open(t, ctx, url)
	assert.True(t, visible(t, ctx, "#consent-banner"), "and after a reload")
}

func TestAPIErrors(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	cases := []struct{ js, want string }{
		{`window.consent.set(42)`, "TypeError"},
		{`window.consent.set(null)`, "TypeError"},
		{`window.consent.set({categories: {statistics: "yes"}})`, "must be true or false"},
		{`window.consent.set({colours: {}})`, `unknown key "colours"`},
		{`window.consent.set({categories: {nope: true}, services: {ghost: true}})`, `"nope"`},
		{`window.consent.set({categories: {nope: true}, services: {ghost: true}})`, `"ghost"`},
		{`window.consent.set({categories: {necessary: false}})`, `necessary`},
		{`window.consent.accepted(5)`, "TypeError"},
		{`window.consent.accepted("nope")`, `unknown category "nope"`},
		{`window.consent.setLanguage("xx")`, `"xx"`},
		{`window.consent.setLanguage(7)`, "TypeError"},
	}
	for _, c := range cases {
		assert.Contains(t, evalErr(t, ctx, c.js), c.want, c.js)
	}
	assert.Nil(t, getRecord(t, ctx), "no failed call stored anything")

	// The runtime still answers: a valid call works after all that.
	rec := eval[record](t, ctx, `window.consent.set({categories: {statistics: true}, services: {video: true}})`)
	assert.Equal(t, "api", rec.Method)
	assert.True(t, rec.Categories["statistics"])
	assert.True(t, rec.Services["matomo"], "a category's value applies to its services")
	assert.True(t, rec.Services["video"], "a named service is accepted")
	assert.False(t, rec.Services["osm"], "ids left out stay refused")
	rec = eval[record](t, ctx, `window.consent.set({services: {osm: true}})`)
	assert.True(t, rec.Categories["statistics"], "ids left out keep their choice")
	assert.True(t, rec.Services["osm"])
}

func TestCallsBeforeReadyQueue(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{after: `<script src="/site/early.js" defer></script>`}))
	assert.Equal(t, "accept-all", eval[string](t, ctx, `window.__early`))
	assert.True(t, eval[bool](t, ctx, `window.__earlyGet === null`), "get() before ready is null")
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	assert.False(t, visible(t, ctx, "#consent-banner"))
}

func TestTamperedCookieShowsBanner(t *testing.T) {
	for name, value := range map[string]string{
		"garbage":   "garbage",
		"truncated": "1.1.",
		"empty":     "",
		"quoted":    `"1.1.abc"`,
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			url := servePage(t, pageOpts{})
			do(t, ctx, chromedp.Navigate(srv.URL+"/site/frame.html"))
			eval[any](t, ctx, `document.cookie = `+jsString("cookies_preferences="+value+"; path=/"))
			open(t, ctx, url)
			assert.True(t, visible(t, ctx, "#consent-banner"), "a tampered choice is no choice")
			assert.Nil(t, getRecord(t, ctx))
			assert.Empty(t, runs(t, ctx))
		})
	}
	t.Run("edited", func(t *testing.T) {
		ctx := newTab(t)
		url := servePage(t, pageOpts{})
		open(t, ctx, url)
		eval[any](t, ctx, `window.consent.rejectAll()`)
		v := cookieValue(t, ctx, "cookies_preferences")
		// Flip the method character and append junk: still no valid record.
		eval[any](t, ctx, `document.cookie = "cookies_preferences=`+v+`zz~junk; path=/"`)
		open(t, ctx, url)
		assert.True(t, visible(t, ctx, "#consent-banner"))
		assert.Empty(t, runs(t, ctx))
	})
}

func TestPolicyThatFailsToLoad(t *testing.T) {
	cases := map[string]struct{ policy, want string }{
		"404":       {"/status/404.json", "HTTP 404"},
		"500":       {"/status/500.json", "HTTP 500"},
		"not JSON":  {"/status/notjson.json", "1:1: "},
		"invalid":   {"/policy/invalid.json", `/services/0/category: unknown category "nope"`},
		"no inline": {"#missing", `names no element`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			open(t, ctx, servePage(t, pageOpts{policy: c.policy}))
			msg := evalErr(t, ctx, `window.consent.ready`)
			assert.Contains(t, msg, c.want)
			errs := eval[[]string](t, ctx, `window.__events.filter((e) => e.type === "consent:error").map((e) => e.detail.message)`)
			require.Len(t, errs, 1, "consent:error fires once")
			assert.Contains(t, errs[0], c.want)
			assert.True(t, eval[bool](t, ctx, `window.__pageScriptRan === true`), "the page's own scripts run")
			assert.Empty(t, runs(t, ctx), "nothing optional runs")
			assert.False(t, visible(t, ctx, "#consent-banner"))
			assert.False(t, eval[bool](t, ctx, `window.consent.accepted("statistics")`))
		})
	}
}

func TestInlinePolicy(t *testing.T) {
	ctx := newTab(t)
	inline := `<script type="application/json" id="cc-policy">` + readTestdata(t, "policies/basic.json") + `</script>`
	open(t, ctx, servePage(t, pageOpts{policy: "#cc-policy", head: inline}))
	assert.True(t, visible(t, ctx, "#consent-banner"))
	eval[any](t, ctx, `window.consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
}

func TestWasmThatFailsToLoad(t *testing.T) {
	for name, c := range map[string]struct{ base, want string }{
		"missing": {"/nowasm/", "HTTP 404"},
		"corrupt": {"/badwasm/", "not a valid consent module"},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			open(t, ctx, servePage(t, pageOpts{base: c.base}))
			assert.Contains(t, evalErr(t, ctx, `window.consent.ready`), c.want)
			assert.Contains(t, eval[string](t, ctx, `window.__events.filter((e) => e.type === "consent:error").map((e) => e.detail.message).join("\n")`), c.want)
			assert.True(t, eval[bool](t, ctx, `window.__pageScriptRan === true`))
			assert.Empty(t, runs(t, ctx))
			assert.Nil(t, getRecord(t, ctx))
			// Calls still answer, with a clear rejection instead of a hang.
			assert.Contains(t, evalErr(t, ctx, `window.consent.acceptAll()`), c.want)
		})
	}
}

func TestPanicInCallbackIsSurvived(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{base: "/hook/"}))
	msg := evalErr(t, ctx, `window.consent.setLanguage("__panic__")`)
	assert.Contains(t, msg, "internal error")
	errs := eval[[]string](t, ctx, `window.__events.filter((e) => e.type === "consent:error").map((e) => e.detail.message)`)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "internal error in setLanguage")
	// The runtime keeps answering.
	rec := eval[record](t, ctx, `window.consent.acceptAll()`)
	assert.Equal(t, "accept-all", rec.Method)
	assert.Equal(t, "accept-all", getRecord(t, ctx).Method)
}

func TestPreferencesKeyboard(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	// Open the dialog from the page's own link, by keyboard.
	do(t, ctx, chromedp.Focus(chromedp.CSS("#open")), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	shown := eval[[]string](t, ctx, `window.__events.filter((e) => e.type === "consent:show").map((e) => e.detail.view)`)
	assert.Equal(t, []string{"banner", "preferences"}, shown)

	// Tab cycles inside the dialog.
	for i := 0; i < 25; i++ {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		require.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").contains(document.activeElement)`), "focus stays in the dialog after %d tabs", i+1)
	}
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]")`)
	assert.Equal(t, "open", eval[string](t, ctx, `document.activeElement && document.activeElement.id`), "focus returns to the opener")
	assert.True(t, visible(t, ctx, "#consent-banner"), "with no choice yet, closing returns to the banner")
	assert.Nil(t, getRecord(t, ctx), "closing is no choice")
}

func TestDeclarationTable(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	text := eval[string](t, ctx, `document.getElementById("decl").textContent`)
	for _, want := range []string{"Statistics", "Matomo (self-hosted)", "_pk_id.*", "13 months", "Counts visits", "sessionid"} {
		assert.Contains(t, text, want)
	}
	eval[any](t, ctx, `window.consent.setLanguage("de")`)
	text = eval[string](t, ctx, `document.getElementById("decl").textContent`)
	assert.Contains(t, text, "Zählt Besuche", "setLanguage re-renders the declaration")
	assert.Equal(t, "de", eval[string](t, ctx, `document.getElementById("consent-root").lang`))
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := readFile(name)
	require.NoError(t, err)
	return b
}
