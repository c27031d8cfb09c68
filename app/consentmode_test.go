package app

import (
	"strings"
	"testing"
)

// TestConsentModePushes: what window.dataLayer receives from the wasm over
// a first visit, a choice, a returning visit and a reset: the policy's
// settings once per page view before anything else, each update followed
// by the consent_update event, and no update before the visitor chooses.
func TestConsentModePushes(t *testing.T) {
	text := strings.Replace(smallPolicy, `"reloadOnWithdraw": true,`, `"consentMode": {"adsDataRedaction": true, "urlPassthrough": true},`, 1)
	set := []string{`["set","ads_data_redaction",true]`, `["set","url_passthrough",true]`}
	update := func(stats, media string) string {
		return `["consent","update",{"ad_storage":"` + media + `","ad_user_data":"denied","ad_personalization":"denied","analytics_storage":"` + stats +
			`","functionality_storage":"denied","personalization_storage":"denied","security_storage":"granted"}]`
	}
	event := `{"event":"consent_update"}`

	b := newFake()
	pg := load(t, b, text)
	equal(t, "first visit: the settings, no update", b.pushes, set)

	b.clearLog()
	pg.call("set", `{"categories":{"statistics":true}}`)
	equal(t, "a choice: the update, then the event", b.pushes, []string{update("granted", "denied"), event})

	pg = pg.reload()
	equal(t, "returning visit: settings, update, event", b.pushes, append(set[:2:2], update("granted", "denied"), event))

	b.clearLog()
	pg.call("acceptAll")
	pg.call("reset")
	equal(t, "accept all, then reset", b.pushes, []string{update("granted", "granted"), event, update("denied", "denied"), event})

	plain := load(t, newFake(), smallPolicy)
	equal(t, "no consentMode field, no choice: nothing pushed", plain.b.pushes, []string(nil))
}
