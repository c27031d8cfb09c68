package scan

import (
	"net"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// RegistrableDomain returns the part of a host name a site registers
// ("www.example.co.uk" → "example.co.uk", "user.github.io" stays): what
// first- and third-party are measured against, from the Public Suffix
// List (golang.org/x/net/publicsuffix, native code only: the wasm has
// its own small rules). An IP address, a single label or a public suffix
// itself is its own.
func RegistrableDomain(host string) string {
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "."), "."))
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return host
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// SameSite reports whether two hosts share a registrable domain.
func SameSite(a, b string) bool {
	return RegistrableDomain(a) == RegistrableDomain(b)
}

// skippedExtensions are links to files that are not web pages.
var skippedExtensions = map[string]bool{
	".pdf": true, ".zip": true, ".gz": true, ".tgz": true, ".rar": true, ".7z": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".mp3": true, ".mp4": true, ".webm": true, ".ogg": true, ".wav": true, ".avi": true, ".mov": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".odt": true,
	".ods": true, ".csv": true, ".json": true, ".xml": true, ".txt": true, ".exe": true, ".dmg": true,
	".css": true, ".js": true, ".wasm": true, ".woff": true, ".woff2": true,
}

// normalizeLink resolves a link found on a page for the crawl: it returns
// the absolute URL without fragment, and false for links that are not
// web pages of the site (other sites, other schemes, files).
func normalizeLink(site string, raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	if RegistrableDomain(u.Hostname()) != site {
		return "", false
	}
	if skippedExtensions[strings.ToLower(path.Ext(u.Path))] {
		return "", false
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), true
}
