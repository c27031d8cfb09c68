package scan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/scan/scantest"
)

// findingNames returns the names of the findings of one kind.
func findingNames(rep *Report, kind string) []string {
	var out []string
	for _, f := range rep.FindingsOf(kind) {
		out = append(out, f.Name)
	}
	return out
}

func item(rep *Report, storage, name string) *Item {
	for _, it := range rep.Items {
		if it.Storage == storage && it.Name == name {
			return it
		}
	}
	return nil
}

func readPolicy(t *testing.T, name string) ([]byte, *policy.Policy) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(scantest.Dir(), name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b, p
}

// checkReports checks that every report format names each want.
func checkReports(t *testing.T, rep *Report, want ...string) {
	t.Helper()
	md, page := rep.Markdown(), rep.HTML()
	js, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Findings []Finding `json:"findings"`
		Items    []Item    `json:"items"`
		Table    []Row     `json:"table"`
	}
	if err := json.Unmarshal(js, &decoded); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, js)
	}
	if len(decoded.Findings) != len(rep.Findings) || len(decoded.Items) != len(rep.Items) {
		t.Errorf("JSON report has %d findings and %d items, want %d and %d", len(decoded.Findings), len(decoded.Items), len(rep.Findings), len(rep.Items))
	}
	findingsMD := md[strings.Index(md, "## Findings"):strings.Index(md, "## Cookies and storage by category")]
	for _, w := range want {
		if !strings.Contains(findingsMD, "`"+w+"`") {
			t.Errorf("Markdown findings do not name %s:\n%s", w, findingsMD)
		}
		if !strings.Contains(page, "<code>"+w+"</code>") {
			t.Errorf("HTML report does not name %s", w)
		}
		if !strings.Contains(string(js), `"name": "`+w+`"`) {
			t.Errorf("JSON report does not name %s", w)
		}
	}
	if t.Failed() {
		t.Logf("Markdown report:\n%s", md)
	}
}

// (a) A site that sets tracking cookies on load, with no banner.
func TestScanTrackingSite(t *testing.T) {
	t.Parallel()
	res := scanSite(t, "www.tracking.test")
	rep := Analyze(res, nil, "")

	for _, v := range res.Visits {
		// robots.txt keeps the scanner out of /private/; other sites and
		// files are not followed.
		if len(v.Pages) != 2 || !strings.HasSuffix(v.Pages[1], "/about.html") {
			t.Errorf("%s visit loaded %v, want the start page and /about.html", v.Mode, v.Pages)
		}
		if len(v.Skipped) != 1 || !strings.HasSuffix(v.Skipped[0], "/private/secret.html") {
			t.Errorf("%s visit skipped %v, want /private/secret.html", v.Mode, v.Skipped)
		}
		if v.Mode != NoChoice && v.Choice != "" {
			t.Errorf("%s visit made a choice through %q on a site without a banner", v.Mode, v.Choice)
		}
	}
	if item(rep, policy.StorageCookie, "robots_ignored") != nil {
		t.Error("found the cookie of a page robots.txt disallows")
	}

	want := map[string][2]string{ // name: category, service
		"_ga":               {Statistics, "google-analytics"},
		"_ga_ABC123XYZ":     {Statistics, "google-analytics"},
		"_fbp":              {Marketing, "facebook"},
		"_hjSessionUser_42": {Statistics, "hotjar"},
		"visitor_mood":      {Unclassified, ""},
	}
	before := findingNames(rep, BeforeChoice)
	for name, cs := range want {
		if !slices.Contains(before, name) {
			t.Errorf("no before-choice finding for %s; have %v", name, before)
		}
		storage := policy.StorageCookie
		if strings.HasPrefix(name, "_hj") {
			storage = policy.StorageLocal
		}
		it := item(rep, storage, name)
		if it == nil {
			t.Errorf("%s not found", name)
			continue
		}
		if it.Category != cs[0] || it.Service != cs[1] || it.ThirdParty {
			t.Errorf("%s: category %q service %q third-party %v, want %q %q first-party", name, it.Category, it.Service, it.ThirdParty, cs[0], cs[1])
		}
	}
	if len(before) != len(want) {
		t.Errorf("before-choice findings %v, want exactly %d", before, len(want))
	}
	if got := findingNames(rep, ContactedBeforeChoice); !slices.Equal(got, []string{"tracker.othersite.test"}) {
		t.Errorf("third-party hosts before choice: %v", got)
	}
	if len(rep.FindingsOf(NoRefusal)) != 1 {
		t.Errorf("want a no-refusal finding, have %+v", rep.Findings)
	}
	// Without a refusal there is no "after refusal" finding to make.
	if n := len(rep.FindingsOf(AfterRefusal)); n != 0 {
		t.Errorf("%d after-refusal findings on a site where nothing could be refused", n)
	}
	checkReports(t, rep, "_ga", "_ga_ABC123XYZ", "_fbp", "_hjSessionUser_42", "visitor_mood", "tracker.othersite.test")

	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("draft: %v\n%s", err, draft)
	}
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatalf("draft does not parse: %v\n%s", err, draft)
	}
	ga := p.Service("google-analytics")
	if ga == nil || ga.Category != Statistics || len(ga.Cookies) != 2 || !ga.Cookies[1].Matches("_ga_OTHER1") {
		t.Errorf("draft's google-analytics service: %+v\n%s", ga, draft)
	}
	if s := p.Service("hotjar"); s == nil || len(s.Cookies) != 1 || s.Cookies[0].Storage != policy.StorageLocal {
		t.Errorf("draft's hotjar service: %+v", s)
	}
	if s := p.Service("unclassified-www-tracking-test"); s == nil || s.Category != Unclassified || s.Cookies[0].Name != "visitor_mood" {
		t.Errorf("draft's unclassified service: %+v\n%s", s, draft)
	}
	if c := p.Category(Necessary); c == nil || !c.Required {
		t.Errorf("draft has no required necessary category:\n%s", draft)
	}
	// A rescan with the draft (a site without the consent manager yet):
	// its consent cookie is the draft's consentCookie, not a cookie
	// declared but never seen.
	again := Analyze(res, p, "draft.json")
	for _, kind := range []string{NeverSeen, Undeclared} {
		if fs := again.FindingsOf(kind); len(fs) != 0 {
			t.Errorf("%s findings on a rescan with the draft: %+v", kind, fs)
		}
	}
}

// (b) A site that uses the project's consent manager correctly.
func TestScanManagedSite(t *testing.T) {
	t.Parallel()
	res := scanSite(t, "www.managed.test")
	owner, pol := readPolicy(t, "managed/policy.json")
	rep := Analyze(res, pol, "policy.json")

	for _, m := range []Mode{RejectAll, AcceptAll} {
		if v := res.Visit(m); v.Choice != "banner" {
			t.Errorf("%s visit: choice made through %q, want the banner", m, v.Choice)
		}
	}
	if len(rep.Findings) != 0 {
		t.Errorf("findings on a site that does it right: %+v\n%s", rep.Findings, rep.Markdown())
	}
	// What a visitor's browser holds in each visit.
	seen := map[string][]Mode{
		"sessionid":           {NoChoice, RejectAll, AcceptAll},
		"cookies_preferences": {RejectAll, AcceptAll},
		"_pk_id.1.abcd":       {AcceptAll},
	}
	for name, modes := range seen {
		it := item(rep, policy.StorageCookie, name)
		if it == nil {
			t.Errorf("%s not found", name)
			continue
		}
		if !slices.Equal(it.SeenIn, modes) || !it.Declared {
			t.Errorf("%s seen in %v (declared %v), want %v", name, it.SeenIn, it.Declared, modes)
		}
	}
	if it := item(rep, policy.StorageCookie, "sessionid"); it != nil && !it.HTTPOnly {
		t.Error("sessionid: HttpOnly not recorded")
	}
	if len(rep.Items) != len(seen) {
		t.Errorf("found %d items, want %d", len(rep.Items), len(seen))
	}
	if !strings.Contains(rep.Markdown(), "Nothing to report.") {
		t.Errorf("report:\n%s", rep.Markdown())
	}
	// Nothing new: the merged draft declares what the owner's does.
	draft, err := Draft(rep, owner)
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatalf("merged draft does not parse: %v\n%s", err, draft)
	}
	if len(p.Services) != len(pol.Services) || len(p.Categories) != len(pol.Categories) {
		t.Errorf("merged draft changed the policy:\n%s", draft)
	}
}

// (c) A site that sets cookies its policy does not declare.
func TestScanUndeclaredSite(t *testing.T) {
	t.Parallel()
	res := scanSite(t, "www.undeclared.test")
	owner, pol := readPolicy(t, "undeclared/policy.json")
	rep := Analyze(res, pol, "policy.json")

	if got := findingNames(rep, Undeclared); !slices.Equal(sorted(got), []string{"csrftoken", "ui_theme"}) {
		t.Errorf("undeclared findings %v, want csrftoken and ui_theme", got)
	}
	if got := findingNames(rep, NeverSeen); !slices.Equal(got, []string{"legacy_portal"}) {
		t.Errorf("never-seen findings %v, want legacy_portal", got)
	}
	// csrftoken is known to be necessary; ui_theme is unknown.
	if got := findingNames(rep, BeforeChoice); !slices.Equal(got, []string{"ui_theme"}) {
		t.Errorf("before-choice findings %v, want ui_theme", got)
	}
	checkReports(t, rep, "csrftoken", "ui_theme", "legacy_portal")

	draft, err := Draft(rep, owner)
	if err != nil {
		t.Fatalf("draft: %v\n%s", err, draft)
	}
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatalf("merged draft does not parse: %v\n%s", err, draft)
	}
	// The owner's texts, categories and services stay.
	if p.Revision != 3 || !slices.Equal(p.Languages, []string{"de", "en"}) {
		t.Errorf("revision %d languages %v", p.Revision, p.Languages)
	}
	s := p.Service("anmeldung")
	if s == nil || s.Purpose["de"] != "Hält Sie angemeldet" || len(s.Cookies) != 2 {
		t.Errorf("owner's service changed: %+v", s)
	}
	// What is new is added: csrftoken to the owner's required category,
	// ui_theme as unclassified.
	csrf := p.Service("csrf")
	if csrf == nil || csrf.Category != "notwendig" || csrf.Cookies[0].Name != "csrftoken" {
		t.Errorf("csrf service: %+v\n%s", csrf, draft)
	}
	if c := p.Category(Necessary); c != nil {
		t.Errorf("merged draft added a second required category %+v", c)
	}
	un := p.Service("unclassified-www-undeclared-test")
	if un == nil || un.Category != Unclassified || un.Cookies[0].Name != "ui_theme" {
		t.Errorf("unclassified service: %+v\n%s", un, draft)
	}
	if !strings.Contains(string(draft), `"Hält Sie angemeldet"`) {
		t.Errorf("draft lost the owner's German text:\n%s", draft)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
