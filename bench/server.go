package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/consentwasm/consent/internal/assets"
)

// asset is one file the server sends, with its brotli copy.
type asset struct {
	body  []byte
	br    []byte // nil: not worth compressing
	ctype string
	cache string
	etag  string
}

// server serves every manager's page and files over HTTPS/2 on 127.0.0.1,
// brotli-compressed when the browser accepts it (Chromium sends br only
// over https). Static files are cacheable for a day and revalidate by
// ETag; pages are "no-cache"; our policy is cached for five minutes, as internal/devserver serves
// them.
type server struct {
	*httptest.Server
	spki      string // base64 SHA-256 of the certificate's public key
	wasmSizes wasmSizes
	// floorSizes are the floor programs' wasm sizes, by manager id.
	floorSizes map[string]wasmSizes

	mu     sync.Mutex
	assets map[string]*asset
	npm    string // bench/node_modules
}

// wasmSizes are consent.wasm's sizes in bytes.
type wasmSizes struct {
	Raw    int `json:"raw"`
	Gzip   int `json:"gzip"`   // gzip -9
	Brotli int `json:"brotli"` // brotli quality 11, as served
}

// npmPackages may be served from node_modules, and nothing else.
var npmPackages = map[string]bool{"vanilla-cookieconsent": true, "klaro": true, "tarteaucitronjs": true, "cookieconsent": true}

// npmPreload are the files the managers load, compressed at startup; any
// other file of those packages is compressed on its first request.
var npmPreload = []string{
	"vanilla-cookieconsent/dist/cookieconsent.css",
	"vanilla-cookieconsent/dist/cookieconsent.umd.js",
	"klaro/dist/klaro.js",
	"tarteaucitronjs/tarteaucitron.min.js",
	"tarteaucitronjs/tarteaucitron.services.min.js",
	"tarteaucitronjs/lang/tarteaucitron.en.min.js",
	"tarteaucitronjs/css/tarteaucitron.min.css",
	"cookieconsent/build/cookieconsent.min.css",
	"cookieconsent/build/cookieconsent.min.js",
}

const (
	cacheStatic = "public, max-age=86400"
	cacheNone   = "no-cache"
	cachePolicy = "public, max-age=300"
)

func newServer(benchDir, distDir, floorDir, compareDir string, ms []manager) (*server, error) {
	s := &server{assets: map[string]*asset{}, npm: filepath.Join(benchDir, "node_modules"), floorSizes: map[string]wasmSizes{}}
	type job struct {
		url, file, cache string
		body             []byte
	}
	// consent.js fetches its build's wasm by its versioned name (as does
	// the page's preload, which a site's template fills from manifest.json).
	wasmName, err := assets.ReadManifest(distDir)
	if err != nil {
		return nil, err
	}
	wasmURL := "/consent/" + wasmName
	var jobs []job
	for _, m := range ms {
		page := strings.ReplaceAll(pageHTML(m), `"/consent/consent.wasm"`, `"`+wasmURL+`"`)
		if m.ID == compareID {
			continue
		}
		jobs = append(jobs, job{url: "/" + m.ID + "/", body: []byte(page), cache: cacheNone})
	}
	if compareDir != "" {
		// -compare: another build of ours, served under /consent-b/.
		name, err := assets.ReadManifest(compareDir)
		if err != nil {
			return nil, err
		}
		page := strings.ReplaceAll(pageHTML(compareManager()), `"/consent/consent.wasm"`, `"/consent/`+name+`"`)
		page = strings.ReplaceAll(page, "/consent/", "/consent-b/")
		jobs = append(jobs,
			job{url: "/" + compareID + "/", body: []byte(page), cache: cacheNone},
			job{url: "/consent-b/consent.js", file: filepath.Join(compareDir, "consent.js"), cache: cacheStatic},
			job{url: "/consent-b/consent.css", file: filepath.Join(compareDir, "consent.css"), cache: cacheStatic},
			job{url: "/consent-b/" + name, file: filepath.Join(compareDir, name), cache: cacheStatic},
			job{url: "/consent-b/policy.json", file: filepath.Join(benchDir, "site", "policy.json"), cache: cachePolicy})
	}
	jobs = append(jobs,
		job{url: "/consent/consent.js", file: filepath.Join(distDir, "consent.js"), cache: cacheStatic},
		job{url: "/consent/consent.css", file: filepath.Join(distDir, "consent.css"), cache: cacheStatic},
		job{url: wasmURL, file: filepath.Join(distDir, wasmName), cache: cacheStatic},
		job{url: "/consent/policy.json", file: filepath.Join(benchDir, "site", "policy.json"), cache: cachePolicy},
		job{url: "/privacy.html", body: []byte("<!doctype html><title>Cookie policy</title><p>The cookie policy.</p>\n"), cache: cacheNone},
	)
	for _, f := range []string{"analytics.js", "ads.js", "page.css"} {
		jobs = append(jobs, job{url: "/site/" + f, file: filepath.Join(benchDir, "site", f), cache: cacheStatic})
	}
	for _, f := range []string{"floor.js", floorSafe + ".wasm", floorSyscall + ".wasm"} {
		if name := filepath.Join(floorDir, f); exists(name) {
			jobs = append(jobs, job{url: "/floor/" + f, file: name, cache: cacheStatic})
		}
	}
	for _, f := range npmPreload {
		jobs = append(jobs, job{url: "/npm/" + f, file: filepath.Join(s.npm, filepath.FromSlash(f)), cache: cacheStatic})
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := j.body
			if body == nil {
				b, err := os.ReadFile(j.file)
				if err != nil {
					errs[i] = err
					return
				}
				body = b
			}
			var a *asset
			if j.file != "" && (strings.HasPrefix(j.url, "/consent/consent.") || strings.HasPrefix(j.url, "/consent-b/consent.")) {
				// make build compressed these with the same brotli
				// quality: use its copy when it matches the file.
				a = prebuilt(j.url, j.file, body, j.cache)
			}
			if a == nil {
				a = makeAsset(j.url, body, j.cache)
			}
			s.mu.Lock()
			s.assets[j.url] = a
			s.mu.Unlock()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	s.wasmSizes = sizesOf(s.assets[wasmURL])
	for _, id := range []string{floorSafe, floorSyscall} {
		if a := s.assets["/floor/"+id+".wasm"]; a != nil {
			s.floorSizes[id] = sizesOf(a)
		}
	}

	ts := httptest.NewUnstartedServer(s)
	ts.EnableHTTP2 = true
	ts.StartTLS()
	s.Server = ts
	cert := ts.Certificate()
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	s.spki = base64.StdEncoding.EncodeToString(sum[:])
	return s, nil
}

// sizesOf measures a wasm asset: raw, gzip -9 and its brotli copy.
func sizesOf(a *asset) wasmSizes {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(a.body)
	zw.Close()
	return wasmSizes{Raw: len(a.body), Gzip: gz.Len(), Brotli: len(a.br)}
}

// makeAsset compresses body with brotli at quality 11.
func makeAsset(url string, body []byte, cache string) *asset {
	return makeAssetLevel(url, body, cache, brotli.BestCompression)
}

// makeAssetLevel compresses body with brotli at level; -1: not at all.
func makeAssetLevel(url string, body []byte, cache string, level int) *asset {
	ext := path.Ext(strings.TrimSuffix(url, "/"))
	ctype := mime.TypeByExtension(ext)
	switch {
	case strings.HasSuffix(url, "/"), ext == ".html":
		ctype = "text/html; charset=utf-8"
	case ext == ".js":
		ctype = "text/javascript; charset=utf-8"
	case ext == ".css":
		ctype = "text/css; charset=utf-8"
	case ext == ".json":
		ctype = "application/json"
	case ext == ".wasm":
		ctype = "application/wasm"
	}
	sum := sha256.Sum256(body)
	a := &asset{body: body, ctype: ctype, cache: cache, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	if len(body) > 256 && level >= 0 {
		var buf bytes.Buffer
		bw := brotli.NewWriterLevel(&buf, level)
		bw.Write(body)
		bw.Close()
		if buf.Len() < len(body) {
			a.br = buf.Bytes()
		}
	}
	return a
}

// prebuilt returns the asset with the brotli copy make build wrote next
// to file, or nil when there is none or it does not decode to body.
func prebuilt(url, file string, body []byte, cache string) *asset {
	br, err := os.ReadFile(file + ".br")
	if err != nil {
		return nil
	}
	dec, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(dec, body) {
		return nil
	}
	a := makeAssetLevel(url, body, cache, -1)
	a.br = br
	return a
}

// lookup returns the asset for a URL path, compressing a file of an
// allowed npm package on its first request.
func (s *server) lookup(p string) *asset {
	s.mu.Lock()
	a := s.assets[p]
	s.mu.Unlock()
	if a != nil || !strings.HasPrefix(p, "/npm/") {
		return a
	}
	rel := path.Clean(strings.TrimPrefix(p, "/npm/"))
	pkg, _, _ := strings.Cut(rel, "/")
	if !npmPackages[pkg] || strings.Contains(rel, "..") || strings.Contains(rel, "node_modules") {
		return nil
	}
	body, err := os.ReadFile(filepath.Join(s.npm, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	a = makeAsset(p, body, cacheStatic)
	s.mu.Lock()
	s.assets[p] = a
	s.mu.Unlock()
	return a
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := s.lookup(r.URL.Path)
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", a.cache)
	h.Set("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if a.br != nil && acceptsBrotli(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "br")
		body, etag = a.br, strings.TrimSuffix(a.etag, `"`)+`-br"`
	}
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func acceptsBrotli(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "br" {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0"
	}
	return false
}

// fileSize is one served file's size.
type fileSize struct {
	URL    string `json:"url"`
	Raw    int    `json:"raw"`
	Brotli int    `json:"brotli"`
}

// sizes lists the files served so far with their sizes.
func (s *server) sizes() []fileSize {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []fileSize
	for u, a := range s.assets {
		fs := fileSize{URL: u, Raw: len(a.body), Brotli: len(a.body)}
		if a.br != nil {
			fs.Brotli = len(a.br)
		}
		out = append(out, fs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}
