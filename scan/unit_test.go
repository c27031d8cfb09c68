package scan

import (
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

func TestLookupKnownCookies(t *testing.T) {
	tests := []struct {
		name, storage, service, category string
	}{
		{"_ga", "", "google-analytics", Statistics},
		{"_ga_2X3Y4Z5W", "", "google-analytics", Statistics},
		{"_gid", "", "google-analytics", Statistics},
		{"_gat", "", "google-analytics", Statistics},
		{"_pk_id.1.a1b2", "", "matomo", Statistics},
		{"_pk_ses.3.ffff", "", "matomo", Statistics},
		{"mtm_consent", "", "matomo-consent", Necessary},
		{"_fbp", "", "meta-pixel", Marketing},
		{"fr", "", "meta-pixel", Marketing},
		{"_hjSessionUser_123", "", "hotjar", Statistics},
		{"_hjSession_123", policy.StorageSession, "hotjar", Statistics},
		{"__hstc", "", "hubspot", Marketing},
		{"hubspotutk", "", "hubspot", Marketing},
		{"__hssc", "", "hubspot", Marketing},
		{"__hssrc", "", "hubspot", Marketing},
		{"VISITOR_INFO1_LIVE", "", "youtube", Media},
		{"YSC", "", "youtube", Media},
		{"PREF", "", "youtube", Media},
		{"vuid", "", "vimeo", Media},
		{"NID", "", "google-maps", Media},
		{"mapbox.eventData.uuid:abc", policy.StorageLocal, "mapbox", Media},
		{"li_sugr", "", "linkedin", Marketing},
		{"bcookie", "", "linkedin", Marketing},
		{"lidc", "", "linkedin", Marketing},
		{"_clck", "", "microsoft-clarity", Statistics},
		{"_clsk", "", "microsoft-clarity", Statistics},
		{"CLID", "", "microsoft-clarity", Statistics},
		{"_ttp", "", "tiktok-pixel", Marketing},
		{"tt_appInfo", "", "tiktok-pixel", Marketing},
		{"sessionid", "", "session", Necessary},
		{"PHPSESSID", "", "session", Necessary},
		{"JSESSIONID", "", "session", Necessary},
		{"laravel_session", "", "session", Necessary},
		{"ASP.NET_SessionId", "", "session", Necessary},
		{"connect.sid", "", "session", Necessary},
		{"csrftoken", "", "csrf", Necessary},
		{"XSRF-TOKEN", "", "csrf", Necessary},
		{"cookies_preferences", "", ConsentServiceID, Necessary},
	}
	for _, tt := range tests {
		storage := tt.storage
		if storage == "" {
			storage = policy.StorageCookie
		}
		s, c := Lookup(tt.name, storage, "")
		if s == nil || c == nil {
			t.Errorf("%s (%s): unknown", tt.name, storage)
			continue
		}
		if s.ID != tt.service || s.Category != tt.category {
			t.Errorf("%s: service %s (%s), want %s (%s)", tt.name, s.ID, s.Category, tt.service, tt.category)
		}
		if c.Duration == "" || s.Purpose == "" || s.Function == "" || s.Label == "" {
			t.Errorf("%s: entry lacks texts: %+v %+v", tt.name, s, c)
		}
	}
	for _, name := range []string{"ga", "_gax", "_ga_", "my_session", "pk_id"} {
		if s, _ := Lookup(name, policy.StorageCookie, ""); s != nil {
			t.Errorf("%s: classified as %s", name, s.ID)
		}
	}
	// A pattern is for cookies only unless the entry says otherwise.
	if s, _ := Lookup("_ga", policy.StorageLocal, ""); s != nil {
		t.Errorf("localStorage _ga classified as %s", s.ID)
	}
	// The site's own consent cookie name.
	if s, _ := Lookup("my_consent", policy.StorageCookie, "my_consent"); s == nil || s.ID != ConsentServiceID {
		t.Errorf("the site's consent cookie: %v", s)
	}
}

// Every entry of the table makes a valid policy: names, patterns, ids.
func TestKnownTableIsValidPolicy(t *testing.T) {
	var items []*Item
	for _, s := range Known {
		if s.Provider == "" && !s.FirstParty || !policy.ValidID(s.ID) {
			t.Errorf("service %q: no provider or bad id", s.ID)
		}
		if categoryRank(s.Category) >= len(CategoryOrder)-1 {
			t.Errorf("service %q: category %q", s.ID, s.Category)
		}
		for i := range s.Cookies {
			k := &s.Cookies[i]
			storage := k.Storage
			if storage == "" {
				storage = policy.StorageCookie
			}
			items = append(items, &Item{Storage: storage, Name: "x", Domain: "www.example.org", known: s, knownEntry: k, Category: s.Category})
		}
	}
	rep := &Report{Host: "www.example.org", Items: items}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	p, _ := policy.Parse(draft)
	if len(p.Services) != len(Known) {
		t.Errorf("draft has %d services, want %d", len(p.Services), len(Known))
	}
}

func TestRegistrableDomain(t *testing.T) {
	for in, want := range map[string]string{
		"www.example.org":        "example.org",
		".example.org":           "example.org",
		"a.b.example.org":        "example.org",
		"www.example.co.uk":      "example.co.uk",
		"tracker.othersite.test": "othersite.test",
		"example.org.":           "example.org",
		"127.0.0.1":              "127.0.0.1",
		"localhost":              "localhost",
		"WWW.Example.ORG":        "example.org",
		"user.github.io":         "user.github.io",
	} {
		if got := RegistrableDomain(in); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeLink(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.example.org/a#top":   "https://www.example.org/a",
		"https://shop.example.org":        "https://shop.example.org/",
		"https://www.example.org/b.pdf":   "",
		"https://other.org/":              "",
		"mailto:me@example.org":           "",
		"javascript:void(0)":              "",
		"https://www.example.org/p?q=1#x": "https://www.example.org/p?q=1",
		"https://www.example.org/IMG.JPG": "",
	} {
		got, ok := normalizeLink("example.org", in)
		if got != want || ok != (want != "") {
			t.Errorf("normalizeLink(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestRobots(t *testing.T) {
	r := ParseRobots(`# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Disallow: /*.php$
Allow: /private/open/
Disallow: /search?

User-agent: other
Disallow:
`)
	for p, want := range map[string]bool{
		"/":                    true,
		"/about.html":          true,
		"/private/":            false,
		"/private/x.html":      false,
		"/private/open/x.html": true,
		"/index.php":           false,
		"/index.php?x=1":       true,
		"/search?q=a":          false,
		"/search":              true,
	} {
		if got := r.Allowed(p); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", p, got, want)
		}
	}
	own := ParseRobots("User-agent: *\nDisallow: /\n\nUser-agent: consent-scan\nUser-agent: x\nDisallow: /no\n")
	if !own.Allowed("/yes") || own.Allowed("/no/1") {
		t.Error("the group naming consent-scan must win over *")
	}
	if !ParseRobots("").Allowed("/x") || !(*Robots)(nil).Allowed("/x") {
		t.Error("no robots.txt allows everything")
	}
}

func TestLifetime(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		time.Minute:              "1 minute",
		30 * time.Minute:         "30 minutes",
		24 * time.Hour:           "24 hours",
		14 * 24 * time.Hour:      "14 days",
		182 * 24 * time.Hour:     "6 months",
		400 * 24 * time.Hour:     "13 months",
		2 * 365 * 24 * time.Hour: "2 years",
	} {
		if got := Lifetime(now.Add(d), now); got != want {
			t.Errorf("Lifetime(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Lifetime(time.Time{}, now); got != "Session" {
		t.Errorf("session cookie: %q", got)
	}
}

// synthetic is a scan of a site whose refusal leaves a marketing cookie,
// with a third-party cookie and hostile names.
func synthetic() *Result {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fr := Cookie{Name: "fr", Domain: ".facebook.com", Path: "/", Expires: now.Add(90 * 24 * time.Hour), Secure: true, SameSite: "None", ThirdParty: true}
	fbp := Cookie{Name: "_fbp", Domain: ".example.org", Path: "/", Expires: now.Add(90 * 24 * time.Hour)}
	evil := Cookie{Name: `<script>alert(1)</script>|x`, Domain: "www.example.org", Path: "/"}
	consent := Cookie{Name: "cookies_preferences", Domain: "www.example.org", Path: "/", Expires: now.Add(182 * 24 * time.Hour)}
	return &Result{
		Start: "https://www.example.org/", Site: "example.org", Host: "www.example.org", Started: now,
		Visits: []Visit{
			{Mode: NoChoice, Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{evil}},
			{Mode: RejectAll, Choice: "banner", Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{consent, fbp}},
			{Mode: AcceptAll, Choice: "banner", Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{consent, fbp, fr},
				ThirdPartyHosts: []string{"connect.facebook.net"}},
		},
	}
}

func TestAnalyzeAfterRefusalAndThirdParty(t *testing.T) {
	rep := Analyze(synthetic(), nil, "")
	if got := findingNames(rep, AfterRefusal); len(got) != 1 || got[0] != "_fbp" {
		t.Errorf("after-refusal findings %v, want _fbp", got)
	}
	if got := findingNames(rep, BeforeChoice); len(got) != 1 || !strings.HasPrefix(got[0], "<script>") {
		t.Errorf("before-choice findings %v", got)
	}
	if n := len(rep.FindingsOf(ContactedBeforeChoice)) + len(rep.FindingsOf(NoRefusal)); n != 0 {
		t.Errorf("%d unexpected findings: %+v", n, rep.Findings)
	}
	fr := item(rep, policy.StorageCookie, "fr")
	if fr == nil || !fr.ThirdParty || fr.Service != "meta-pixel" || fr.Expires != "3 months" || fr.SameSite != "None" {
		t.Errorf("fr: %+v", fr)
	}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	p, _ := policy.Parse(draft)
	meta := p.Service("meta-pixel")
	if meta == nil || len(meta.Cookies) != 2 {
		t.Fatalf("meta-pixel: %+v\n%s", meta, draft)
	}
	for _, c := range meta.Cookies {
		if c.Name == "fr" && c.Domain != ".facebook.com" || c.Name == "_fbp" && c.Domain != "" {
			t.Errorf("cookie %s domain %q: only third-party cookies carry their domain", c.Name, c.Domain)
		}
	}
	// A name that is no valid cookie-name is declared as a literal pattern.
	un := p.Service("unclassified-www-example-org")
	if un == nil || un.Cookies[0].Pattern == "" || !un.Cookies[0].Matches(`<script>alert(1)</script>|x`) {
		t.Errorf("unclassified: %+v\n%s", un, draft)
	}
}

func TestReportsEscape(t *testing.T) {
	rep := Analyze(synthetic(), nil, "")
	page := rep.HTML()
	if strings.Contains(page, "<script>alert") {
		t.Errorf("HTML report has the cookie name unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;|x") {
		t.Errorf("HTML report lacks the escaped name")
	}
	md := rep.Markdown()
	if strings.Contains(md, "</script>|x") {
		t.Errorf("Markdown report has an unescaped pipe in a table cell:\n%s", md)
	}
	// Every table row has as many cells as its header.
	rows := 0
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| `<script>") {
			rows++
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 15 {
				t.Errorf("row has %d separators, want 15: %s", n, line)
			}
		}
	}
	if rows != 1 {
		t.Errorf("%d rows for the hostile cookie in Everything found, want 1:\n%s", rows, md)
	}
}

func TestDraftMergeRejectsInvalidPolicy(t *testing.T) {
	rep := Analyze(synthetic(), nil, "")
	if _, err := Draft(rep, []byte(`{"categories": [], "services": []}`)); err == nil {
		t.Error("merging into an invalid policy succeeded")
	}
}
