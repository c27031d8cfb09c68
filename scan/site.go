package scan

import (
	"net"
	"net/url"
	"path"
	"strings"
)

// secondLevel lists common public suffixes of two labels, under which
// sites register their names (example.co.uk). A host under one of them
// has a registrable domain of three labels. The list is short on purpose:
// it only decides which cookies and hosts are first-party.
var secondLevel = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`
		co.uk org.uk gov.uk ac.uk me.uk ltd.uk plc.uk net.uk sch.uk nhs.uk
		com.au net.au org.au edu.au gov.au asn.au id.au
		co.jp ne.jp or.jp ac.jp go.jp
		com.br net.br org.br gov.br
		co.nz org.nz net.nz govt.nz ac.nz
		co.za org.za gov.za ac.za
		gouv.fr asso.fr nom.fr
		com.cn net.cn org.cn gov.cn edu.cn
		com.mx org.mx gob.mx com.ar gob.ar com.tr gov.tr
		co.in net.in org.in gov.in co.kr or.kr go.kr com.sg gov.sg
		com.hk gov.hk com.tw gov.tw co.il org.il gov.il com.pl gov.pl
		co.at or.at gv.at com.es org.es gob.es com.pt gov.pt
		co.id go.id com.my gov.my com.ph gov.ph com.vn gov.vn com.ua gov.ua
		co.th go.th com.sa gov.sa com.eg gov.eg com.ng gov.ng co.ke go.ke
		github.io gitlab.io netlify.app vercel.app pages.dev workers.dev
		herokuapp.com appspot.com blogspot.com azurewebsites.net cloudfront.net
		web.app firebaseapp.com`) {
		secondLevel[s] = true
	}
}

// RegistrableDomain returns the part of a host name a site registers
// ("www.example.co.uk" → "example.co.uk"): what first- and third-party are
// measured against. An IP address or a single label is its own.
func RegistrableDomain(host string) string {
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "."), "."))
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return host
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	if n >= 3 && secondLevel[labels[n-2]+"."+labels[n-1]] {
		return strings.Join(labels[n-3:], ".")
	}
	return labels[n-2] + "." + labels[n-1]
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
