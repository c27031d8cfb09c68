package policy

import (
	"strings"
	"testing"
)

// FuzzDecodeRecord checks that DecodeRecord never panics and that every
// value it accepts re-encodes to a value that decodes to the same record.
func FuzzDecodeRecord(f *testing.F) {
	p := recTestPolicy()
	for _, r := range []*Record{
		recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube"),
		recRec(MethodRejectAll, "necessary", "session"),
		recRec(MethodCustom, "necessary statistics", "session matomo youtube"),
		recRec(MethodGPC, "necessary", "session"),
		recRec(MethodAPI, "necessary marketing", "session google-ads"),
	} {
		f.Add(EncodeRecord(p, r))
	}
	for _, s := range []string{"", "1.", "1.4.0.a.c..", "2.4.0.a.c..", "all", `{"a":1}`, "1.4.zzzzzzzzzzzzz.a.c..", "1.4.-1.a.c.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		p := recTestPolicy()
		r, err := DecodeRecord(p, value, recNow)
		if err != nil {
			if r != nil {
				t.Fatalf("DecodeRecord(%q) returned a record with error %v", value, err)
			}
			if err.Error() == "" {
				t.Fatalf("DecodeRecord(%q): empty reason", value)
			}
			return
		}
		enc := EncodeRecord(p, r)
		if strings.Trim(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-") != "" {
			t.Fatalf("EncodeRecord of %q = %q is no plain cookie value", value, enc)
		}
		again, err := DecodeRecord(p, enc, recNow)
		if err != nil {
			t.Fatalf("DecodeRecord(%q) ok, but its re-encoding %q fails: %v", value, enc, err)
		}
		if !recSameRecord(r, again) {
			t.Fatalf("DecodeRecord(%q) = %+v, re-encoded %q decodes to %+v", value, r, enc, again)
		}
		if len(r.Categories) != len(p.Categories) || len(r.Services) != len(p.Services) {
			t.Fatalf("DecodeRecord(%q) = %+v: not a choice for every id", value, r)
		}
	})
}

func recSameRecord(a, b *Record) bool {
	if a.ID != b.ID || a.Revision != b.Revision || a.Timestamp != b.Timestamp || a.Method != b.Method ||
		len(a.Categories) != len(b.Categories) || len(a.Services) != len(b.Services) {
		return false
	}
	for k, v := range a.Categories {
		if w, ok := b.Categories[k]; !ok || v != w {
			return false
		}
	}
	for k, v := range a.Services {
		if w, ok := b.Services[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// recJoinCookies writes pairs back in document.cookie form. A nameless
// pair is written "=value", which parses back the same even when the value
// holds '=' (document.cookie itself shows just the value).
func recJoinCookies(pairs []CookiePair) string {
	parts := make([]string, len(pairs))
	for i, c := range pairs {
		parts[i] = c.Name + "=" + c.Value
	}
	return strings.Join(parts, "; ")
}

// FuzzParseCookieString checks that ParseCookieString never panics, returns
// only pairs as document.cookie can show them, and that writing those back
// in document.cookie form parses to the same pairs.
func FuzzParseCookieString(f *testing.F) {
	for _, s := range []string{
		"", "a=b", "a=b; c=d", "a=1; a=2", "novalue; a=b", "=v", "a=; b=x=y", ";; ;=; a=b;",
		"  a = b ;\tc=d\t", `q="x y"`, "cookies_preferences=1.4.abc.id.c..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pairs := ParseCookieString(s)
		for _, c := range pairs {
			if strings.ContainsRune(c.Name, ';') || strings.ContainsRune(c.Name, '=') || strings.ContainsRune(c.Value, ';') {
				t.Fatalf("ParseCookieString(%q): pair %q holds a separator", s, c)
			}
			if c.Name == "" && c.Value == "" {
				t.Fatalf("ParseCookieString(%q): nameless pair %q", s, c)
			}
			if strings.Trim(c.Name, " \t") != c.Name || strings.Trim(c.Value, " \t") != c.Value {
				t.Fatalf("ParseCookieString(%q): untrimmed pair %q", s, c)
			}
		}
		joined := recJoinCookies(pairs)
		again := ParseCookieString(joined)
		if len(again) != len(pairs) {
			t.Fatalf("ParseCookieString(%q) = %q; written back as %q it parses to %q", s, pairs, joined, again)
		}
		for i := range pairs {
			if again[i] != pairs[i] {
				t.Fatalf("ParseCookieString(%q) = %q; written back as %q it parses to %q", s, pairs, joined, again)
			}
		}
	})
}
