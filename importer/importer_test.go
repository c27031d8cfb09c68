package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/pattern"
)

// peer reads a file of the pinned npm packages (make importer-deps, which
// make test runs, installs them).
func peer(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/peers/node_modules", path))
	if err != nil {
		t.Fatalf("%v: run `make importer-deps` (make test does)", err)
	}
	return b
}

func hasNote(ns []Note, where, part string) bool {
	for _, n := range ns {
		if n.Where == where && strings.Contains(n.Message, part) {
			return true
		}
	}
	return false
}

// The configuration Klaro ships (dist/config.js) becomes a policy that
// validates, with its purposes as categories and its cookies.
func TestKlaroShippedConfig(t *testing.T) {
	res, err := Klaro(peer(t, "klaro/dist/config.js"))
	if err != nil {
		t.Fatal(err)
	}
	p := res.Policy
	if got := strings.Join(p.Languages, ","); got != "en,de" {
		t.Errorf("languages = %s", got)
	}
	if p.Revision != 1 || p.ConsentCookie.MaxAgeDays != 365 || p.PolicyURL != "/#privacy" {
		t.Errorf("revision %d, maxAgeDays %d, policyUrl %q", p.Revision, p.ConsentCookie.MaxAgeDays, p.PolicyURL)
	}
	var cats []string
	for _, c := range p.Categories {
		cats = append(cats, c.ID)
	}
	if got := strings.Join(cats, ","); got != "necessary,marketing,analytics,livechat,advertising,security" {
		t.Errorf("categories = %s", got)
	}
	if c := p.Category("analytics"); c == nil || c.Label.In("de", "en") != "Besucher-Statistiken" {
		t.Errorf("analytics category: %+v", c)
	}
	m := p.Service("matomo")
	if m == nil || m.Category != "analytics" || m.Provider != "Matomo/Piwik" || len(m.Cookies) != 2 {
		t.Fatalf("matomo: %+v", m)
	}
	if c := m.Cookies[0]; c.Pattern != "_pk_.*" || !c.Matches("_pk_id.1.1fff") || c.Matches("x_pk_") {
		t.Errorf("matomo's /^_pk_.*$/ became %+v", c)
	}
	if m.Cookies[1].Name != "piwik_ignore" || m.Purpose.In("de", "en") != "Sammeln von Besucherstatistiken" {
		t.Errorf("matomo: %+v", m)
	}
	if s := p.Service("cloudflare"); s == nil || s.Category != "necessary" {
		t.Errorf("the required cloudflare service is not necessary: %+v", s)
	}
	for _, want := range [][2]string{
		{"services.matomo.callback", "not run"},
		{"services.matomo.cookies.1", `domain "localhost" left out`},
		{"services.externalTracker.purposes", "one category"},
		{"services.twitter.contextualConsentOnly", "placeholder"},
		{"styling", "not imported"},
	} {
		if !hasNote(res.Notes, want[0], want[1]) {
			t.Errorf("no note %s: …%s…", want[0], want[1])
		}
	}
	if hasNote(res.Notes, "mustConsent", "") {
		t.Errorf("an option set to false is noted")
	}
}

// A site's vanilla-cookieconsent v3 init script: CookieConsent.run(config)
// with the config in a variable, callbacks, regular expressions (one with
// the i flag, one with a named group) and translations.
func TestVCCSiteConfig(t *testing.T) {
	src, err := os.ReadFile("testdata/vcc-site.js")
	if err != nil {
		t.Fatal(err)
	}
	res, err := VCC(src)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Policy
	if p.Revision != 3 || strings.Join(p.Languages, ",") != "en,de,fr-FR" || p.ConsentCookie.Domain != "example.org" {
		t.Errorf("revision %d, languages %v, cookie %+v", p.Revision, p.Languages, p.ConsentCookie)
	}
	if c := p.Category("necessary"); c == nil || !c.Required || c.Label.In("en", "en") != "Strictly Necessary cookies" {
		t.Errorf("necessary: %+v", c)
	}
	if c := p.Category("analytics"); c == nil || c.Label.In("fr-FR", "en") != "Performance et analyse" || strings.Join(c.GoogleConsentMode, ",") != "analytics_storage" {
		t.Errorf("analytics: %+v", c)
	}
	ga := p.Service("ga")
	if ga == nil || ga.Provider != "Google Analytics" || ga.Cookies[0].Pattern != "(_ga|_gid).*" {
		t.Fatalf("ga: %+v", ga)
	}
	mt := p.Service("matomo")
	if mt == nil || mt.Provider != "Matomo" || len(mt.Cookies) != 1 || !mt.Cookies[0].Matches("x_pk_id.1") {
		t.Errorf("matomo: %+v", mt)
	}
	ac := p.Service("analytics-cookies")
	if ac == nil || len(ac.Cookies) != 3 || ac.Cookies[1].Name != "_gid" || ac.Cookies[1].Duration.In("en", "en") != "1 day" {
		t.Fatalf("analytics-cookies: %+v", ac)
	}
	if hj := ac.Cookies[2]; !hj.Matches("_HJid") || !hj.Matches("_hjSession") || hj.Domain != ".example.org" {
		t.Errorf("/^_hj/i became %+v", hj)
	}
	want := map[string]string{"bannerTitle": "We use cookies", "bannerText": "Cookie modal description Manage", "acceptAll": "Accept all",
		"rejectAll": "Reject all", "customize": "Manage preferences", "prefsTitle": "Manage cookie preferences", "save": "Accept current selection",
		"close": "Close modal", "prefsText": "I want one!"}
	for k, v := range want {
		if got := p.Texts["en"][k]; got != v {
			t.Errorf("texts.en.%s = %q, want %q", k, got, v)
		}
	}
	for _, n := range [][2]string{
		{"categories.analytics.services.matomo.cookies.1.name", "named groups are not allowed"},
		{"language.translations.de", "loaded from"},
		{"onConsent", "not run"},
		{"cookie.expiresAfterDays", "function"},
		{"categories.ads.enabled", "no equivalent"},
		{"categories.analytics.autoClear", "provider"},
	} {
		if !hasNote(res.Notes, n[0], n[1]) {
			t.Errorf("no note %s: …%s…\n%v", n[0], n[1], res.Notes)
		}
	}
}

// Every field of vanilla-cookieconsent the importer reads is in the pinned
// package's type declarations (types/index.d.ts): the importer follows the
// version in the lock file.
func TestVCCFieldsAreThePinnedVersions(t *testing.T) {
	types := string(peer(t, "vanilla-cookieconsent/types/index.d.ts"))
	fields := []string{"revision", "mode", "cookie", "guiOptions", "categories", "language", "default", "translations", "rtl", "autoDetect",
		"name", "domain", "path", "sameSite", "expiresAfterDays", "useLocalStorage", "secure",
		"enabled", "readOnly", "services", "autoClear", "cookies", "reloadPage", "label", "onAccept", "onReject",
		"consentModal", "preferencesModal", "sections", "title", "description", "linkedCategory", "cookieTable", "body", "headers",
		"onFirstConsent", "onConsent", "onChange"}
	for _, m := range vccTexts {
		fields = append(fields, m.key)
	}
	for _, f := range fields {
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(f) + `\??\s*:`).MatchString(types) {
			t.Errorf("the pinned vanilla-cookieconsent declares no field %q", f)
		}
	}
}

// The same configuration as JSON imports the same.
func TestVCCJSON(t *testing.T) {
	res, err := VCC([]byte(`{"revision": 2, "categories": {"necessary": {"readOnly": true}, "analytics": {"autoClear": {"cookies": [{"name": "_ga"}]}}},
		"language": {"default": "de", "translations": {"de": {"consentModal": {"title": "Cookies?"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Policy; p.Revision != 2 || p.Languages[0] != "de" || p.Texts["de"]["bannerTitle"] != "Cookies?" || len(p.Services) != 1 {
		t.Errorf("policy: %+v", p)
	}
}

// Klaro's cookie forms (consent-manager.js): a name, a RegExp, a string
// starting with "^" (a regular expression), [pattern, path, domain] and
// {pattern, path, domain}.
func TestKlaroCookieForms(t *testing.T) {
	res, err := Klaro([]byte(`var klaroConfig = {services: [{name: 'x', purposes: ['analytics'], cookies: [
		'plain', /^re_/, '^str_', ['^arr$', '/app', 'example.org'], {pattern: /obj$/, domain: '.example.org'}]}]};`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Policy.Services[0].Cookies {
		got = append(got, c.Name+c.Pattern+" "+c.Path+" "+c.Domain)
	}
	want := []string{"plain  ", "re_.*  ", "str_.*  ", "arr /app example.org", ".*obj  .example.org"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cookies = %q\nwant %q", got, want)
	}
}

func TestImportErrors(t *testing.T) {
	for _, tt := range []struct {
		src, want string
		klaro     bool
	}{
		{`console.log(1)`, "found no vanilla-cookieconsent v3 configuration", false},
		{`CookieConsent.run(cfg)`, "the variable cfg", false},
		{`CookieConsent.run({categories: {a: 1,}`, "missing", false},
		{`var x = 1`, "found no Klaro configuration", true},
	} {
		var err error
		if tt.klaro {
			_, err = Klaro([]byte(tt.src))
		} else {
			_, err = VCC([]byte(tt.src))
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want …%s…", tt.src, err, tt.want)
		}
	}
}

func TestPatternFor(t *testing.T) {
	for _, tt := range []struct {
		src, flags, want string
	}{
		{`^_ga`, "", `_ga.*`},
		{`^_pk_.*$`, "", `_pk_.*`},
		{`_pk_id`, "", `.*_pk_id.*`},
		{`^(_ga|_gid)`, "", `(_ga|_gid).*`},
		{`^_ga$|^_gid$`, "", `.*(?:^_ga$|^_gid$).*`},
		{`^_hj`, "i", `_[hH][jJ].*`},
		{`^[a-c_]+x$`, "i", `[a-c_A-C]+[xX]`},
		{`^a\-b\_c$`, "g", `a-b_c`},
		{`^a\.b$`, "", `a\.b`},
		{`(?<n>a)`, "", ""},
		{`\bga`, "", ""},
		{`^a`, "v", ""},
	} {
		got, err := patternFor(RegExp{tt.src, tt.flags})
		if tt.want == "" {
			if err == nil {
				t.Errorf("/%s/%s = %q, want an error", tt.src, tt.flags, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("/%s/%s = %q, %v; want %q", tt.src, tt.flags, got, err, tt.want)
		}
		if err := pattern.Check(got); err != nil {
			t.Errorf("%q is outside the dialect: %v", got, err)
		}
	}
}

func TestParseObjectLiteral(t *testing.T) {
	src := `{
		// a comment
		a: 'single \'quoted\'', "b": "double\u0041", c: ` + "`tpl`" + `, d: -1.5e1, e: 0x10,
		f: [1, , /x\/y[/]/gi, true, null, undefined,], /* block */
		g: function (x) { return {a: x} }, h: (x) => x / 2, i: foo.bar, j: 'a' + b,
		k() { return 1 }, l, 'm-n': {o: ` + "`${x}`" + `},
	}`
	v, err := parseLiteralAt(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	o := v.(*Object)
	if got := strings.Join(o.Keys, ","); got != "a,b,c,d,e,f,g,h,i,j,k,l,m-n" {
		t.Errorf("keys = %s", got)
	}
	if o.Get("a") != "single 'quoted'" || o.Get("b") != "doubleA" || o.Get("c") != "tpl" || o.Get("d") != -15.0 || o.Get("e") != 16.0 {
		t.Errorf("values: %#v", o.Values)
	}
	f := asList(o.Get("f"))
	if len(f) != 5 || f[1] != (RegExp{`x\/y[/]`, "gi"}) || f[2] != true || f[3] != nil {
		t.Errorf("f = %#v", f)
	}
	for _, k := range []string{"g", "h", "i", "j", "k", "l"} {
		if _, ok := o.Get(k).(Code); !ok {
			t.Errorf("%s = %#v, want Code", k, o.Get(k))
		}
	}
	if _, ok := asObject(o.Get("m-n")).Get("o").(Code); !ok {
		t.Errorf("a template with a substitution is not Code")
	}
}
