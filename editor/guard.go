package editor

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// refuse says why a request may not reach the editor, with its status
// code, or returns code 0. Every path starts with "/TOKEN/"; the Host
// must be the editor's address (or localhost at its port), so that a
// DNS-rebinding page, whose Host is its own name, is refused; a request
// with an Origin (every fetch and form post) must come from the editor's
// own origin; a cross-site request is refused whatever it carries.
func (s *Server) refuse(r *http.Request) (string, int) {
	prefix := "/" + s.opts.Token + "/"
	p := r.URL.Path
	if len(p) < len(prefix) || subtle.ConstantTimeCompare([]byte(p[:len(prefix)]), []byte(prefix)) != 1 {
		return "not found: the editor's address is the URL `consent edit` printed, with its token", http.StatusNotFound
	}
	if !s.opts.AnyHost && !s.hostAllowed(r.Host) {
		return "forbidden: Host " + r.Host + " is not the editor's address", http.StatusForbidden
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || u.Host != r.Host {
			return "forbidden: a request from another origin (" + o + ")", http.StatusForbidden
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "forbidden: a cross-site request", http.StatusForbidden
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Header.Get("Origin") == "" &&
		r.Header.Get("Sec-Fetch-Site") != "" && r.Header.Get("Sec-Fetch-Site") != "same-origin" {
		return "forbidden: a change from another site", http.StatusForbidden
	}
	return "", 0
}

// hostAllowed reports whether a Host header names the editor: its
// address, or localhost, 127.0.0.1 or [::1] at its port.
func (s *Server) hostAllowed(host string) bool {
	if strings.EqualFold(host, s.opts.Addr) {
		return true
	}
	_, port, err := net.SplitHostPort(s.opts.Addr)
	if err != nil {
		return false
	}
	h, p, err := net.SplitHostPort(host)
	if err != nil || p != port {
		return false
	}
	switch strings.ToLower(h) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// IsLoopback reports whether a listen address ("127.0.0.1:8090",
// "localhost:0", "[::1]:8090") stays on this machine. An empty host (":8090")
// listens everywhere and is not loopback.
func IsLoopback(addr string) bool {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
