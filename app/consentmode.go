package app

import "github.com/consentwasm/consent/policy"

// consentModeUpdate pushes the update for the current choice (nil after
// a reset) and the dataLayer event that Tag Manager triggers listen for.
func (a *App) consentModeUpdate() {
	a.report(causeConsentMode, a.b.DataLayer(policy.ConsentModeUpdateJSON(a.p, a.rec)))
}
