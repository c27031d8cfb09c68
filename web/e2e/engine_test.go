package e2e

// The browser engine the package drives: CONSENT_ENGINE=chromium (the
// default: chromedp, every test), firefox (WebDriver BiDi) or webkit
// (classic W3C WebDriver). The conformance suite (TestContract_*) and the
// engine checks (TestEngine_*) run in each through one small interface,
// engineTab; the other tests of the package drive Chromium through
// chromedp only, and skip themselves in another engine.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// engine is the engine of this run: "chromium", "firefox" or "webkit".
var engine = engineFromEnv()

func engineFromEnv() string {
	e := strings.ToLower(os.Getenv("CONSENT_ENGINE"))
	if e == "" {
		return "chromium"
	}
	return e
}

// engineTab is one tab of a browser, whatever drives it. Every method
// takes the test's context (its deadline).
type engineTab interface {
	// navigate loads url and returns once its load event fired.
	navigate(ctx context.Context, url string) error
	// back goes one entry back in the tab's history.
	back(ctx context.Context) error
	// evaluate runs a JS expression in the page, awaits it when it is a
	// Promise, and returns its value as JSON; a thrown error is a
	// *jsError.
	evaluate(ctx context.Context, expr string) (json.RawMessage, error)
	// actions performs W3C WebDriver input action sequences (pointer and
	// key), the same structure in every engine.
	actions(ctx context.Context, sequences []any) error
	// cookies returns every cookie of the tab's cookie jar (for WebDriver:
	// those the current document's URL would receive).
	cookies(ctx context.Context) ([]jarEntry, error)
	// setCookie stores a cookie for the origin of pageURL.
	setCookie(ctx context.Context, pageURL string, c jarEntry) error
	// clearCookies empties the tab's cookie jar.
	clearCookies(ctx context.Context) error
	// sibling opens another tab with the same cookie jar.
	sibling(ctx context.Context) (engineTab, error)
	// viewport resizes the page's viewport in CSS pixels.
	viewport(ctx context.Context, w, h int) error
	// screenshot returns a PNG of the viewport.
	screenshot(ctx context.Context) ([]byte, error)
	// close closes the tab (its browser context, for a first tab).
	close()
}

// jarEntry is a cookie as the browser's jar holds it.
type jarEntry struct {
	Name     string
	Value    string
	Domain   string
	Path     string
	Expires  float64 // seconds since the epoch; 0 for a session cookie
	Session  bool
	HTTPOnly bool
	Secure   bool
	SameSite string // "Strict", "Lax", "None" or "" (the browser's default)
}

// jsError is an exception thrown (or a rejection) in the page.
type jsError struct{ msg string }

func (e *jsError) Error() string { return "exception: " + e.msg }

// engineDriver starts tabs of one browser.
type engineDriver interface {
	newTab(ctx context.Context) (engineTab, error)
	// version names the browser and its version, as the report shows it.
	version() string
	stop()
}

// drv drives the engine of this run; nil for chromium, which the
// package's chromedp browser drives.
var drv engineDriver

type tabKey struct{}

// tabOf returns the engine tab that ctx carries, or nil in Chromium
// (where ctx is a chromedp context).
func tabOf(ctx context.Context) engineTab {
	tb, _ := ctx.Value(tabKey{}).(engineTab)
	return tb
}

// tabFor returns the tab of ctx in any engine: in Chromium, a chromedp
// one.
func tabFor(ctx context.Context) engineTab {
	if tb := tabOf(ctx); tb != nil {
		return tb
	}
	return cdpTab{ctx}
}

// withTab returns a context of t that carries tb and closes it at the
// end of the test.
func withTab(t *testing.T, tb engineTab) context.Context {
	t.Helper()
	t.Cleanup(tb.close)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return context.WithValue(ctx, tabKey{}, tb)
}

// startEngine starts the driver of a non-Chromium engine.
func startEngine(tmp string) (engineDriver, error) {
	switch engine {
	case "firefox":
		return startFirefox(tmp)
	case "webkit":
		return startWebKit(tmp)
	}
	return nil, fmt.Errorf("CONSENT_ENGINE=%q: want chromium, firefox or webkit", engine)
}

// runEngine runs the tests in the engine of CONSENT_ENGINE: it starts the
// engine's driver (and a display, for WebKit) and stops them after.
func runEngine(m *testing.M, tmp string) int {
	d, err := startEngine(tmp)
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: start %s: %v\n", engine, err)
		return 1
	}
	defer d.stop()
	drv = d
	fmt.Fprintf(os.Stderr, "e2e: engine %s\n", d.version())
	return m.Run()
}

// chromiumOnly skips a test that drives Chromium through chromedp when
// the run is in another engine.
func chromiumOnly(t *testing.T) {
	t.Helper()
	if engine != "chromium" {
		t.Skipf("%s: this test drives Chromium through chromedp (DevTools protocol); the conformance suite runs in every engine", engine)
	}
}

// lacks skips the rest of a test in the engines named, saying which
// feature the engine lacks. Use it only for a feature the browser does not
// have, never for a difference the code should fix.
func lacks(t *testing.T, feature string, engines ...string) {
	t.Helper()
	for _, e := range engines {
		if e == engine {
			t.Skipf("%s lacks %s", engine, feature)
		}
	}
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// wrapExpr makes an expression into one that awaits it and returns its
// value as JSON text (undefined as null), for the WebDriver engines.
func wrapExpr(expr string) string {
	return "(async () => { const v = await (" + expr + "\n); return v === undefined ? \"null\" : JSON.stringify(v); })()"
}

// pointerClick is the action sequence of a left click at x, y in the
// viewport.
func pointerClick(x, y float64) []any {
	return []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": int(x), "y": int(y), "origin": "viewport", "duration": 0},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		},
	}}
}

// WebDriver key values.
const (
	keyTab   = "\uE004"
	keyEnter = "\uE007"
	keyShift = "\uE008"
	keyEsc   = "\uE00C"
	keySpace = " "
)

// keyPress is the action sequence of pressing key, with Shift held when
// shift.
func keyPress(key string, shift bool) []any {
	var acts []any
	if shift {
		acts = append(acts, map[string]any{"type": "keyDown", "value": keyShift})
	}
	acts = append(acts, map[string]any{"type": "keyDown", "value": key}, map[string]any{"type": "keyUp", "value": key})
	if shift {
		acts = append(acts, map[string]any{"type": "keyUp", "value": keyShift})
	}
	return []any{map[string]any{"type": "key", "id": "keyboard", "actions": acts}}
}

// nullLog discards a server's error log.
func nullLog() *log.Logger { return log.New(io.Discard, "", 0) }
