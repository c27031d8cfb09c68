package e2e

// The conformance suite: one TestContract_<section>_<row> per row of the
// public contract (docs/policy.md, docs/api.md), each driving the built
// web/dist in Chromium the way a site does: a page with the <link> and
// <script> drop-in and a policy. This file holds what the rows share; the
// rows are in contract_*_test.go, grouped by section. docs_test.go (in
// docs/) checks that every row the docs name has its test here.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// contractPolicy is the site's policy the rows start from: a required
// category, a category of two services (so that a category and one of its
// services differ), and one of embeds.
const contractPolicy = `{
  "revision": 3,
  "languages": ["en", "de"],
  "policyUrl": "/cookie-policy.html",
  "categories": [
    {"id": "necessary", "required": true, "label": {"en": "Necessary", "de": "Notwendig"}, "description": "Needed for the site to work."},
    {"id": "statistics", "label": {"en": "Statistics", "de": "Statistik"}, "description": "Visit counts.", "googleConsentMode": ["analytics_storage"]},
    {"id": "media", "label": {"en": "External media", "de": "Externe Medien"}, "googleConsentMode": ["ad_storage", "ad_user_data", "ad_personalization"]}
  ],
  "services": [
    {"id": "site", "category": "necessary", "provider": "Example City", "label": "Site", "function": {"en": "Sign-in", "de": "Anmeldung"}, "purpose": "Keeps you signed in",
      "cookies": [{"name": "sessionid", "duration": "session", "purpose": "Session"}]},
    {"id": "matomo", "category": "statistics", "provider": "Matomo (self-hosted)", "label": "Matomo", "function": "Web analytics", "purpose": "Counts visits",
      "cookies": [{"pattern": "_pk_id\\..*", "duration": {"en": "13 months", "de": "13 Monate"}, "purpose": "Visitor id"}]},
    {"id": "ga", "category": "statistics", "provider": "Google", "label": "Google Analytics", "function": "Audience measurement", "purpose": "Counts visits",
      "cookies": [{"name": "_ga", "duration": "2 years"}]},
    {"id": "osm", "category": "media", "provider": "OpenStreetMap", "label": "OpenStreetMap", "function": "Embedded map", "purpose": "Shows a map", "cookies": []},
    {"id": "video", "category": "media", "provider": "VideoCorp", "label": "Video", "function": "Embedded video", "purpose": "Plays videos",
      "cookies": [{"name": "VISITOR_INFO1_LIVE", "duration": "6 months"}]}
  ]
}`

// cPolicy serves contractPolicy with top-level fields replaced by over (a
// nil value removes the field) and returns its path.
func cPolicy(t *testing.T, over map[string]any) string {
	t.Helper()
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(contractPolicy), &p))
	for k, v := range over {
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return cPolicyText(t, string(b))
}

// cPolicyText serves a policy text under a name unique to the test.
func cPolicyText(t *testing.T, text string) string {
	t.Helper()
	return servePolicy(t, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+".json", text)
}

var (
	cOnce sync.Once
	cSrv  *httptest.Server // http://127.0.0.1:port
	cTLS  *httptest.Server // https://127.0.0.1:port, the same handler

	proofMu   sync.Mutex
	proofs    = map[string][]string{} // bodies POSTed to /c/proof/<name>
	proofFail = map[string]int{}      // answer 503 to the next n sends
)

// cServers starts (once) the suite's servers: everything the harness
// serves, testdata/enforce at /enforce/, and a consent log stand-in at
// /c/proof/<name> that records what it receives, and testdata/contract
// at /contract/.
func cServers() {
	cOnce.Do(func() {
		td := filepath.Join(root, "web", "e2e", "testdata")
		mux := http.NewServeMux()
		files := func(w http.ResponseWriter, r *http.Request) {
			dir := filepath.Join(td, strings.Split(r.URL.Path, "/")[1])
			b, err := os.ReadFile(filepath.Join(dir, filepath.Base(r.URL.Path)))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			types := map[string]string{".js": "text/javascript", ".mjs": "text/javascript", ".gif": "image/gif"}
			w.Header().Set("Content-Type", types[filepath.Ext(r.URL.Path)])
			w.Header().Set("Cache-Control", "no-store")
			w.Write(b)
		}
		mux.HandleFunc("/enforce/", files)
		mux.HandleFunc("/contract/", files)
		mux.HandleFunc("/c/proof/", func(w http.ResponseWriter, r *http.Request) {
			name := strings.TrimPrefix(r.URL.Path, "/c/proof/")
			body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
			proofMu.Lock()
			defer proofMu.Unlock()
			if r.Method != http.MethodPost {
				http.Error(w, "POST only", http.StatusMethodNotAllowed)
				return
			}
			if proofFail[name] > 0 {
				proofFail[name]--
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			proofs[name] = append(proofs[name], r.Header.Get("Content-Type")+"\n"+string(body))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id": 1}`)
		})
		mux.Handle("/", srv.Config.Handler)
		cSrv = httptest.NewServer(mux)
		cTLS = httptest.NewUnstartedServer(mux)
		// Chromium's first tries before it ignores the test certificate.
		cTLS.Config.ErrorLog = log.New(io.Discard, "", 0)
		cTLS.StartTLS()
	})
}

// cPage serves a page with the drop-in and the given policy (a path from
// cPolicy, or "#id") and returns its URL at 127.0.0.1.
func cPage(t *testing.T, policy string, o pageOpts) string {
	t.Helper()
	return cPageAt(t, "", policy, o)
}

// cPageAt is cPage on another host name (a name under example.test
// reaches this machine) or, with host "https", on the TLS server.
func cPageAt(t *testing.T, host, policy string, o pageOpts) string {
	t.Helper()
	cServers()
	o.policy = policy
	if o.body == "" {
		o.body = `<p>A page of the site.</p><a href="#" id="open" data-consent-open>Cookie settings</a>`
	}
	path := strings.TrimPrefix(servePage(t, o), srv.URL)
	switch host {
	case "":
		return cSrv.URL + path
	case "https":
		return cTLS.URL + path
	}
	return strings.Replace(cSrv.URL, "127.0.0.1", host, 1) + path
}

// cOpen opens a fresh browser context on the page and waits for
// consent.ready to settle.
func cOpen(t *testing.T, u string) context.Context {
	t.Helper()
	ctx := newTab(t)
	open(t, ctx, u)
	return ctx
}

// cReopen clears the tab's cookies and opens u in it: a fresh visitor in
// the same browser context (which keeps the compiled wasm in its cache).
func cReopen(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	clearCookies(t, ctx)
	open(t, ctx, u)
}

// clearCookies removes every cookie of the tab's browser context.
func clearCookies(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := tabFor(ctx).clearCookies(ctx); err != nil {
		t.Fatalf("clear cookies: %v", err)
	}
}

// cRecord waits for a stored choice and returns it.
func cRecord(t *testing.T, ctx context.Context) *record {
	t.Helper()
	waitFor(t, ctx, `consent.get() !== null`)
	return getRecord(t, ctx)
}

// cEvents returns the consent events of the page with their details.
func cEvents(t *testing.T, ctx context.Context, typ string) []any {
	t.Helper()
	return eval[[]any](t, ctx, `window.__events.filter((e) => e.type === `+jsString(typ)+`).map((e) => e.detail)`)
}

// cError waits for a consent:error and returns its message.
func cError(t *testing.T, ctx context.Context) string {
	t.Helper()
	waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:error")`)
	return eval[string](t, ctx, `window.__events.find((e) => e.type === "consent:error").detail.message`)
}

// jarCookie returns a cookie of the tab's browser context as the browser
// holds it (domain, path, expiry, flags), or nil.
func jarCookie(t *testing.T, ctx context.Context, name string) *jarEntry {
	t.Helper()
	all, err := tabFor(ctx).cookies(ctx)
	require.NoError(t, err)
	for _, c := range all {
		if c.Name == name {
			return &c
		}
	}
	return nil
}

// settledCookie polls the jar for a cookie until ok says it is as
// expected (or 5s passed): page writes reach the jar asynchronously.
func settledCookie(t *testing.T, ctx context.Context, name string, ok func(*jarEntry) bool) *jarEntry {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c := jarCookie(t, ctx, name)
		if ok(c) || time.Now().After(deadline) {
			return c
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// setJarCookie stores a cookie for the origin of pageURL, as the server
// or the browser would.
func setJarCookie(t *testing.T, ctx context.Context, pageURL string, c jarEntry) {
	t.Helper()
	if err := tabFor(ctx).setCookie(ctx, pageURL, c); err != nil {
		t.Fatalf("set cookie %s: %v", c.Name, err)
	}
}

// bannerShown reports whether the banner is on screen.
func bannerShown(t *testing.T, ctx context.Context) bool {
	t.Helper()
	return visible(t, ctx, "#consent-banner")
}

// openPrefs opens the preferences dialog from the page's link.
func openPrefs(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[any](t, ctx, `consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
}

// pending skips a row whose feature is being built on another branch and
// has not landed on main yet. CONTRACT_PENDING=run runs it anyway, to see
// whether the feature has arrived.
func pending(t *testing.T, feature string) {
	t.Helper()
	if os.Getenv("CONTRACT_PENDING") != "run" {
		t.Skip("pending on main: " + feature)
	}
}

// plantAt sets a host-only cookie on the page's host and Path=/, as the
// site (or a tracker) did on an earlier visit.
func plantAt(t *testing.T, ctx context.Context, pageURL, name, value string) {
	t.Helper()
	setJarCookie(t, ctx, pageURL, jarEntry{Name: name, Value: value, Path: "/"})
}

// goMatches returns the names Go's regexp matches as a whole with p: what
// policy/ decides a pattern declares.
func goMatches(t *testing.T, p string, names []string) []string {
	t.Helper()
	re := regexp.MustCompile(`^(?:` + p + `)$`)
	var out []string
	for _, n := range names {
		if re.MatchString(n) {
			out = append(out, n)
		}
	}
	return out
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func urlQuery(s string) string { return url.QueryEscape(s) }
