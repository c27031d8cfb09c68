package e2e

// Accessibility of what the visitor sees: axe-core audits of the banner,
// the preferences dialog, a placeholder and the declaration in every theme
// and in a right-to-left language; keyboard use; small screens and zoom;
// reduced motion; and a banner that neither moves the page nor takes its
// focus. axe-core comes from npm (web/package-lock.json, installed by
// `make test` with npm ci) and is injected into the page under test.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeSource returns axe-core's axe.min.js from web/node_modules.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(filepath.Join(root, "web", "node_modules", "axe-core", "axe.min.js"))
		axeSrc = string(b)
	})
	if axeErr != nil {
		t.Fatalf("axe-core is not installed (run `make test`, or `cd web && npm ci`): %v", axeErr)
	}
	return axeSrc
}

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2 A and AA, and
// axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// axeResult is what runAxe returns: the violations, one line per failing
// node, and the ids of the rules that passed on at least one node.
type axeResult struct {
	Violations []string `json:"violations"`
	Incomplete []string `json:"incomplete"`
	Passes     []string `json:"passes"`
}

// runAxe injects axe-core (once per page) and audits the elements that
// the CSS selectors name.
func runAxe(t *testing.T, ctx context.Context, include ...string) axeResult {
	t.Helper()
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		// As a script element: the same in every engine (WebDriver
		// evaluates expressions, not scripts).
		src, _ := json.Marshal(axeSource(t))
		require.True(t, eval[bool](t, ctx, `(() => { const s = document.createElement("script"); s.textContent = `+string(src)+`; document.head.appendChild(s); s.remove(); return typeof window.axe === "object"; })()`), "axe-core is loaded")
	}
	inc, _ := json.Marshal(include)
	tags, _ := json.Marshal(axeTags)
	js := `(async () => {
		const r = await axe.run({include: ` + string(inc) + `}, {
			runOnly: {type: "tag", values: ` + string(tags) + `},
			// The test page around the consent UI is not what is audited.
			rules: {region: {enabled: false}, "page-has-heading-one": {enabled: false}, "landmark-one-main": {enabled: false}},
		});
		const lines = (list) => list.flatMap((v) => v.nodes.map((n) =>
			v.id + " (" + v.impact + "): " + n.target.join(" ") + ": " + (n.failureSummary || v.help).replace(/\s+/g, " ")));
		return {violations: lines(r.violations), incomplete: lines(r.incomplete), passes: r.passes.map((p) => p.id)};
	})()`
	return eval[axeResult](t, ctx, js)
}

// assertAxeClean fails the test for every axe violation in the elements
// named, and checks that the colour contrast rule really ran on them and
// decided every text.
func assertAxeClean(t *testing.T, ctx context.Context, what string, include ...string) {
	t.Helper()
	assertAxe(t, ctx, what, true, include...)
}

// assertAxe is assertAxeClean; undecided contrast is allowed when
// !decided (texts half scrolled out of a scrolling area, whose
// background axe-core cannot see).
func assertAxe(t *testing.T, ctx context.Context, what string, decided bool, include ...string) {
	t.Helper()
	for _, sel := range include {
		require.True(t, eval[bool](t, ctx, `!!document.querySelector(`+jsString(sel)+`)`), "%s: %s is on the page", what, sel)
	}
	r := runAxe(t, ctx, include...)
	assert.Empty(t, r.Violations, "%s: axe-core violations", what)
	assert.Contains(t, r.Passes, "color-contrast", "%s: the contrast of the texts was checked", what)
	var contrast []string
	for _, s := range r.Incomplete {
		if strings.HasPrefix(s, "color-contrast") {
			contrast = append(contrast, s)
		}
	}
	if decided {
		assert.Empty(t, contrast, "%s: texts whose contrast axe-core could not decide", what)
	}
}

// media emulates CSS media features, given as name, value pairs
// ("prefers-color-scheme", "dark"); none clears the emulation.
func media(pairs ...string) chromedp.Action[chromedp.Void] {
	p := emulation.SetEmulatedMediaParams{}
	for i := 0; i+1 < len(pairs); i += 2 {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: pairs[i], Value: pairs[i+1]})
	}
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	})
}

// prefersDark emulates prefers-color-scheme: dark (or light) in
// Chromium. The WebDriver engines have no command for it: their pages
// see light, the system's default here, and a case that needs dark is
// skipped.
func prefersDark(t *testing.T, ctx context.Context, dark bool) {
	t.Helper()
	if tabOf(ctx) == nil {
		do(t, ctx, media("prefers-color-scheme", map[bool]string{true: "dark", false: "light"}[dark]))
		return
	}
	if dark {
		t.Skipf("%s: no prefers-color-scheme emulation over WebDriver (Chromium's run covers the dark system theme)", engine)
	}
}

// lookPolicy serves testdata/policies/look.json (texts in en, ar and he)
// with the given top-level fields replaced, and returns its path.
func lookPolicy(t *testing.T, name string, fields map[string]any) string {
	t.Helper()
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(readTestdata(t, "policies/look.json")), &p))
	for k, v := range fields {
		p[k] = v
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return servePolicy(t, name, string(b))
}

// lookPage serves the standard test page with a look.json policy.
func lookPage(t *testing.T, lang string, fields map[string]any) string {
	t.Helper()
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".json"
	return servePage(t, pageOpts{policy: lookPolicy(t, name, fields), lang: lang})
}

// openPrefsExpanded opens the preferences dialog with every category's
// services shown.
func openPrefsExpanded(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[any](t, ctx, `window.consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	eval[any](t, ctx, `(() => { for (const b of document.querySelectorAll('#consent-preferences [aria-expanded="false"]')) b.click(); })()`)
	require.Zero(t, eval[int](t, ctx, `document.querySelectorAll('#consent-preferences [aria-expanded="false"], #consent-preferences .cc-services[hidden]').length`), "every section is expanded")
}

// bgOf returns the computed background colour of the element sel.
func bgOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).backgroundColor`)
}

const (
	lightBg = "rgb(255, 255, 255)"
	darkBg  = "rgb(30, 31, 34)"
)

// TestA11yAxe audits every part of the UI with axe-core, WCAG 2.2 AA and
// best practices, colour contrast included, in each theme and in Arabic
// and Hebrew.
func TestA11yAxe(t *testing.T) {
	cases := []struct {
		name   string
		lang   string // the page's language, which selects the UI language
		fields map[string]any
		dark   bool // emulate prefers-color-scheme: dark
		bg     string
		dir    string
	}{
		{"light", "en", map[string]any{"theme": "light"}, true, lightBg, "ltr"},
		{"dark", "en", map[string]any{"theme": "dark"}, false, darkBg, "ltr"},
		{"auto-light", "en", map[string]any{"theme": "auto", "layout": "box"}, false, lightBg, "ltr"},
		{"auto-dark", "en", map[string]any{"theme": "auto", "layout": "center"}, true, darkBg, "ltr"},
		{"arabic", "ar", map[string]any{"theme": "light", "languages": []string{"ar", "en", "he"}}, false, lightBg, "rtl"},
		{"hebrew-dark", "he", map[string]any{"theme": "auto", "layout": "box"}, true, darkBg, "rtl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t)
			prefersDark(t, ctx, c.dark)
			open(t, ctx, lookPage(t, c.lang, c.fields))
			require.True(t, visible(t, ctx, "#consent-banner"))
			assert.Equal(t, c.bg, bgOf(t, ctx, "#consent-banner"), "the banner is drawn in the %s theme", c.name)
			assert.Equal(t, c.dir, eval[string](t, ctx, `getComputedStyle(document.querySelector("#consent-banner")).direction`))
			assertAxeClean(t, ctx, "banner", "#consent-root")

			openPrefsExpanded(t, ctx)
			assert.Equal(t, c.bg, bgOf(t, ctx, "#consent-preferences"))
			assertAxe(t, ctx, "preferences dialog", false, "#consent-root")
			// axe-core skips what is scrolled out of the dialog's view; a
			// viewport tall enough for the whole dialog has every text's
			// contrast checked too.
			setViewport(t, ctx, 1280, 2400)
			require.True(t, eval[bool](t, ctx, `(() => { const b = document.querySelector("#consent-preferences .cc-prefs-body"); return b.scrollHeight <= b.clientHeight; })()`), "the whole dialog is on screen")
			assertAxeClean(t, ctx, "preferences dialog, all on screen", "#consent-root")
			setViewport(t, ctx, 1280, 800)

			eval[any](t, ctx, `window.consent.hide()`)
			eval[any](t, ctx, `window.consent.rejectAll()`)
			waitFor(t, ctx, `!!document.querySelector(".cc-placeholder button")`)
			assert.Equal(t, c.dir, eval[string](t, ctx, `getComputedStyle(document.querySelector(".cc-placeholder")).direction`))
			assertAxeClean(t, ctx, "placeholder", ".cc-placeholder")
			assert.Equal(t, c.dir, eval[string](t, ctx, `getComputedStyle(document.querySelector("#decl .cc-decl")).direction`))
			assertAxeClean(t, ctx, "declaration", "#decl")
		})
	}
}

// TestA11yAxeCatchesProblems makes sure the audit can fail: the same page
// with a text colour that is too faint is reported.
func TestA11yAxeCatchesProblems(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, lookPage(t, "en", map[string]any{"theme": "light"}))
	eval[any](t, ctx, `(() => { const s = document.createElement("style"); s.textContent = ".cc-root { --cc-fg: #bbbbbb; }"; document.head.appendChild(s); })()`)
	r := runAxe(t, ctx, "#consent-root")
	joined := strings.Join(r.Violations, "\n")
	assert.Contains(t, joined, "color-contrast", "a faint text colour is a violation")
}

// TestA11yLayouts checks each layout in both themes: where the banner sits,
// and that axe-core finds nothing.
func TestA11yLayouts(t *testing.T) {
	for _, layout := range []string{"bar", "box", "center"} {
		for _, theme := range []string{"light", "dark"} {
			t.Run(layout+"-"+theme, func(t *testing.T) {
				t.Parallel()
				ctx := newTab(t)
				open(t, ctx, lookPage(t, "en", map[string]any{"theme": theme, "layout": layout}))
				assert.Equal(t, layout, eval[string](t, ctx, `document.getElementById("consent-root").dataset.layout`))
				r := eval[map[string]float64](t, ctx, `(() => { const r = document.getElementById("consent-banner").getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, w: innerWidth, h: innerHeight}; })()`)
				switch layout {
				case "bar":
					assert.Equal(t, r["w"], r["right"]-r["left"], "the bar spans the width")
					assert.InDelta(t, r["h"], r["bottom"], 1, "at the bottom")
				case "box":
					assert.Less(t, r["right"]-r["left"], r["w"]/2, "a small box")
					assert.Greater(t, r["left"], r["w"]/2, "in the bottom right corner")
					assert.Greater(t, r["top"], r["h"]/2)
				case "center":
					assert.InDelta(t, r["w"]/2, (r["left"]+r["right"])/2, 2, "centred across")
					assert.InDelta(t, r["h"]/2, (r["top"]+r["bottom"])/2, 2, "and down")
				}
				assertAxeClean(t, ctx, "banner", "#consent-root")
			})
		}
	}
}

// tabUntil presses Tab (Shift+Tab when back) until the focused element
// matches sel, at most max times, and fails the test otherwise.
func tabUntil(t *testing.T, ctx context.Context, sel string, back bool, max int) {
	t.Helper()
	for i := 0; i < max; i++ {
		if eval[bool](t, ctx, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
		press(t, ctx, keyTab, back)
	}
	if !eval[bool](t, ctx, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
		t.Fatalf("%d tabs did not reach %s (focus is on %s)", max, sel, eval[string](t, ctx, `document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : "nothing"`))
	}
}

// focusRing reports whether the focused element shows a focus ring of at
// least 2px: its own outline, or for a switch the drawn track's.
const focusRing = `(() => {
	let e = document.activeElement;
	if (!e) return "nothing focused";
	if (e.matches(".cc-switch-input")) e = e.nextElementSibling;
	const s = getComputedStyle(e);
	if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 2) return "no focus ring on " + e.outerHTML.slice(0, 80);
	return "";
})()`

// TestA11yKeyboardOnly makes a custom choice with the keyboard alone: Tab
// to the banner, open the dialog, expand a section, switch a category on,
// save. Every focused control shows a focus ring; Escape and focus return
// are checked along the way.
func TestA11yKeyboardOnly(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	focusOn(t, ctx, "#other")

	// The banner comes after the page in tab order.
	tabUntil(t, ctx, `#consent-banner [data-consent-action="accept-all"]`, false, 10)
	assert.Equal(t, "", eval[string](t, ctx, focusRing))
	press(t, ctx, keyTab, false)
	assert.True(t, eval[bool](t, ctx, `document.activeElement.matches('#consent-banner [data-consent-action="reject-all"]')`))
	press(t, ctx, keyTab, false)
	require.True(t, eval[bool](t, ctx, `document.activeElement.matches('#consent-banner [data-consent-action="customize"]')`))
	assert.Equal(t, "", eval[string](t, ctx, focusRing))

	// Customize opens the modal dialog and moves focus into it.
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	assert.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").matches(":modal")`), "the dialog is modal")
	assert.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").contains(document.activeElement)`))

	// Escape closes it and focus goes back to Customize.
	press(t, ctx, keyEsc, false)
	waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]") && !!document.querySelector("#consent-banner")`)
	waitFor(t, ctx, `document.activeElement && document.activeElement.matches('#consent-banner [data-consent-action="customize"]')`)
	assert.Nil(t, getRecord(t, ctx), "Escape is no choice")

	// Again, and this time choose.
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	// Every control in the dialog is reached by Tab, shows a focus ring,
	// and Tab wraps from the last to the first (and back with Shift+Tab).
	want := eval[int](t, ctx, `[...document.querySelectorAll("#consent-preferences button, #consent-preferences input:not([disabled]), #consent-preferences a[href]")].filter((e) => e.getClientRects().length > 0).length`)
	seen := map[string]bool{}
	for i := 0; i < want+2; i++ {
		press(t, ctx, keyTab, false)
		require.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").contains(document.activeElement)`), "focus stays in the dialog")
		assert.Equal(t, "", eval[string](t, ctx, focusRing))
		seen[eval[string](t, ctx, `document.activeElement.getAttribute("data-cc-key") || document.activeElement.outerHTML`)] = true
	}
	assert.Len(t, seen, want, "every control of the dialog is reached by Tab")
	tabUntil(t, ctx, `#consent-preferences .cc-close`, false, want+2)
	press(t, ctx, keyTab, true)
	assert.True(t, eval[bool](t, ctx, `document.activeElement.matches('#consent-preferences [data-consent-action="save"]')`), "Shift+Tab from the first control wraps to the last")

	// A disclosure opens with Enter, a switch toggles with Space.
	tabUntil(t, ctx, `#consent-preferences [data-cc-disclosure="media"]`, false, want+2)
	press(t, ctx, keyEnter, false)
	assert.Equal(t, "true", eval[string](t, ctx, `document.activeElement.getAttribute("aria-expanded")`))
	tabUntil(t, ctx, `#consent-preferences input[data-service="osm"]`, false, want+4)
	press(t, ctx, keySpace, false)
	assert.True(t, eval[bool](t, ctx, `document.activeElement.checked`))
	tabUntil(t, ctx, `#consent-preferences input[data-category="statistics"]`, true, want+4)
	press(t, ctx, keySpace, false)
	tabUntil(t, ctx, `#consent-preferences [data-consent-action="save"]`, false, want+4)
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!!window.consent.get()`)
	rec := getRecord(t, ctx)
	assert.Equal(t, "custom", rec.Method)
	assert.True(t, rec.Categories["statistics"])
	assert.True(t, rec.Services["osm"])
	assert.False(t, rec.Services["video"])
	assert.False(t, visible(t, ctx, "#consent-preferences"))

	// The page's own "cookie settings" link opens the dialog again, and
	// closing it with × returns focus to that link.
	focusOn(t, ctx, "#open")
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	tabUntil(t, ctx, `#consent-preferences .cc-close`, false, want+4)
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]")`)
	assert.Equal(t, "open", eval[string](t, ctx, `document.activeElement.id`), "focus returns to the opener")
}

// TestA11yPlaceholderKeyboard accepts a blocked embed in place by keyboard.
func TestA11yPlaceholderKeyboard(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	eval[any](t, ctx, `window.consent.rejectAll()`)
	waitFor(t, ctx, `!!document.querySelector(".cc-placeholder button")`)
	focusOn(t, ctx, "#other")
	tabUntil(t, ctx, ".cc-placeholder button", false, 5)
	assert.Equal(t, "", eval[string](t, ctx, focusRing))
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `document.getElementById("map").getAttribute("src") === "/site/frame.html"`)
	assert.True(t, getRecord(t, ctx).Services["osm"])
}

// TestA11yTargetSize checks that every control of the banner and the
// dialog is at least 24×24 CSS pixels (WCAG 2.5.8).
func TestA11yTargetSize(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	const small = `[...document.querySelectorAll("#consent-root button, #consent-root input, .cc-placeholder button")]
		.map((e) => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width < 24 || r.height < 24)
		.map(([e, r]) => e.outerHTML.slice(0, 80) + " is " + r.width + "x" + r.height)`
	assert.Empty(t, eval[[]string](t, ctx, small), "banner")
	openPrefsExpanded(t, ctx)
	assert.Empty(t, eval[[]string](t, ctx, small), "dialog")
}

// TestA11yNarrowScreen: at 320 CSS pixels wide nothing scrolls sideways
// and the three banner buttons are on screen, in each layout, in English
// and Arabic.
func TestA11yNarrowScreen(t *testing.T) {
	for _, c := range []struct{ lang, layout string }{{"en", "bar"}, {"ar", "box"}, {"en", "center"}} {
		t.Run(c.lang+"-"+c.layout, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, chromedp.EmulateViewport(320, 640))
			open(t, ctx, lookPage(t, c.lang, map[string]any{"layout": c.layout}))
			assert.Equal(t, 320, eval[int](t, ctx, `innerWidth`))
			assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 320, "no horizontal scrolling")
			assert.Empty(t, eval[[]string](t, ctx, offscreen(`#consent-banner .cc-btn`)), "every banner button is on screen")
			assert.Equal(t, 3, eval[int](t, ctx, `document.querySelectorAll("#consent-banner .cc-btn").length`))
			assert.LessOrEqual(t, eval[int](t, ctx, `document.getElementById("consent-banner").scrollWidth`), 320, "the banner does not scroll sideways")

			openPrefsExpanded(t, ctx)
			assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 320)
			assert.LessOrEqual(t, eval[float64](t, ctx, `document.getElementById("consent-preferences").getBoundingClientRect().right`), 320.0)
			assert.Zero(t, eval[int](t, ctx, `(() => { const b = document.querySelector("#consent-preferences .cc-prefs-body"); return b.scrollWidth - b.clientWidth; })()`), "the dialog does not scroll sideways")
		})
	}
}

// offscreen returns JS listing the elements matching sel that are not
// wholly inside the viewport.
func offscreen(sel string) string {
	return `[...document.querySelectorAll(` + jsString(sel) + `)].filter((e) => { const r = e.getBoundingClientRect();
		return r.width === 0 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight; })
		.map((e) => e.textContent + " " + JSON.stringify(e.getBoundingClientRect()))`
}

// TestA11yZoom200 emulates a 1280×800 window at 200 % zoom (a 640×400
// CSS-pixel viewport at device scale 2): the dialog scrolls, and Save is
// reached by keyboard, on screen, and works.
func TestA11yZoom200(t *testing.T) {
	ctx := newTab(t)
	do(t, ctx, chromedp.EmulateViewport(640, 400, chromedp.EmulateScale(2)))
	open(t, ctx, servePage(t, pageOpts{}))
	assert.Equal(t, 2.0, eval[float64](t, ctx, `devicePixelRatio`))
	assert.Empty(t, eval[[]string](t, ctx, offscreen(`#consent-banner .cc-btn`)), "the banner's buttons fit")
	assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 640)

	openPrefsExpanded(t, ctx)
	scrollable := eval[bool](t, ctx, `(() => { const d = document.getElementById("consent-preferences"), b = d.querySelector(".cc-prefs-body");
		return [d, b].some((e) => e.scrollHeight > e.clientHeight && /auto|scroll/.test(getComputedStyle(e).overflowY)); })()`)
	assert.True(t, scrollable, "the expanded dialog is taller than the viewport and scrolls")
	assert.LessOrEqual(t, eval[float64](t, ctx, `document.getElementById("consent-preferences").getBoundingClientRect().bottom`), 400.0, "the dialog fits the viewport")

	tabUntil(t, ctx, `#consent-preferences [data-consent-action="save"]`, false, 40)
	assert.Empty(t, eval[[]string](t, ctx, offscreen(`#consent-preferences [data-consent-action="save"]`)), "Save is scrolled into view")
	assert.True(t, eval[bool](t, ctx, `(() => { const b = document.activeElement, r = b.getBoundingClientRect();
		return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b; })()`), "and not covered")
	press(t, ctx, keyEnter, false)
	waitFor(t, ctx, `!!window.consent.get()`)
	assert.Equal(t, "custom", getRecord(t, ctx).Method)
}

// TestA11yReducedMotion: with prefers-reduced-motion nothing in the UI
// moves; without it the buttons do fade (so the check can fail).
func TestA11yReducedMotion(t *testing.T) {
	const moving = `[...document.querySelectorAll("#consent-root, #consent-root *, .cc-placeholder, .cc-placeholder *")].filter((e) => {
		const s = getComputedStyle(e);
		const d = (v) => v.split(",").some((x) => parseFloat(x) > 0);
		return d(s.transitionDuration) || (s.animationName !== "none" && d(s.animationDuration));
	}).map((e) => e.className)`
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	assert.NotEmpty(t, eval[[]string](t, ctx, moving), "without the preference, buttons and switches have transitions")

	ctx = newTab(t)
	do(t, ctx, media("prefers-reduced-motion", "reduce"))
	open(t, ctx, servePage(t, pageOpts{}))
	assert.Empty(t, eval[[]string](t, ctx, moving), "banner")
	assert.Equal(t, "0s", eval[string](t, ctx, `getComputedStyle(document.querySelector("#consent-banner .cc-btn")).transitionDuration`))
	openPrefsExpanded(t, ctx)
	assert.Empty(t, eval[[]string](t, ctx, moving), "dialog")
	assert.Equal(t, "0s", eval[string](t, ctx, `getComputedStyle(document.querySelector("#consent-preferences .cc-switch-thumb")).transitionDuration`))
}

// tallBody is a long page whose inline script scrolls down and focuses a
// field before consent.js (deferred) draws the banner.
const tallBody = `<h1>Long page</h1>
<div id="spacer" style="height: 3000px">text</div>
<label>Search <input id="field"></label>
<div style="height: 3000px">more text</div>
<a href="#" id="open" data-consent-open>Cookie settings</a>
<script>window.scrollTo(0, 2500); document.getElementById("field").focus(); window.__scrollBefore = window.scrollY;</script>`

// TestA11yBannerDoesNotMoveOrGrab: the banner appears without a scroll
// jump, without taking the focus from the page, and is announced
// politely to screen readers.
func TestA11yBannerDoesNotMoveOrGrab(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{body: tallBody}))
	waitFor(t, ctx, `!!document.getElementById("consent-banner")`)
	before := eval[float64](t, ctx, `window.__scrollBefore`)
	require.Greater(t, before, 2000.0, "the page was scrolled before the banner appeared")
	assert.Equal(t, before, eval[float64](t, ctx, `window.scrollY`), "no scroll jump")
	assert.Equal(t, "field", eval[string](t, ctx, `document.activeElement.id`), "focus stays on the page's field")

	// Not modal: no aria-modal, the page stays reachable, the banner is a
	// named region announced through a polite live region.
	b := eval[map[string]string](t, ctx, `(() => { const b = document.getElementById("consent-banner"); return {
		role: b.getAttribute("role") || b.tagName.toLowerCase(), name: b.getAttribute("aria-label") || "", modal: b.getAttribute("aria-modal") || "",
		inert: String(!!document.querySelector("body > :not(#consent-root)[inert]")) }; })()`)
	assert.Equal(t, "region", b["role"])
	assert.NotEmpty(t, b["name"], "the banner has an accessible name")
	assert.Equal(t, "", b["modal"])
	assert.Equal(t, "false", b["inert"])
	waitFor(t, ctx, `(() => { const l = document.querySelector("#consent-root [aria-live=polite]"); return !!l && l.textContent.includes(document.getElementById("consent-banner").getAttribute("aria-label")); })()`)

	// Shown again later on a scrolled page (a reset): no jump either.
	eval[any](t, ctx, `window.consent.acceptAll()`)
	eval[any](t, ctx, `(window.scrollTo(0, 1234), document.getElementById("field").focus())`)
	eval[any](t, ctx, `window.consent.show()`)
	waitFor(t, ctx, `!!document.getElementById("consent-banner")`)
	assert.Equal(t, 1234.0, eval[float64](t, ctx, `window.scrollY`))
	assert.Equal(t, "field", eval[string](t, ctx, `document.activeElement.id`))
}

// TestA11ySetLanguageRerendersAll: consent.setLanguage redraws the banner,
// the open dialog, the placeholders and the declaration, and Arabic flips
// the layout right to left.
func TestA11ySetLanguageRerendersAll(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{policy: lookPolicy(t, "setlang.json", map[string]any{"layout": "box"})}))
	eval[any](t, ctx, `window.consent.set({categories: {media: false}})`)
	waitFor(t, ctx, `!!document.querySelector(".cc-placeholder button")`)
	eval[any](t, ctx, `window.consent.show()`)
	waitFor(t, ctx, `!!document.getElementById("consent-banner")`)

	texts := func() map[string]string {
		return eval[map[string]string](t, ctx, `(() => {
			const q = (s) => document.querySelector(s);
			return {banner: q("#consent-banner").textContent, placeholder: q(".cc-placeholder").textContent,
				decl: q("#decl").textContent, dir: q("#consent-root").dir, lang: q("#consent-root").lang,
				declDir: getComputedStyle(q("#decl .cc-decl")).direction, phDir: getComputedStyle(q(".cc-placeholder")).direction,
				boxLeft: String(q("#consent-banner").getBoundingClientRect().left < innerWidth / 2),
				acceptLeftOfReject: String(q('#consent-banner [data-consent-action="accept-all"]').getBoundingClientRect().left <
					q('#consent-banner [data-consent-action="reject-all"]').getBoundingClientRect().left) };
		})()`)
	}
	en := texts()
	assert.Equal(t, "ltr", en["dir"])
	assert.Equal(t, "false", en["boxLeft"], "the box sits bottom right in English")
	assert.Contains(t, en["decl"], "Counts visits")

	eval[any](t, ctx, `window.consent.setLanguage("ar")`)
	ar := texts()
	assert.Equal(t, "ar", ar["lang"])
	assert.Equal(t, "rtl", ar["dir"])
	assert.Equal(t, "rtl", ar["declDir"], "the declaration is right to left")
	assert.Equal(t, "rtl", ar["phDir"], "the placeholder is right to left")
	assert.Equal(t, "true", ar["boxLeft"], "the box moves to the bottom left")
	assert.NotEqual(t, en["banner"], ar["banner"], "the banner is redrawn in Arabic")
	assert.NotEqual(t, en["placeholder"], ar["placeholder"], "the placeholder is redrawn in Arabic")
	assert.Contains(t, ar["decl"], "يحصي الزيارات", "the declaration is redrawn in Arabic")
	assert.Contains(t, ar["banner"], "ملفات", "the built-in Arabic banner text")

	// The open dialog follows too, in place.
	openPrefsExpanded(t, ctx)
	eval[any](t, ctx, `window.consent.setLanguage("he")`)
	he := eval[map[string]string](t, ctx, `(() => { const d = document.getElementById("consent-preferences"); return {
		text: d.textContent, dir: getComputedStyle(d).direction, open: String(d.open),
		closeLeft: String(d.querySelector(".cc-close").getBoundingClientRect().left < d.getBoundingClientRect().left + d.clientWidth / 2) }; })()`)
	assert.Equal(t, "true", he["open"])
	assert.Equal(t, "rtl", he["dir"])
	assert.Contains(t, he["text"], "סטטיסטיקה")
	assert.Equal(t, "true", he["closeLeft"], "the close button moves to the left edge")
	eval[any](t, ctx, `window.consent.setLanguage("en")`)
	assert.Equal(t, "false", eval[string](t, ctx, `String(document.querySelector("#consent-preferences .cc-close").getBoundingClientRect().left < innerWidth / 2)`))
	assert.Equal(t, "ltr", eval[string](t, ctx, `getComputedStyle(document.getElementById("consent-preferences")).direction`))
}

// TestA11yFontInherited: the UI uses the site's font unless told otherwise.
func TestA11yFontInherited(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{head: `<style>body { font-family: "Georgia", serif; }</style>`}))
	assert.Equal(t, eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`),
		eval[string](t, ctx, `getComputedStyle(document.querySelector("#consent-banner .cc-btn")).fontFamily`))
	eval[any](t, ctx, `(() => { const s = document.createElement("style"); s.textContent = ".cc-root { --cc-font-family: monospace; --cc-btn-bg: rgb(1, 2, 3); }"; document.head.appendChild(s); })()`)
	assert.Equal(t, "monospace", eval[string](t, ctx, `getComputedStyle(document.querySelector("#consent-banner .cc-btn")).fontFamily`))
	// (After the button's colour transition.)
	waitFor(t, ctx, `getComputedStyle(document.querySelector("#consent-banner .cc-btn")).backgroundColor === "rgb(1, 2, 3)"`)
}

// cssBlock returns the custom properties declared in the first rule of
// css whose selector starts with sel.
func cssBlock(t *testing.T, css, sel string) map[string]string {
	t.Helper()
	i := strings.Index(css, sel)
	require.GreaterOrEqual(t, i, 0, "consent.css has %s", sel)
	body := css[i:]
	body = body[strings.Index(body, "{")+1 : strings.Index(body, "}")]
	for {
		a := strings.Index(body, "/*")
		if a < 0 {
			break
		}
		body = body[:a] + body[a+strings.Index(body[a:], "*/")+2:]
	}
	props := map[string]string{}
	for _, decl := range strings.Split(body, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(decl), ":")
		if ok && strings.HasPrefix(name, "--cc-") {
			props[name] = strings.TrimSpace(value)
		}
	}
	return props
}

// TestLookDocumentsEveryProperty keeps docs/look.md and consent.css in
// step: every custom property the stylesheet uses has a default and a row
// in the docs with that same default (both themes for colours), and the
// automatic dark theme is the forced dark one.
func TestLookDocumentsEveryProperty(t *testing.T) {
	cssB, err := os.ReadFile(filepath.Join(root, "web", "src", "consent.css"))
	require.NoError(t, err)
	docB, err := os.ReadFile(filepath.Join(root, "docs", "look.md"))
	require.NoError(t, err)
	css, doc := string(cssB), string(docB)

	light := cssBlock(t, css, ":where(.cc-root, .cc-placeholder) {")
	dark := cssBlock(t, css, `:where(.cc-root[data-theme="dark"], .cc-placeholder[data-theme="dark"]) {`)
	auto := cssBlock(t, css, `  :where(.cc-root[data-theme="auto"]`)
	decl := cssBlock(t, css, ":where(.cc-decl) {")
	assert.Equal(t, dark, auto, "theme auto on a dark system is the dark theme")
	for k, v := range decl {
		assert.Equal(t, light[k], v, "%s: the declaration's default is the banner's", k)
	}

	// Rows of the docs' tables: | `--cc-x` | `light` | `dark` | …
	rows := map[string][]string{}
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`--cc-") {
			continue
		}
		var vals []string
		for _, c := range cells[1:] {
			vals = append(vals, strings.ReplaceAll(strings.TrimSpace(c), "`", ""))
		}
		rows[vals[0]] = vals[1:]
	}
	used := map[string]bool{}
	for _, m := range strings.Split(css, "var(")[1:] {
		if strings.HasPrefix(m, "--cc-") {
			used[strings.FieldsFunc(m, func(r rune) bool { return r == ')' || r == ',' })[0]] = true
		}
	}
	for name := range used {
		_, ok := light[name]
		assert.True(t, ok, "%s is used but has no default", name)
	}
	for name, def := range light {
		row, ok := rows[name]
		if !assert.True(t, ok, "%s has no row in docs/look.md", name) {
			continue
		}
		want := def
		if def == "inherit" {
			want = "inherit (the site's font)"
		}
		assert.Equal(t, want, row[0], "%s: documented default", name)
		if d, ok := dark[name]; ok {
			assert.Equal(t, d, row[1], "%s: documented dark default", name)
		}
	}
	for name := range rows {
		_, ok := light[name]
		assert.True(t, ok, "docs/look.md documents %s, which consent.css does not have", name)
	}
}
