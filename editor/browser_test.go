package editor

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/lint"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The browser tests drive Debian's headless Chromium (the way web/e2e
// does) against an editor on 127.0.0.1 that previews the repository's
// web/dist (make build).

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  string
	repoRoot, _ = filepath.Abs("..") // the editor package sits at the root
	testdata, _ = filepath.Abs("testdata")
)

// startBrowser starts one headless Chromium for the package's tests; it
// skips the test when chromium is not on PATH (make test installs it).
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		chrome, err := exec.LookPath("chromium")
		if err != nil {
			browserErr = "chromium is not on PATH; `make test` installs it"
			return
		}
		dir, err := os.MkdirTemp("", "consent-editor-browser")
		if err != nil {
			browserErr = err.Error()
			return
		}
		alloc, _ := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(chrome),
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.WindowSize(1400, 900),
			chromedp.UserDataDir(dir),
		)
		b, _ := chromedp.NewContext(alloc)
		if err := chromedp.Do(b); err != nil {
			browserErr = "start chromium: " + err.Error()
			return
		}
		browserCtx = b
	})
	if browserCtx == nil {
		if os.Getenv("CI") != "" {
			t.Fatal(browserErr)
		}
		t.Skip(browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx))
	tctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelT)
	return tctx
}

// serveEditor runs an editor of a copy of testdata/policy.json on
// 127.0.0.1 with the repository's web build and returns its URL and the
// file's path.
func serveEditor(t *testing.T) (string, string) {
	t.Helper()
	return serveEditorAt(t, filepath.Join(t.TempDir(), "policy.json"))
}

// serveEditorAt is serveEditor with the file at path.
func serveEditorAt(t *testing.T, path string) (string, string) {
	t.Helper()
	web, err := filepath.Abs(filepath.Join(repoRoot, "web", "dist"))
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(web, "consent.js")); err != nil {
		t.Fatal("web/dist is not built: run `make build` (make test does)")
	}
	text, err := os.ReadFile(filepath.Join(testdata, "policy.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, text, 0o644))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s, err := New(Options{Path: path, Initial: text, Web: web, Addr: ln.Addr().String()})
	require.NoError(t, err)
	hs := &http.Server{Handler: s}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return s.URL(), path
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, actions...))
}

func js[T any](t *testing.T, ctx context.Context, src string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](src, chromedp.EvalAwaitPromise))
	require.NoError(t, err, src)
	return v
}

// until polls a JS condition until it holds.
func until(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// frame is the preview's document, in JS.
const frame = `document.getElementById("preview").contentDocument`

// bannerShown is true once the preview runs the banner.
const bannerShown = `!!(` + frame + ` && ` + frame + `.querySelector("#cc-banner-title"))`

// setJSON types a whole new text into the JSON view.
func setJSON(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	b, _ := json.Marshal(text)
	js[bool](t, ctx, `(() => { const ta = document.getElementById("json"); ta.value = `+string(b)+`; ta.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
}

func TestEditorLabelReachesThePreview(t *testing.T) {
	ctx := startBrowser(t)
	url, _ := serveEditor(t)
	run(t, ctx, chromedp.Navigate(url))
	until(t, ctx, "the preview's banner", bannerShown)

	input := `[data-input-for="/categories/1/label/en"]`
	js[bool](t, ctx, `(() => { const e = document.querySelector('`+input+`'); e.value = ""; e.dispatchEvent(new Event("input")); return true; })()`)
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(input), "Audience measurement"))
	assert.Contains(t, js[string](t, ctx, `document.getElementById("json").value`), `"en": "Audience measurement"`, "the JSON view follows the form")
	until(t, ctx, "the new label in the preview's declaration",
		frame+` && `+frame+`.querySelector("#declaration") && `+frame+`.querySelector("#declaration").textContent.includes("Audience measurement")`)
	until(t, ctx, "the banner again", bannerShown)
	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-prefs")))
	until(t, ctx, "the new label in the preview's preferences dialog",
		frame+`.querySelector("#consent-preferences[open]") && `+frame+`.querySelector("#consent-preferences").textContent.includes("Audience measurement")`)

	// Accept all opens the gates of statistics; Reject all keeps them closed.
	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-accept")))
	until(t, ctx, "the gates after Accept all", `document.querySelectorAll("#gates li[data-state=open]").length === 3`)
	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-reject")))
	until(t, ctx, "the gates after Reject all", `document.querySelectorAll("#gates li").length === 3 && document.querySelectorAll("#gates li[data-state=open]").length === 1`)
	assert.Equal(t, "category necessary: opens", js[string](t, ctx, `document.querySelector("#gates li[data-state=open]").textContent`))
}

func TestEditorShowsTheProblemAtItsLineAndThePreviewComesBack(t *testing.T) {
	ctx := startBrowser(t)
	url, _ := serveEditor(t)
	run(t, ctx, chromedp.Navigate(url))
	until(t, ctx, "the preview's banner", bannerShown)
	run(t, ctx, chromedp.Click(chromedp.CSS("#show-json")))
	good := js[string](t, ctx, `document.getElementById("json").value`)

	// A value the validator refuses: its line, and the field in the form.
	bad := strings.Replace(good, `"category": "statistics"`, `"category": "statistic"`, 1)
	setJSON(t, ctx, bad)
	until(t, ctx, "the problem at line 21", `[...document.querySelectorAll("#json-problems li")].some((li) => li.textContent.startsWith("Line 21, column 19:") && li.textContent.includes('did you mean "statistics"'))`)
	until(t, ctx, "the preview to stand aside", `!!(`+frame+` && `+frame+`.getElementById("preview-note"))`)
	assert.Contains(t, js[string](t, ctx, `document.querySelector('[data-ptr="/services/0/category"] .err').textContent`), `"statistic"`,
		"the problem is shown at its field too")

	// A syntax error: a missing comma, at its line.
	setJSON(t, ctx, strings.Replace(good, `"layout": "bar",`, `"layout": "bar"`, 1))
	until(t, ctx, "the syntax error at line 5", `[...document.querySelectorAll("#json-problems li")].some((li) => li.textContent.startsWith("Line 5, column 3:"))`)
	assert.True(t, js[bool](t, ctx, `document.getElementById("form-fields").disabled`), "the form waits for JSON that parses")

	setJSON(t, ctx, good)
	until(t, ctx, "the preview back", bannerShown)
	until(t, ctx, "no problem listed", `document.querySelectorAll("#json-problems li").length === 0`)
}

func TestEditorSavesAFileThatValidates(t *testing.T) {
	ctx := startBrowser(t)
	url, path := serveEditor(t)
	before, _ := os.ReadFile(path)
	run(t, ctx, chromedp.Navigate(url))
	until(t, ctx, "the preview's banner", bannerShown)
	// a new category, added with the form
	run(t, ctx, chromedp.Click(chromedp.CSS(`#form button[data-add="Category"]`)))
	// an invalid policy (a category without id or label) is not saved
	run(t, ctx, chromedp.Click(chromedp.CSS("#save")))
	until(t, ctx, "the refusal", `document.getElementById("status").textContent.startsWith("Not saved")`)
	got, _ := os.ReadFile(path)
	assert.Equal(t, string(before), string(got))

	run(t, ctx, chromedp.SendKeys(chromedp.CSS(`[data-input-for="/categories/2/id"]`), "marketing"))
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(`[data-input-for="/categories/2/label/en"]`), "Marketing"))
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(`[data-input-for="/categories/2/label/de"]`), "Werbung"))
	until(t, ctx, "a valid policy", `document.getElementById("problems-none").textContent.startsWith("No problems")`)
	run(t, ctx, chromedp.Click(chromedp.CSS("#save")))
	until(t, ctx, "the save", `document.getElementById("status").textContent.startsWith("Saved to")`)
	assert.Contains(t, js[string](t, ctx, `document.getElementById("status").textContent`), path+".bak")
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	pol, err := policy.Parse(saved) // what consent validate runs
	require.NoError(t, err, "the saved file validates")
	assert.Empty(t, lint.Warnings(pol))
	require.Len(t, pol.Categories, 3)
	assert.Equal(t, "Werbung", pol.Categories[2].Label["de"])
	bak, _ := os.ReadFile(path + ".bak")
	assert.Equal(t, string(before), string(bak))
}

func TestEditorIsAccessible(t *testing.T) {
	ctx := startBrowser(t)
	url, _ := serveEditor(t)
	axe, err := os.ReadFile(filepath.Join(repoRoot, "web", "node_modules", "axe-core", "axe.min.js"))
	require.NoError(t, err, "axe-core is not installed (make test, or cd web && npm ci)")
	run(t, ctx, chromedp.Navigate(url))
	// Keyboard only: the first Tab stop is Save, every control is a
	// native one (buttons, inputs, selects).
	run(t, ctx, chromedp.KeyEvent("\t"))
	assert.Equal(t, "save", js[string](t, ctx, `document.activeElement.id`), "the first Tab stop is Save")
	until(t, ctx, "the preview's banner", bannerShown)
	type result struct {
		Violations []string `json:"violations"`
		Passes     []string `json:"passes"`
	}
	audit := func(what string) {
		js[bool](t, ctx, string(axe)+"\n;true")
		r := js[result](t, ctx, `(async () => {
			const r = await axe.run(document, {
				runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
				iframes: false,
			});
			return {
				violations: r.violations.flatMap((v) => v.nodes.map((n) => v.id + ": " + n.target.join(" ") + ": " + (n.failureSummary || v.help).replace(/\s+/g, " "))),
				passes: r.passes.map((p) => p.id),
			};
		})()`)
		assert.Empty(t, r.Violations, "%s: axe-core violations", what)
		assert.Contains(t, r.Passes, "color-contrast", what)
	}
	audit("the form")
	run(t, ctx, darkScheme(true))
	audit("the form in the dark scheme")
	run(t, ctx, darkScheme(false))
	// with a problem shown at its field
	setJSON(t, ctx, strings.Replace(js[string](t, ctx, `document.getElementById("json").value`), `"layout": "bar"`, `"layout": "bars"`, 1))
	until(t, ctx, "the problem at its field", `!!document.querySelector('[data-ptr="/layout"] .err')`)
	audit("the form with a problem")
	run(t, ctx, chromedp.Click(chromedp.CSS("#show-json")))
	audit("the JSON view")

	// Reordering by keyboard: Enter on "Move down" moves the category and
	// the focus follows it.
	run(t, ctx, chromedp.Click(chromedp.CSS("#show-form")))
	js[bool](t, ctx, `(document.querySelector('button[aria-label="Move down category 1"]').focus(), true)`)
	run(t, ctx, chromedp.KeyEvent("\r"))
	until(t, ctx, "the categories swapped", `JSON.parse(document.getElementById("json").value).categories.map((c) => c.id).join() === "statistics,necessary"`)
	assert.Equal(t, "/categories/1/id", js[string](t, ctx, `document.activeElement.dataset.inputFor`), "the focus is on the moved category")
	// A changed language list redraws the texts once the field is left,
	// and the focus stays where the keyboard put it.
	lang := `[data-input-for="/languages"]`
	js[bool](t, ctx, `(() => { const e = document.querySelector('`+lang+`'); e.focus(); e.setSelectionRange(e.value.length, e.value.length); return true; })()`)
	run(t, ctx, chromedp.KeyEvent(", fr"), chromedp.KeyEvent("\t"))
	until(t, ctx, "the texts in fr", `!!document.querySelector('details[data-ptr="/texts/fr"]')`)
	assert.Equal(t, "/languageCookie", js[string](t, ctx, `document.activeElement.dataset.inputFor`), "Tab went on to the next field")
	until(t, ctx, "the built-in French placeholder", `document.querySelector('[data-input-for="/texts/fr/acceptAll"]').placeholder === "Tout accepter"`)

}

// TestEditorScreenshot writes docs/screenshots/editor.png when
// CONSENT_SCREENSHOTS names that folder (make screenshots).
func TestEditorScreenshot(t *testing.T) {
	dir := os.Getenv("CONSENT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set CONSENT_SCREENSHOTS to a folder (make screenshots) to render the picture")
	}
	ctx := startBrowser(t)
	t.Chdir(t.TempDir()) // the page names the file as given: policy.json
	url, _ := serveEditorAt(t, "policy.json")
	run(t, ctx, chromedp.EmulateViewport(1400, 900), chromedp.Navigate(url))
	until(t, ctx, "the preview's banner", bannerShown)
	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-prefs")))
	until(t, ctx, "the preferences", `!!`+frame+`.querySelector("#consent-preferences[open]")`)
	js[bool](t, ctx, `document.activeElement.blur(), new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	raw, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "editor.png"), out.Bytes(), 0o644))
}

// darkScheme emulates prefers-color-scheme: dark, or clears it.
func darkScheme(on bool) chromedp.Action[chromedp.Void] {
	p := emulation.SetEmulatedMediaParams{}
	if on {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	}
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	})
}

func TestEditorPreviewControls(t *testing.T) {
	ctx := startBrowser(t)
	url, _ := serveEditor(t)
	run(t, ctx, chromedp.Navigate(url))
	until(t, ctx, "the preview's banner", bannerShown)
	choose := func(sel, value string) {
		t.Helper()
		run(t, ctx, chromedp.SetValue(chromedp.CSS(sel), value))
		js[bool](t, ctx, `(document.querySelector('`+sel+`').dispatchEvent(new Event("change")), true)`)
	}
	de := policy.UITexts(nil, "de")["bannerTitle"]
	choose("#pv-lang", "de")
	until(t, ctx, "the banner in German", bannerShown+` && `+frame+`.querySelector("#cc-banner-title").textContent === `+jsQuote(de))
	choose("#pv-theme", "dark")
	until(t, ctx, "the dark theme", bannerShown+` && `+frame+`.querySelector(".cc-root").dataset.theme === "dark"`)
	choose("#pv-width", "phone")
	assert.Equal(t, 390, js[int](t, ctx, `document.getElementById("preview").contentWindow.innerWidth`), "the page inside is a phone's width")

	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-placeholder")))
	until(t, ctx, "the placeholder in view", frame+`.querySelector("#embed") && `+frame+`.querySelector(".cc-placeholder") && (() => { const r = `+frame+`.querySelector(".cc-placeholder").getBoundingClientRect(); return r.top >= 0 && r.top < document.getElementById("preview").clientHeight; })()`)
	run(t, ctx, chromedp.Click(chromedp.CSS("#pv-declaration")))
	until(t, ctx, "the declaration in view", `(() => { const r = `+frame+`.getElementById("declaration").getBoundingClientRect(); return r.top >= 0 && r.top < document.getElementById("preview").clientHeight; })()`)
	assert.Contains(t, js[string](t, ctx, frame+`.getElementById("declaration").textContent`), "Matomo")
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
