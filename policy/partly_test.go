package policy

import (
	"encoding/json"
	"testing"

	"github.com/consentwasm/consent/policy/texts"
)

// TestPartlyOnSaysSo: a category with some of its services on says it is
// partly on, in words of its own in every built-in language, not "On"
// with a half knob.
func TestPartlyOnSaysSo(t *testing.T) {
	p := mustParse(t, choicePolicy)
	d := NewDraft(p, nil)
	if err := d.Toggle(p, SwitchService, "matomo"); err != nil {
		t.Fatal(err)
	}
	stats := p.Category("stats")
	if sw := d.CategorySwitch(p, stats); !sw.Partly || sw.Text != "partly" {
		t.Errorf("one of two services on: %+v, want partly with the text partly", sw)
	}
	if err := d.Toggle(p, SwitchService, "ga"); err != nil {
		t.Fatal(err)
	}
	if sw := d.CategorySwitch(p, stats); sw.Partly || sw.Text != "switchOn" {
		t.Errorf("both on: %+v, want switchOn", sw)
	}
	english := UITexts(nil, "en")["partly"]
	for _, lang := range texts.Languages() {
		ui := UITexts(nil, lang)
		if ui["partly"] == "" || ui["partly"] == ui["switchOn"] || lang != "en" && ui["partly"] == english {
			t.Errorf("%s: partly %q (on %q): want words of its own", lang, ui["partly"], ui["switchOn"])
		}
	}
	// The dialog's view carries the words.
	d.Services["ga"] = false
	var v struct {
		Categories []struct{ ID, StateText string }
	}
	p.Languages = []string{"en", "de"}
	if err := json.Unmarshal([]byte(DraftViewJSON(p, ViewPreferences, "de", d, nil, "")), &v); err != nil {
		t.Fatal(err)
	}
	if v.Categories[1].StateText != "Teilweise an" {
		t.Errorf("German view: stats says %q, want Teilweise an", v.Categories[1].StateText)
	}
}
