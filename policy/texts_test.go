package policy

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The keys and order the JS bridge relies on (see web/src/ui.js).
var wantTextKeys = []string{
	"bannerTitle", "bannerText", "acceptAll", "rejectAll", "customize", "save", "close", "policyLink",
	"prefsTitle", "prefsText", "alwaysOn", "showServices", "hideServices",
	"colService", "colProvider", "colFunction", "colCookies",
	"colPurpose", "colDuration", "colChoice", "accepted", "refused",
	"placeholderText", "placeholderButton", "storeFailed", "switchOn", "switchOff",
	"reopen", "noChoice",
}

func TestTextKeys(t *testing.T) {
	if !slices.Equal(TextKeys, wantTextKeys) {
		t.Errorf("TextKeys = %q\nwant %q", TextKeys, wantTextKeys)
	}
	if len(TextKeys) != numTextKeys {
		t.Errorf("len(TextKeys) = %d, numTextKeys = %d", len(TextKeys), numTextKeys)
	}
}

func TestBuiltinLanguages(t *testing.T) {
	want := []string{
		// The 24 official languages of the EU.
		"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
		"hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
		// And more.
		"ar", "he", "tr", "uk", "no", "is", "sr", "ca", "ja", "zh",
	}
	got := BuiltinLanguages()
	for _, l := range want {
		if !slices.Contains(got, l) {
			t.Errorf("BuiltinLanguages() lacks %q", l)
		}
	}
	if got[0] != "en" {
		t.Errorf("BuiltinLanguages()[0] = %q, want en", got[0])
	}
	seen := map[string]bool{}
	for _, l := range got {
		if seen[l] {
			t.Errorf("language %q is built in twice", l)
		}
		seen[l] = true
	}
}

var placeholderRE = regexp.MustCompile(`\{[^}]*\}`)

func TestBuiltinTextsComplete(t *testing.T) {
	en := UITexts(nil, "en")
	for _, lang := range BuiltinLanguages() {
		b := builtinTable(lang)
		if b == nil || b.lang != lang {
			t.Fatalf("builtinTable(%q) = %v", lang, b)
		}
		lines := b.lines()
		if len(lines) != len(TextKeys) {
			t.Errorf("%s has %d strings, want %d", lang, len(lines), len(TextKeys))
			continue
		}
		for i, key := range TextKeys {
			s := lines[i]
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s.%s is empty", lang, key)
				continue
			}
			if s != strings.TrimSpace(s) || strings.ContainsAny(s, "\n\t") {
				t.Errorf("%s.%s = %q has stray white space", lang, key, s)
			}
			got := placeholderRE.FindAllString(s, -1)
			want := placeholderRE.FindAllString(en[key], -1)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s.%s = %q has placeholders %q, English has %q", lang, key, s, got, want)
			}
		}
		// A translation that copied the English by mistake is caught on
		// the long, sentence-like strings.
		if lang != "en" {
			for _, key := range []string{"bannerText", "prefsText", "storeFailed", "placeholderText"} {
				if lines[textKeyIndex(key)] == en[key] {
					t.Errorf("%s.%s is the English text", lang, key)
				}
			}
		}
		// "Accept all" and "Reject all" must not be the same words, and
		// neither may be empty (equal weight, both present).
		if a, r := lines[textKeyIndex("acceptAll")], lines[textKeyIndex("rejectAll")]; a == r {
			t.Errorf("%s: acceptAll and rejectAll are both %q", lang, a)
		}
	}
}

func TestDir(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"ar", "rtl"},
		{"ar-EG", "rtl"},
		{"he", "rtl"},
		{"HE-il", "rtl"},
		{"iw", "rtl"},
		{"fa", "rtl"},
		{"ur_PK", "rtl"},
		{"en", "ltr"},
		{"de-AT", "ltr"},
		{"", "ltr"},
		{"arx", "ltr"},
	}
	for _, tt := range tests {
		if got := Dir(tt.lang); got != tt.want {
			t.Errorf("Dir(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

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
			if len(got) != len(TextKeys) {
				t.Errorf("UITexts(%q) has %d keys, want %d", tt.lang, len(got), len(TextKeys))
			}
			for _, k := range TextKeys {
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

func TestMatchLanguage(t *testing.T) {
	langs := []string{"de", "en-GB"}
	tests := []struct {
		tag, want string
		ok        bool
	}{
		{"de", "de", true},
		{"DE_at", "de", true},
		{"en", "en-GB", true},
		{"en-US", "en-GB", true},
		{"fr", "", false},
		{"", "", false},
		{"d", "", false},
	}
	for _, tt := range tests {
		got, ok := MatchLanguage(langs, tt.tag)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MatchLanguage(%q) = %q, %v, want %q, %v", tt.tag, got, ok, tt.want, tt.ok)
		}
	}
}

// textKeyIndex returns the position of key in TextKeys, or -1.
func textKeyIndex(key string) int {
	for i, k := range TextKeys {
		if k == key {
			return i
		}
	}
	return -1
}
