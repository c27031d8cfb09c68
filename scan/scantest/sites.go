// Package scantest serves the scanner's test sites (scan/testdata) on
// 127.0.0.1 for the tests of scan and cmd/consent. Chromium reaches them
// by host name with --host-resolver-rules HostRules:
//
//   - www.tracking.test sets tracking cookies before any choice, through a
//     script from tracker.othersite.test, and has no consent banner;
//   - www.managed.test uses the project's consent manager (web/dist) and
//     its gated statistics script sets _pk_id only after acceptance;
//   - www.undeclared.test sets cookies its policy does not declare;
//   - www.trackers.test loads six real analytics and session SDKs from
//     scan/testdata/trackers/node_modules (npm ci, package-lock.json) and
//     points them back at itself (/collect/), with no banner; two of its
//     links answer 404 and 500.
//
// Every request the server answers is kept for Requests.
package scantest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/consentwasm/consent/internal/devserver"
)

// HostRules maps every test host to 127.0.0.1.
const HostRules = "MAP *.test 127.0.0.1"

// ClosedHostRules maps the test hosts to 127.0.0.1 and every other host
// to nothing, so that no request a page makes can leave the machine.
const ClosedHostRules = "MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

// Request is one request the test sites answered.
type Request struct {
	Host, Method, Path string
}

var (
	logMu sync.Mutex
	log   []Request
)

// Requests returns the requests the test sites answered so far, in order.
func Requests() []Request {
	logMu.Lock()
	defer logMu.Unlock()
	return append([]Request(nil), log...)
}

// TrackersDir is the real-tracker site; its node_modules comes from
// npm ci.
func TrackersDir() string {
	return filepath.Join(Dir(), "trackers")
}

// NeedTrackers reports why the real-tracker site cannot be served: its
// node_modules is not installed (make test runs npm ci), or nil.
func NeedTrackers() error {
	if _, err := os.Stat(filepath.Join(TrackersDir(), "node_modules", ".package-lock.json")); err != nil {
		return errors.New("scan/testdata/trackers/node_modules is missing: run `make scan-deps` (make test does)")
	}
	return nil
}

// Dir returns scan/testdata; Root the repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(filepath.Dir(file)), "testdata")
}

// Root returns the repository's directory.
func Root() string {
	return filepath.Dir(filepath.Dir(Dir()))
}

// Start serves the sites and returns the port; stop closes the server.
func Start() (port string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	_, port, _ = net.SplitHostPort(ln.Addr().String())
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: handler(port)}}
	srv.Start()
	return port, srv.Close, nil
}

// URL returns the start page of a test host.
func URL(host, port string) string {
	return "http://" + host + ":" + port + "/"
}

func handler(port string) http.Handler {
	td := Dir()
	dist := filepath.Join(Root(), "web", "dist")
	dirs := map[string]string{
		"www.tracking.test":      filepath.Join(td, "tracking"),
		"tracker.othersite.test": filepath.Join(td, "tracker"),
		"www.managed.test":       filepath.Join(td, "managed"),
		"www.undeclared.test":    filepath.Join(td, "undeclared"),
		"www.trackers.test":      TrackersDir(),
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		logMu.Lock()
		log = append(log, Request{Host: r.Host, Method: r.Method, Path: r.URL.Path})
		logMu.Unlock()
		dir, ok := dirs[host]
		if !ok {
			http.NotFound(w, r)
			return
		}
		p := r.URL.Path
		if host == "www.trackers.test" && serveTrackers(w, r, p) {
			return
		}
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if host == "www.managed.test" && strings.HasPrefix(p, "/consent/") {
			devserver.ServeFile(w, r, filepath.Join(dist, filepath.Base(p)))
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(filepath.Clean("/"+p)))
		b, err := os.ReadFile(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(p, ".html") {
			// Server-side cookies, as a web framework sets them.
			switch host {
			case "www.tracking.test":
				if p == "/index.html" {
					http.SetCookie(w, &http.Cookie{Name: "visitor_mood", Value: "curious", Path: "/", MaxAge: 86400})
				}
			case "www.managed.test":
				http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: "s1", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
			case "www.undeclared.test":
				http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: "s1", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
				http.SetCookie(w, &http.Cookie{Name: "csrftoken", Value: "c1", Path: "/", MaxAge: 31536000, SameSite: http.SameSiteLaxMode})
			}
			b = []byte(strings.ReplaceAll(string(b), ":PORT/", ":"+port+"/"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		} else if strings.HasSuffix(p, ".js") {
			w.Header().Set("Content-Type", "text/javascript")
		} else if strings.HasSuffix(p, ".json") {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	})
}

// serveTrackers answers the real-tracker site's SDK files (from its
// node_modules), the SDKs' API calls (/collect/) and its broken pages;
// false leaves the request to the plain files.
func serveTrackers(w http.ResponseWriter, r *http.Request, p string) bool {
	switch {
	case strings.HasPrefix(p, "/npm/"):
		rel := filepath.FromSlash(filepath.Clean("/" + strings.TrimPrefix(p, "/npm/")))
		b, err := os.ReadFile(filepath.Join(TrackersDir(), "node_modules", rel))
		if err != nil || !strings.HasSuffix(p, ".js") {
			http.NotFound(w, r)
			return true
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(b)
	case strings.HasPrefix(p, "/segment-cdn/v1/projects/"):
		// Segment's settings: its API (integration "Segment.io") here.
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"integrations": {"Segment.io": {"apiKey": "segkeysdkshop", "apiHost": %q, "protocol": "http"}}, "plan": {}}`, r.Host+"/collect/segment/v1")
	case strings.HasPrefix(p, "/segment-cdn/analytics-next/bundles/"):
		name := filepath.Base(p)
		b, err := os.ReadFile(filepath.Join(TrackersDir(), "node_modules", "@segment", "analytics-next", "dist", "umd", name))
		if err != nil || !strings.HasSuffix(name, ".js") {
			http.NotFound(w, r)
			return true
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(b)
	case strings.HasPrefix(p, "/collect/"):
		// Every SDK accepts an empty JSON answer to its calls.
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{}"))
	case p == "/broken.html":
		http.Error(w, "the database is down", http.StatusInternalServerError)
	default:
		return false
	}
	return true
}
