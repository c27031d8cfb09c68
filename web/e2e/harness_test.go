// Package e2e drives Debian's headless Chromium with chromedp against
// pages served on 127.0.0.1, and checks what a visitor sees and what the
// site's own scripts see. It needs web/dist (make build) and chromium on
// PATH (make test installs it).
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/consentwasm/consent/internal/devserver"
)

var (
	root     string // the repository
	dist     string // web/dist
	hookDist string // web/dist with the consenttesthook wasm
	srv      *httptest.Server
	port     string
	browser  context.Context

	pagesMu sync.Mutex
	pages   = map[string]string{}
	// policies registered by tests, served at /policy/dyn/<name>.
	policies = map[string]string{}
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	wd, _ := os.Getwd()
	root = filepath.Clean(filepath.Join(wd, "..", ".."))
	dist = filepath.Join(root, "web", "dist")
	if _, err := os.Stat(filepath.Join(dist, "consent.wasm")); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: web/dist is not built: run `make build` (make test does)")
		return 1
	}
	chrome, err := exec.LookPath("chromium")
	if err != nil && engine == "chromium" {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "e2e: chromium is not installed (make test installs it)")
			return 1
		}
		fmt.Fprintln(os.Stderr, "e2e: SKIP: chromium is not on PATH; `make test` installs it")
		return 0
	}
	tmp, err := os.MkdirTemp("", "consent-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	hookDist = filepath.Join(tmp, "hook")
	if err := buildHookDist(hookDist); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build the test-hook wasm:", err)
		return 1
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: handler()}}
	srv.Start()
	defer srv.Close()
	_, port, _ = net.SplitHostPort(ln.Addr().String())

	if engine != "chromium" {
		return runEngine(m, tmp)
	}
	opts := []chromedp.ExecAllocatorOption{
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
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		// Real host names for cookie domains, all on this machine.
		chromedp.Flag("host-resolver-rules", "MAP *.example.test 127.0.0.1, MAP example.test 127.0.0.1"),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	b, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(b); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start chromium:", err)
		return 1
	}
	browser = b
	return m.Run()
}

// buildHookDist builds web/dist again with the consenttesthook tag, whose
// wasm panics on request (see wasm/testhook.go).
func buildHookDist(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-tags", "consenttesthook", "-trimpath", "-o", filepath.Join(dir, "consent.wasm"), "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return deployBuild(dir, filepath.Join(dir, "consent.wasm"))
}

func handler() http.Handler {
	mux := http.NewServeMux()
	td := filepath.Join(root, "web", "e2e", "testdata")
	mux.HandleFunc("/consent/", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(dist, filepath.Base(r.URL.Path)))
	})
	mux.HandleFunc("/hook/", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(hookDist, filepath.Base(r.URL.Path)))
	})
	// consent.js served next to a wasm that is missing or not wasm.
	mux.HandleFunc("/nowasm/consent.js", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(dist, "consent.js"))
	})
	mux.HandleFunc("/badwasm/consent.js", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(dist, "consent.js"))
	})
	mux.HandleFunc("/badwasm/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		io.WriteString(w, "\x00asm\x01\x00\x00\x00this is not a module")
	})
	mux.HandleFunc("/site/", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(td, "site", filepath.Base(r.URL.Path)))
	})
	mux.HandleFunc("/policy/", func(w http.ResponseWriter, r *http.Request) {
		devserver.ServeFile(w, r, filepath.Join(td, "policies", filepath.Base(r.URL.Path)))
	})
	mux.HandleFunc("/dyn/", func(w http.ResponseWriter, r *http.Request) {
		pagesMu.Lock()
		body, ok := policies[strings.TrimPrefix(r.URL.Path, "/dyn/")]
		pagesMu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, body)
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		switch filepath.Base(r.URL.Path) {
		case "500.json":
			http.Error(w, "server error", http.StatusInternalServerError)
		case "notjson.json":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "<html>this is not JSON</html>")
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		pagesMu.Lock()
		body, ok := pages[r.URL.Path]
		pagesMu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Query().Get("bf") != "" {
			// no-store keeps a page out of the back/forward cache.
			w.Header().Set("Cache-Control", "no-cache")
		}
		if csp := r.URL.Query().Get("csp"); csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		io.WriteString(w, body)
	})
	return mux
}

// pageOpts shape a test page.
type pageOpts struct {
	policy string // data-policy; default /policy/basic.json
	base   string // where consent.js lives; default /consent/
	head   string // extra markup in <head>, before consent.js
	body   string // the page's body
	after  string // extra markup after consent.js
	lang   string
	// nodefer loads consent.js as a blocking script (Consent Mode's
	// advanced setup: its default before the Google tag).
	nodefer bool
}

// standardBody has gated content of every kind the tests look at.
const standardBody = `
<h1>Test page</h1>
<a href="#" id="open" data-consent-open>Cookie settings</a>
<button id="other">An ordinary button</button>
<script type="text/plain" data-category="statistics" data-service="matomo" data-src="/site/stats.js"></script>
<script type="text/plain" data-category="!statistics" data-src="/site/nostats.js"></script>
<iframe id="map" data-category="media" data-service="osm" data-src="/site/frame.html" width="400" height="200" title="Map"></iframe>
<div id="decl" data-consent-declaration></div>
`

// servePage registers a page and returns its URL on 127.0.0.1.
func servePage(t *testing.T, o pageOpts) string {
	t.Helper()
	if o.policy == "" {
		o.policy = "/policy/basic.json"
	}
	if o.base == "" {
		o.base = "/consent/"
	}
	if o.lang == "" {
		o.lang = "en"
	}
	if o.body == "" {
		o.body = standardBody
	}
	html := `<!doctype html><html lang="` + o.lang + `"><head><meta charset="utf-8"><title>` + t.Name() + `</title>
<link rel="stylesheet" href="` + o.base + `consent.css">
<script src="/site/events.js"></script>` + o.head + `
<script src="` + o.base + `consent.js" data-policy="` + o.policy + `"` + map[bool]string{false: " defer"}[o.nodefer] + `></script>` + o.after + `
</head><body>` + o.body + `</body></html>`
	path := "/page/" + strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".html"
	pagesMu.Lock()
	pages[path] = html
	pagesMu.Unlock()
	return srv.URL + path
}

// servePolicy registers a policy text and returns its path.
func servePolicy(t *testing.T, name, text string) string {
	t.Helper()
	pagesMu.Lock()
	policies[name] = text
	pagesMu.Unlock()
	return "/dyn/" + name
}

// newTab returns a tab in a fresh browser context: no cookies, no cache.
func newTab(t *testing.T) context.Context {
	t.Helper()
	if drv != nil {
		tb, err := drv.newTab(context.Background())
		if err != nil {
			t.Fatalf("open a tab in %s: %v", engine, err)
		}
		return withTab(t, tb)
	}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	return tctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// eval evaluates JS (awaiting a Promise) and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	if tb := tabOf(ctx); tb != nil {
		var v T
		raw, err := tb.evaluate(ctx, js)
		if err == nil {
			err = json.Unmarshal(raw, &v)
		}
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// evalJSON evaluates JS (awaiting a Promise) in any engine and returns
// its value as JSON, or the error.
func evalJSON(ctx context.Context, js string) (json.RawMessage, error) {
	return tabFor(ctx).evaluate(ctx, js)
}

// evalErr evaluates JS that must throw or reject, and returns the message.
func evalErr(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	_, err := evalJSON(ctx, js)
	if err == nil {
		t.Fatalf("evaluate %s: expected an error, got none", js)
	}
	var ee *jsError
	if errors.As(err, &ee) {
		return ee.Error()
	}
	return err.Error()
}

// navigate loads url in the tab, in any engine.
func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := tabFor(ctx).navigate(ctx, url); err != nil {
		t.Fatalf("navigate to %s: %v", url, err)
	}
}

// open navigates to url and waits until consent.ready has settled.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	navigate(t, ctx, url)
	waitSettled(t, ctx)
}

func waitSettled(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `new Promise((res) => { const go = () => window.consent ? window.consent.ready.then(() => res(true), () => res(true)) : setTimeout(go, 10); go(); })`)
}

// waitFor polls a JS condition until it is true.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	if tabOf(ctx) != nil {
		if err := poll(ctx, cond, 10*time.Second); err != nil {
			t.Fatalf("waiting for %s: %v", cond, err)
		}
		return
	}
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// poll evaluates cond every 20ms until it is true, for at most d; it
// evaluates afresh each time, so a page restored from the back/forward
// cache or loaded again is followed.
func poll(ctx context.Context, cond string, d time.Duration) error {
	deadline := time.Now().Add(d)
	var last error
	for {
		raw, err := evalJSON(ctx, "!!("+cond+"\n)")
		if err == nil && string(raw) == "true" {
			return nil
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			if last != nil {
				return fmt.Errorf("not within %v (%v)", d, last)
			}
			return fmt.Errorf("not within %v", d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if tb := tabOf(ctx); tb != nil {
		// As chromedp.Click: wait until it is visible, scroll it into
		// view, click its centre.
		waitFor(t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`)
		at := eval[[2]float64](t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); e.scrollIntoView({block: "center", inline: "center"}); const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
		if err := tb.actions(ctx, pointerClick(at[0], at[1])); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		return
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// focusOn focuses the element sel, as a script of the page would.
func focusOn(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	eval[any](t, ctx, `document.querySelector(`+jsString(sel)+`).focus()`)
}

// setViewport resizes the tab's viewport, in any engine.
func setViewport(t *testing.T, ctx context.Context, w, h int) {
	t.Helper()
	if err := tabFor(ctx).viewport(ctx, w, h); err != nil {
		t.Fatalf("viewport %d×%d: %v", w, h, err)
	}
}

// press presses a key (a WebDriver key value: keyTab, keyEnter...), with
// Shift held when shift, in any engine.
func press(t *testing.T, ctx context.Context, key string, shift bool) {
	t.Helper()
	if err := tabFor(ctx).actions(ctx, keyPress(key, shift)); err != nil {
		t.Fatalf("press %q: %v", key, err)
	}
}

// visible reports whether an element exists and is rendered.
func visible(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return eval[bool](t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); if (!e) return false; const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; })()`)
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// events returns the recorded consent event types, in order.
func events(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `window.__events.map((e) => e.type)`)
}

// runs returns the gated scripts that ran, in order.
func runs(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `window.__runs.slice()`)
}

// record is consent.get()'s value.
type record struct {
	ID         string          `json:"id"`
	Revision   int             `json:"revision"`
	Timestamp  int64           `json:"timestamp"`
	Method     string          `json:"method"`
	Categories map[string]bool `json:"categories"`
	Services   map[string]bool `json:"services"`
}

func getRecord(t *testing.T, ctx context.Context) *record {
	t.Helper()
	return eval[*record](t, ctx, `window.consent.get()`)
}

func cookieValue(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.cookie.split("; ").find((c) => c.startsWith(`+jsString(name+"=")+`)) || "").slice(`+fmt.Sprint(len(name)+1)+`)`)
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "web", "e2e", "testdata", filepath.FromSlash(name)))
	return string(b), err
}
