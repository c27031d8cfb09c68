package policy

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCookieString(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []CookiePair
	}{
		{"", nil},
		{"a=b", []CookiePair{{"a", "b"}}},
		{"a=b; c=d", []CookiePair{{"a", "b"}, {"c", "d"}}},
		{"a=b;c=d", []CookiePair{{"a", "b"}, {"c", "d"}}},
		{"  a = b ;\tc=d\t", []CookiePair{{"a", "b"}, {"c", "d"}}},
		{"a=1; a=2", []CookiePair{{"a", "1"}, {"a", "2"}}},
		{"novalue; a=b", []CookiePair{{"", "novalue"}, {"a", "b"}}},
		{"a=; b=x=y", []CookiePair{{"a", ""}, {"b", "x=y"}}},
		{"=v", []CookiePair{{"", "v"}}},
		{";; ;=; a=b;", []CookiePair{{"a", "b"}}},
		{`q="quoted value"`, []CookiePair{{"q", `"quoted value"`}}},
		{"ünï=cödé", []CookiePair{{"ünï", "cödé"}}},
	} {
		assert.Equal(t, tc.want, ParseCookieString(tc.in), "%q", tc.in)
	}
}

func TestFindConsent(t *testing.T) {
	p := recTestPolicy()
	older := recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube")
	older.Timestamp = recNow.Add(-time.Hour).UnixMilli()
	newer := recRec(MethodRejectAll, "necessary", "session")
	expired := recRec(MethodCustom, "necessary", "session")
	expired.Timestamp = recNow.Add(-200 * 24 * time.Hour).UnixMilli()
	const name = "cookies_preferences"
	for _, tc := range []struct {
		name    string
		pairs   []CookiePair
		want    *Record
		wantErr string
	}{
		{"absent", []CookiePair{{"sessionid", "x"}}, nil, ErrNoCookie.Error()},
		{"one", []CookiePair{{"a", "b"}, {name, EncodeRecord(p, older)}}, older, ""},
		{"newest of two", []CookiePair{{name, EncodeRecord(p, older)}, {name, EncodeRecord(p, newer)}}, newer, ""},
		{"newest of two, other order", []CookiePair{{name, EncodeRecord(p, newer)}, {name, EncodeRecord(p, older)}}, newer, ""},
		{"valid after invalid", []CookiePair{{name, "junk"}, {name, EncodeRecord(p, older)}}, older, ""},
		{"expired newer loses to valid older", []CookiePair{{name, EncodeRecord(p, older)}, {name, EncodeRecord(p, expired)}}, older, ""},
		{"only invalid", []CookiePair{{name, EncodeRecord(p, expired)}}, nil, "consent cookie cookies_preferences: expired"},
		{"two invalid", []CookiePair{{name, ""}, {name, "x"}}, nil, "none of the 2 consent cookies cookies_preferences is valid; the first: empty value"},
		{"name must match exactly", []CookiePair{{"Cookies_preferences", EncodeRecord(p, older)}}, nil, ErrNoCookie.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := FindConsent(p, tc.pairs, recNow)
			assert.Equal(t, tc.want, r)
			if tc.wantErr == "" {
				assert.NoError(t, err)
			} else if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tc.wantErr)
			}
		})
	}
	_, err := FindConsent(p, nil, recNow)
	assert.True(t, errors.Is(err, ErrNoCookie))

	// A parsed policy without a cookie name has the default one.
	p = mustParse(t, `{"categories": [{"id": "n", "required": true, "label": "N"}]}`)
	rec := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id", recNow)
	r, err := FindConsent(p, []CookiePair{{DefaultConsentCookieName, EncodeRecord(p, rec)}}, recNow)
	require.NoError(t, err)
	assert.Equal(t, rec, r)
}

func TestSetConsentCookie(t *testing.T) {
	for _, tc := range []struct {
		cc     ConsentCookie
		secure bool
		want   string
	}{
		{ConsentCookie{Name: "cp", Path: "/", SameSite: "Lax", MaxAgeDays: 182}, false,
			"cp=V; Path=/; Max-Age=15724800; SameSite=Lax"},
		{ConsentCookie{Name: "cp", Path: "/", SameSite: "Lax", MaxAgeDays: 182}, true,
			"cp=V; Path=/; Max-Age=15724800; SameSite=Lax; Secure"},
		{ConsentCookie{Name: "cp", Domain: "example.org", Path: "/shop", SameSite: "Strict", MaxAgeDays: 1}, true,
			"cp=V; Path=/shop; Domain=example.org; Max-Age=86400; SameSite=Strict; Secure"},
		{ConsentCookie{Name: "cp", Path: "/", SameSite: "None", MaxAgeDays: 395}, false,
			"cp=V; Path=/; Max-Age=34128000; SameSite=None; Secure"},
	} {
		p := recTestPolicy()
		p.ConsentCookie = tc.cc
		assert.Equal(t, tc.want, SetConsentCookie(p, "V", tc.secure))
	}
}

func TestDeletionString(t *testing.T) {
	for _, tc := range []struct {
		d    Deletion
		want string
	}{
		{Deletion{Name: "_ga", Domain: "", Path: "/"}, "_ga=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"},
		{Deletion{Name: "_ga", Domain: ".example.org", Path: "/a/"}, "_ga=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/a/; Domain=.example.org"},
		{Deletion{Name: "x", Domain: "", Path: ""}, "x=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"},
		{Deletion{Name: "__Secure-id", Domain: "example.org", Path: "/"}, "__Secure-id=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=example.org; Secure"},
		{Deletion{Name: "__Host-id", Domain: "", Path: "/"}, "__Host-id=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure"},
	} {
		assert.Equal(t, tc.want, tc.d.String())
	}
	p := recTestPolicy()
	p.ConsentCookie.Domain = ".example.org"
	assert.Equal(t, Deletion{Name: "cookies_preferences", Domain: ".example.org", Path: "/"}, ConsentCookieDeletion(p))
}

// recDeletions renders deletions as "domain|path" lines, host-only as "-".
func recDeletions(ds []Deletion) []string {
	var out []string
	for _, d := range ds {
		dom := d.Domain
		if dom == "" {
			dom = "-"
		}
		out = append(out, dom+"|"+d.Path)
	}
	return out
}

func TestDeletionsFor(t *testing.T) {
	for _, tc := range []struct {
		host, path string
		want       string // space-separated "domain|path", "-" for host-only
	}{
		{"www.example.org", "/a/b/c.html",
			"-|/ -|/a -|/a/ -|/a/b -|/a/b/ -|/a/b/c.html " +
				"www.example.org|/ www.example.org|/a www.example.org|/a/ www.example.org|/a/b www.example.org|/a/b/ www.example.org|/a/b/c.html " +
				".www.example.org|/ .www.example.org|/a .www.example.org|/a/ .www.example.org|/a/b .www.example.org|/a/b/ .www.example.org|/a/b/c.html " +
				"example.org|/ example.org|/a example.org|/a/ example.org|/a/b example.org|/a/b/ example.org|/a/b/c.html " +
				".example.org|/ .example.org|/a .example.org|/a/ .example.org|/a/b .example.org|/a/b/ .example.org|/a/b/c.html"},
		{"app.example.org", "/",
			"-|/ app.example.org|/ .app.example.org|/ example.org|/ .example.org|/"},
		{"App.Example.ORG.", "",
			"-|/ app.example.org|/ .app.example.org|/ example.org|/ .example.org|/"},
		{"example.org", "/shop/",
			"-|/ -|/shop -|/shop/ example.org|/ example.org|/shop example.org|/shop/ .example.org|/ .example.org|/shop .example.org|/shop/"},
		{"localhost", "/a", "-|/ -|/a"},
		{"127.0.0.1", "/", "-|/"},
		{"127.0.0.1:8080", "/", "-|/"},
		{"[::1]", "/", "-|/"},
		{"::1", "/", "-|/"},
		{"example.co.uk", "/", "-|/ example.co.uk|/ .example.co.uk|/"},
		{"www.shop.example.co.uk", "/",
			"-|/ www.shop.example.co.uk|/ .www.shop.example.co.uk|/ shop.example.co.uk|/ .shop.example.co.uk|/ example.co.uk|/ .example.co.uk|/"},
		{"co.uk", "/", "-|/"},
		{"alice.github.io", "/", "-|/ alice.github.io|/ .alice.github.io|/"},
		{"www.example.org", "/a?x=/b#c/d", "-|/ -|/a www.example.org|/ www.example.org|/a .www.example.org|/ .www.example.org|/a example.org|/ example.org|/a .example.org|/ .example.org|/a"},
		{"localhost", "a/b", "-|/"},
		{"localhost", "/a//b", "-|/ -|/a -|/a/ -|/a// -|/a//b"},
		{"", "/", "-|/"},
	} {
		got := DeletionsFor("_ga", tc.host, tc.path)
		assert.Equal(t, strings.Fields(tc.want), recDeletions(got), "%s %s", tc.host, tc.path)
		seen := map[Deletion]bool{}
		for _, d := range got {
			assert.False(t, seen[d], "duplicate %v", d)
			seen[d] = true
			assert.Equal(t, "_ga", d.Name)
		}
	}
	// A __Host- cookie only ever lives host-only on "/".
	assert.Equal(t, []Deletion{{Name: "__Host-sid", Path: "/"}}, DeletionsFor("__Host-sid", "www.example.org", "/a/b"))
}

// IsPublicSuffix searches publicSuffixes by bisection: out of order, a
// suffix would be missed and a deletion written for it.
func TestPublicSuffixesSortedAndFound(t *testing.T) {
	if !slices.IsSorted(publicSuffixes[:]) {
		t.Fatal("publicSuffixes is not sorted")
	}
	for _, d := range publicSuffixes {
		if !IsPublicSuffix(d) {
			t.Errorf("IsPublicSuffix(%q) = false", d)
		}
	}
	for _, d := range []string{"example.co.uk", "uk.co", "github.com", "a.github.io", "zz.zz"} {
		if IsPublicSuffix(d) {
			t.Errorf("IsPublicSuffix(%q) = true", d)
		}
	}
}
