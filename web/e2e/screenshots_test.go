package e2e

// `make screenshots` runs TestScreenshots with CONSENT_SCREENSHOTS set to
// the folder to write (docs/screenshots), as PNG files from headless
// Chromium at a 1000×700 viewport (390×760 for the phone): the banner in
// each layout, light and dark; the preferences dialog light and dark; the
// page after a choice, with a blocked map's placeholder and the reopen
// button, light and dark; the cookie declaration before any choice ("No
// choice yet"); all of it in Arabic (right to left); and the bar, the
// dialog and the page after a choice on a phone. Without the variable the
// test is skipped: it makes pictures, it checks nothing.

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// shotSite is a plain page for the banner to sit on, light or dark as the
// visitor's system asks.
const shotSite = `<style>
body { margin: 0; font-family: "DejaVu Sans", system-ui, sans-serif; color: #1b1b1b; background: #fafafa; }
header { padding: 1rem 2rem; color: #fff; background: #2f4858; }
main { max-width: 46rem; padding: 1rem 2rem; }
p { line-height: 1.6; }
@media (prefers-color-scheme: dark) {
	body { color: #e6e6e6; background: #121416; }
	header { background: #1d2b34; }
	a { color: #8ab4f8; }
}
</style>
<header><strong>Example City</strong> · Open data portal</header>
<main>
<h1>Open data for everyone</h1>
<p>Download the city's data sets: population by district, bicycle counting stations, trees in public spaces,
parking garage occupancy, daycare centres and kindergartens. Every data set is free to use.</p>
<p>Maps and videos on this site come from other providers and are loaded only when you agree.</p>
<p><a href="#" data-consent-open>Cookie settings</a></p>
<iframe data-category="media" data-service="osm" data-src="/site/frame.html" width="560" height="200" title="Map of the city"></iframe>
<h2 id="decl-title">Cookies on this site</h2>
<div id="decl" data-consent-declaration></div>
</main>`

// TestScreenshots writes the pictures when CONSENT_SCREENSHOTS is set.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("CONSENT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set CONSENT_SCREENSHOTS to a folder (make screenshots) to render the pictures")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))

	type shot struct {
		name, lang, layout, scheme string
	}
	var shots []shot
	for _, layout := range []string{"bar", "box", "center"} {
		for _, scheme := range []string{"light", "dark"} {
			shots = append(shots, shot{layout + "-" + scheme, "en", layout, scheme})
		}
	}
	shots = append(shots, shot{"rtl-ar-box", "ar", "box", "light"})

	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx,
				chromedp.EmulateViewport(1000, 700),
				media("prefers-color-scheme", s.scheme, "prefers-reduced-motion", "reduce"))
			// theme "auto": the pictures show the UI following the system.
			pol := lookPolicy(t, "shot-"+s.name+".json", map[string]any{"layout": s.layout, "theme": "auto"})
			open(t, ctx, servePage(t, pageOpts{policy: pol, lang: s.lang, body: shotSite}))
			require.True(t, visible(t, ctx, "#consent-banner"))
			writeShot(t, ctx, filepath.Join(dir, s.name+"-banner.png"))

			// The dialog is the same in every layout: once per theme, and in Arabic.
			if s.layout != "bar" && s.lang == "en" {
				return
			}
			eval[any](t, ctx, `window.consent.showPreferences()`)
			waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
			// Show one category's services, with the focus ring off.
			eval[any](t, ctx, `(() => { document.querySelector('#consent-preferences [data-cc-disclosure="statistics"]').click(); document.activeElement.blur(); })()`)
			name := "preferences-" + s.scheme
			if s.lang != "en" {
				name = "rtl-" + s.lang + "-preferences"
			}
			writeShot(t, ctx, filepath.Join(dir, name+".png"))
			if s.layout == "center" {
				return
			}

			// The page after a choice: a blocked map's placeholder and the
			// reopen button in the bottom corner.
			eval[any](t, ctx, `window.consent.hide()`)
			eval[any](t, ctx, `window.consent.rejectAll()`)
			waitFor(t, ctx, `!!document.querySelector(".cc-reopen") && !!document.querySelector(".cc-placeholder button")`)
			eval[any](t, ctx, `document.activeElement && document.activeElement.blur()`)
			name = "reopen-" + s.scheme
			if s.lang != "en" {
				name = "rtl-" + s.lang + "-reopen"
			}
			writeShot(t, ctx, filepath.Join(dir, name+".png"))
		})
	}

	// The declaration before any choice: "No choice yet".
	for _, d := range []struct{ name, lang, scheme string }{{"declaration-light", "en", "light"}, {"rtl-ar-declaration", "ar", "light"}} {
		t.Run(d.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, chromedp.EmulateViewport(1000, 700), media("prefers-color-scheme", d.scheme, "prefers-reduced-motion", "reduce"))
			pol := lookPolicy(t, "shot-"+d.name+".json", map[string]any{"theme": "auto"})
			open(t, ctx, servePage(t, pageOpts{policy: pol, lang: d.lang, body: shotSite}))
			waitFor(t, ctx, `!!document.querySelector("#decl .cc-decl-choice")`)
			eval[any](t, ctx, `window.consent.hide()`)
			eval[any](t, ctx, `(document.getElementById("decl-title").scrollIntoView(), document.activeElement && document.activeElement.blur())`)
			writeShot(t, ctx, filepath.Join(dir, d.name+".png"))
		})
	}

	// A phone: the bar, the dialog, the page after a choice.
	t.Run("mobile", func(t *testing.T) {
		ctx := newTab(t)
		do(t, ctx, chromedp.EmulateViewport(390, 760, chromedp.EmulateMobile), media("prefers-color-scheme", "light", "prefers-reduced-motion", "reduce"))
		pol := lookPolicy(t, "shot-mobile.json", map[string]any{"theme": "auto"})
		open(t, ctx, servePage(t, pageOpts{policy: pol, body: `<meta name="viewport" content="width=device-width, initial-scale=1">` + shotSite}))
		require.True(t, visible(t, ctx, "#consent-banner"))
		writeShot(t, ctx, filepath.Join(dir, "mobile-bar-banner.png"))
		eval[any](t, ctx, `window.consent.showPreferences()`)
		waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
		eval[any](t, ctx, `document.activeElement && document.activeElement.blur()`)
		writeShot(t, ctx, filepath.Join(dir, "mobile-preferences.png"))
		eval[any](t, ctx, `window.consent.rejectAll()`)
		waitFor(t, ctx, `!!document.querySelector(".cc-reopen")`)
		eval[any](t, ctx, `window.scrollTo(0, document.documentElement.scrollHeight)`)
		writeShot(t, ctx, filepath.Join(dir, "mobile-reopen.png"))
	})
}

// writeShot saves the viewport as a PNG, recompressed to keep it small.
func writeShot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	eval[bool](t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	raw, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	require.NoError(t, enc.Encode(&out, img))
	if out.Len() > len(raw) {
		out.Reset()
		out.Write(raw)
	}
	require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
	t.Logf("%s: %d bytes", path, out.Len())
}
