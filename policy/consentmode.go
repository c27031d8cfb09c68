package policy

import "github.com/consentwasm/consent/policy/jsontext"

// Google Consent Mode v2 (docs/api.md#google-consent-mode-v2), as the page's window.dataLayer
// sees it from the start of a page view:
//
//  1. consent.js, the moment it runs and before the wasm starts, pushes
//     ["consent", "default", ConsentModeDefaultJSON()]: every type denied,
//     with wait_for_update (the build writes that object into consent.js).
//  2. When the wasm starts, ConsentModeStartJSON: the policy's consentMode
//     settings as ["set", name, true] commands, then, for a stored choice,
//     the update of ConsentModeUpdateJSON.
//  3. After every new choice (and after reset), ConsentModeUpdateJSON:
//     ["consent", "update", state] and then {"event": ConsentModeEvent}.
//
// Arrays are pushed as gtag() pushes them (an arguments object), objects
// as they are: Google Tag Manager's triggers read plain event objects.

// ConsentModeEvent is the dataLayer event pushed after each update, for
// Google Tag Manager triggers ("Custom Event" named consent_update).
const ConsentModeEvent = "consent_update"

// ConsentModeWaitForUpdate is the default's wait_for_update in ms: how long
// Google's tags wait for the wasm's update before they send anything.
const ConsentModeWaitForUpdate = 500

// ConsentModeDefaultJSON returns the argument of the consent default that
// consent.js pushes before the wasm runs: every type denied, and
// wait_for_update.
func ConsentModeDefaultJSON() string {
	var w jsontext.Writer
	w.BeginObject()
	for _, t := range ConsentModeTypes {
		w.KeyStr(t, "denied")
	}
	w.KeyInt("wait_for_update", ConsentModeWaitForUpdate)
	w.EndObject()
	return w.String()
}

// ConsentModeSettings returns the gtag('set', name, true) settings the
// policy's consentMode field asks for, in a fixed order: ads_data_redaction
// (ad click identifiers redacted while ad_storage is denied) and
// url_passthrough (click information passed in link URLs while storage is
// denied). A setting left false is not pushed: false is Google's default.
func ConsentModeSettings(p *Policy) []string {
	var out []string
	if p.ConsentModeOptions.AdsDataRedaction {
		out = append(out, "ads_data_redaction")
	}
	if p.ConsentModeOptions.URLPassthrough {
		out = append(out, "url_passthrough")
	}
	return out
}

// ConsentModeStartJSON returns the dataLayer entries the wasm pushes when
// it starts: the settings, then the update for a stored choice r (none for
// nil: the default of consent.js holds until the visitor chooses).
func ConsentModeStartJSON(p *Policy, r *Record) string {
	return consentModeStartJSON(p, r, ConsentModeState(p, r))
}

// consentModeStartJSON is ConsentModeStartJSON with r's state already
// computed.
func consentModeStartJSON(p *Policy, r *Record, state map[string]string) string {
	var w jsontext.Writer
	w.BeginArray()
	for _, s := range ConsentModeSettings(p) {
		w.BeginArray()
		w.Str("set")
		w.Str(s)
		w.Bool(true)
		w.EndArray()
	}
	if r != nil {
		writeConsentModeUpdate(&w, state)
	}
	w.EndArray()
	return w.String()
}

// ConsentModeUpdateJSON returns the dataLayer entries pushed after a new
// choice r (nil after reset): the update, then the event.
func ConsentModeUpdateJSON(p *Policy, r *Record) string {
	var w jsontext.Writer
	w.BeginArray()
	writeConsentModeUpdate(&w, ConsentModeState(p, r))
	w.EndArray()
	return w.String()
}

func writeConsentModeUpdate(w *jsontext.Writer, state map[string]string) {
	w.BeginArray()
	w.Str("consent")
	w.Str("update")
	w.StrMap(ConsentModeTypes, state)
	w.EndArray()
	w.BeginObject()
	w.KeyStr("event", ConsentModeEvent)
	w.EndObject()
}
