package policy

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/jsontext"
)

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t *testing.T, src string) *Policy {
	t.Helper()
	p, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// problemsOf returns Parse's problems for src, failing when it has none.
func problemsOf(t *testing.T, src []byte) Problems {
	t.Helper()
	p, err := Parse(src)
	if err == nil {
		t.Fatalf("Parse accepted %s", src)
	}
	if p != nil {
		t.Errorf("Parse returned a policy with its error")
	}
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("error %T is not Problems", err)
	}
	return probs
}

func TestParseExamples(t *testing.T) {
	files, _ := filepath.Glob("../examples/*.json")
	if len(files) < 2 {
		t.Fatalf("examples: %v", files)
	}
	for _, f := range files {
		if _, err := Parse(mustRead(t, f)); err != nil {
			t.Errorf("%s:\n%v", f, err)
		}
	}
}

func TestParseMannheim(t *testing.T) {
	p, err := Parse(mustRead(t, "../examples/mannheim.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Languages; !reflect.DeepEqual(got, []string{"de", "en"}) {
		t.Errorf("Languages = %q", got)
	}
	if p.LanguageCookie != "django_language" || p.PolicyURL != "/cookie-policy.html" {
		t.Errorf("LanguageCookie, PolicyURL = %q, %q", p.LanguageCookie, p.PolicyURL)
	}
	want := ConsentCookie{Name: "cookies_preferences", Path: "/", SameSite: "Lax", MaxAgeDays: 182}
	if p.ConsentCookie != want {
		t.Errorf("ConsentCookie = %+v, want %+v", p.ConsentCookie, want)
	}
	nec := p.Category("necessary")
	if nec == nil || !nec.Required || nec.Label.In("en", "de") != "Necessary" || nec.Label.In("xx", "de") != "Notwendig" {
		t.Errorf("necessary = %+v", nec)
	}
	// Mannheim's cookie table, row by row.
	rows := []struct{ cookie, function, purpose string }{
		{"sessionid", "Authentication (front and back office)", "To remember the user from one page to another"},
		{"django_language", "Language selection (front and back office)", "To remember the visitor's language"},
		{"csrftoken", "API (CSRF) (front and back office)", "To retrieve data via API calls"},
		{"cookies_preferences", "Choices related to your cookie preferences", "To remember the visitor's cookie preferences"},
	}
	svcs := p.ServicesOf("necessary")
	if len(svcs) != len(rows) {
		t.Fatalf("%d necessary services, want %d", len(svcs), len(rows))
	}
	for i, r := range rows {
		s := svcs[i]
		if s.Provider != "Opendatasoft" || len(s.Cookies) != 1 || s.Cookies[0].Name != r.cookie ||
			s.Function.In("en", "de") != r.function || s.Purpose.In("en", "de") != r.purpose {
			t.Errorf("row %d = %+v, want %+v", i, s, r)
		}
		if s.Cookies[0].Storage != StorageCookie {
			t.Errorf("row %d storage = %q", i, s.Cookies[0].Storage)
		}
	}
	matomo := p.Service("matomo")
	if matomo == nil || matomo.Category != "statistics" {
		t.Fatalf("matomo = %+v", matomo)
	}
	for _, name := range []string{"_pk_id.1.1fff", "_pk_ses.1.1fff"} {
		if !matomo.Cookies[0].Matches(name) && !matomo.Cookies[1].Matches(name) {
			t.Errorf("no matomo cookie matches %q", name)
		}
	}
	if matomo.Cookies[0].Matches("x_pk_id.1") || matomo.Cookies[0].Matches("_pk_idx") {
		t.Errorf("pattern is not anchored")
	}
	if matomo.Cookies[0].match == nil {
		t.Errorf("pattern not compiled by Parse")
	}
}

func TestParseDefaults(t *testing.T) {
	p := mustParse(t, `{"categories": [{"id": "necessary", "required": true, "label": "Necessary"}],
		"services": [{"id": "app", "category": "necessary", "provider": "Us", "label": "App",
			"cookies": [{"name": "sid"}]}]}`)
	want := ConsentCookie{Name: DefaultConsentCookieName, Path: "/", SameSite: "Lax", MaxAgeDays: 182}
	if p.ConsentCookie != want {
		t.Errorf("ConsentCookie = %+v, want %+v", p.ConsentCookie, want)
	}
	if !reflect.DeepEqual(p.Languages, []string{"en"}) || p.GPC != GPCReject || p.Layout != "bar" ||
		p.Theme != "auto" || p.Revision != 0 || p.Texts != nil || p.ReloadOnWithdraw {
		t.Errorf("defaults: %+v", p)
	}
	if c := p.Services[0].Cookies[0]; c.Storage != StorageCookie || c.Path != "" || c.Domain != "" {
		t.Errorf("cookie defaults: %+v", c)
	}
	if got := p.Categories[0].Label; !reflect.DeepEqual(got, Text{AnyLanguage: "Necessary"}) {
		t.Errorf("plain string label = %v", got)
	}
}

func TestParseAllFields(t *testing.T) {
	p := mustParse(t, `{
		"$schema": "x.json", "revision": 7, "languages": ["fr", "en", "pt-BR"],
		"languageCookie": "lang",
		"consentCookie": {"name": "cc", "domain": ".example.org", "path": "/app", "sameSite": "strict", "maxAgeDays": 395},
		"gpc": "ignore", "policyUrl": "https://example.org/cookies#top",
		"texts": {"fr": {"acceptAll": "Tout accepter", "bannerTitle": ""}, "pt-BR": {"acceptAll": "Aceitar"}},
		"reloadOnWithdraw": true, "layout": "center", "theme": "dark",
		"categories": [{"id": "necessary", "required": true, "label": {"fr": "Nécessaires", "en": "Necessary"},
			"description": "…", "googleConsentMode": ["security_storage"]}],
		"services": [{"id": "a_b-1", "category": "necessary", "provider": "P", "label": "L",
			"function": {"fr": "f"}, "purpose": "p",
			"cookies": [{"pattern": "x.*", "domain": "example.org", "path": "/", "duration": "1 an", "purpose": {"fr": "q"}},
				{"name": "k", "storage": "localStorage"}, {"name": "a key?", "storage": "sessionStorage"}]}]}`)
	if p.Schema != "x.json" || p.Revision != 7 || p.LanguageCookie != "lang" || p.GPC != GPCIgnore ||
		p.PolicyURL != "https://example.org/cookies#top" || !p.ReloadOnWithdraw || p.Layout != "center" || p.Theme != "dark" {
		t.Errorf("policy = %+v", p)
	}
	want := ConsentCookie{Name: "cc", Domain: ".example.org", Path: "/app", SameSite: "Strict", MaxAgeDays: 395}
	if p.ConsentCookie != want {
		t.Errorf("ConsentCookie = %+v, want %+v", p.ConsentCookie, want)
	}
	wantTexts := map[string]map[string]string{"fr": {"acceptAll": "Tout accepter", "bannerTitle": ""}, "pt-BR": {"acceptAll": "Aceitar"}}
	if !reflect.DeepEqual(p.Texts, wantTexts) {
		t.Errorf("Texts = %v", p.Texts)
	}
	if got := p.Categories[0].GoogleConsentMode; !reflect.DeepEqual(got, []string{"security_storage"}) {
		t.Errorf("GoogleConsentMode = %q", got)
	}
	cs := p.Services[0].Cookies
	if cs[0].Pattern != "x.*" || cs[0].Domain != "example.org" || cs[1].Storage != StorageLocal || cs[2].Storage != StorageSession || cs[2].Name != "a key?" {
		t.Errorf("cookies = %+v", cs)
	}
}

func TestParseSameSiteNormalised(t *testing.T) {
	for in, want := range map[string]string{"lax": "Lax", "LAX": "Lax", "Strict": "Strict", "nOnE": "None"} {
		p := mustParse(t, `{"consentCookie": {"sameSite": "`+in+`"}, "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`)
		if p.ConsentCookie.SameSite != want {
			t.Errorf("sameSite %q = %q, want %q", in, p.ConsentCookie.SameSite, want)
		}
	}
}

// Each file under testdata/broken holds one planted mistake, reported once
// at its place.
// wantProblem is a problem a test expects: its pointer and part of its message.
type wantProblem struct{ Pointer, Message string }

var brokenWant = map[string]wantProblem{
	"bad-consent-cookie-name":  {"/consentCookie/name", `invalid cookie name "cookie;prefs"`},
	"bad-consent-mode":         {"/categories/1/googleConsentMode/0", `"analytics" must be one of "ad_storage"`},
	"bad-cookie-name":          {"/services/0/cookies/0/name", `invalid cookie name "session id"`},
	"bad-domain":               {"/services/1/cookies/1/domain", `invalid domain "Example.ORG"`},
	"bad-gpc":                  {"/gpc", `"deny" must be one of "reject", "ignore"`},
	"bad-id":                   {"/services/1/id", `invalid id "Matomo"`},
	"bad-language":             {"/languages/0", `invalid language code "english"`},
	"bad-layout":               {"/layout", `"modal" must be one of "bar", "box", "center"`},
	"bad-path":                 {"/services/1/cookies/1/path", `invalid path "stats": must start with '/'`},
	"bad-pattern":              {"/services/1/cookies/0/pattern", `invalid pattern "_pk_id(.*": at character 7: missing ")" for this "("`},
	"bad-samesite":             {"/consentCookie/sameSite", `"Strictest" must be one of "Strict", "Lax" or "None"`},
	"bad-storage":              {"/services/1/cookies/0/storage", `"indexedDB" must be one of`},
	"bad-theme":                {"/theme", `"blue" must be one of`},
	"duplicate-id":             {"/services/2/id", `duplicate id "matomo" (first at /services/1)`},
	"duplicate-key":            {"/revision", `duplicate key "revision"`},
	"duplicate-language":       {"/languages/2", `duplicate language "en"`},
	"empty-languages":          {"/languages", "must list at least one language"},
	"empty-pattern":            {"/services/1/cookies/0/pattern", "must not be empty"},
	"javascript-url":           {"/policyUrl", `invalid URL "javascript:alert(1)": only http and https`},
	"max-age-fraction":         {"/consentCookie/maxAgeDays", "must be an integer from 1 to 395, not 30.5"},
	"max-age-too-long":         {"/consentCookie/maxAgeDays", "must be an integer from 1 to 395, not 400"},
	"missing-categories":       {"", `missing required field "categories"`},
	"missing-default-language": {"/categories/1/label", `missing the default language "en"`},
	"missing-label":            {"/categories/1", `missing required field "label"`},
	"missing-provider":         {"/services/1", `missing required field "provider"`},
	"name-and-pattern":         {"/services/1/cookies/0", `has both "name" and "pattern"`},
	"neither-name-nor-pattern": {"/services/0/cookies/0", `missing required field "name" or "pattern"`},
	"no-required-category":     {"/categories", "no category is required"},
	"required-not-bool":        {"/categories/1/required", "must be true or false, not a string"},
	"revision-negative":        {"/revision", "must be an integer from 0 to 2147483647, not -1"},
	"revision-string":          {"/revision", "must be an integer from 0 to 2147483647, not a string"},
	"storage-with-domain":      {"/services/1/cookies/1/domain", "applies only to cookies, not to localStorage"},
	"syntax-trailing-comma":    {"", "unexpected character ','"},
	"text-unknown-language":    {"/categories/1/label/it", `language "it" is not one of the policy's languages "en", "de"`},
	"text-wrong-type":          {"/services/1/label", "must be a string or an object of strings per language, not a number"},
	"texts-bad-key":            {"/texts/en/accept-all", `unknown text key "accept-all" (did you mean "acceptAll"?)`},
	"texts-unknown-language":   {"/texts/fr", `language "fr" is not one of the policy's languages`},
	"unknown-category":         {"/services/1/category", `unknown category "nope"`},
	"unknown-field":            {"/categories/0/lable", `unknown field "lable" (did you mean "label"?)`},
	"unknown-top-field":        {"/revison", `unknown field "revison" (did you mean "revision"?)`},
}

// Problems a broken file has besides its planted one, when that one
// cannot be planted alone.
var brokenAlso = map[string]int{
	"storage-with-domain": 1, // the path is refused too
}

func TestParseBroken(t *testing.T) {
	if _, err := Parse(mustRead(t, "testdata/base.json")); err != nil {
		t.Fatalf("testdata/base.json, which the broken files are made from: %v", err)
	}
	files, _ := filepath.Glob("testdata/broken/*.json")
	if len(files) != len(brokenWant) {
		t.Errorf("%d broken files, %d expectations", len(files), len(brokenWant))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		want, ok := brokenWant[name]
		if !ok {
			t.Errorf("%s: no expectation", f)
			continue
		}
		probs := problemsOf(t, mustRead(t, f))
		if len(probs) != 1+brokenAlso[name] || probs[0].Pointer != want.Pointer || !strings.Contains(probs[0].Message, want.Message) {
			t.Errorf("%s:\n%v\nwant %s: …%s…", f, probs, want.Pointer, want.Message)
		}
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := `{
		"revision": 1.5,
		"languages": ["de", "en"],
		"gpc": "always",
		"colour": "red",
		"categories": [
			{"id": "necessary", "required": true, "label": {"de": "Notwendig"}},
			{"id": "Stats", "label": {"en": "Statistics"}},
			{"id": "necessary", "label": "Again", "googleConsentMode": ["analytics_storage", "analytics_storage"]}
		],
		"services": [
			{"id": "a", "category": "necessary", "provider": "", "label": "A",
			 "cookies": [{"name": "x", "pattern": "y"}, {"pattern": "(?P<"}, {"name": "ok", "domain": "-bad.org", "path": "/;"}, 7]},
			{"category": "nope", "label": 1},
			"service"
		]
	}`
	// An object's unknown fields come first, then its fields in schema order.
	want := []wantProblem{
		{"/colour", `unknown field "colour"`},
		{"/revision", "must be an integer from 0 to 2147483647, not 1.5"},
		{"/gpc", `"always" must be one of "reject", "ignore"`},
		{"/categories/1/id", `invalid id "Stats"`},
		{"/categories/1/label", `missing the default language "de"`},
		{"/categories/2/id", `duplicate id "necessary" (first at /categories/0)`},
		{"/categories/2/googleConsentMode/1", `duplicate consent mode type "analytics_storage"`},
		{"/services/0/provider", "must not be empty"},
		{"/services/0/cookies/0", `has both "name" and "pattern"`},
		{"/services/0/cookies/1/pattern", `invalid pattern "(?P<": at character 1: named groups are not allowed`},
		{"/services/0/cookies/2/domain", `invalid domain "-bad.org"`},
		{"/services/0/cookies/2/path", `invalid path "/;"`},
		{"/services/0/cookies/3", "must be an object, not a number"},
		{"/services/1", `missing required field "id"`},
		{"/services/1", `missing required field "provider"`},
		{"/services/1/category", `unknown category "nope"`},
		{"/services/1/label", "must be a string or an object of strings per language, not a number"},
		{"/services/2", "must be an object, not a string"},
	}
	probs := problemsOf(t, []byte(src))
	if len(probs) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(probs), len(want), probs)
	}
	for i := 0; i < len(want) && i < len(probs); i++ {
		if probs[i].Pointer != want[i].Pointer || !strings.Contains(probs[i].Message, want[i].Message) {
			t.Errorf("problem %d = %s, want %s: …%s…", i, probs[i], want[i].Pointer, want[i].Message)
		}
	}
	lines := strings.Split(probs.Error(), "\n")
	if len(lines) != len(probs) || lines[1] != "/revision: must be an integer from 0 to 2147483647, not 1.5" {
		t.Errorf("Error() = %q", probs.Error())
	}
}

func TestParseWrongTypes(t *testing.T) {
	tests := []struct{ src, pointer, msg string }{
		{`[]`, "", "must be an object, not an array"},
		{`null`, "", "must be an object, not null"},
		{`{"categories": {}, "services": []}`, "/categories", "must be an array, not an object"},
		{`{"categories": [], "services": []}`, "/categories", "must list at least one category"},
		{`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": null}`, "/services", "must be an array, not null"},
		{`{"languages": "en", "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/languages", "must be an array, not a string"},
		{`{"languages": [1], "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/languages/0", "must be a string, not a number"},
		{`{"consentCookie": "c", "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/consentCookie", "must be an object, not a string"},
		{`{"reloadOnWithdraw": "yes", "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/reloadOnWithdraw", "must be true or false, not a string"},
		{`{"texts": {"en": "x"}, "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/texts/en", "must be an object, not a string"},
		{`{"texts": {"en": {"bannerTitle": 1}}, "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/texts/en/bannerTitle", "must be a string, not a number"},
		{`{"categories": [{"id": "n", "required": true, "label": ""}], "services": []}`, "/categories/0/label", "must not be empty"},
		{`{"categories": [{"id": "n", "required": true, "label": {"en": ""}}], "services": []}`, "/categories/0/label/en", "must not be empty"},
		{`{"categories": [{"id": "n", "required": true, "label": {"EN": "x", "en": "y"}}], "services": []}`, "/categories/0/label/EN", `invalid language code "EN"`},
		{`{"categories": [{"id": "", "required": true, "label": "N"}], "services": []}`, "/categories/0/id", "must not be empty"},
		{`{"revision": 1e400, "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/revision", "not +Inf"},
		{`{"revision": 2147483648, "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`, "/revision", "not 2.147483648e+09"},
		{`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "p", "label": "l", "cookies": {}}]}`, "/services/0/cookies", "must be an array, not an object"},
		{`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [], "a/b~c": 1}`, "/a~1b~0c", `unknown field "a/b~c"`},
		{`{"categories": [{"id": "n", "required": true, "label": "N", "Required": true}], "services": []}`, "/categories/0/Required", `unknown field "Required" (did you mean "required"?)`},
		{`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [], "gpc": "reject", "gpc": "ignore"}`, "/gpc", `duplicate key "gpc"`},
	}
	for _, tt := range tests {
		probs := problemsOf(t, []byte(tt.src))
		if len(probs) != 1 || probs[0].Pointer != tt.pointer || !strings.Contains(probs[0].Message, tt.msg) {
			t.Errorf("Parse(%s):\n%v\nwant %s: …%s…", tt.src, probs, tt.pointer, tt.msg)
		}
	}
}

func TestParseSyntaxErrorIsOneProblem(t *testing.T) {
	probs := problemsOf(t, []byte("{\n  \"categories\": [\n}"))
	if len(probs) != 1 || probs[0].Pointer != "" || probs[0].Line != 3 || probs[0].Column != 1 {
		t.Errorf("problems = %#v", probs)
	}
	if want := "3:1: " + probs[0].Message; probs.Error() != want {
		t.Errorf("Error() = %q, want %q", probs.Error(), want)
	}
}

func TestParseLongValuesShortened(t *testing.T) {
	long := strings.Repeat("é", 200)
	probs := problemsOf(t, []byte(`{"gpc": "`+long+`", "categories": [{"id": "n", "required": true, "label": "N"}], "services": []}`))
	if len(probs) != 1 || len(probs[0].Message) > 200 || !strings.Contains(probs[0].Message, `"…`) {
		t.Errorf("message = %q", probs[0].Message)
	}
}

func TestFromNodeBuiltByHand(t *testing.T) {
	// The browser builds the tree from JSON.parse's result: no positions,
	// no duplicate keys.
	str := func(s string) *jsontext.Node { return &jsontext.Node{Kind: jsontext.KindString, Str: s} }
	obj := func(kv ...any) *jsontext.Node {
		n := &jsontext.Node{Kind: jsontext.KindObject, Fields: map[string]*jsontext.Node{}}
		for i := 0; i < len(kv); i += 2 {
			k := kv[i].(string)
			n.Keys = append(n.Keys, k)
			n.Fields[k] = kv[i+1].(*jsontext.Node)
		}
		return n
	}
	arr := func(items ...*jsontext.Node) *jsontext.Node {
		return &jsontext.Node{Kind: jsontext.KindArray, Items: items}
	}
	root := obj(
		"categories", arr(obj("id", str("necessary"), "required", &jsontext.Node{Kind: jsontext.KindBool, Bool: true}, "label", str("Necessary"))),
		"services", arr(obj("id", str("app"), "category", str("necessary"), "provider", str("Us"), "label", str("App"),
			"cookies", arr(obj("pattern", str("sess_[0-9]+"))))),
	)
	p, probs := FromNode(root)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if !p.Services[0].Cookies[0].Matches("sess_42") {
		t.Errorf("pattern does not match")
	}
	if _, probs := FromNode(nil); len(probs) != 1 {
		t.Errorf("FromNode(nil) problems = %v", probs)
	}
}

func TestPolicyURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"/cookie-policy.html", true},
		{"cookies.html", true},
		{"../privacy#cookies", true},
		{"?page=cookies", true},
		{"#cookies", true},
		{"//example.org/cookies", true},
		{"https://example.org/cookies", true},
		{"HTTP://example.org", true},
		{"https://example.org:8443?x=a:b", true},
		{"/a:b", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,hi", false},
		{"vbscript:x", false},
		{"mailto:dpo@example.org", false},
		{"ftp://example.org", false},
		{"https:/example.org", false},
		{"https:example.org", false},
		{"https://", false},
		{"https:///path", false},
		{"java\tscript:alert(1)", false},
		{"/cookies\n", false},
		{"/a\x7f", false},
		{"a b:c", false},
	}
	for _, tt := range tests {
		if got := checkPolicyURL(tt.url) == ""; got != tt.ok {
			t.Errorf("checkPolicyURL(%q) = %q, want ok=%v", tt.url, checkPolicyURL(tt.url), tt.ok)
		}
	}
}

func TestValidCookieName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"sessionid", true},
		{"_pk_id.1.abc", true},
		{"__Host-sid", true},
		{"a!#$%&'*+-.^_`|~z", true},
		{"", false},
		{"a b", false},
		{"a=b", false},
		{"a;b", false},
		{"a,b", false},
		{"a\tb", false},
		{"a\x00", false},
		{"a\x7f", false},
		{`a"b`, false},
		{"a/b", false},
		{"(a)", false},
		{"a:b", false},
		{"é", false},
	}
	for _, tt := range tests {
		if got := ValidCookieName(tt.name); got != tt.ok {
			t.Errorf("ValidCookieName(%q) = %v, want %v", tt.name, got, tt.ok)
		}
	}
}

func TestValidDomain(t *testing.T) {
	tests := []struct {
		domain string
		ok     bool
	}{
		{"example.org", true},
		{".example.org", true},
		{"localhost", true},
		{"a-b.c1.example", true},
		{"127.0.0.1", true},
		{strings.Repeat("a", 63) + ".org", true},
		{strings.Repeat("a.", 126) + "a", true}, // 253 characters
		{"", false},
		{".", false},
		{"..example.org", false},
		{"example.org.", false},
		{"Example.org", false},
		{"-a.org", false},
		{"a-.org", false},
		{"a_b.org", false},
		{"ex ample.org", false},
		{"exämple.org", false},
		{strings.Repeat("a", 64) + ".org", false},
		{strings.Repeat("a.", 127) + "a", false}, // 255 characters
	}
	for _, tt := range tests {
		if got := ValidDomain(tt.domain); got != tt.ok {
			t.Errorf("ValidDomain(%q) = %v, want %v", tt.domain, got, tt.ok)
		}
	}
}

func TestValidCookiePath(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
	}{
		{"/", true},
		{"/app/x y", true},
		{"/é", true},
		{"", false},
		{"app", false},
		{"/a;b", false},
		{"/a\nb", false},
		{"/a\x7f", false},
	}
	for _, tt := range tests {
		if got := ValidCookiePath(tt.path); got != tt.ok {
			t.Errorf("ValidCookiePath(%q) = %v, want %v", tt.path, got, tt.ok)
		}
	}
}

func TestValidLanguage(t *testing.T) {
	tests := []struct {
		lang string
		ok   bool
	}{
		{"en", true},
		{"gsw", true},
		{"pt-BR", true},
		{"zh-Hant-TW", true},
		{"de-1996", true},
		{"", false},
		{"e", false},
		{"english", false},
		{"EN", false},
		{"en-", false},
		{"en_US", false},
		{"en-a", false},
		{"en-abcdefghi", false},
		{"*", false},
	}
	for _, tt := range tests {
		if got := ValidLanguage(tt.lang); got != tt.ok {
			t.Errorf("ValidLanguage(%q) = %v, want %v", tt.lang, got, tt.ok)
		}
	}
}

func TestPointerToken(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "a/b": "a~1b", "~": "~0", "~1/": "~01~1", "": ""} {
		if got := PointerToken(in); got != want {
			t.Errorf("PointerToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lable", "label"},
		{"Label", "label"},
		{"provder", "provider"},
		{"coookies", "cookies"},
		{"googleConsentmode", "googleConsentMode"},
		{"colour", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := suggestField(tt.in, serviceFields); tt.in == "googleConsentmode" {
			if got := suggestField(tt.in, categoryFields); got != tt.want {
				t.Errorf("suggestField(%q) = %q, want %q", tt.in, got, tt.want)
			}
		} else if got != tt.want {
			t.Errorf("suggestField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
