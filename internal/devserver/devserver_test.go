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
	res, _ := get(t, h, "/consent/consent.wasm", "br")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=86400" {
		t.Errorf("wasm Cache-Control = %q: returning visitors need a cacheable module", got)
	}
	res, _ = get(t, h, "/consent/policy.json", "")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=300" {
		t.Errorf("policy Cache-Control = %q", got)
	}
	res, body := get(t, h, "/", "")
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
