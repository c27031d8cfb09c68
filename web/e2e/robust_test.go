package e2e

// Robustness end to end (issue 7): a policy or wasm that cannot be had, a
// browser that blocks cookies or whose cookie jar is full, hostile policy
// text, a strict Content-Security-Policy with Trusted Types, tampered and
// duplicated consent cookies, and window.consent under abuse. In every
// case the page's own scripts run, nothing optional runs without a valid
// choice, and the consent runtime keeps answering.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/consentwasm/consent/internal/devserver"
	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/texts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	robustOnce sync.Once
	robustSrv  *httptest.Server
)

// robustURL returns the base URL of a server that serves everything the
// shared harness does plus testdata/robust at /robust/ and a policy that
// never answers at /robust/slow.json. It lives until the test binary ends.
func robustURL() string {
	robustOnce.Do(func() {
		td := filepath.Join(root, "web", "e2e", "testdata", "robust")
		mux := http.NewServeMux()
		mux.HandleFunc("/robust/slow.json", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(30 * time.Second):
			}
		})
		mux.HandleFunc("/robust/", func(w http.ResponseWriter, r *http.Request) {
			devserver.ServeFile(w, r, filepath.Join(td, filepath.Base(r.URL.Path)))
		})
		mux.Handle("/", handler())
		robustSrv = httptest.NewServer(mux)
	})
	return robustSrv.URL
}

// rpage shapes a robustness test page: like pageOpts, plus attributes on
// the consent.js tag, a nonce on every script tag and a chosen path.
type rpage struct {
	policy string // data-policy; default /policy/basic.json
	base   string // where consent.js lives; default /consent/
	head   string // extra markup in <head> before consent.js
	body   string // default standardBody
	attrs  string // extra attributes of the consent.js tag
	nonce  string // nonce of the page's script tags
	dir    string // the page's directory; default /rpage/
	csp    string // Content-Security-Policy of the page
}

// robustPage registers a page and returns its URL on the robustness server.
func robustPage(t *testing.T, o rpage) string {
	t.Helper()
	if o.policy == "" {
		o.policy = "/policy/basic.json"
	}
	if o.base == "" {
		o.base = "/consent/"
	}
	if o.body == "" {
		o.body = standardBody
	}
	if o.dir == "" {
		o.dir = "/rpage/"
	}
	nonce := ""
	if o.nonce != "" {
		nonce = ` nonce="` + o.nonce + `"`
	}
	html := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + t.Name() + `</title>
<link rel="stylesheet" href="` + o.base + `consent.css">
<script src="/site/events.js"` + nonce + `></script>` + o.head + `
<script src="` + o.base + `consent.js" data-policy="` + o.policy + `" ` + o.attrs + nonce + ` defer></script>
</head><body>` + o.body + `</body></html>`
	path := o.dir + strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".html"
	pagesMu.Lock()
	pages[path] = html
	pagesMu.Unlock()
	u := robustURL() + path
	if o.csp != "" {
		u += "?csp=" + url.QueryEscape(o.csp)
	}
	return u
}

// consentErrors returns the messages of the consent:error events.
func consentErrors(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `window.__events.filter((e) => e.type === "consent:error").map((e) => e.detail.message)`)
}

// assertFailedClosed checks a page whose consent manager could not start:
// consent.ready rejects with want, consent:error says so once, the page's
// own scripts ran, nothing optional did, no banner, and calls answer with
// a clear rejection.
func assertFailedClosed(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	assert.Contains(t, evalErr(t, ctx, `window.consent.ready`), want)
	errs := consentErrors(t, ctx)
	if assert.Len(t, errs, 1, "consent:error fires once") {
		assert.Contains(t, errs[0], want)
	}
	assert.True(t, eval[bool](t, ctx, `window.__pageScriptRan === true`), "the page's own scripts run")
	assert.Empty(t, runs(t, ctx), "nothing optional runs")
	assert.False(t, eval[bool](t, ctx, `document.getElementById("map").hasAttribute("src")`), "the map stays unloaded")
	assert.False(t, visible(t, ctx, "#consent-banner"))
	assert.Nil(t, getRecord(t, ctx))
	assert.False(t, eval[bool](t, ctx, `window.consent.accepted("statistics")`))
	assert.Contains(t, evalErr(t, ctx, `window.consent.acceptAll()`), want, "a call answers with the reason, not a hang")
	assert.Empty(t, runs(t, ctx), "and still nothing optional runs")
}

func TestRobustPolicyTimeout(t *testing.T) {
	ctx := newTab(t)
	// data-timeout shortens the loader's 15 s limit for the policy fetch.
	open(t, ctx, robustPage(t, rpage{policy: "/robust/slow.json", attrs: `data-timeout="300"`}))
	assertFailedClosed(t, ctx, "timed out")
}

// basicPolicy parses the harness's basic policy natively, for the texts a
// visitor is shown.
func basicPolicy(t *testing.T) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(readTestdata(t, "policies/basic.json")))
	require.NoError(t, err)
	return p
}

// noticeText waits for the consent manager's status line to say something
// and returns it.
func noticeText(t *testing.T, ctx context.Context) string {
	t.Helper()
	waitFor(t, ctx, `[...document.querySelectorAll('#consent-root [role="status"]')].some((e) => e.textContent.trim() !== "")`)
	return eval[string](t, ctx, `[...document.querySelectorAll('#consent-root [role="status"]')].map((e) => e.textContent.trim()).filter(Boolean).join("\n")`)
}

func TestRobustCookiesBlocked(t *testing.T) {
	storeFailed := policy.UITexts(basicPolicy(t), "en")["storeFailed"]
	require.NotEmpty(t, storeFailed)
	for name, script := range map[string]string{
		"writes dropped": "/robust/nocookies.js",
		"access throws":  "/robust/cookies-throw.js",
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			url := robustPage(t, rpage{head: `<script src="` + script + `"></script>`})
			open(t, ctx, url)
			assert.True(t, eval[bool](t, ctx, `window.consent.ready.then((r) => r === null)`), "consent.ready resolves with no choice")
			assert.Empty(t, consentErrors(t, ctx), "blocked cookies are no error of the site")
			assert.True(t, visible(t, ctx, "#consent-banner"), "the visitor is asked")
			assert.True(t, eval[bool](t, ctx, `window.__pageScriptRan === true`))
			assert.Empty(t, runs(t, ctx), "nothing optional runs before a choice")

			click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
			waitFor(t, ctx, `window.__runs.includes("stats")`)
			rec := getRecord(t, ctx)
			require.NotNil(t, rec, "the choice holds for this page view")
			assert.Equal(t, "accept-all", rec.Method)
			assert.Equal(t, storeFailed, noticeText(t, ctx), "the visitor is told the choice applies to this page view only")

			open(t, ctx, url)
			assert.True(t, visible(t, ctx, "#consent-banner"), "nothing was stored: the next page view asks again")
			assert.Nil(t, getRecord(t, ctx))
			assert.Empty(t, runs(t, ctx))
		})
	}
}

func TestRobustFullCookieJar(t *testing.T) {
	ctx := newTab(t)
	url := robustPage(t, rpage{})
	// Fill the jar to Chromium's limit of 180 cookies per host, ~4 KB each.
	do(t, ctx, chromedp.Navigate(robustURL()+"/site/frame.html"))
	n := eval[int](t, ctx, `(() => {
		const v = "v".repeat(4000);
		for (let i = 0; i < 180; i++) document.cookie = "fill" + String(i).padStart(3, "0") + "=" + v + "; path=/; max-age=600";
		return document.cookie.split("; ").length;
	})()`)
	require.GreaterOrEqual(t, n, 150, "the jar is full")

	open(t, ctx, url)
	assert.Empty(t, consentErrors(t, ctx))
	assert.True(t, visible(t, ctx, "#consent-banner"))
	assert.Empty(t, runs(t, ctx))
	click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `window.__runs.includes("nostats")`)
	before := getRecord(t, ctx)
	require.NotNil(t, before)
	// The browser evicts old cookies to make room: the choice is stored.
	assert.NotEmpty(t, cookieValue(t, ctx, "cookies_preferences"))

	open(t, ctx, url)
	assert.False(t, visible(t, ctx, "#consent-banner"), "the choice survives a reload")
	assert.Equal(t, before, getRecord(t, ctx))
}

// hostile is markup that would run if a policy text reached the page as
// HTML: every handler sets window.__pwned.
const hostile = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script>` +
	`<svg onload="window.__pwned='svg'"></svg><a href="javascript:window.__pwned='link'">x</a>` +
	`<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe><style>*{display:none}</style>`

// hostilePolicy is basic.json with every text field replaced by markup,
// each tagged with its place, and a policyUrl of url.
func hostilePolicy(t *testing.T, policyURL string) string {
	t.Helper()
	h := func(where string) string { return where + ":" + hostile }
	ui := map[string]string{}
	for _, k := range texts.Keys {
		ui[k] = h("text-" + k)
	}
	cookie := func(where string) map[string]any {
		return map[string]any{"name": "c_" + where, "duration": h("duration-" + where), "purpose": h("purpose-" + where)}
	}
	service := func(id, cat string) map[string]any {
		return map[string]any{
			"id": id, "category": cat, "provider": h("provider-" + id), "label": h("label-" + id),
			"function": h("function-" + id), "purpose": h("purpose-" + id),
			"cookies": []any{cookie(id), map[string]any{"pattern": `<img src=x onerror=alert\(1\)>.*`, "duration": h("pattern-" + id)}},
		}
	}
	p := map[string]any{
		"revision":  1,
		"languages": []string{"en"},
		"texts":     map[string]any{"en": ui},
		"categories": []any{
			map[string]any{"id": "necessary", "required": true, "label": h("cat-necessary"), "description": h("desc-necessary")},
			map[string]any{"id": "statistics", "label": h("cat-statistics"), "description": h("desc-statistics")},
			map[string]any{"id": "media", "label": h("cat-media"), "description": h("desc-media")},
		},
		"services": []any{service("site", "necessary"), service("matomo", "statistics"), service("osm", "media"), service("video", "media")},
	}
	if policyURL != "" {
		p["policyUrl"] = policyURL
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return string(b)
}

// markupCount counts elements that hostile text would have created inside
// the consent manager's UI, the declaration and the placeholders.
const markupCount = `document.querySelectorAll([
	"#consent-root img", "#consent-root svg", "#consent-root iframe", "#consent-root script", "#consent-root style",
	"#decl img", "#decl svg", "#decl iframe", "#decl script", "#decl style",
	".cc-placeholder img", ".cc-placeholder svg", ".cc-placeholder iframe", ".cc-placeholder script", ".cc-placeholder style",
	'a[href^="javascript" i]'].join(",")).length`

func TestRobustHostilePolicyText(t *testing.T) {
	ctx := newTab(t)
	pol := servePolicy(t, "hostile.json", hostilePolicy(t, "/cookie-policy.html"))
	open(t, ctx, robustPage(t, rpage{policy: pol}))
	require.Empty(t, consentErrors(t, ctx), "markup is valid text")

	// The banner, the declaration and the map's placeholder are drawn.
	require.True(t, visible(t, ctx, "#consent-banner"))
	require.True(t, visible(t, ctx, ".cc-placeholder"), "the refused map shows a placeholder")
	shownText := `[document.getElementById("consent-root"), document.getElementById("decl"), ...document.querySelectorAll(".cc-placeholder")].map((e) => e.textContent).join("\n")`
	text := eval[string](t, ctx, shownText)
	assert.Equal(t, 0, eval[int](t, ctx, markupCount), "no element was made from policy text")
	// The dialog, with every category's services expanded.
	click(t, ctx, `#consent-banner [data-consent-action="customize"]`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		for (const b of document.querySelectorAll('#consent-preferences button[aria-expanded="false"]')) b.click();
	})()`))
	waitFor(t, ctx, `!document.querySelector('#consent-preferences button[aria-expanded="false"]')`)

	text += eval[string](t, ctx, shownText)
	for _, where := range []string{
		"text-bannerTitle", "text-bannerText", "text-acceptAll", "text-prefsTitle", "text-prefsText", "text-save",
		"cat-statistics", "desc-media", "label-matomo", "provider-osm", "function-video", "purpose-matomo",
		"purpose-matomo", "duration-video", "text-colProvider", "text-placeholderText", "text-placeholderButton",
	} {
		assert.True(t, strings.Contains(text, where+":"+hostile), "%s is shown as text", where)
	}
	assert.Equal(t, 0, eval[int](t, ctx, markupCount), "no element was made from policy text")
	// Decline everything and accept the map in place: the UI is redrawn
	// from the same texts, and still nothing of them runs.
	click(t, ctx, `#consent-preferences [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `!!window.consent.get()`)
	click(t, ctx, `.cc-placeholder button`)
	waitFor(t, ctx, `document.getElementById("map").getAttribute("src") === "/site/frame.html"`)
	eval[any](t, ctx, `window.consent.setLanguage("en")`)
	eval[any](t, ctx, `new Promise((r) => setTimeout(r, 200))`) // give an onerror a chance to fire
	assert.Equal(t, 0, eval[int](t, ctx, markupCount))
	assert.True(t, eval[bool](t, ctx, `window.__pwned === undefined`), "no markup of the policy ran")
}

// TestRobustPolicyURLSchemesRefused: a few spellings end to end;
// policy/robust_test.go tries many more natively.
func TestRobustPolicyURLSchemesRefused(t *testing.T) {
	for name, u := range map[string]string{
		"javascript":    "javascript:window.__pwned='policyUrl'",
		"leading space": " javascript:window.__pwned='policyUrl'",
		"data":          "data:text/html,<script>window.__pwned='policyUrl'</script>",
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			pol := servePolicy(t, "scheme-"+strings.NewReplacer(" ", "-", ",", "").Replace(name)+".json", hostilePolicy(t, u))
			open(t, ctx, robustPage(t, rpage{policy: pol}))
			assertFailedClosed(t, ctx, "/policyUrl")
			assert.True(t, eval[bool](t, ctx, `window.__pwned === undefined`))
		})
	}
}

// strictCSP is the strictest policy a site can have and still run the
// consent manager (docs/api.md#the-drop-in), with Trusted Types required.
const strictCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'"

// violations returns what the page's securitypolicyviolation listener saw,
// after letting queued reports arrive.
func violations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `new Promise((r) => setTimeout(r, 100)).then(() => window.__violations.slice())`)
}

// assertWatchWorks makes one violation on purpose and checks that the
// listener records it: a listener that sees nothing proves nothing.
func assertWatchWorks(t *testing.T, ctx context.Context) {
	t.Helper()
	n := len(violations(t, ctx))
	eval[any](t, ctx, `(() => { try { document.createElement("div").innerHTML = "<b>x</b>"; } catch (e) {} })()`)
	waitFor(t, ctx, `window.__violations.length > `+strconv.Itoa(n))
}

// cspVisit goes through a visitor's steps on a page under CSP: the banner,
// the dialog opened from the page's own link, a custom choice that runs the
// statistics script, the refused map's placeholder accepting it in place.
func cspVisit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	open(t, ctx, url)
	require.Empty(t, consentErrors(t, ctx))
	require.True(t, visible(t, ctx, "#consent-banner"))
	click(t, ctx, "#open")
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	click(t, ctx, `#consent-preferences input[data-category="statistics"]`)
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	require.True(t, visible(t, ctx, ".cc-placeholder"))
	click(t, ctx, ".cc-placeholder button")
	waitFor(t, ctx, `document.getElementById("map").getAttribute("src") === "/site/frame.html"`)
	assert.True(t, eval[bool](t, ctx, `window.consent.accepted("media", "osm")`))
}

func TestRobustStrictCSP(t *testing.T) {
	watch := `<script src="/robust/csp-watch.js"></script>`
	for name, csp := range map[string]string{
		"strict":                strictCSP,
		"trusted-types consent": strictCSP + "; trusted-types consent",
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			cspVisit(t, ctx, robustPage(t, rpage{head: watch, csp: csp}))
			assert.Empty(t, violations(t, ctx), "no CSP or Trusted Types violation")
			assertWatchWorks(t, ctx)
		})
	}
	t.Run("nonce", func(t *testing.T) {
		const nonce = "cm9idXN0LW5vbmNl"
		csp := "default-src 'self'; script-src 'nonce-" + nonce + "' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'"
		body := standardBody + `
<script type="text/plain" data-category="statistics" nonce="` + nonce + `">window.__runs.push("inline-nonce")</script>
<script type="text/plain" data-category="statistics" data-src="/robust/inline-check.js" nonce="` + nonce + `"></script>`
		// standardBody's gated stats.js has no nonce: under this policy
		// the browser refuses it, whatever the consent manager does.
		body = strings.Replace(body, `data-src="/site/stats.js"`, `data-src="/site/stats.js" nonce="`+nonce+`"`, 1)
		ctx := newTab(t)
		cspVisit(t, ctx, robustPage(t, rpage{head: `<script src="/robust/csp-watch.js" nonce="` + nonce + `"></script>`, nonce: nonce, body: body, csp: csp}))
		waitFor(t, ctx, `window.__runs.includes("inline-nonce") && window.__runs.includes("external-nonce")`)
		assert.Empty(t, violations(t, ctx), "enabled scripts keep their nonce")
		assertWatchWorks(t, ctx)
	})
}

func TestRobustDemoUnderCSP(t *testing.T) {
	demo := httptest.NewServer(devserver.Handler(devserver.Options{
		Site:   filepath.Join(root, "web", "demo"),
		Dist:   dist,
		Policy: filepath.Join(root, "examples", "mannheim.json"),
		CSP:    devserver.CSP,
	}))
	defer demo.Close()
	watchJS, err := readFile("robust/csp-watch.js")
	require.NoError(t, err)

	ctx := newTab(t)
	// The demo's pages have no test script: the listener is installed
	// before any of the page's own scripts, from outside the page.
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchJS})
	require.NoError(t, err)
	do(t, ctx, chromedp.Navigate(demo.URL+"/"))
	waitSettled(t, ctx)
	require.True(t, visible(t, ctx, "#consent-banner"))
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `!!window.demoAnalytics`)
	waitFor(t, ctx, `document.querySelector('iframe[title="Map of Mannheim"]').getAttribute("src") === "/embed/map.html"`)
	assert.Empty(t, violations(t, ctx), "first visit and accept all")

	do(t, ctx, chromedp.Navigate(demo.URL+"/"))
	waitSettled(t, ctx)
	click(t, ctx, `a[data-consent-open]`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	click(t, ctx, `#consent-preferences [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `window.consent.get() && window.consent.get().method === "reject-all"`)
	assert.Empty(t, violations(t, ctx), "a return visit, the preferences and reject all")

	do(t, ctx, chromedp.Navigate(demo.URL+"/cookie-policy.html"))
	waitSettled(t, ctx)
	assert.Empty(t, violations(t, ctx), "the cookie policy page")
	assertWatchWorks(t, ctx)
}

// setCookies forgets every cookie of the robustness server's host and
// writes the cookie strings given, from a page without the consent
// manager.
func setCookies(t *testing.T, ctx context.Context, cookies ...string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(robustURL()+"/site/frame.html"))
	eval[any](t, ctx, `for (const c of document.cookie.split("; ")) for (const p of ["/", "/rsub"]) document.cookie = c.split("=")[0] + "=; path=" + p + "; max-age=0"`)
	for _, c := range cookies {
		eval[any](t, ctx, `document.cookie = `+jsString(c))
	}
}

// choices makes two valid consent cookie values on the page at url, the
// second one newer, and returns the values and the records.
func choices(t *testing.T, ctx context.Context, url string) (older, newer string, olderRec, newerRec *record) {
	t.Helper()
	open(t, ctx, url)
	olderRec = eval[*record](t, ctx, `window.consent.rejectAll()`)
	older = cookieValue(t, ctx, "cookies_preferences")
	waitFor(t, ctx, `Date.now() > `+strconv.FormatInt(olderRec.Timestamp+2, 10))
	newerRec = eval[*record](t, ctx, `window.consent.acceptAll()`)
	newer = cookieValue(t, ctx, "cookies_preferences")
	require.NotEqual(t, older, newer)
	eval[any](t, ctx, `window.consent.reset()`)
	require.Empty(t, cookieValue(t, ctx, "cookies_preferences"))
	return
}

// assertNoChoice checks a page view that found no valid choice: asked,
// nothing optional, no error thrown at the site.
func assertNoChoice(t *testing.T, ctx context.Context) {
	t.Helper()
	assert.True(t, eval[bool](t, ctx, `window.consent.ready.then((r) => r === null)`), "consent.ready resolves with no choice")
	assert.Empty(t, consentErrors(t, ctx))
	assert.True(t, visible(t, ctx, "#consent-banner"), "the visitor is asked")
	assert.Nil(t, getRecord(t, ctx))
	assert.Empty(t, runs(t, ctx), "no gate opens")
	assert.False(t, eval[bool](t, ctx, `document.getElementById("map").hasAttribute("src")`))
}

func TestRobustForeignConsentCookies(t *testing.T) {
	// A valid value to start from, made by the site itself.
	ctx := newTab(t)
	pageURL := robustPage(t, rpage{dir: "/rsub/"})
	_, valid, _, _ := choices(t, ctx, pageURL)
	require.Len(t, strings.Split(valid, "."), 7)
	with := func(i int, s string) string { return withField(valid, i, s) }
	f := strings.Split(valid, ".")
	future := strconv.FormatInt(time.Now().Add(72*time.Hour).UnixMilli(), 36)

	for name, value := range map[string]string{
		"cookieconsent v3 JSON":   `{"categories":["necessary","statistics","media"],"revision":1,"data":null}`,
		"url-encoded JSON":        url.QueryEscape(`{"categories":["necessary","statistics","media"],"revision":1}`),
		"future time":             with(2, future),
		"other revision":          with(1, "2"),
		"a service set to accept": with(6, f[6]+f[6]),
		"4 KB":                    valid + strings.Repeat("A", 4000-len(valid)),
		"4 KB of dots":            "1" + strings.Repeat(".", 3999),
		"non-ASCII":               "1.1.ü.€.a..",
		"version 2 of the format": "2" + valid[1:],
	} {
		t.Run(name, func(t *testing.T) {
			setCookies(t, ctx, "cookies_preferences="+value+"; path=/")
			require.NotEmpty(t, cookieValue(t, ctx, "cookies_preferences"), "the browser keeps the cookie")
			open(t, ctx, pageURL)
			assertNoChoice(t, ctx)
		})
	}
}

func TestRobustDuplicateConsentCookies(t *testing.T) {
	ctx := newTab(t)
	pageURL := robustPage(t, rpage{dir: "/rsub/"})
	older, newer, olderRec, newerRec := choices(t, ctx, pageURL)
	future := strconv.FormatInt(time.Now().Add(72*time.Hour).UnixMilli(), 36)
	require.Equal(t, "reject-all", olderRec.Method)
	require.Equal(t, "accept-all", newerRec.Method)

	// The same name on Path=/ and on Path=/rsub (which document.cookie
	// lists first): the newest valid record counts, wherever it lives.
	for name, c := range map[string]struct {
		root, sub string
		want      *record
	}{
		"newer on /":                  {newer, older, newerRec},
		"newer on /rsub":              {older, newer, newerRec},
		"garbage on /rsub":            {older, "garbage", olderRec},
		"truncated on /":              {newer[:len(newer)/2], older, olderRec},
		"future on /, valid on /rsub": {withField(newer, 2, future), older, olderRec},
	} {
		t.Run(name, func(t *testing.T) {
			setCookies(t, ctx, "cookies_preferences="+c.root+"; path=/", "cookies_preferences="+c.sub+"; path=/rsub")
			open(t, ctx, pageURL)
			require.Equal(t, 2, eval[int](t, ctx, `document.cookie.split("; ").filter((c) => c.startsWith("cookies_preferences=")).length`))
			assert.Empty(t, consentErrors(t, ctx))
			assert.False(t, visible(t, ctx, "#consent-banner"), "a valid choice is found")
			assert.Equal(t, c.want, getRecord(t, ctx))

			// A new choice wins over both on the next page view.
			now := eval[*record](t, ctx, `window.consent.set({categories: {statistics: true, media: false}})`)
			open(t, ctx, pageURL)
			assert.Equal(t, now, getRecord(t, ctx), "the last choice counts after a reload")
		})
	}
}

// withField returns a consent cookie value with its i-th dot-separated
// field replaced by s.
func withField(value string, i int, s string) string {
	f := strings.Split(value, ".")
	f[i] = s
	return strings.Join(f, ".")
}

func TestRobustAPIAbuse(t *testing.T) {
	ctx := newTab(t)
	pageURL := robustPage(t, rpage{})
	open(t, ctx, pageURL)

	// Wrong types: each call throws or rejects with a message that says
	// what was wrong, and stores nothing.
	for _, c := range []struct{ js, want string }{
		{`window.consent.set()`, "TypeError: consent.set: expected an object"},
		{`window.consent.set(Symbol("x"))`, "got symbol"},
		{`window.consent.set(() => true)`, "got function"},
		{`window.consent.set(10n)`, "got bigint"},
		{`window.consent.set([{categories: {statistics: true}}])`, "got an array"},
		{`window.consent.set("{\"categories\":{\"statistics\":true}}")`, "got string"},
		{`window.consent.set({categories: [true]})`, "categories must be an object of booleans, got an array"},
		{`window.consent.set({categories: {statistics: 1}})`, "statistics must be true or false, got number"},
		{`window.consent.set({categories: {statistics: null}})`, "got null"},
		{`window.consent.set({categories: {statistics: new Boolean(true)}})`, "got object"},
		{`window.consent.set({categories: {statistics: true, toJSON() { return {statistics: true}; }}})`, "toJSON must be true or false"},
		{`window.consent.set({services: {matomo: true}, extra: 1})`, `unknown key "extra"`},
		{`window.consent.set(Object.defineProperty({}, "categories", {enumerable: true, get() { throw new Error("getter says no"); }}))`, "getter says no"},
		{`window.consent.set(new Proxy({}, {ownKeys() { throw new Error("proxy says no"); }}))`, "proxy says no"},
		// A getter is read once: the value Go checks is the value it uses.
		{`(() => { let n = 0; return window.consent.set({categories: {get statistics() { return n++ === 0 ? "yes" : true; }}}); })()`, "statistics must be true or false, got string"},
		{`window.consent.set({categories: {["__proto__"]: true}})`, `"__proto__"`},
		{`window.consent.accepted()`, "TypeError"},
		{`window.consent.accepted({})`, "TypeError"},
		{`window.consent.accepted("statistics", 5)`, "TypeError"},
		{`window.consent.accepted("media", "matomo")`, `not in category "media"`},
		{`window.consent.accepted("x".repeat(1 << 20))`, "unknown category"},
		{`window.consent.setLanguage(null)`, "TypeError"},
		{`window.consent.setLanguage("")`, "TypeError"},
		{`window.consent.setLanguage("en\u0000<script>")`, "is not one of the policy's languages"},
	} {
		assert.Contains(t, evalErr(t, ctx, c.js), c.want, c.js)
	}
	assert.Nil(t, getRecord(t, ctx), "no failed call stored anything")
	assert.Empty(t, runs(t, ctx))

	// Huge objects: 100 000 ids are refused at once; 9 000 unknown ones are
	// named, and the runtime survives both.
	assert.Contains(t, evalErr(t, ctx, `(() => { const o = {}; for (let i = 0; i < 100000; i++) o["id" + i] = true; return window.consent.set({categories: o}); })()`), "too many ids")
	msg := evalErr(t, ctx, `(() => { const o = {}; for (let i = 0; i < 9000; i++) o["ghost" + i] = false; return window.consent.set({services: o}); })()`)
	assert.Contains(t, msg, `unknown service "ghost8999"`)
	assert.Nil(t, getRecord(t, ctx))

	// Re-entrant calls: a consent:change listener that asks consent
	// synchronously and makes a new choice from inside the event, and one
	// that throws.
	eval[any](t, ctx, `(() => {
		window.__seen = [];
		let once = false;
		window.addEventListener("consent:change", (e) => {
			window.__seen.push([e.detail.record.method, window.consent.get().method, window.consent.accepted("statistics")]);
			if (!once) { once = true; window.__reentrant = window.consent.rejectAll(); window.consent.set({categories: {media: true}}); }
		});
		window.addEventListener("consent:change", () => { throw new Error("a site's broken listener"); });
	})()`)
	eval[any](t, ctx, `window.consent.acceptAll()`)
	eval[any](t, ctx, `window.__reentrant`)
	waitFor(t, ctx, `window.__seen.length === 3`)
	assert.Equal(t, [][]any{
		{"accept-all", "accept-all", true},
		{"reject-all", "reject-all", false},
		{"api", "api", false},
	}, eval[[][]any](t, ctx, `window.__seen`), "each listener call sees the record of its event; calls from inside run after it, in order")
	rec := getRecord(t, ctx)
	assert.Equal(t, "api", rec.Method, "the last call wins")
	assert.True(t, rec.Categories["media"])
	assert.False(t, rec.Categories["statistics"])

	// A burst of 300 alternating calls: all answer, in order, the last wins.
	last := eval[*record](t, ctx, `Promise.all(Array.from({length: 300}, (_, i) => i % 3 === 1
		? window.consent.rejectAll() // i = 1, 4, …; the last call (299) is a set
		: window.consent.set({categories: {statistics: i % 2 === 0, media: i % 2 === 1}}))).then((rs) => {
		if (rs.length !== 300 || rs.some((r) => !r || !r.id)) throw new Error("a call did not answer");
		return rs[299];
	})`)
	require.NotNil(t, last)
	before := getRecord(t, ctx)
	assert.Equal(t, last, before, "consent.get() is the last call's record")
	assert.Equal(t, "api", before.Method)
	assert.False(t, before.Categories["statistics"], "call 299 refuses statistics")
	assert.True(t, before.Categories["media"], "call 299 accepts media")

	open(t, ctx, pageURL)
	assert.Equal(t, before, getRecord(t, ctx), "the stored cookie is the last choice")
	assert.True(t, eval[bool](t, ctx, `window.consent.accepted("media", "osm")`), "the runtime is alive")
}
