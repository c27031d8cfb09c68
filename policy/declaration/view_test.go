package declaration

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

const declPolicy = `{"languages": ["en", "de"],
 "categories": [
  {"id": "necessary", "required": true, "label": {"en": "Necessary", "de": "Notwendig"}},
  {"id": "media", "label": {"en": "Media", "de": "Medien"}}],
 "services": [
  {"id": "site", "category": "necessary", "provider": "Us", "purpose": "Login",
   "cookies": [{"name": "sid", "duration": {"en": "Session", "de": "Sitzung"}}]},
  {"id": "osm", "category": "media", "provider": "OpenStreetMap Foundation", "label": "OpenStreetMap",
   "function": {"en": "Embedded maps", "de": "Eingebettete Karten"}, "purpose": "Maps"},
  {"id": "yt", "category": "media", "provider": "Google", "label": "YouTube", "purpose": "Videos",
   "cookies": [{"name": "YSC", "duration": "Session", "purpose": "Counts views"},
               {"name": "PREF", "storage": "localStorage"}]}]}`

// TestBuildDeclarationRows: every cell of a row says something, in the
// UI language: the label when the function is empty, the provider only
// when it is another name, "None" and a dash with its meaning for a
// service that stores nothing (the demo's OpenStreetMap row was empty).
func TestBuildDeclarationRows(t *testing.T) {
	p := mustParse(t, declPolicy)
	for _, lang := range []string{"en", "de"} {
		ui := policy.UITexts(p, lang)
		d := build(t, p, lang, nil, false)
		site, osm, yt := d.Categories[0].Rows[0], d.Categories[1].Rows[0], d.Categories[1].Rows[1]
		if site.Label != "Us" || site.Provider != "" || site.Function != "Us" {
			t.Errorf("%s: site row label %q provider %q function %q, want Us, \"\" and the label", lang, site.Label, site.Provider, site.Function)
		}
		if osm.Provider != "OpenStreetMap Foundation" || len(osm.Cookies) != 0 {
			t.Errorf("%s: osm row %+v", lang, osm)
		}
		if osm.NoCookies == "" || osm.NoCookies != ui["noCookies"] {
			t.Errorf("%s: osm row's cookie cell %q, want the noCookies text %q", lang, osm.NoCookies, ui["noCookies"])
		}
		if osm.Duration != policy.NoDurationMark || osm.DurationNote != ui["noCookies"] {
			t.Errorf("%s: osm row's duration %q (%q), want a dash meaning %q", lang, osm.Duration, osm.DurationNote, ui["noCookies"])
		}
		// PREF has no duration: YSC's is listed on its own, and PREF's
		// purpose is the service's.
		if yt.Duration != "" || len(yt.Durations) != 1 || yt.Durations[0] != (Note{"YSC", "Session"}) {
			t.Errorf("%s: yt durations %q %v", lang, yt.Duration, yt.Durations)
		}
		if yt.Purpose != "Videos" || len(yt.Purposes) != 1 || yt.Purposes[0] != (Note{"YSC", "Counts views"}) {
			t.Errorf("%s: yt purposes %q %v", lang, yt.Purpose, yt.Purposes)
		}
		if yt.Cookies[1] != (Cookie{"PREF", policy.StorageLocal}) || yt.Cookies[0].Storage != "" {
			t.Errorf("%s: yt cookies %v", lang, yt.Cookies)
		}
	}
	if got := build(t, p, "de", nil, false).Categories[0].Rows[0].Duration; got != "Sitzung" {
		t.Errorf("German duration %q, want Sitzung", got)
	}
	noDur := mustParse(t, `{"categories": [{"id": "n", "required": true, "label": "N"}],
	  "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"name": "a"}]}]}`)
	r := build(t, noDur, "en", nil, false).Categories[0].Rows[0]
	if r.Duration != policy.NoDurationMark || r.DurationNote != policy.UITexts(noDur, "en")["noDuration"] || r.DurationNote == "" {
		t.Errorf("a cookie without a duration: %q (%q), want a dash meaning noDuration", r.Duration, r.DurationNote)
	}
}

// TestBuildDeclarationChoice: the visitor's choice is policy.Record.Accepted, in
// words per category and, where it differs, per service; without choice
// (the CLI) there are no words.
func TestBuildDeclarationChoice(t *testing.T) {
	p := mustParse(t, declPolicy)
	r := &policy.Record{Categories: map[string]bool{"necessary": true, "media": true}, Services: map[string]bool{"site": true, "osm": true}}
	d := build(t, p, "en", r, true)
	media := d.Categories[1]
	if !d.Choice || d.ChoiceLabel != "Your choice" || !media.Accepted || media.ChoiceText != "Allowed" {
		t.Errorf("choice %v %q, media accepted %v %q", d.Choice, d.ChoiceLabel, media.Accepted, media.ChoiceText)
	}
	if !media.Rows[0].Accepted || media.Rows[0].ChoiceText != "" || media.Rows[1].Accepted || media.Rows[1].ChoiceText != "Refused" {
		t.Errorf("media rows: %+v", media.Rows)
	}
	if d := build(t, p, "en", nil, true); d.Categories[0].ChoiceText != "Always on" || d.Categories[1].ChoiceText != "No choice yet" || !d.Categories[0].Rows[0].Accepted {
		t.Errorf("no record: %+v", d.Categories)
	}
	cli := build(t, p, "en", r, false)
	if cli.Choice || cli.ChoiceLabel != "" || cli.Categories[1].ChoiceText != "" || cli.Categories[1].Rows[1].ChoiceText != "" {
		t.Errorf("without choice: %+v", cli)
	}
}

func TestBuildDeclarationLanguage(t *testing.T) {
	p := mustParse(t, declPolicy)
	p.Languages = []string{"ar", "en"}
	p.Categories[0].Label["ar"] = "ضرورية"
	tests := []struct{ lang, wantLang, wantDir, wantLabel string }{
		{"ar", "ar", "rtl", "ضرورية"},
		{"ar-MA", "ar", "rtl", "ضرورية"},
		{"EN", "en", "ltr", "Necessary"},
		{"fr", "ar", "rtl", "ضرورية"},
		{"", "ar", "rtl", "ضرورية"},
	}
	for _, tt := range tests {
		d := build(t, p, tt.lang, nil, false)
		if d.Lang != tt.wantLang || d.Dir != tt.wantDir || d.Categories[0].Label != tt.wantLabel {
			t.Errorf("Build(%q): lang %q dir %q label %q, want %q %q %q",
				tt.lang, d.Lang, d.Dir, d.Categories[0].Label, tt.wantLang, tt.wantDir, tt.wantLabel)
		}
		// A label missing in ar falls back to English, the other language.
		if got := d.Categories[1].Label; got != "Media" {
			t.Errorf("Build(%q): media label %q, want Media", tt.lang, got)
		}
	}
}

func TestBuildDeclarationNilPolicy(t *testing.T) {
	d := build(t, nil, "de", nil, false)
	if d.Lang != "en" || len(d.Categories) != 0 || !strings.Contains(d.Columns[0], "Provider") {
		t.Errorf("Build(nil) = %+v", d)
	}
}

func mustParse(t *testing.T, src string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func build(t *testing.T, p *policy.Policy, lang string, r *policy.Record, choice bool) Declaration {
	t.Helper()
	d, err := Build(p, lang, r, choice)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
