package policy

import (
	"strconv"
	"strings"

	"github.com/consentwasm/consent/policy/jsontext"
)

// Causes of a consent cookie that the browser did not store (the cause
// field of consent:error).
const (
	// StoreBlocked: the browser stores no cookies for the page (a privacy
	// setting, an extension, a sandboxed frame).
	StoreBlocked = "blocked"
	// StoreDomain: consentCookie.domain is not the page's host nor a
	// domain above it, or is a public suffix.
	StoreDomain = "domain"
	// StoreSameSiteNone: sameSite "None" on an http page; browsers need
	// Secure for it and refuse Secure over http.
	StoreSameSiteNone = "samesite-none"
	// StorePrefix: a __Secure- or __Host- name whose rules the page or the
	// policy breaks.
	StorePrefix = "prefix"
	// StoreShadowed: a cookie of the same name that the script cannot
	// overwrite exists (set by the server with HttpOnly, or with Secure
	// from https while the page is http).
	StoreShadowed = "shadowed"
)

// StoreCheck is what a page saw when it wrote the consent cookie.
type StoreCheck struct {
	// Host is location.hostname, Secure true on https.
	Host   string
	Secure bool
	// Value is the value written.
	Value string
	// Cookies is document.cookie read back right after the write.
	Cookies []CookiePair
	// WriteFailed is true when the assignment to document.cookie threw.
	WriteFailed bool
	// CookiesDisabled is true when navigator.cookieEnabled is false.
	CookiesDisabled bool
	// ProbeStored is true when a cookie of another name (ProbeCookie),
	// written with the same attributes, was stored.
	ProbeStored bool
}

// Stored reports whether the consent cookie holds value after the write.
func (c StoreCheck) Stored(p *Policy) bool {
	if p == nil {
		return false
	}
	for _, k := range c.Cookies {
		if k.Name == p.ConsentCookieName() && k.Value == c.Value {
			return true
		}
	}
	return false
}

// StoreProblem says why the consent cookie was not stored: a cause (one
// of the Store* constants) and a message for the site's developer, or
// "", "" when it was stored. The causes a page cannot tell apart by what
// it sees are told apart by the probe: a cookie of another name with the
// same attributes that is stored means the name itself is taken.
func StoreProblem(p *Policy, c StoreCheck) (cause, message string) {
	if p == nil || c.Stored(p) {
		return "", ""
	}
	name := p.ConsentCookieName()
	host := strings.ToLower(strings.TrimSuffix(c.Host, "."))
	switch {
	case c.WriteFailed || c.CookiesDisabled:
		return StoreBlocked, "the browser blocks cookies for this page (a privacy setting, an extension or a sandboxed frame)"
	}
	if d := p.ConsentCookie.Domain; d != "" {
		if msg := DomainProblem(d, host); msg != "" {
			return StoreDomain, msg
		}
	}
	if msg := prefixProblem(p, c.Secure); msg != "" {
		return StorePrefix, msg
	}
	if p.SameSite() == "None" && !c.Secure {
		return StoreSameSiteNone, `consentCookie.sameSite "None" needs https: browsers refuse SameSite=None without Secure, and Secure on an http page like this one`
	}
	other := false
	for _, k := range c.Cookies {
		if k.Name == name {
			other = true
		}
	}
	if c.ProbeStored || other {
		return StoreShadowed, "a cookie named " + strconv.Quote(name) + " that this script cannot overwrite is already set " +
			"(by the server with HttpOnly, or with Secure from https): stop the server from setting it, or give consentCookie another name"
	}
	return StoreBlocked, "the browser did not store the consent cookie: cookies are blocked for this site (a privacy setting or an extension), or its cookie jar is full"
}

// DomainProblem says why a page on host cannot set a cookie with Domain d
// (RFC 6265 §5.3 step 5–6): d must be a public suffix no more, and host
// must domain-match it (§5.1.3). "" when it can.
func DomainProblem(d, host string) string {
	bare := strings.TrimPrefix(strings.ToLower(d), ".")
	switch {
	case IsPublicSuffix(bare):
		return "consentCookie.domain " + strconv.Quote(d) + " is a public suffix: browsers refuse cookies for it"
	case host == bare:
		return ""
	case cookieIsIP(host) || !strings.HasSuffix(host, "."+bare):
		return "consentCookie.domain " + strconv.Quote(d) + " is not this page's host (" + host +
			") nor a domain above it: browsers refuse the cookie"
	}
	return ""
}

// prefixProblem says which rule of its name's prefix (RFC 6265bis
// §4.1.3) the consent cookie breaks: both prefixes need https, __Host-
// also no Domain and Path "/". "" when none.
func prefixProblem(p *Policy, secure bool) string {
	name := p.ConsentCookieName()
	host := strings.HasPrefix(name, "__Host-")
	if !host && !strings.HasPrefix(name, "__Secure-") {
		return ""
	}
	prefix, _, _ := strings.Cut(name[2:], "-")
	prefix = "__" + prefix + "-"
	if !secure {
		return "the consent cookie's name " + strconv.Quote(name) + " starts with " + prefix + ", which browsers only accept from https pages"
	}
	if host && (p.ConsentCookie.Domain != "" || (p.ConsentCookie.Path != "" && p.ConsentCookie.Path != "/")) {
		return "the consent cookie's name " + strconv.Quote(name) + " starts with __Host-, which browsers only accept without consentCookie.domain and with path \"/\""
	}
	return ""
}

// ProbeName is the name of the probe cookie that StoreProblem's check
// writes next to the consent cookie.
func ProbeName(p *Policy) string {
	return p.ConsentCookieName() + "_probe"
}

// ProbeCookie returns the document.cookie assignments that write and then
// delete a probe cookie (ProbeName, value "1") with the consent cookie's
// attributes.
func ProbeCookie(p *Policy, secure bool) (set, del string) {
	if p == nil {
		return "", ""
	}
	s := SetConsentCookie(p, "1", secure)
	rest := s[len(p.ConsentCookieName()):]
	d := ConsentCookieDeletion(p)
	d.Name = ProbeName(p)
	d.Secure = secure || p.SameSite() == "None"
	return ProbeName(p) + rest, d.String()
}

// StoreErrorJSON is consent:error's detail for a choice that was not
// stored: {message, cause}.
func StoreErrorJSON(cause, message string) string {
	var w jsontext.Writer
	w.BeginObject()
	w.KeyStr("message", "the choice could not be stored and applies to this page view only: "+message)
	w.KeyStr("cause", cause)
	w.EndObject()
	return w.String()
}
