package e2e

// Enforcement (issue 4): gated scripts and media, placeholders, cookie and
// Web Storage deletion, Google Consent Mode, Global Privacy Control and
// reloadOnWithdraw, as a visitor's browser and a site's own scripts see
// them.

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	enforceOnce sync.Once
	// ePort is the port of the enforcement server: the harness's pages and
	// files, plus testdata/enforce at /enforce/ (same origin, so a strict
	// CSP's 'self' covers them and module scripts load).
	ePort string

	hitsMu sync.Mutex
	hits   = map[string]int{} // requests under /enforce/, by path?query
)

// enforceServer starts (once) a server on 127.0.0.1 that serves
// testdata/enforce at /enforce/ and hands every other request to the
// harness's handler. /enforce/ files accept ?delay=ms (a slow script) and
// every request is counted, so a test can tell whether gated media were
// fetched.
func enforceServer(t *testing.T) {
	t.Helper()
	enforceOnce.Do(func() {
		harness := srv.Config.Handler
		dir := filepath.Join(root, "web", "e2e", "testdata", "enforce")
		mux := http.NewServeMux()
		mux.HandleFunc("/enforce/", func(w http.ResponseWriter, r *http.Request) {
			hitsMu.Lock()
			hits[r.URL.Path+"?"+r.URL.RawQuery]++
			hitsMu.Unlock()
			if ms, err := strconv.Atoi(r.URL.Query().Get("delay")); err == nil && ms > 0 && ms <= 5000 {
				time.Sleep(time.Duration(ms) * time.Millisecond)
			}
			b, err := os.ReadFile(filepath.Join(dir, filepath.Base(r.URL.Path)))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".gif": "image/gif", ".json": "application/json"}
			w.Header().Set("Content-Type", types[filepath.Ext(r.URL.Path)])
			w.Header().Set("Cache-Control", "no-store")
			w.Write(b)
		})
		mux.Handle("/", harness)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		s := &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
		s.Start()
		_, ePort, _ = net.SplitHostPort(ln.Addr().String())
	})
}

func hitCount(pathQuery string) int {
	hitsMu.Lock()
	defer hitsMu.Unlock()
	return hits[pathQuery]
}

// enforcePage registers a page (see servePage) at path ("" keeps
// servePage's) and returns its URL on host (default 127.0.0.1) at the
// enforcement server.
func enforcePage(t *testing.T, host, path string, o pageOpts) string {
	t.Helper()
	enforceServer(t)
	u := servePage(t, o)
	p := strings.TrimPrefix(u, srv.URL)
	if path != "" {
		pagesMu.Lock()
		pages[path] = pages[p]
		pagesMu.Unlock()
		p = path
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return "http://" + host + ":" + ePort + p
}

// enforcePolicy serves testdata/enforce/policy.json with top-level fields
// replaced by over, and returns its path.
func enforcePolicy(t *testing.T, over map[string]any) string {
	t.Helper()
	text, err := readFile("enforce/policy.json")
	require.NoError(t, err)
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(text), &p))
	for k, v := range over {
		p[k] = v
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return servePolicy(t, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+".json", string(b))
}

// jar returns every cookie of the tab's browser context, whatever its
// domain and path, as "name@domain/path" (a host-only cookie's domain has
// no leading dot), sorted.
func jar(t *testing.T, ctx context.Context) []string {
	t.Helper()
	id := chromedp.FromContext(ctx).BrowserContextID
	require.NotEmpty(t, id)
	res, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: id})
	require.NoError(t, err)
	out := make([]string, 0, len(res.Cookies))
	for _, c := range res.Cookies {
		out = append(out, c.Name+"@"+c.Domain+c.Path)
	}
	sort.Strings(out)
	return out
}

// settledJar returns the jar once done says it is as expected, or after 5s
// whatever it holds then. The page's document.cookie writes reach the
// browser's cookie store asynchronously, so a DevTools read right after a
// deletion may still see the cookie.
func settledJar(t *testing.T, ctx context.Context, done func([]string) bool) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		j := jar(t, ctx)
		if done(j) || time.Now().After(deadline) {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sameAs(want []string) func([]string) bool {
	w := append([]string(nil), want...)
	sort.Strings(w)
	return func(j []string) bool { return strings.Join(j, "\n") == strings.Join(w, "\n") }
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// plant sets cookies as a site and its trackers would have, on earlier
// visits: each is "name@domain/path", where a domain with a leading dot is
// a Domain cookie and one without is host-only.
func plant(t *testing.T, ctx context.Context, cookies ...string) {
	t.Helper()
	for _, c := range cookies {
		name, rest, _ := strings.Cut(c, "@")
		i := strings.IndexByte(rest, '/')
		domain, path := rest[:i], rest[i:]
		host := strings.TrimPrefix(domain, ".")
		p := network.SetCookieParams{Name: name, Value: "v", Path: path, URL: "http://" + host + ":" + ePort + path}
		if host != domain {
			p.Domain = domain // with the dot: a Domain cookie (without, CDP makes it host-only)
		}
		if _, err := chromedp.Call(ctx, network.SetCookie, p); err != nil {
			t.Fatalf("set cookie %s: %v", c, err)
		}
	}
	have := jar(t, ctx)
	for _, c := range cookies {
		require.Contains(t, have, c, "the browser holds the planted cookie")
	}
}

// TestEnforceScriptsRunInOrderOnce: gated scripts run when their category
// or service is accepted, in document order (an inline script waits for a
// slow external one before it), as modules when data-type says so, with
// their attributes, and each at most once however often the choice
// changes; !category scripts run on refusal.
func TestEnforceScriptsRunInOrderOnce(t *testing.T) {
	ctx := newTab(t)
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), body: `
<div id="app"></div>
<script type="text/plain" data-category="statistics" data-service="matomo" data-src="/enforce/run.js?delay=300" data-run="ext-slow"></script>
<script type="text/plain" data-category="statistics" data-x="kept">window.__runs.push("inline-1:" + document.currentScript.dataset.x)</script>
<script type="text/plain" data-category="statistics" data-service="ga" data-src="/enforce/run.js" data-run="ext-fast"></script>
<script type="text/plain" data-category="statistics" data-type="module" data-src="/enforce/module.mjs"></script>
<script type="text/plain" data-category="statistics">window.__runs.push("inline-2")</script>
<script type="text/plain" data-category="statistics" data-type="module">window.__runs.push("module-inline:" + typeof import.meta.url + ":" + (this === undefined))</script>
<script type="text/plain" data-category="!statistics" data-src="/enforce/run.js" data-run="refused"></script>
<script type="text/plain" data-category="marketing" data-src="/enforce/run.js" data-run="marketing"></script>
<script type="text/plain" data-category="statistics" data-service="ads" data-src="/enforce/run.js" data-run="wrong-category"></script>
`})
	open(t, ctx, u)
	assert.Empty(t, runs(t, ctx), "no choice: nothing gated runs")

	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	waitFor(t, ctx, `window.__runs.length >= 6`)
	classic := []string{"ext-slow", "inline-1:kept", "ext-fast", "module-ext:string", "inline-2"}
	got := runs(t, ctx)
	assert.Equal(t, classic, without(got, "module-inline:string:true"), "document order, the slow external script first; data-x kept")
	assert.Contains(t, got, "module-inline:string:true", "data-type=module runs as a module")

	// Change the choice back and forth: nothing runs twice.
	eval[any](t, ctx, `consent.rejectAll()`)
	waitFor(t, ctx, `window.__runs.includes("refused")`)
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("marketing")`)
	eval[any](t, ctx, `consent.set({categories: {statistics: false}})`)
	eval[any](t, ctx, `consent.acceptAll()`)
	eval[any](t, ctx, `consent.rejectAll()`)
	// A script added now runs after everything queued before it.
	eval[any](t, ctx, `consent.set({categories: {statistics: true}}).then(() => {
		const s = document.createElement("script");
		s.type = "text/plain";
		s.dataset.category = "statistics";
		s.text = 'window.__runs.push("sentinel")';
		document.getElementById("app").append(s);
	})`)
	waitFor(t, ctx, `window.__runs.includes("sentinel")`)
	got = runs(t, ctx)
	assert.ElementsMatch(t, append(classic, "module-inline:string:true", "refused", "marketing", "sentinel"), got,
		"each script ran exactly once; a service named under another category never runs")
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

// TestEnforceNonceUnderStrictCSP: a gated inline script keeps its nonce and
// runs under a nonce-based CSP; one without the nonce stays blocked by the
// browser, and the scripts after it still run. With Trusted Types
// required, the loader's "consent" policy lets gated scripts through.
func TestEnforceNonceUnderStrictCSP(t *testing.T) {
	for name, csp := range map[string]string{
		"nonce":         "script-src 'nonce-abc' 'self' 'wasm-unsafe-eval'",
		"trusted-types": "script-src 'nonce-abc' 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types consent",
	} {
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), body: `
<script type="text/plain" data-category="statistics" nonce="abc">window.__runs.push("nonced")</script>
<script type="text/plain" data-category="statistics">window.__runs.push("no-nonce")</script>
<script type="text/plain" data-category="statistics" data-src="/enforce/run.js" data-run="external"></script>
<script type="text/plain" data-category="statistics" nonce="abc">window.__runs.push("nonced-2")</script>
`})
			open(t, ctx, u+"?csp="+url.QueryEscape(csp))
			require.True(t, visible(t, ctx, "#consent-banner"), "the consent manager runs under this CSP")
			click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
			waitFor(t, ctx, `window.__runs.includes("nonced-2")`)
			assert.Equal(t, []string{"nonced", "external", "nonced-2"}, runs(t, ctx), "the CSP still blocks an inline script without the nonce")
		})
	}
}

// TestEnforceMedia: gated img and video sources are not fetched before
// consent, load once it is given, and are unloaded when it is withdrawn.
func TestEnforceMedia(t *testing.T) {
	ctx := newTab(t)
	run := strconv.FormatInt(time.Now().UnixNano(), 36) // hits are counted by URL, across -count runs
	img, clip := "/enforce/pixel.gif?"+run, "/enforce/clip.webm?"+run
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), body: `
<img id="img" alt="" width="1" height="1" data-category="statistics" data-service="matomo" data-src="` + img + `">
<video id="vid" width="320" height="180" preload="auto"><source id="src" data-category="media" data-service="video" data-src="` + clip + `" type="video/webm"></video>
<object id="obj" data-category="media" data-service="osm" data-src="/site/frame.html" type="text/html" width="300" height="150"></object>
`})
	open(t, ctx, u)
	assert.False(t, eval[bool](t, ctx, `document.getElementById("img").hasAttribute("src") || document.getElementById("src").hasAttribute("src") || document.getElementById("obj").hasAttribute("data")`))
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, 0, hitCount(img), "the refused image was never fetched")
	assert.Equal(t, 0, hitCount(clip), "the refused video was never fetched")

	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `document.getElementById("img").complete && document.getElementById("img").naturalWidth === 1`)
	waitFor(t, ctx, `document.getElementById("vid").currentSrc !== ""`)
	assert.Equal(t, 1, hitCount(img))
	assert.GreaterOrEqual(t, hitCount(clip), 1, "the video's source was fetched")
	waitFor(t, ctx, `(() => { const d = document.getElementById("obj").contentDocument; return !!(d && d.getElementById("map")); })()`)
	assert.Equal(t, "/site/frame.html", eval[string](t, ctx, `document.getElementById("obj").getAttribute("data")`), "an object loads from its data attribute")

	eval[any](t, ctx, `consent.set({services: {video: false}})`)
	assert.False(t, eval[bool](t, ctx, `document.getElementById("src").hasAttribute("src")`), "a withdrawn source is removed")
	assert.True(t, eval[bool](t, ctx, `document.getElementById("img").hasAttribute("src")`), "the image of the other category stays")
}

// TestEnforceLateElements: content a single-page app adds after the
// consent manager started (even from its consent:ready listener) is gated
// too.
func TestEnforceLateElements(t *testing.T) {
	ctx := newTab(t)
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), head: `<script src="/enforce/late.js"></script>`, body: `<div id="app"></div>`})
	open(t, ctx, u)
	waitFor(t, ctx, `!!document.getElementById("late-map")`)
	waitFor(t, ctx, `document.getElementById("late-map").getAttribute("data-consent-state") === "blocked"`)
	assert.True(t, visible(t, ctx, `.cc-placeholder:has(+ #late-map)`), "an iframe added on consent:ready gets a placeholder")
	assert.False(t, eval[bool](t, ctx, `document.getElementById("late-map").hasAttribute("src")`))
	assert.Empty(t, runs(t, ctx))

	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `window.__runs.includes("late-1")`)
	waitFor(t, ctx, `document.getElementById("late-img").complete && document.getElementById("late-img").naturalWidth === 1`)
	assert.Equal(t, "/site/frame.html", eval[string](t, ctx, `document.getElementById("late-map").getAttribute("src")`))
	assert.False(t, visible(t, ctx, `.cc-placeholder`))

	// Added while its category is accepted: runs at once.
	eval[any](t, ctx, `window.addLate("late-2")`)
	waitFor(t, ctx, `window.__runs.includes("late-2")`)
	// Added while refused: waits for acceptance.
	eval[any](t, ctx, `consent.set({categories: {statistics: false}}).then(() => window.addLate("late-3"))`)
	eval[any](t, ctx, `window.addLate("late-4", "!statistics")`)
	waitFor(t, ctx, `window.__runs.includes("late-4")`)
	assert.NotContains(t, runs(t, ctx), "late-3")
	eval[any](t, ctx, `consent.set({categories: {statistics: true}})`)
	waitFor(t, ctx, `window.__runs.includes("late-3")`)
	assert.Equal(t, []string{"late-1", "late-2", "late-4", "late-3"}, runs(t, ctx))
}

// TestEnforcePlaceholderAcceptInPlace: a blocked iframe or embed shows, at
// its size, the provider's name and a button; the button accepts that one
// service and the content loads.
func TestEnforcePlaceholderAcceptInPlace(t *testing.T) {
	ctx := newTab(t)
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), body: `
<iframe id="map" data-category="media" data-service="osm" data-src="/site/frame.html" width="400" height="200" title="Map"></iframe>
<embed id="emb" data-category="media" data-service="video" data-src="/site/frame.html" type="text/html" width="320" height="180">
`})
	open(t, ctx, u)
	ph := eval[map[string]any](t, ctx, `(() => {
		const box = document.querySelector(".cc-placeholder:has(+ #map)");
		const r = box.getBoundingClientRect();
		const emb = document.querySelector(".cc-placeholder:has(+ #emb)");
		return {w: r.width, h: r.height, text: box.textContent, button: box.querySelector("button").textContent,
			frameHidden: document.getElementById("map").getBoundingClientRect().height === 0,
			embed: emb ? emb.textContent : ""};
	})()`)
	assert.InDelta(t, 400, ph["w"], 1, "the placeholder takes the iframe's width")
	assert.GreaterOrEqual(t, ph["h"].(float64), 199.0, "and its height")
	assert.Contains(t, ph["text"], "OpenStreetMap", "it names the provider")
	assert.NotEmpty(t, ph["button"])
	assert.Equal(t, true, ph["frameHidden"])
	assert.Contains(t, ph["embed"], "VideoCorp", "an embed gets a placeholder too")

	click(t, ctx, `.cc-placeholder:has(+ #map) button`)
	waitFor(t, ctx, `(() => { const d = document.getElementById("map").contentDocument; return !!(d && d.getElementById("map")); })()`)
	assert.False(t, visible(t, ctx, `.cc-placeholder:has(+ #map)`), "the placeholder is gone")
	assert.True(t, visible(t, ctx, "#map"))
	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	assert.Equal(t, "custom", rec.Method)
	assert.True(t, rec.Services["osm"], "that service is accepted")
	assert.False(t, rec.Services["video"], "the other service of the category is not")
	assert.False(t, rec.Categories["statistics"])
	assert.True(t, visible(t, ctx, `.cc-placeholder:has(+ #emb)`), "the embed still waits")
}

// TestEnforceCookieDeletionMatrix: cookies of refused services are deleted
// on every domain and path they can live on, seen from www. and from a
// sibling subdomain, after Reject all and after a withdrawal, and again on
// later loads; necessary and undeclared cookies are kept.
func TestEnforceCookieDeletionMatrix(t *testing.T) {
	planted := []string{
		"sessionid@www.example.test/",              // necessary, host-only
		"csrftoken@.example.test/",                 // necessary, parent domain
		"lang@.example.test/",                      // declared by nobody
		"_pk_id.1.www@www.example.test/",           // statistics (pattern), host-only on www
		"_pk_ses.1.shop@www.example.test/shop",     // host-only on a sub-path
		"_pk_id.1.app@app.example.test/",           // host-only on the sibling
		"_ga@.example.test/",                       // parent domain
		"_ga_ABC123@.example.test/",                // parent domain, by pattern
		"_gid@.example.test/shop",                  // parent domain, sub-path
		"_fbp@.www.example.test/",                  // marketing, Domain=www.example.test
		"VISITOR_INFO1_LIVE@app.example.test/shop", // media, sibling, sub-path
	}
	kept := []string{"cookies_preferences@.example.test/", "csrftoken@.example.test/", "lang@.example.test/", "sessionid@www.example.test/"}
	seenFrom := map[string][]string{
		"www": {"_pk_id.1.www@www.example.test/", "_pk_ses.1.shop@www.example.test/shop", "_ga@.example.test/", "_ga_ABC123@.example.test/", "_gid@.example.test/shop", "_fbp@.www.example.test/"},
		"app": {"_pk_id.1.app@app.example.test/", "_ga@.example.test/", "_ga_ABC123@.example.test/", "_gid@.example.test/shop", "VISITOR_INFO1_LIVE@app.example.test/shop"},
	}
	for _, tc := range []struct{ name, from, other, how string }{
		{"reject-all-from-www", "www", "app", "reject"},
		{"withdrawal-from-app", "app", "www", "withdraw"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := newTab(t)
			// The choice is shared by the subdomains.
			pol := enforcePolicy(t, map[string]any{"consentCookie": map[string]any{"domain": "example.test"}})
			page := func(sub string) string {
				return enforcePage(t, sub+".example.test", "/shop/cart.html", pageOpts{policy: pol, body: `<p>shop</p>`})
			}
			open(t, ctx, page(tc.from))
			require.True(t, visible(t, ctx, "#consent-banner"))
			switch tc.how {
			case "reject":
				plant(t, ctx, planted...)
				click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
			case "withdraw":
				click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
				waitFor(t, ctx, `consent.get() !== null`)
				plant(t, ctx, planted...)
				// Accepted cookies are left alone.
				open(t, ctx, page(tc.from))
				assert.Equal(t, seenOn(tc.from, planted, kept), pageCookies(t, ctx), "accepted: nothing is deleted on load")
				eval[any](t, ctx, `consent.set({categories: {statistics: false, marketing: false, media: false}})`)
			}
			waitFor(t, ctx, `consent.get() !== null && consent.get().categories.statistics === false`)
			// What the page sees is consistent at once: the choice itself
			// deleted them (not the sweeps that follow a page load).
			assert.Equal(t, seenOn(tc.from, kept), pageCookies(t, ctx), "right after the choice the page sees only necessary cookies")
			id := getRecord(t, ctx).ID
			have := settledJar(t, ctx, func(j []string) bool { return !overlaps(j, seenFrom[tc.from]) })
			for _, c := range seenFrom[tc.from] {
				assert.NotContains(t, have, c, "deleted where the choice was made")
			}
			for _, c := range seenFrom[tc.other] {
				if !contains(seenFrom[tc.from], c) {
					assert.Contains(t, have, c, "a cookie the page cannot see is not touched yet")
				}
			}
			assert.Subset(t, have, kept, "necessary and undeclared cookies and the choice are kept")

			// The sibling subdomain shares the choice and deletes what it sees on load.
			open(t, ctx, page(tc.other))
			assert.Equal(t, seenOn(tc.other, kept), pageCookies(t, ctx), "deleted on load")
			assert.Equal(t, id, getRecord(t, ctx).ID)
			assert.False(t, visible(t, ctx, "#consent-banner"), "the sibling shares the choice")
			assert.ElementsMatch(t, kept, settledJar(t, ctx, sameAs(kept)), "every refused cookie is gone, on both hosts, every domain and path")

			// A tracker that sets its cookie again loses it on the next load.
			plant(t, ctx, "_ga@.example.test/", "_pk_id.1.www@www.example.test/")
			open(t, ctx, page("www")+"?again")
			assert.Equal(t, seenOn("www", kept), pageCookies(t, ctx), "deleted on load")
			assert.ElementsMatch(t, kept, settledJar(t, ctx, sameAs(kept)), "deleted again on every load while refused")
		})
	}
}

// waitAcrossNavigation polls a JS condition while the page may be
// navigating (evaluations then fail until the new document is there).
func waitAcrossNavigation(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	if err := poll(ctx, cond, 10*time.Second); err != nil {
		t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// pageCookies returns the sorted names in document.cookie, as the page
// sees them.
func pageCookies(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `document.cookie.split("; ").filter(Boolean).map((c) => c.split("=")[0]).sort()`)
}

// seenOn returns the sorted, distinct names of the "name@domain/path"
// cookies that a page on sub.example.test/shop/… can see.
func seenOn(sub string, lists ...[]string) []string {
	host := sub + ".example.test"
	var out []string
	for _, l := range lists {
		for _, c := range l {
			n, rest, _ := strings.Cut(c, "@")
			domain := rest[:strings.IndexByte(rest, '/')]
			d, dot := strings.CutPrefix(domain, ".")
			if (d == host || dot && strings.HasSuffix(host, "."+d)) && !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestEnforceStorageKeys: localStorage and sessionStorage keys that the
// policy declares for a refused service are removed; the necessary and
// undeclared ones stay.
func TestEnforceStorageKeys(t *testing.T) {
	ctx := newTab(t)
	u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), head: `<script src="/enforce/storage.js"></script>`, body: `<p>storage</p>`})
	keys := func() []string {
		return eval[[]string](t, ctx, `[...Object.keys(localStorage).map((k) => "local:" + k), ...Object.keys(sessionStorage).filter((k) => k !== "__written").map((k) => "session:" + k)].sort()`)
	}
	all := []string{"local:cart", "local:mtm_consent", "local:theme", "session:_pk_tmp_abc", "session:_pk_tmp_def", "session:tab"}
	necessary := []string{"local:cart", "local:theme", "session:tab"}

	open(t, ctx, u+"?once")
	assert.Equal(t, necessary, keys(), "no choice: nothing optional is kept")
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	open(t, ctx, u)
	assert.Equal(t, all, keys(), "accepted: the keys stay")
	eval[any](t, ctx, `consent.set({services: {matomo: false}})`)
	assert.Equal(t, necessary, keys(), "withdrawn: the service's keys are removed")
	open(t, ctx, u)
	assert.Equal(t, necessary, keys(), "and again on every load")
}

// TestEnforceReloadOnWithdraw: withdrawing consent for a script that ran
// reloads the page only when the policy says reloadOnWithdraw.
func TestEnforceReloadOnWithdraw(t *testing.T) {
	for _, reload := range []bool{true, false} {
		t.Run("reloadOnWithdraw="+strconv.FormatBool(reload), func(t *testing.T) {
			ctx := newTab(t)
			u := enforcePage(t, "", "", pageOpts{
				policy: enforcePolicy(t, map[string]any{"reloadOnWithdraw": reload}),
				head:   `<script src="/enforce/withdraw.js"></script>`,
				body: `<script type="text/plain" data-category="statistics" data-src="/enforce/run.js" data-run="stats"></script>
<script type="text/plain" data-category="!statistics" data-src="/enforce/run.js" data-run="nostats"></script>
<iframe id="map" data-category="media" data-service="osm" data-src="/site/frame.html" width="300" height="150"></iframe>`,
			})
			open(t, ctx, u)
			eval[any](t, ctx, `consent.acceptAll()`)
			waitFor(t, ctx, `window.__runs.includes("stats")`)
			eval[any](t, ctx, `window.__testMarker = 1`)

			// Withdrawing what ran no script never reloads.
			unloading := eval[any](t, ctx, `consent.set({categories: {media: false}}).then(() => sessionStorage.getItem("__unloading"))`)
			assert.Nil(t, unloading, "withdrawing a category whose script did not run keeps the page")

			if !reload {
				unloading = eval[any](t, ctx, `consent.set({categories: {statistics: false}}).then(() => sessionStorage.getItem("__unloading"))`)
				assert.Nil(t, unloading, "no reload")
				assert.Equal(t, 1, eval[int](t, ctx, `window.__testMarker`), "the same page view")
				waitFor(t, ctx, `window.__runs.includes("nostats")`)
				assert.Equal(t, []string{"stats", "nostats"}, runs(t, ctx), "a script that ran cannot be un-run; the refusal one runs")
				return
			}
			eval[any](t, ctx, `setTimeout(() => consent.set({categories: {statistics: false}}), 0), null`)
			waitAcrossNavigation(t, ctx, `window.__testMarker === undefined && !!window.consent && document.readyState === "complete"`)
			waitSettled(t, ctx)
			assert.NotNil(t, eval[any](t, ctx, `sessionStorage.getItem("__unloading")`), "the page reloaded")
			waitFor(t, ctx, `window.__runs.includes("nostats")`)
			assert.Equal(t, []string{"nostats"}, runs(t, ctx), "after the reload only the refusal script runs")
			assert.False(t, getRecord(t, ctx).Categories["statistics"])
		})
	}
}

// TestEnforceGPC: a browser sending Global Privacy Control gets every
// optional category refused without a banner, recorded with method gpc;
// the preferences stay reachable and an explicit choice wins.
func TestEnforceGPC(t *testing.T) {
	t.Run("reject", func(t *testing.T) {
		ctx := newTab(t)
		u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), head: `<script src="/enforce/gpc.js"></script>`, body: `
<a href="#" id="open" data-consent-open>Cookie settings</a>
<script type="text/plain" data-category="statistics" data-src="/enforce/run.js" data-run="stats"></script>
<script type="text/plain" data-category="!statistics" data-src="/enforce/run.js" data-run="nostats"></script>`})
		open(t, ctx, u)
		require.True(t, eval[bool](t, ctx, `navigator.globalPrivacyControl === true`))
		rec := getRecord(t, ctx)
		require.NotNil(t, rec)
		assert.Equal(t, "gpc", rec.Method)
		assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "marketing": false, "media": false}, rec.Categories)
		assert.False(t, visible(t, ctx, "#consent-banner"), "no banner")
		assert.NotContains(t, events(t, ctx), "consent:show")
		assert.Equal(t, "gpc", eval[string](t, ctx, `window.__events[0].detail.method`), "consent:ready carries the gpc record")
		waitFor(t, ctx, `window.__runs.includes("nostats")`)
		assert.Equal(t, []string{"nostats"}, runs(t, ctx))
		assert.NotEmpty(t, cookieValue(t, ctx, "cookies_preferences"), "the gpc record is stored")

		// Preferences are reachable; the explicit choice wins, also after a reload.
		click(t, ctx, "#open")
		waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
		click(t, ctx, `#consent-preferences input[data-category="statistics"]`)
		click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
		waitFor(t, ctx, `window.__runs.includes("stats")`)
		open(t, ctx, u)
		rec = getRecord(t, ctx)
		assert.Equal(t, "custom", rec.Method)
		assert.True(t, rec.Categories["statistics"])
		assert.False(t, visible(t, ctx, "#consent-banner"))
		waitFor(t, ctx, `window.__runs.includes("stats")`)
		assert.Equal(t, []string{"stats"}, runs(t, ctx))
	})
	t.Run("ignore", func(t *testing.T) {
		ctx := newTab(t)
		u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, map[string]any{"gpc": "ignore"}), head: `<script src="/enforce/gpc.js"></script>`, body: `<p>gpc</p>`})
		open(t, ctx, u)
		assert.Nil(t, getRecord(t, ctx))
		assert.True(t, visible(t, ctx, "#consent-banner"), "gpc ignore: the banner asks")
	})
}
