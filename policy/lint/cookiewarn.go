package lint

import (
	"strconv"
	"strings"

	"github.com/consentwasm/consent/policy"
)

// warnConsentCookie warns about consentCookie settings with which browsers
// refuse the consent cookie on some or every page, so that the banner
// returns on each of them (the browser then says why in consent:error;
// see StoreProblem): sameSite "None" (https only), a Domain that is a
// public suffix or that the policyUrl's host is not under, and the rules
// of the __Secure- and __Host- name prefixes.
func warnConsentCookie(p *policy.Policy) policy.Problems {
	var ws policy.Problems
	cc := p.ConsentCookie
	name := p.ConsentCookieName()
	if p.SameSite() == "None" {
		ws = append(ws, policy.Problem{Pointer: "/consentCookie/sameSite", Message: `"None" works on https pages only: browsers refuse SameSite=None without Secure, and Secure over http, so visitors of http pages are asked on every page`})
	}
	if cc.Domain != "" {
		bare := strings.TrimPrefix(strings.ToLower(cc.Domain), ".")
		if policy.IsPublicSuffix(bare) {
			ws = append(ws, policy.Problem{Pointer: "/consentCookie/domain", Message: strconv.Quote(cc.Domain) + " is a public suffix: browsers refuse cookies for it, so no choice is ever stored"})
		} else if host := policyURLHost(p.PolicyURL); host != "" {
			if msg := policy.DomainProblem(cc.Domain, host); msg != "" {
				ws = append(ws, policy.Problem{Pointer: "/consentCookie/domain", Message: strconv.Quote(cc.Domain) + " is not the host of policyUrl (" + host + ") nor a domain above it: browsers refuse the consent cookie on that site"})
			}
		}
	}
	switch {
	case strings.HasPrefix(name, "__Host-") && cc.Domain != "":
		ws = append(ws, policy.Problem{Pointer: "/consentCookie/domain", Message: "a __Host- cookie may have no Domain: browsers refuse " + strconv.Quote(name) + " with one"})
	case strings.HasPrefix(name, "__Host-") && cc.Path != "" && cc.Path != "/":
		ws = append(ws, policy.Problem{Pointer: "/consentCookie/path", Message: `a __Host- cookie must have Path "/": browsers refuse ` + strconv.Quote(name) + " with " + strconv.Quote(cc.Path)})
	}
	if strings.HasPrefix(name, "__Host-") || strings.HasPrefix(name, "__Secure-") {
		ws = append(ws, policy.Problem{Pointer: "/consentCookie/name", Message: strconv.Quote(name) + " works on https pages only: browsers refuse its prefix over http"})
	}
	return ws
}

// policyURLHost is the host of an absolute http(s) policyUrl, else "".
// (net/url would cost every visitor's wasm bytes for this one warning.)
func policyURLHost(s string) string {
	lower := strings.ToLower(s)
	rest, ok := strings.CutPrefix(lower, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(lower, "http://"); !ok {
			return ""
		}
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		return ""
	}
	host, _, _ := strings.Cut(rest, ":")
	return host
}
