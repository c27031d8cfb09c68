// Package devserver serves the demo site and the built consent manager the
// way a static host should: the right MIME types (application/wasm, so the
// browser compiles while downloading), precompressed .br and .gz copies
// when the browser accepts them, the versioned wasm cached forever (so V8's
// code cache serves returning visitors) and consent.js briefly, and a strict
// Content-Security-Policy.
// The demo command and the end-to-end tests use it.
package devserver

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/consentwasm/consent/internal/assets"
)

// CSP is the Content-Security-Policy the demo pages are served with: the
// strictest a site can have and still run the consent manager.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'"

// Options say what to serve.
type Options struct {
	// Site is the directory served at "/".
	Site string
	// Dist is web/dist, served at "/consent/".
	Dist string
	// Policy is the policy file served at "/consent/policy.json".
	Policy string
	// CSP, when not empty, is sent with every HTML page.
	CSP string
}

// Handler returns the server's handler.
func Handler(o Options) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/consent/policy.json", func(w http.ResponseWriter, r *http.Request) {
		// Five minutes: a returning visitor needs no round trip for it,
		// and a raised revision still reaches everyone within minutes.
		w.Header().Set("Cache-Control", "public, max-age=300")
		ServeFile(w, r, o.Policy)
	})
	mux.HandleFunc("/consent/", func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(r.URL.Path, "/consent/")
		w.Header().Set("Cache-Control", CacheControl(path.Base(rel)))
		serveUnder(w, r, o.Dist, rel)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if strings.HasSuffix(p, ".html") {
			w.Header().Set("Cache-Control", "no-cache")
			if o.CSP != "" {
				w.Header().Set("Content-Security-Policy", o.CSP)
			}
			if !strings.Contains(p, "\\") && !strings.Contains(p, "\x00") {
				servePage(w, r, filepath.Join(o.Site, filepath.FromSlash(path.Clean("/"+p))), o.Dist)
				return
			}
		}
		serveUnder(w, r, o.Site, p)
	})
	return mux
}

// Cache-Control values for the built files.
const (
	// CacheForever is for content-addressed files (the versioned wasm):
	// their content never changes, so they are never revalidated, and V8's
	// code cache serves returning visitors.
	CacheForever = "public, max-age=31536000, immutable"
	// CacheBriefly is for consent.js, consent.css, manifest.json and the
	// wasm's stable alias: five minutes, then revalidated, so that a new
	// build reaches every visitor within minutes. A stale consent.js still
	// fetches its own build's wasm.
	CacheBriefly = "public, max-age=300"
)

// CacheControl returns the Cache-Control header for a file of web/dist.
func CacheControl(name string) string {
	if assets.Versioned(name) {
		return CacheForever
	}
	return CacheBriefly
}

// serveUnder serves rel from dir, refusing paths that climb out of it.
func serveUnder(w http.ResponseWriter, r *http.Request, dir, rel string) {
	clean := path.Clean("/" + rel)
	if strings.Contains(rel, "\\") || strings.Contains(rel, "\x00") {
		http.NotFound(w, r)
		return
	}
	ServeFile(w, r, filepath.Join(dir, filepath.FromSlash(clean)))
}

// ServeFile serves one file with its MIME type, choosing a precompressed
// name.br or name.gz copy when the request accepts that encoding.
func ServeFile(w http.ResponseWriter, r *http.Request, name string) {
	h := w.Header()
	if ct := contentType(name); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Add("Vary", "Accept-Encoding")
	h.Set("X-Content-Type-Options", "nosniff")
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !acceptsEncoding(accept, enc.token) {
			continue
		}
		f, err := os.Open(name + enc.ext)
		if err != nil {
			continue
		}
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			f.Close()
			continue
		}
		h.Set("Content-Encoding", enc.token)
		if tag, err := fileETag(f, enc.token); err == nil {
			h.Set("ETag", tag)
		}
		http.ServeContent(w, r, "", st.ModTime(), f)
		f.Close()
		return
	}
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	if tag, err := fileETag(f, ""); err == nil {
		h.Set("ETag", tag)
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}

func contentType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".html":
		return "text/html; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	return mime.TypeByExtension(filepath.Ext(name))
}

// acceptsEncoding reports whether an Accept-Encoding header accepts token
// with a non-zero quality.
func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}
