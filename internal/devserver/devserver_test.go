package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func site(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site/index.html", "<p>home</p>")
	write("dist/consent.wasm", "raw wasm")
	write("dist/consent.wasm.br", "brotli wasm")
	write("dist/consent.wasm.gz", "gzip wasm")
	write("dist/consent.js", "raw js")
	write("dist/consent.css", "raw css")
	write("dist/consent.0123456789abcdef.wasm", "raw wasm")
	write("dist/consent.0123456789abcdef.wasm.br", "brotli wasm")
	write("dist/manifest.json", `{"consent.wasm": "consent.0123456789abcdef.wasm"}`)
	write("secret.txt", "do not serve")
	write("policy.json", `{"revision": 1}`)
	return Options{Site: filepath.Join(dir, "site"), Dist: filepath.Join(dir, "dist"), Policy: filepath.Join(dir, "policy.json"), CSP: CSP}
}

func get(t *testing.T, h http.Handler, path, acceptEncoding string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestPrecompressedCopiesAndTypes(t *testing.T) {
	h := Handler(site(t))
	cases := []struct {
		path, accept, body, encoding, ctype string
	}{
		{"/consent/consent.wasm", "gzip, deflate, br", "brotli wasm", "br", "application/wasm"},
		{"/consent/consent.wasm", "gzip, deflate", "gzip wasm", "gzip", "application/wasm"},
		{"/consent/consent.wasm", "br;q=0, gzip", "gzip wasm", "gzip", "application/wasm"},
		{"/consent/consent.wasm", "", "raw wasm", "", "application/wasm"},
		{"/consent/consent.js", "br", "raw js", "", "text/javascript; charset=utf-8"},
		{"/consent/policy.json", "br", `{"revision": 1}`, "", "application/json"},
	}
	for _, c := range cases {
		res, body := get(t, h, c.path, c.accept)
		if res.StatusCode != 200 || body != c.body || res.Header.Get("Content-Encoding") != c.encoding || res.Header.Get("Content-Type") != c.ctype {
			t.Errorf("GET %s (Accept-Encoding %q) = %d %q, encoding %q, type %q; want %q, %q, %q",
				c.path, c.accept, res.StatusCode, body, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"), c.body, c.encoding, c.ctype)
		}
		if res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: no Vary: Accept-Encoding, caches would mix encodings", c.path)
		}
	}
}

func TestCachingAndCSP(t *testing.T) {
	h := Handler(site(t))
	for _, c := range []struct{ path, want string }{
		// The versioned wasm never changes: returning visitors get it, and
		// V8's compiled code, from the cache without a round trip.
		{"/consent/consent.0123456789abcdef.wasm", "public, max-age=31536000, immutable"},
		{"/consent/consent.0123456789abcdef.wasm.br", "public, max-age=31536000, immutable"},
		// Everything with a stable name is cached briefly, so that a new
		// build reaches every visitor within minutes.
		{"/consent/consent.js", "public, max-age=300"},
		{"/consent/consent.css", "public, max-age=300"},
		{"/consent/consent.wasm", "public, max-age=300"},
		{"/consent/manifest.json", "public, max-age=300"},
	} {
		res, _ := get(t, h, c.path, "br")
		if got := res.Header.Get("Cache-Control"); got != c.want {
			t.Errorf("%s: Cache-Control = %q, want %q", c.path, got, c.want)
		}
	}
	res, _ := get(t, h, "/consent/policy.json", "")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=300" {
		t.Errorf("policy Cache-Control = %q", got)
	}
	var body string
	res, body = get(t, h, "/", "")
	if body != "<p>home</p>" || res.Header.Get("Content-Security-Policy") != CSP {
		t.Errorf("home page = %q with CSP %q", body, res.Header.Get("Content-Security-Policy"))
	}
}

func TestNothingOutsideTheSite(t *testing.T) {
	h := Handler(site(t))
	for _, p := range []string{"/../secret.txt", "/consent/../../secret.txt", "/%2e%2e/secret.txt", "/missing.html"} {
		res, body := get(t, h, p, "")
		if res.StatusCode == 200 || body == "do not serve" {
			t.Errorf("GET %s = %d %q: must not be served", p, res.StatusCode, body)
		}
	}
}

// The demo pages preload the wasm by its stable alias; the server points
// the preload at the versioned wasm that consent.js fetches (from
// manifest.json), as a site's template does, or the wasm would load twice.
func TestPreloadNamesTheVersionedWasm(t *testing.T) {
	o := site(t)
	page := `<link rel="preload" href="/consent/consent.wasm" as="fetch" type="application/wasm" crossorigin>`
	if err := os.WriteFile(filepath.Join(o.Site, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	res, body := get(t, Handler(o), "/page.html", "")
	want := `<link rel="preload" href="/consent/consent.0123456789abcdef.wasm" as="fetch" type="application/wasm" crossorigin>`
	if res.StatusCode != 200 || body != want {
		t.Errorf("GET /page.html = %d %q, want %q", res.StatusCode, body, want)
	}
	if res.Header.Get("Content-Security-Policy") != CSP || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("page headers: CSP %q, Cache-Control %q", res.Header.Get("Content-Security-Policy"), res.Header.Get("Cache-Control"))
	}
}

// TestETags: every file is sent with the ETag the README promises, one per
// encoding (the copies are different bytes), and a revalidation with
// If-None-Match is answered 304 without a body.
func TestETags(t *testing.T) {
	o := site(t)
	h := Handler(o)
	seen := map[string]string{}
	for _, c := range []struct{ path, accept string }{
		{"/consent/consent.wasm", "br"},
		{"/consent/consent.wasm", "gzip"},
		{"/consent/consent.wasm", ""},
		{"/consent/consent.js", ""},
		{"/consent/policy.json", ""},
		{"/consent/consent.0123456789abcdef.wasm", "br"},
		{"/index.html", ""},
	} {
		name := c.path + " (" + c.accept + ")"
		res, _ := get(t, h, c.path, c.accept)
		tag := res.Header.Get("ETag")
		if res.StatusCode != 200 || len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			t.Errorf("GET %s = %d with ETag %q: want 200 and a strong ETag", name, res.StatusCode, tag)
			continue
		}
		if other, dup := seen[tag]; dup && c.path == "/consent/consent.wasm" {
			t.Errorf("%s and %s share the ETag %s", name, other, tag)
		}
		seen[tag] = name

		req := httptest.NewRequest("GET", c.path, nil)
		if c.accept != "" {
			req.Header.Set("Accept-Encoding", c.accept)
		}
		req.Header.Set("If-None-Match", tag)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match %s = %d, %d bytes; want 304 and no body", name, tag, rec.Code, rec.Body.Len())
		}
	}
	// A new build is a new ETag, even within the file system's time
	// resolution and at the same size.
	before, _ := get(t, h, "/consent/consent.js", "")
	if err := os.WriteFile(filepath.Join(o.Dist, "consent.js"), []byte("new js"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := get(t, h, "/consent/consent.js", "")
	if before.Header.Get("ETag") == after.Header.Get("ETag") {
		t.Errorf("consent.js after a new build keeps its ETag %s", after.Header.Get("ETag"))
	}
}
