// Package editor is `consent edit`: a local web page that edits a policy
// file without writing JSON, validates it as you type with the same Go
// validator as `consent validate`, shows the real banner (the built
// consent.js and wasm) beside it on a sample page, and saves the file
// atomically once it validates.
//
// The server is meant for one person on their own machine, the way
// `go tool pprof -http` is: it listens on loopback, every path starts
// with a random per-run token, and a request whose Host or Origin is not
// the editor's own is refused, so that neither another local page nor a
// DNS-rebinding one can read or drive it.
package editor

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
)

// Options say what the editor edits and serves.
type Options struct {
	// Path is where Save writes the policy.
	Path string
	// Initial is the policy text the editor opens with.
	Initial []byte
	// Notes are shown above the form: what an import could not carry
	// over, where a draft came from.
	Notes []string
	// Web is the directory of a web build (consent.js, its wasm and
	// consent.css: web/dist after `make build`); empty: no preview.
	Web string
	// Token is the secret path prefix; empty: a random one.
	Token string
	// Addr is the address the server listens on ("127.0.0.1:8090"): the
	// Host a request must name.
	Addr string
	// AnyHost accepts every Host header (a non-loopback address the
	// user asked for); the token is still required.
	AnyHost bool
}

// Server is the editor's HTTP handler and its state: the policy file's
// path and the latest valid text, which the preview shows.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu      sync.Mutex
	preview []byte // the latest text that validated
	version int    // raised with every new preview
}

// New returns the editor's server.
func New(o Options) (*Server, error) {
	if o.Token == "" {
		t, err := NewToken()
		if err != nil {
			return nil, err
		}
		o.Token = t
	}
	s := &Server{opts: o}
	if _, err := parsePolicy(o.Initial); err == nil {
		s.preview = o.Initial
	}
	s.routes()
	return s, nil
}

// NewToken returns 128 random bits in hex: the path prefix that keeps
// other pages from reaching the editor.
func NewToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("editor: a random token: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Token returns the secret path prefix.
func (s *Server) Token() string { return s.opts.Token }

// URL returns the editor's address for a browser: "http://ADDR/TOKEN/".
func (s *Server) URL() string { return "http://" + s.opts.Addr + "/" + s.opts.Token + "/" }

// ServeHTTP checks the request (token, Host, Origin) and serves it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if msg, code := s.refuse(r); code != 0 {
		http.Error(w, msg, code)
		return
	}
	// The token is in every URL: no page the preview loads may see it.
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}
