package app

import "github.com/consentwasm/consent/policy"

// consentModeStart pushes what Google's tags learn when the wasm starts:
// the policy's consentMode settings and, for a stored choice, the update
// (consent.js pushed the default before; see policy/consentmode.go).
func (a *App) consentModeStart() {
	if entries := policy.ConsentModeStartJSON(a.p, a.rec); entries != "[]" {
		_ = a.b.DataLayer(entries)
	}
}

// consentModeUpdate pushes the update for the current choice (nil after
// a reset) and the dataLayer event that Tag Manager triggers listen for.
func (a *App) consentModeUpdate() {
	_ = a.b.DataLayer(policy.ConsentModeUpdateJSON(a.p, a.rec))
}
