package policy

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrNoCookie is FindConsent's error when the page has no consent cookie.
var ErrNoCookie = errors.New("no consent cookie")

// CookiePair is one name=value pair of document.cookie.
type CookiePair struct{ Name, Value string }

// ParseCookieString splits document.cookie ("a=b; c=d") into its pairs, in
// order and keeping duplicates (a cookie of the same name set on two domains
// or paths appears twice). Spaces and tabs around names and values are
// trimmed; a pair without '=' has the name "" and the whole pair as value,
// as browsers store it; empty pairs are skipped. Values are returned as they
// are, quotes included.
func ParseCookieString(s string) []CookiePair {
	var out []CookiePair
	for len(s) > 0 {
		var part string
		part, s, _ = strings.Cut(s, ";")
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			name, value = "", name
		}
		name = strings.Trim(name, " \t")
		value = strings.Trim(value, " \t")
		if name == "" && value == "" {
			continue
		}
		out = append(out, CookiePair{Name: name, Value: value})
	}
	return out
}

// ConsentCookieName is the policy's consent cookie name (Parse fills in
// the default).
func (p *Policy) ConsentCookieName() string {
	return p.ConsentCookie.Name
}

// FindConsent returns the newest valid consent record among the page's
// cookies. The consent cookie may appear several times (set on two domains
// or paths with different values); values that do not decode are passed
// over. Without a consent cookie the error is ErrNoCookie; when none of them
// decodes, it is the reason the first one is no choice.
func FindConsent(p *Policy, pairs []CookiePair, now time.Time) (*Record, error) {
	if p == nil {
		return nil, errors.New("no policy")
	}
	name := p.ConsentCookieName()
	var best *Record
	var firstErr error
	found := 0
	for _, c := range pairs {
		if c.Name != name {
			continue
		}
		found++
		r, err := DecodeRecord(p, c.Value, now)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if best == nil || r.Timestamp > best.Timestamp {
			best = r
		}
	}
	switch {
	case best != nil:
		return best, nil
	case found == 0:
		return nil, ErrNoCookie
	case found == 1:
		return nil, errors.New("consent cookie " + name + ": " + firstErr.Error())
	default:
		return nil, errors.New("none of the " + strconv.Itoa(found) + " consent cookies " + name +
			" is valid; the first: " + firstErr.Error())
	}
}

// SameSite returns the policy's SameSite value, spelled as browsers
// document it (Parse fills in the default and the spelling).
func (p *Policy) SameSite() string {
	return p.ConsentCookie.SameSite
}

// SetConsentCookie returns the document.cookie assignment that stores value
// as the consent cookie: name=value; Path; Domain (when the policy sets
// one); Max-Age; SameSite; and Secure on https (secure) and always with
// SameSite=None, which browsers reject without it.
func SetConsentCookie(p *Policy, value string, secure bool) string {
	if p == nil {
		return ""
	}
	return consentCookieFor(p, value, secure, int64(consentMaxAgeDays(p))*24*60*60)
}

// consentCookieFor is SetConsentCookie with a Max-Age in seconds.
func consentCookieFor(p *Policy, value string, secure bool, maxAge int64) string {
	cc := p.ConsentCookie
	path := cc.Path
	var sb strings.Builder
	sb.WriteString(p.ConsentCookieName())
	sb.WriteByte('=')
	sb.WriteString(value)
	sb.WriteString("; Path=")
	sb.WriteString(path)
	if cc.Domain != "" {
		sb.WriteString("; Domain=")
		sb.WriteString(cc.Domain)
	}
	sb.WriteString("; Max-Age=")
	sb.WriteString(strconv.FormatInt(maxAge, 10))
	ss := p.SameSite()
	sb.WriteString("; SameSite=")
	sb.WriteString(ss)
	if secure || ss == "None" {
		sb.WriteString("; Secure")
	}
	return sb.String()
}

// ConsentCookieDeletion returns the deletion of the consent cookie as
// SetConsentCookie writes it (for consent.reset()).
func ConsentCookieDeletion(p *Policy) Deletion {
	if p == nil {
		return Deletion{}
	}
	return Deletion{Name: p.ConsentCookieName(), Domain: p.ConsentCookie.Domain, Path: p.ConsentCookie.Path}
}

// Deletion is one (name, domain, path, partition) a cookie may have been
// set with.
type Deletion struct {
	Name string
	// Domain is the Domain attribute; "" means a host-only cookie.
	Domain string
	Path   string
	// Secure adds the Secure attribute (on https, where every deletion
	// carries it: the __Secure- and __Host- prefixes require it, and a
	// cookie set with Secure can only be replaced by a secure page).
	Secure bool
	// Partitioned adds the Partitioned attribute (CHIPS): a partitioned
	// cookie lives in its own jar, keyed by the top-level site, and only a
	// write with Partitioned reaches it. It implies Secure.
	Partitioned bool
}

// String returns the document.cookie assignment that deletes the cookie:
// "name=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/x[; Domain=d][; Secure][; Partitioned]".
// Names with the __Secure- or __Host- prefix always get the Secure
// attribute their prefix requires (RFC 6265bis §4.1.3).
func (d Deletion) String() string {
	path := d.Path
	if path == "" {
		path = "/"
	}
	s := d.Name + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=" + path
	if d.Domain != "" {
		s += "; Domain=" + d.Domain
	}
	if d.Secure || d.Partitioned || strings.HasPrefix(d.Name, "__Secure-") || strings.HasPrefix(d.Name, "__Host-") {
		s += "; Secure"
	}
	if d.Partitioned {
		s += "; Partitioned"
	}
	return s
}

// DeletionsFor returns the deletions of DeletionsOn for an http page.
func DeletionsFor(name, host, path string) []Deletion {
	return DeletionsOn(name, host, path, false)
}

// DeletionsOn returns every (domain, path) a cookie visible on the page
// host/path can have been set with, since document.cookie shows neither and
// a cookie is only deleted with the ones it was set with.
//
// Domains, in order: host-only (""), then host and ".host", then each parent
// domain without and with the leading dot, stopping before a public suffix
// (see cookieDomains). Paths, shortest first: every cookie-path that
// path-matches the page's path (see cookiePaths). A __Host- cookie is
// always host-only with Path=/ (RFC 6265bis §4.1.3.2).
//
// On https (secure) every deletion carries Secure, and each is followed by
// its Partitioned twin, which deletes a CHIPS cookie of the same name that
// the page set in its own (top-level) partition. Partitioned cookies of
// third-party frames live in partitions the page cannot see or write. On
// http neither is written: browsers refuse Secure and Partitioned from an
// insecure page, and such a page cannot see secure cookies anyway.
func DeletionsOn(name, host, path string, secure bool) []Deletion {
	domains := cookieDomains(host)
	paths := cookiePaths(path)
	if strings.HasPrefix(name, "__Host-") {
		domains, paths = []string{""}, []string{"/"}
	}
	n := len(domains) * len(paths)
	if secure {
		n *= 2
	}
	out := make([]Deletion, 0, n)
	for _, d := range domains {
		for _, p := range paths {
			out = append(out, Deletion{Name: name, Domain: d, Path: p, Secure: secure})
			if secure {
				out = append(out, Deletion{Name: name, Domain: d, Path: p, Secure: true, Partitioned: true})
			}
		}
	}
	return out
}

// cookieDomains lists the Domain attributes a cookie visible on host can
// have: "" (host-only), then every domain that host domain-matches (RFC 6265
// §5.1.3: the host itself, or the host ends with "." + the domain, and the
// host is no IP address), each without and with the leading dot that RFC
// 6265 §5.2.3 ignores but older browsers did not. A user agent rejects a
// Domain attribute that is a public suffix (RFC 6265 §5.3 step 5), so bare
// TLDs and the common multi-label suffixes of publicSuffixes are skipped; IP
// addresses and single-label hosts such as localhost are host-only.
func cookieDomains(host string) []string {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, " \t"), "."))
	if i := strings.LastIndexByte(host, ':'); i >= 0 && strings.Count(host, ":") == 1 {
		host = host[:i] // a port; IPv6 addresses have several colons
	}
	out := []string{""}
	if host == "" || cookieIsIP(host) || !strings.Contains(host, ".") || IsPublicSuffix(host) {
		return out
	}
	for d := host; strings.Contains(d, ".") && !IsPublicSuffix(d); {
		out = append(out, d, "."+d)
		_, d, _ = strings.Cut(d, ".")
	}
	return out
}

// cookieIsIP reports whether host is an IP address: IPv6 (it has a colon or
// is bracketed) or IPv4 (its last label is numeric, which no TLD is).
func cookieIsIP(host string) bool {
	if strings.ContainsAny(host, ":[]") {
		return true
	}
	last := host[strings.LastIndexByte(host, '.')+1:]
	return last != "" && strings.Trim(last, "0123456789") == ""
}

// publicSuffixes holds common multi-label public suffixes (from the Public
// Suffix List, https://publicsuffix.org) under which sites set cookies. It
// is deliberately short: a suffix missing here only costs a deletion the
// browser ignores. Hosting platforms whose customers are separate sites
// (github.io, netlify.app, …) are among them. Sorted, for a binary search:
// an array of constants is static data, where a map would be built by an
// init function before main on every page load.
var publicSuffixes = [...]string{
	"ac.jp", "ac.nz", "ac.uk", "ac.za", "appspot.com", "asn.au", "asso.fr",
	"azurewebsites.net", "blogspot.com", "cloudfront.net", "co.at", "co.id",
	"co.il", "co.in", "co.jp", "co.ke", "co.kr", "co.nz", "co.th", "co.uk",
	"co.za", "com.ar", "com.au", "com.br", "com.cn", "com.eg", "com.es",
	"com.hk", "com.mx", "com.my", "com.ng", "com.ph", "com.pl", "com.pt",
	"com.sa", "com.sg", "com.tr", "com.tw", "com.ua", "com.vn", "edu.au",
	"edu.cn", "firebaseapp.com", "github.io", "gitlab.io", "go.id", "go.jp",
	"go.ke", "go.kr", "go.th", "gob.ar", "gob.es", "gob.mx", "gouv.fr",
	"gov.au", "gov.br", "gov.cn", "gov.eg", "gov.hk", "gov.il", "gov.in",
	"gov.my", "gov.ng", "gov.ph", "gov.pl", "gov.pt", "gov.sa", "gov.sg",
	"gov.tr", "gov.tw", "gov.ua", "gov.uk", "gov.vn", "gov.za", "govt.nz",
	"gv.at", "herokuapp.com", "ltd.uk", "me.uk", "ne.jp", "net.au", "net.br",
	"net.cn", "net.in", "net.nz", "net.uk", "netlify.app", "nhs.uk", "nom.fr",
	"or.at", "or.jp", "or.kr", "org.au", "org.br", "org.cn", "org.es", "org.il",
	"org.in", "org.mx", "org.nz", "org.uk", "org.za", "pages.dev", "plc.uk",
	"police.uk", "sch.uk", "vercel.app", "web.app", "workers.dev",
}

// IsPublicSuffix reports whether a domain is a single-label TLD or one of
// publicSuffixes.
func IsPublicSuffix(domain string) bool {
	if !strings.Contains(domain, ".") {
		return true
	}
	_, found := slices.BinarySearch(publicSuffixes[:], domain)
	return found
}

// cookiePaths lists every cookie-path that path-matches the request path
// (RFC 6265 §5.1.4: identical, or a prefix of it that ends in "/" or is
// followed by "/"), shortest first: for "/a/b/c.html" that is "/", "/a",
// "/a/", "/a/b", "/a/b/" and "/a/b/c.html". A query or fragment is ignored;
// a path not starting with "/" counts as "/" (the default-path rule of
// §5.1.4).
func cookiePaths(path string) []string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if !strings.HasPrefix(path, "/") {
		path = "/"
	}
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			if i > 0 {
				add(path[:i])
			}
			add(path[:i+1])
		}
	}
	add(path)
	return out
}
