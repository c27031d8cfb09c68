package policy

import (
	"encoding/json"
	"testing"
)

func TestConsentModeDefault(t *testing.T) {
	var got map[string]any
	if err := json.Unmarshal([]byte(ConsentModeDefaultJSON()), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ConsentModeTypes)+1 {
		t.Errorf("default %v: want every type and wait_for_update", got)
	}
	for _, ty := range ConsentModeTypes {
		if got[ty] != "denied" {
			t.Errorf("default %s = %v, want denied", ty, got[ty])
		}
	}
	if got["wait_for_update"] != float64(500) {
		t.Errorf("wait_for_update = %v, want 500", got["wait_for_update"])
	}
}

func TestConsentModeStartAndUpdate(t *testing.T) {
	base := `{"categories": [
	  {"id": "necessary", "required": true, "label": "N", "googleConsentMode": ["security_storage"]},
	  {"id": "stats", "label": "S", "googleConsentMode": ["analytics_storage"]}], "services": []`
	plain := mustParse(t, base+`}`)
	both := mustParse(t, base+`, "consentMode": {"adsDataRedaction": true, "urlPassthrough": true}}`)
	one := mustParse(t, base+`, "consentMode": {"adsDataRedaction": false, "urlPassthrough": true}}`)
	rec := &Record{Categories: map[string]bool{"necessary": true, "stats": true}, Services: map[string]bool{}}
	state := `{"ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied","analytics_storage":"granted","functionality_storage":"denied","personalization_storage":"denied","security_storage":"granted"}`
	refused := `{"ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied","analytics_storage":"denied","functionality_storage":"denied","personalization_storage":"denied","security_storage":"granted"}`
	for _, c := range []struct {
		name, got, want string
	}{
		{"no settings, no choice: nothing until the visitor chooses", ConsentModeStartJSON(plain, nil), `[]`},
		{"no settings, a stored choice", ConsentModeStartJSON(plain, rec), `[["consent","update",` + state + `],{"event":"consent_update"}]`},
		{"both settings, before the update", ConsentModeStartJSON(both, rec), `[["set","ads_data_redaction",true],["set","url_passthrough",true],["consent","update",` + state + `],{"event":"consent_update"}]`},
		{"a false setting is not pushed", ConsentModeStartJSON(one, nil), `[["set","url_passthrough",true]]`},
		{"an update never repeats the settings", ConsentModeUpdateJSON(both, rec), `[["consent","update",` + state + `],{"event":"consent_update"}]`},
		{"after reset: only required types granted", ConsentModeUpdateJSON(both, nil), `[["consent","update",` + refused + `],{"event":"consent_update"}]`},
	} {
		if c.got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.got, c.want)
		}
	}
}
