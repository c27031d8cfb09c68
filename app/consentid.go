package app

import "github.com/consentwasm/consent/policy"

// consentID is the consent id of a new choice following old: the
// visitor's id, kept from the first choice (also across a raised revision)
// until reset(), else a new random one (docs/api.md#windowconsent).
func (a *App) consentID(old *policy.Record) string {
	raw, _ := a.b.Cookie()
	if id := policy.KeptConsentID(a.p, old, policy.ParseCookieString(raw)); id != "" {
		return id
	}
	return a.newID()
}
