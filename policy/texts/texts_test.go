package texts

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
	"reopen", "noChoice", "partly", "noCookies", "noDuration",
}

func TestTextKeys(t *testing.T) {
	if !slices.Equal(Keys, wantTextKeys) {
		t.Errorf("Keys = %q\nwant %q", Keys, wantTextKeys)
	}
	if len(Keys) != numKeys {
		t.Errorf("len(Keys) = %d, numKeys = %d", len(Keys), numKeys)
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
	got := Languages()
	for _, l := range want {
		if !slices.Contains(got, l) {
			t.Errorf("Languages() lacks %q", l)
		}
	}
	if got[0] != "en" {
		t.Errorf("Languages()[0] = %q, want en", got[0])
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
	en := Resolve(nil, "en", "en")
	for _, lang := range Languages() {
		b := builtinTable(lang)
		if b == nil || b.lang != lang {
			t.Fatalf("builtinTable(%q) = %v", lang, b)
		}
		lines := b.lines()
		if len(lines) != len(Keys) {
			t.Errorf("%s has %d strings, want %d", lang, len(lines), len(Keys))
			continue
		}
		for i, key := range Keys {
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
		got, ok := Match(langs, tt.tag)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Match(%q) = %q, %v, want %q, %v", tt.tag, got, ok, tt.want, tt.ok)
		}
	}
}

// textKeyIndex returns the position of key in Keys, or -1.
func textKeyIndex(key string) int {
	for i, k := range Keys {
		if k == key {
			return i
		}
	}
	return -1
}
