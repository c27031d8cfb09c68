package policy

import (
	"testing"

	"github.com/consentwasm/consent/policy/texts"
)

func TestUITexts(t *testing.T) {
	p := &Policy{
		Languages: []string{"de", "en", "eo"},
		Texts: map[string]map[string]string{
			"de": {"acceptAll": "Alles klar", "bannerTitle": "Kekse"},
			"en": {"rejectAll": "No thanks"},
		},
	}
	tests := []struct {
		name     string
		p        *Policy
		lang     string
		key      string
		want     string
		wantFrom string // the built-in language, when want is ""
	}{
		{"nil policy, English", nil, "en", "acceptAll", "Accept all", ""},
		{"nil policy, German", nil, "de", "rejectAll", "Alle ablehnen", ""},
		{"nil policy, unknown language", nil, "xx", "save", "Save choices", ""},
		{"nil policy, empty language", nil, "", "close", "Close", ""},
		{"override in lang", p, "de", "acceptAll", "Alles klar", ""},
		{"override by base language", p, "de-AT", "bannerTitle", "Kekse", ""},
		{"built-in in lang", p, "de", "rejectAll", "Alle ablehnen", ""},
		{"built-in by base language", p, "de-CH", "save", "Auswahl speichern", ""},
		{"case and underscore", p, "FR_be", "save", "Enregistrer mes choix", ""},
		{"override in lang beats default", p, "en", "acceptAll", "Accept all", ""},
		{"override in English", p, "en", "rejectAll", "No thanks", ""},
		{"no built-in: default-language override", p, "eo", "acceptAll", "Alles klar", ""},
		{"no built-in: default-language built-in", p, "eo", "close", "Schließen", ""},
		{"Norwegian Bokmål alias", nil, "nb-NO", "acceptAll", "Godta alle", ""},
		{"Hebrew legacy code", nil, "iw", "close", "סגירה", ""},
		{"placeholder kept", nil, "fr", "placeholderButton", "Autoriser {service} et charger", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := UITexts(tt.p, tt.lang)
			if got[tt.key] != tt.want {
				t.Errorf("UITexts(%q)[%q] = %q, want %q", tt.lang, tt.key, got[tt.key], tt.want)
			}
			if len(got) != len(texts.Keys) {
				t.Errorf("UITexts(%q) has %d keys, want %d", tt.lang, len(got), len(texts.Keys))
			}
			for _, k := range texts.Keys {
				if got[k] == "" {
					t.Errorf("UITexts(%q)[%q] is empty", tt.lang, k)
				}
			}
		})
	}
}

func TestUITextsEmptyOverrideFallsBack(t *testing.T) {
	// An override that is empty, or a key a policy does not override, never
	// leaves a button without a label.
	p := &Policy{
		Languages: []string{"fr"},
		Texts:     map[string]map[string]string{"fr": {"acceptAll": ""}},
	}
	if got := UITexts(p, "fr")["acceptAll"]; got != "Tout accepter" {
		t.Errorf("acceptAll = %q, want the built-in %q", got, "Tout accepter")
	}
}

func TestChooseLanguage(t *testing.T) {
	p := &Policy{Languages: []string{"de", "en", "pt-BR", "fr"}}
	tests := []struct {
		name string
		s    LanguageSignals
		want string
	}{
		{"no signals: default", LanguageSignals{}, "de"},
		{"explicit wins", LanguageSignals{Explicit: "en", Cookie: "fr", Page: "de", Browser: []string{"fr"}}, "en"},
		{"explicit not offered: cookie", LanguageSignals{Explicit: "it", Cookie: "fr", Page: "de"}, "fr"},
		{"cookie before page", LanguageSignals{Cookie: "en", Page: "fr"}, "en"},
		{"quoted cookie value", LanguageSignals{Cookie: `"fr"`}, "fr"},
		{"page before browser", LanguageSignals{Page: "fr", Browser: []string{"en"}}, "fr"},
		{"page region selects base", LanguageSignals{Page: "de-DE"}, "de"},
		{"browser in order", LanguageSignals{Browser: []string{"it-IT", "en-US", "de"}}, "en"},
		{"browser none offered: default", LanguageSignals{Browser: []string{"it", "es"}}, "de"},
		{"case-insensitive", LanguageSignals{Page: "EN"}, "en"},
		{"base matches a region", LanguageSignals{Browser: []string{"pt"}}, "pt-BR"},
		{"other region matches", LanguageSignals{Browser: []string{"pt-PT"}}, "pt-BR"},
		{"underscore", LanguageSignals{Cookie: "pt_br"}, "pt-BR"},
		{"empty and junk skipped", LanguageSignals{Explicit: " ", Cookie: "-", Page: "", Browser: []string{"", "fr"}}, "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChooseLanguage(p, tt.s); got != tt.want {
				t.Errorf("ChooseLanguage(%+v) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestChooseLanguageExactBeforeBase(t *testing.T) {
	p := &Policy{Languages: []string{"pt-BR", "pt", "pt-PT"}}
	tests := []struct{ tag, want string }{
		{"pt-PT", "pt-PT"},
		{"pt-AO", "pt"},
		{"pt", "pt"},
		{"PT-br", "pt-BR"},
	}
	for _, tt := range tests {
		if got := ChooseLanguage(p, LanguageSignals{Page: tt.tag}); got != tt.want {
			t.Errorf("page %q: got %q, want %q", tt.tag, got, tt.want)
		}
	}
	if got := ChooseLanguage(&Policy{}, LanguageSignals{Page: "de"}); got != "en" {
		t.Errorf("policy without languages: got %q, want en", got)
	}
	if got := ChooseLanguage(nil, LanguageSignals{Page: "de"}); got != "en" {
		t.Errorf("nil policy: got %q, want en", got)
	}
}
