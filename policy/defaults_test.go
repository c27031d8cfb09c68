package policy

import (
	"slices"
	"testing"
)

// TestParseFillsEveryDefault: defaults are filled once, at parse, so that
// every later reader (the cookie writer, the record's expiry, the views,
// ui.js) sees a complete policy and fills nothing in again. The values are
// the ones docs/policy.md documents (docs_test checks the constants there).
func TestParseFillsEveryDefault(t *testing.T) {
	p := mustParse(t, `{"categories": [{"id": "n", "required": true, "label": "N"}, {"id": "s", "label": "S"}],
	  "services": [{"id": "m", "category": "s", "provider": "Matomo", "cookies": [{"name": "_pk"}]}]}`)
	want := ConsentCookie{Name: DefaultConsentCookieName, Path: DefaultConsentCookiePath, SameSite: DefaultSameSite, MaxAgeDays: DefaultMaxAgeDays}
	if p.ConsentCookie != want {
		t.Errorf("consentCookie = %+v, want %+v", p.ConsentCookie, want)
	}
	if !slices.Equal(p.Languages, []string{"en"}) || p.GPC != GPCReject || p.Layout != "bar" || p.Theme != "auto" || p.Reopen != ReopenButton {
		t.Errorf("languages %v gpc %q layout %q theme %q reopen %q", p.Languages, p.GPC, p.Layout, p.Theme, p.Reopen)
	}
	if s := p.Service("m"); s.Label.In("en", "en") != "Matomo" || s.Cookies[0].Storage != StorageCookie {
		t.Errorf("service label %v, cookie storage %q", s.Label, s.Cookies[0].Storage)
	}
	// The readers use what Parse filled, and only that.
	if got := SetConsentCookie(p, "V", false); got != "cookies_preferences=V; Path=/; Max-Age=15724800; SameSite=Lax" {
		t.Errorf("SetConsentCookie = %q", got)
	}
	p.ConsentCookie.SameSite = "Strict"
	p.ConsentCookie.Path = "/shop"
	if got := ConsentCookieDeletion(p); got.Path != "/shop" || got.Name != DefaultConsentCookieName {
		t.Errorf("deletion = %+v", got)
	}
	if got := SetConsentCookie(p, "V", false); got != "cookies_preferences=V; Path=/shop; Max-Age=15724800; SameSite=Strict" {
		t.Errorf("SetConsentCookie = %q", got)
	}
}
