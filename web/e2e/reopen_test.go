package e2e

// The way back to the settings (docs/policy.md, reopen), the page's end kept
// reachable under the bar, and the declaration before any choice.

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reopenName is the reopen button's accessible name as Chromium computes
// it (its text: the icon is aria-hidden), or "" when there is none.
const reopenName = `(() => { const b = document.querySelector("#consent-reopen .cc-reopen"); return b ? b.textContent.trim() : ""; })()`

// rectOf returns the element's box in the viewport and the viewport's size.
func rectOf(t *testing.T, ctx context.Context, sel string) map[string]float64 {
	t.Helper()
	return eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
		return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, w: document.documentElement.clientWidth, h: document.documentElement.clientHeight}; })()`)
}

// TestReopenButton: no button before a choice; after one, a small fixed
// button named "Cookie settings" in the UI language, axe-clean in both
// themes and right to left, reached by Tab after the page's own controls,
// opens the preferences and gets the focus back when they close.
func TestReopenButton(t *testing.T) {
	for _, c := range []struct {
		name, lang, theme, dir, wantName, bg string
	}{
		{"light", "en", "light", "ltr", "Cookie settings", "rgb(11, 61, 145)"},
		{"dark", "en", "dark", "ltr", "Cookie settings", "rgb(138, 180, 248)"},
		{"arabic", "ar", "light", "rtl", "إعدادات ملفات تعريف الارتباط", "rgb(11, 61, 145)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t)
			u := lookPage(t, c.lang, map[string]any{"theme": c.theme, "languages": []string{"en", "ar", "he"}})
			open(t, ctx, u)
			require.True(t, visible(t, ctx, "#consent-banner"))
			assert.False(t, eval[bool](t, ctx, `!!document.querySelector("#consent-reopen")`), "no button before a choice")

			click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
			waitFor(t, ctx, `!!document.querySelector("#consent-reopen .cc-reopen")`)
			assert.Equal(t, c.wantName, eval[string](t, ctx, reopenName))
			assert.Equal(t, c.wantName, eval[string](t, ctx, `document.querySelector(".cc-reopen").title`), "a tooltip for the icon")
			assert.Equal(t, c.dir, eval[string](t, ctx, `getComputedStyle(document.querySelector(".cc-reopen")).direction`))
			assert.Equal(t, c.bg, bgOf(t, ctx, ".cc-reopen"), "the theme's button colour")
			r := rectOf(t, ctx, ".cc-reopen")
			assert.LessOrEqual(t, r["right"]-r["left"], 48.0, "small")
			assert.GreaterOrEqual(t, r["right"]-r["left"], 44.0, "a 44 px target")
			assert.InDelta(t, r["h"]-16, r["bottom"], 2, "fixed at the bottom")
			if c.dir == "rtl" {
				assert.InDelta(t, r["w"]-16, r["right"], 2, "in the bottom right corner, right to left")
			} else {
				assert.InDelta(t, 16, r["left"], 2, "in the bottom left corner")
			}
			// axe-core: no violation; the icon has no text whose contrast
			// it could check (its colours are the buttons', 10:1 and 8.3:1).
			ax := runAxe(t, ctx, "#consent-reopen")
			assert.Empty(t, ax.Violations, "reopen button: axe-core violations")
			assert.Contains(t, ax.Passes, "button-name")
			assert.Contains(t, ax.Passes, "target-size")

			// Keyboard: after the page's own controls, Enter opens the
			// dialog, Escape closes it and the focus comes back.
			do(t, ctx, chromedp.Focus(chromedp.CSS("#other")))
			tabUntil(t, ctx, ".cc-reopen", false, 12)
			assert.Equal(t, "", eval[string](t, ctx, focusRing))
			do(t, ctx, chromedp.KeyEvent(kb.Enter))
			waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
			assert.True(t, eval[bool](t, ctx, `document.getElementById("consent-preferences").contains(document.activeElement)`))
			do(t, ctx, chromedp.KeyEvent(kb.Escape))
			waitFor(t, ctx, `!document.querySelector("#consent-preferences[open]")`)
			waitFor(t, ctx, `document.activeElement && document.activeElement.matches(".cc-reopen")`)

			// Withdrawing is as easy as consenting: button, switch, save.
			click(t, ctx, ".cc-reopen")
			waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
			click(t, ctx, `#consent-preferences [data-consent-action="accept-all"]`)
			waitFor(t, ctx, `!!window.consent.get() && window.consent.get().categories.statistics === true`)
			assert.True(t, visible(t, ctx, ".cc-reopen"), "still there after the new choice")

			// A returning visitor has it too; reset takes it away with the choice.
			open(t, ctx, u)
			waitFor(t, ctx, `!!document.querySelector("#consent-reopen .cc-reopen")`)
			assert.Equal(t, c.wantName, eval[string](t, ctx, reopenName))
			eval[any](t, ctx, `consent.reset()`)
			waitFor(t, ctx, `!document.querySelector("#consent-reopen") && !!document.querySelector("#consent-banner")`)
		})
	}
}

// TestReopenNone: "reopen": "none" draws no button; the site's own
// data-consent-open link stays the way back.
func TestReopenNone(t *testing.T) {
	ctx := newTab(t)
	u := lookPage(t, "en", map[string]any{"reopen": "none"})
	open(t, ctx, u)
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `!!window.consent.get()`)
	open(t, ctx, u)
	eval[any](t, ctx, `new Promise((r) => setTimeout(r, 300))`)
	assert.False(t, eval[bool](t, ctx, `!!document.querySelector("#consent-reopen, .cc-reopen")`), "no button")
	click(t, ctx, "#open")
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
}

// lastLinkBody is a page longer than the window whose last content is a
// footer with links in both bottom corners.
const lastLinkBody = `
<h1>Long page</h1>
<button id="other">An ordinary button</button>
<div style="height: 1600px">content</div>
<footer style="display: flex; justify-content: space-between; padding: 0 0.5rem">
  <a href="#" id="first-link" data-consent-open>Cookie settings</a>
  <a href="#" id="last-link" data-consent-open>Cookie settings (right)</a>
</footer>`

// reachable scrolls to the page's end and reports whether a click at the
// centre of sel lands on sel itself, not on something covering it.
func reachable(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	eval[any](t, ctx, `window.scrollTo(0, document.documentElement.scrollHeight)`)
	eval[any](t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
	p := eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`)
	return eval[bool](t, ctx, fmt.Sprintf(`(() => { const e = document.elementFromPoint(%f, %f); return !!e && e.closest(%s) !== null; })()`, p["x"], p["y"], jsString(sel)))
}

// clickAt clicks at the centre of sel with the mouse, wherever it is.
func clickAt(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	p := eval[map[string]float64](t, ctx, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`)
	do(t, ctx, chromedp.MouseClickXY(p["x"], p["y"]))
}

// TestLastLinkReachable: while the bar (or the box) is shown, and after a
// choice while the reopen button is, the page's last links can be
// scrolled into the open and clicked; the reserve goes with the banner.
func TestLastLinkReachable(t *testing.T) {
	for _, layout := range []string{"bar", "box"} {
		t.Run(layout, func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t)
			pol := lookPolicy(t, "lastlink-"+layout+".json", map[string]any{"layout": layout})
			open(t, ctx, servePage(t, pageOpts{policy: pol, body: lastLinkBody}))
			require.True(t, visible(t, ctx, "#consent-banner"))
			for _, sel := range []string{"#first-link", "#last-link"} {
				assert.True(t, reachable(t, ctx, sel), "%s: not covered by the %s at the page's end", sel, layout)
			}
			clickAt(t, ctx, "#last-link")
			waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
			click(t, ctx, `#consent-preferences [data-consent-action="reject-all"]`)
			waitFor(t, ctx, `!!document.querySelector(".cc-reopen") && !document.querySelector("#consent-banner")`)

			// The reopen button covers neither link either.
			for _, sel := range []string{"#first-link", "#last-link"} {
				assert.True(t, reachable(t, ctx, sel), "%s: not covered by the reopen button", sel)
			}
			clickAt(t, ctx, "#first-link")
			waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
			eval[any](t, ctx, `consent.hide()`)
			reserve := eval[float64](t, ctx, `document.querySelector(".cc-reserve").getBoundingClientRect().height`)
			assert.InDelta(t, 68, reserve, 12, "the reserve shrinks to the button's height")
		})
	}
}

// TestDeclarationNoChoiceYet: before any choice the declaration says "No
// choice yet" for the optional categories, not "Refused".
func TestDeclarationNoChoiceYet(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	choices := func() []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll("#decl .cc-decl-choice strong")].map((e) => e.textContent)`)
	}
	waitFor(t, ctx, `document.querySelectorAll("#decl .cc-decl-choice").length === 3`)
	assert.Equal(t, []string{"Always on", "No choice yet", "No choice yet"}, choices())
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, []string{"Always on", "Refused", "Refused"}, choices())
	eval[any](t, ctx, `consent.set({categories: {statistics: true}, services: {video: true}})`)
	assert.Equal(t, []string{"Always on", "Allowed", "Refused"}, choices())
	assert.Equal(t, []string{"Allowed"}, eval[[]string](t, ctx, `[...document.querySelectorAll("#decl .cc-decl-svc-choice")].map((e) => e.textContent)`),
		"a service allowed in a refused category says so")
	eval[any](t, ctx, `consent.reset()`)
	assert.Equal(t, []string{"Always on", "No choice yet", "No choice yet"}, choices())
	eval[any](t, ctx, `consent.setLanguage("de")`)
	assert.Equal(t, []string{"Immer aktiv", "Noch keine Wahl", "Noch keine Wahl"}, choices())
}

// TestReopenButtonStepsAsideOnPhones: on a phone the button does not sit
// on the text being read: it moves out of the window while the visitor
// scrolls down, and is back when they scroll up and at the page's end;
// on a wide window it stays where it is.
func TestReopenButtonStepsAsideOnPhones(t *testing.T) {
	for _, c := range []struct {
		name       string
		w, h       int64
		stepsAside bool
	}{
		{"phone", 390, 700, true},
		{"desktop", 1280, 800, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t)
			do(t, ctx, chromedp.EmulateViewport(c.w, c.h))
			pol := lookPolicy(t, "steps-aside.json", map[string]any{"layout": "bar"})
			open(t, ctx, servePage(t, pageOpts{policy: pol, body: lastLinkBody}))
			click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
			waitFor(t, ctx, `!!document.querySelector(".cc-reopen") && !document.querySelector("#consent-banner")`)

			// covered reports whether the button is what a tap at its
			// place in the window would hit.
			center := rectOf(t, ctx, ".cc-reopen")
			x, y := (center["left"]+center["right"])/2, (center["top"]+center["bottom"])/2
			onTop := func() bool {
				eval[any](t, ctx, `new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 300))`)
				return eval[bool](t, ctx, fmt.Sprintf(`(() => { const e = document.elementFromPoint(%f, %f); return !!e && !!e.closest(".cc-reopen"); })()`, x, y))
			}
			scroll := func(dy int) {
				eval[any](t, ctx, fmt.Sprintf(`window.scrollBy(0, %d)`, dy))
				eval[any](t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
			}
			require.True(t, onTop(), "shown after the choice")
			scroll(200)
			scroll(200)
			assert.Equal(t, !c.stepsAside, onTop(), "while scrolling down")
			scroll(-100)
			assert.True(t, onTop(), "after scrolling up")
			scroll(200)
			eval[any](t, ctx, `window.scrollTo(0, document.documentElement.scrollHeight)`)
			eval[any](t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
			assert.True(t, onTop(), "at the page's end")
			assert.True(t, reachable(t, ctx, "#first-link"), "the last line is still free at the end")
		})
	}
}
