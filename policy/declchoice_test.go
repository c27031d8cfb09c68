package policy

import (
	"encoding/json"
	"testing"
)

const choicePolicy = `{"languages": ["en", "de"], "categories": [
  {"id": "necessary", "required": true, "label": "N"},
  {"id": "stats", "label": "S"}],
 "services": [
  {"id": "site", "category": "necessary", "provider": "Us", "label": "Site"},
  {"id": "matomo", "category": "stats", "provider": "Matomo", "label": "Matomo"},
  {"id": "ga", "category": "stats", "provider": "Google", "label": "GA"}]}`

// TestDeclarationChoice: before any choice the declaration says "No choice
// yet" for optional categories, not "Refused"; a service shows its own
// choice only where it differs from its category's.
func TestDeclarationChoice(t *testing.T) {
	p := mustParse(t, choicePolicy)
	type row struct {
		Choice string `json:"choiceText"`
	}
	type cat struct {
		ID       string `json:"id"`
		Choice   string `json:"choiceText"`
		Services []row  `json:"rows"`
	}
	decl := func(r *Record, lang string) []cat {
		var d struct{ Categories []cat }
		if err := json.Unmarshal([]byte(DeclarationJSON(p, lang, r)), &d); err != nil {
			t.Fatal(err)
		}
		return d.Categories
	}
	equalJSON := func(name string, got, want any) {
		t.Helper()
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Errorf("%s:\n got %s\nwant %s", name, g, w)
		}
	}
	equalJSON("no choice", decl(nil, "en"), []cat{
		{"necessary", "Always on", []row{{""}}},
		{"stats", "No choice yet", []row{{""}, {""}}}})
	equalJSON("no choice, in German", decl(nil, "de")[1].Choice, "Noch keine Wahl")

	refused := &Record{Categories: map[string]bool{"necessary": true}, Services: map[string]bool{"site": true}}
	equalJSON("all refused", decl(refused, "en"), []cat{
		{"necessary", "Always on", []row{{""}}},
		{"stats", "Refused", []row{{""}, {""}}}})

	mixed := &Record{Categories: map[string]bool{"necessary": true, "stats": true}, Services: map[string]bool{"site": true, "matomo": true}}
	equalJSON("one service refused in an allowed category", decl(mixed, "en"), []cat{
		{"necessary", "Always on", []row{{""}}},
		{"stats", "Allowed", []row{{""}, {"Refused"}}}})

	p.Texts = map[string]map[string]string{"en": {"noChoice": "Not decided"}}
	equalJSON("a policy's own text", decl(nil, "en")[1].Choice, "Not decided")
}

func TestReopenShown(t *testing.T) {
	p := mustParse(t, choicePolicy)
	none := mustParse(t, choicePolicy[:len(choicePolicy)-1]+`, "reopen": "none"}`)
	rec := &Record{Categories: map[string]bool{"necessary": true}, Services: map[string]bool{}}
	for _, c := range []struct {
		name string
		p    *Policy
		show string
		r    *Record
		want bool
	}{
		{"after a choice, nothing on screen", p, ViewNone, rec, true},
		{"before any choice", p, ViewNone, nil, false},
		{"while the banner shows", p, ViewBanner, rec, false},
		{"under the open dialog, for the focus to return to", p, ViewPreferences, rec, true},
		{"the dialog open before any choice", p, ViewPreferences, nil, false},
		{`"reopen": "none"`, none, ViewNone, rec, false},
	} {
		if got := ReopenShown(c.p, c.show, c.r); got != c.want {
			t.Errorf("%s: ReopenShown = %v, want %v", c.name, got, c.want)
		}
		var v struct{ Reopen *bool }
		if err := json.Unmarshal([]byte(ViewJSON(c.p, c.show, "en", c.r, "")), &v); err != nil || v.Reopen == nil || *v.Reopen != c.want {
			t.Errorf("%s: the view's reopen = %v (%v), want %v", c.name, v.Reopen, err, c.want)
		}
	}
	if texts := UITexts(p, "fr"); texts["reopen"] != "Paramètres des cookies" {
		t.Errorf("the button's name in French = %q", texts["reopen"])
	}
}
