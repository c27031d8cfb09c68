package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/consentwasm/consent/internal/assets"
	"github.com/consentwasm/consent/internal/devserver"
)

// A deploy replaces one build with another while a visitor's browser has
// the old build's wasm cached: consent.js asks for its own build's wasm by
// its content hash, so the new consent.js never runs the old wasm.
func TestLifeUpgradeWithTheOldWasmCached(t *testing.T) {
	oldName, err := assets.ReadManifest(dist)
	if err != nil {
		t.Fatal(err)
	}
	newName, err := assets.ReadManifest(hookDist)
	if err != nil {
		t.Fatal(err)
	}
	if oldName == newName {
		t.Fatalf("the two builds have the same wasm name %s", oldName)
	}
	var mu sync.Mutex
	current := dist
	requests := map[string]int{}
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>upgrade</title>
<script src="/site/events.js"></script>
<script src="/consent/consent.js" data-policy="/policy/basic.json" defer></script>
</head><body>` + standardBody + `</body></html>`
	td := filepath.Join(root, "web", "e2e", "testdata")
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		mu.Lock()
		requests[name]++
		dir := current
		mu.Unlock()
		switch {
		case r.URL.Path == "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write([]byte(page))
		case strings.HasPrefix(r.URL.Path, "/consent/"):
			cache := devserver.CacheControl(name)
			if name == "consent.js" {
				// What "briefly" comes to once it has passed.
				cache = "no-cache"
			}
			w.Header().Set("Cache-Control", cache)
			if assets.Versioned(name) {
				// The deploy keeps the previous builds' wasm.
				for _, d := range []string{dist, hookDist} {
					if _, err := os.Stat(filepath.Join(d, name)); err == nil {
						dir = d
					}
				}
			}
			devserver.ServeFile(w, r, filepath.Join(dir, name))
		case strings.HasPrefix(r.URL.Path, "/site/"):
			devserver.ServeFile(w, r, filepath.Join(td, "site", name))
		case strings.HasPrefix(r.URL.Path, "/policy/"):
			devserver.ServeFile(w, r, filepath.Join(td, "policies", name))
		default:
			http.NotFound(w, r)
		}
	}))
	defer up.Close()
	count := func(name string) int {
		mu.Lock()
		defer mu.Unlock()
		return requests[name]
	}
	ctx := newTab(t)
	wasmURL := `performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.endsWith(".wasm")) || ""`

	open(t, ctx, up.URL+"/page.html")
	if got := eval[string](t, ctx, wasmURL); !strings.HasSuffix(got, "/consent/"+oldName) {
		t.Fatalf("the first build fetched %q, want its own %s", got, oldName)
	}
	open(t, ctx, up.URL+"/page.html")
	if n := count(oldName); n != 1 {
		t.Fatalf("the old wasm was requested %d times, want once: it must come from the cache", n)
	}

	mu.Lock()
	current = hookDist // the deploy
	mu.Unlock()
	eval[any](t, ctx, `window.consent.acceptAll()`)
	open(t, ctx, up.URL+"/page.html")
	if got := eval[string](t, ctx, wasmURL); !strings.HasSuffix(got, "/consent/"+newName) {
		t.Errorf("after the deploy the page ran %q, want the new build's %s", got, newName)
	}
	if count(newName) != 1 || count(oldName) != 1 {
		t.Errorf("requests: old wasm %d, new wasm %d; want 1 and 1", count(oldName), count(newName))
	}
	if errs := eval[int](t, ctx, `window.__events.filter((e) => e.type === "consent:error").length`); errs != 0 {
		t.Errorf("%d consent:error after the upgrade", errs)
	}
	if !eval[bool](t, ctx, `window.consent.accepted("statistics")`) {
		t.Errorf("the choice made under the old build is lost after the upgrade")
	}
	waitFor(t, ctx, `window.__runs.includes("stats")`)
}
