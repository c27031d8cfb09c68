package lint

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

func TestWarnConsentCookie(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cc        policy.ConsentCookie
		policyURL string
		want      []string // "pointer: part of the message"
	}{
		{"the defaults", policy.ConsentCookie{Name: "cookies_preferences", Path: "/", SameSite: "Lax"}, "", nil},
		{"SameSite None", policy.ConsentCookie{Name: "c", SameSite: "None"}, "", []string{"/consentCookie/sameSite: \"None\" works on https pages only"}},
		{"a public suffix", policy.ConsentCookie{Name: "c", Domain: ".co.uk"}, "", []string{"/consentCookie/domain: \".co.uk\" is a public suffix"}},
		{"a parent of the policyUrl's host", policy.ConsentCookie{Name: "c", Domain: ".example.org"}, "https://www.example.org/cookies", nil},
		{"not above the policyUrl's host", policy.ConsentCookie{Name: "c", Domain: "other.org"}, "https://user@www.example.org:8443/cookies?x#y",
			[]string{"/consentCookie/domain: \"other.org\" is not the host of policyUrl (www.example.org)"}},
		{"a relative policyUrl says nothing", policy.ConsentCookie{Name: "c", Domain: "other.org"}, "/cookies", nil},
		{"__Host- with a domain", policy.ConsentCookie{Name: "__Host-c", Domain: "example.org"}, "",
			[]string{"/consentCookie/domain: a __Host- cookie may have no Domain", "/consentCookie/name: \"__Host-c\" works on https pages only"}},
		{"__Host- with a path", policy.ConsentCookie{Name: "__Host-c", Path: "/shop"}, "",
			[]string{"/consentCookie/path: a __Host- cookie must have Path \"/\"", "/consentCookie/name:"}},
		{"__Secure-", policy.ConsentCookie{Name: "__Secure-c", Path: "/shop"}, "", []string{"/consentCookie/name: \"__Secure-c\" works on https pages only"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &policy.Policy{}
			p.ConsentCookie, p.PolicyURL = tc.cc, tc.policyURL
			got := warnConsentCookie(p)
			if len(got) != len(tc.want) {
				t.Fatalf("warnings %v, want %d: %v", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].String(), w) {
					t.Errorf("warning %d = %q, want it to start %q", i, got[i].String(), w)
				}
			}
			// Warnings reports them too (consent validate prints those).
			all := Warnings(p)
			for _, w := range got {
				found := false
				for _, a := range all {
					found = found || a == w
				}
				if !found {
					t.Errorf("Warnings does not report %q", w)
				}
			}
		})
	}
}
