package policy

import (
	"strings"
	"testing"
)

func TestStoreProblem(t *testing.T) {
	base := func(mod func(*ConsentCookie)) *Policy {
		p := recTestPolicy()
		if mod != nil {
			mod(&p.ConsentCookie)
		}
		return p
	}
	stored := []CookiePair{{Name: "cookies_preferences", Value: "v"}}
	for _, tc := range []struct {
		name  string
		p     *Policy
		check StoreCheck
		cause string
		msg   string
	}{
		{"stored", base(nil), StoreCheck{Host: "example.org", Value: "v", Cookies: stored}, "", ""},
		{"stored among others of the same name", base(nil), StoreCheck{Host: "example.org", Value: "v",
			Cookies: []CookiePair{{Name: "cookies_preferences", Value: "old"}, {Name: "cookies_preferences", Value: "v"}}}, "", ""},
		{"the write threw", base(nil), StoreCheck{Host: "example.org", Value: "v", WriteFailed: true}, StoreBlocked, "blocks cookies"},
		{"cookies disabled", base(nil), StoreCheck{Host: "example.org", Value: "v", CookiesDisabled: true}, StoreBlocked, "blocks cookies"},
		{"a domain the host is not under", base(func(c *ConsentCookie) { c.Domain = "other.test" }),
			StoreCheck{Host: "www.example.test", Value: "v"}, StoreDomain, `"other.test" is not this page's host (www.example.test)`},
		{"a domain that only ends like the host", base(func(c *ConsentCookie) { c.Domain = "ample.test" }),
			StoreCheck{Host: "example.test", Value: "v"}, StoreDomain, "nor a domain above it"},
		{"a domain on an IP address", base(func(c *ConsentCookie) { c.Domain = "0.0.1" }),
			StoreCheck{Host: "127.0.0.1", Value: "v"}, StoreDomain, "is not this page's host (127.0.0.1)"},
		{"a public suffix", base(func(c *ConsentCookie) { c.Domain = ".co.uk" }),
			StoreCheck{Host: "shop.co.uk", Value: "v"}, StoreDomain, "public suffix"},
		{"a parent domain is fine: then the cookie is blocked", base(func(c *ConsentCookie) { c.Domain = ".example.test" }),
			StoreCheck{Host: "www.example.test", Value: "v"}, StoreBlocked, "did not store"},
		{"SameSite=None over http", base(func(c *ConsentCookie) { c.SameSite = "None" }),
			StoreCheck{Host: "example.org", Value: "v"}, StoreSameSiteNone, `"None" needs https`},
		{"SameSite=None over https, probe stored: shadowed", base(func(c *ConsentCookie) { c.SameSite = "None" }),
			StoreCheck{Host: "example.org", Secure: true, Value: "v", ProbeStored: true}, StoreShadowed, "HttpOnly"},
		{"__Secure- over http", base(func(c *ConsentCookie) { c.Name = "__Secure-consent" }),
			StoreCheck{Host: "example.org", Value: "v"}, StorePrefix, "starts with __Secure-, which browsers only accept from https"},
		{"__Host- with a domain", base(func(c *ConsentCookie) { c.Name = "__Host-consent"; c.Domain = "example.org" }),
			StoreCheck{Host: "example.org", Secure: true, Value: "v"}, StorePrefix, "without consentCookie.domain"},
		{"an HttpOnly cookie of the same name: the probe is stored", base(nil),
			StoreCheck{Host: "example.org", Value: "v", ProbeStored: true}, StoreShadowed, `"cookies_preferences" that this script cannot overwrite`},
		{"a visible cookie of the same name that stays", base(nil),
			StoreCheck{Host: "example.org", Value: "v", Cookies: []CookiePair{{Name: "cookies_preferences", Value: "server"}}}, StoreShadowed, "cannot overwrite"},
		{"nothing stored, nothing explains it", base(nil), StoreCheck{Host: "example.org", Value: "v"}, StoreBlocked, "blocked for this site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cause, msg := StoreProblem(tc.p, tc.check)
			if cause != tc.cause || !strings.Contains(msg, tc.msg) || (tc.msg == "") != (msg == "") {
				t.Errorf("StoreProblem = %q, %q; want %q and a message containing %q", cause, msg, tc.cause, tc.msg)
			}
		})
	}
}

func TestProbeCookie(t *testing.T) {
	p := recTestPolicy()
	p.ConsentCookie = ConsentCookie{Name: "consent", Domain: ".example.org", Path: "/", SameSite: "None", MaxAgeDays: 30}
	set, del := ProbeCookie(p, true)
	if want := "consent_probe=1; Path=/; Domain=.example.org; Max-Age=2592000; SameSite=None; Secure"; set != want {
		t.Errorf("probe = %q, want %q: the consent cookie's attributes under another name", set, want)
	}
	if want := "consent_probe=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=.example.org; Secure"; del != want {
		t.Errorf("probe deletion = %q, want %q", del, want)
	}
}

func TestStoreErrorJSON(t *testing.T) {
	got := StoreErrorJSON(StoreDomain, `x "y"`)
	want := `{"message":"the choice could not be stored and applies to this page view only: x \"y\"","cause":"domain"}`
	if got != want {
		t.Errorf("StoreErrorJSON = %s, want %s", got, want)
	}
}
