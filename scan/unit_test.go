package scan

import (
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/pattern"
)

func TestLookupKnownCookies(t *testing.T) {
	const db, own = SourceDatabase, SourceScanner
	tests := []struct {
		name, storage, domain, service, category, source string
	}{
		{"_ga", "", "", "google-analytics", Statistics, db},
		{"_ga_2X3Y4Z5W", "", "", "google-analytics", Statistics, db},
		{"_gid", "", "", "google-analytics", Statistics, db},
		{"_gat", "", "", "google-analytics", Statistics, db},
		// The longest prefix wins: _gat_gtag_ over _gat.
		{"_gat_gtag_UA_1", "", "", "google-analytics", Statistics, db},
		{"_gac_UA-1", "", "", "google-analytics-marketing", Marketing, db},
		{"_pk_id.1.a1b2", "", "", "piwik", Statistics, db},
		{"_pk_ses.3.ffff", "", "", "piwik", Statistics, db},
		{"mtm_consent", "", "", "matomo-consent", Necessary, own},
		{"_fbp", "", "", "facebook", Marketing, db},
		{"fr", "", ".facebook.com", "facebook", Marketing, db},
		// The database files Hotjar's session cookies under Functional.
		{"_hjSessionUser_123", "", "", "hotjar", Statistics, db},
		{"_hjSession_123", policy.StorageSession, "", "hotjar", Statistics, db},
		{"_hjSomethingNew", policy.StorageLocal, "", "hotjar", Statistics, own},
		{"__hstc", "", "", "hubspot", Marketing, db},
		{"VISITOR_INFO1_LIVE", "", ".youtube.com", "youtube", Marketing, db},
		{"yt-remote-device-id", policy.StorageLocal, "", "youtube", Media, own},
		{"vuid", "", ".vimeo.com", "vimeo", Statistics, db},
		{"mapbox.eventData.uuid:abc", policy.StorageLocal, "", "mapbox", Media, own},
		{"li_sugr", "", "", "linkedin", Marketing, db},
		{"li_new", "", "", "linkedin", Marketing, own},
		{"_clck", "", "", "microsoft", Statistics, db},
		{"_ttp", "", "", "tiktok", Marketing, db},
		{"tt_appInfo", "", "", "tiktok", Marketing, own},
		{"sessionid", "", "www.example.org", "session", Necessary, own},
		{"connect.sid", "", "www.example.org", "session", Necessary, own},
		{"PHPSESSID", "", "", "php-net", Necessary, db},
		{"JSESSIONID", "", "", "j2ee", Necessary, db},
		{"laravel_session", "", "", "laravel", Necessary, db},
		{"ASP.NET_SessionId", "", "", "asp-net", Necessary, db},
		{"csrftoken", "", "", "csrf", Necessary, own},
		{"XSRF-TOKEN", "", "", "csrf", Necessary, own},
		{"CookieConsent", "", "", "cookiebot", Necessary, db},
		{"cookies_preferences", "", "", ConsentServiceID, Necessary, own},
		// The SDKs of the real-tracker site.
		{"AMP_0123456789", "", "", "amplitude", Statistics, db},
		{"mp_token_mixpanel", "", "", "mixpanel", Statistics, db},
		{"__mpq_token_ev", policy.StorageLocal, "", "mixpanel", Statistics, own},
		{"_sp_id.4f1c", "", "", "snowplow", Statistics, db},
		{"snowplowOutQueue_sp", policy.StorageLocal, "", "snowplow", Statistics, own},
		{"ajs_anonymous_id", "", ".example.org", "segment", Statistics, own},
		{"ajs_user_traits", policy.StorageLocal, "", "segment", Statistics, own},
		{"_dd_s", "", "", "datadog", Statistics, own},
		{"_dd_s_v2", "", "", "datadog", Statistics, own},
		{"ph_phc_abc_posthog", "", "", "posthog", Statistics, own},
		{"ph_phc_abc_primary_window_exists", policy.StorageSession, "", "posthog", Statistics, own},
		{"rl_anonymous_id", "", "", "rudderstack", Statistics, db},
	}
	for _, tt := range tests {
		storage := tt.storage
		if storage == "" {
			storage = policy.StorageCookie
		}
		domain := tt.domain
		if domain == "" {
			domain = "www.example.org"
		}
		s, c := Lookup(tt.name, storage, domain, "")
		if s == nil || c == nil {
			t.Errorf("%s (%s): unknown", tt.name, storage)
			continue
		}
		if s.ID != tt.service || s.Category != tt.category || s.Source != tt.source {
			t.Errorf("%s: service %s (%s, from the %s), want %s (%s, from the %s)", tt.name, s.ID, s.Category, s.Source, tt.service, tt.category, tt.source)
		}
		if !c.Matches(tt.name, storage) {
			t.Errorf("%s: the entry %q does not match it", tt.name, c.DisplayName())
		}
		if s.Function == "" || s.Label == "" || s.Provider == "" && !s.FirstParty {
			t.Errorf("%s: entry lacks texts: %+v %+v", tt.name, s, c)
		}
	}
	for _, name := range []string{"ga", "_gax", "my_session", "pk_id", "visitor_mood", "ui_theme",
		// Marfeel's "_s" prefix is for its own domain only.
		"_session_state"} {
		if s, _ := Lookup(name, policy.StorageCookie, "www.example.org", ""); s != nil {
			t.Errorf("%s: classified as %s", name, s.ID)
		}
	}
	if s, _ := Lookup("_s1234", policy.StorageCookie, "events.newsroom.bi", ""); s == nil || s.ID != "marfeel" {
		t.Errorf("_s1234 on Marfeel's domain: %v", s)
	}
	// A pattern of the scanner's table is for cookies only unless the entry says otherwise.
	if s, _ := Lookup("li_new", policy.StorageLocal, "www.example.org", ""); s != nil {
		t.Errorf("localStorage li_new classified as %s", s.ID)
	}
	// The site's own consent cookie name.
	if s, _ := Lookup("my_consent", policy.StorageCookie, "www.example.org", "my_consent"); s == nil || s.ID != ConsentServiceID {
		t.Errorf("the site's consent cookie: %v", s)
	}
}

// The scanner's table only fills the database's gaps, except where it
// says why it overrides it.
func TestKnownTableOnlyWhatTheDatabaseLacks(t *testing.T) {
	// What each override corrects.
	overridden := map[string][]string{
		"session":        {"sessionid", "connect.sid"},
		"csrf":           {"XSRF-TOKEN"},
		"matomo-consent": {"mtm_consent", "mtm_consent_removed"},
		"segment":        {"ajs_anonymous_id", "ajs_user_id"},
	}
	for _, s := range Known[1:] {
		for i := range s.Cookies {
			c := &s.Cookies[i]
			if c.Name == "" || s.Override != "" {
				continue
			}
			if ds, _ := OpenCookieDatabase().Lookup(c.Name, "www.example.org"); ds != nil {
				t.Errorf("%s (%s): the database knows it as %s; remove it, or say why it overrides", c.Name, s.ID, ds.ID)
			}
		}
		if s.Override != "" {
			examples, ok := overridden[s.ID]
			if !ok {
				t.Errorf("%s overrides the database: add examples of what to the test", s.ID)
			}
			for _, name := range examples {
				if !s.Cookies[0].Matches(name, policy.StorageCookie) && !s.Cookies[len(s.Cookies)-1].Matches(name, policy.StorageCookie) {
					t.Errorf("%s: the example %s is not its", s.ID, name)
				}
				if ds, _ := OpenCookieDatabase().Lookup(name, "www.example.org"); ds == nil {
					t.Errorf("%s overrides %s, which the database lacks: make it a gap", s.ID, name)
				}
			}
		}
	}
}

func TestParseTable(t *testing.T) {
	db := OpenCookieDatabase()
	if n := db.Len(); n != 2264 {
		t.Errorf("the database has %d entries, want 2264", n)
	}
	local, err := ParseTable(strings.NewReader("Cookie / Data Key name,Category,Platform,Wildcard match,Retention period\n"+
		"shop_cart,Functional,Our shop,0,session\nab_,Analytics,Our A/B tests,1,30 days\n"), "known.csv")
	if err != nil {
		t.Fatal(err)
	}
	s, c := local.Lookup("ab_home", "www.example.org")
	if s == nil || s.ID != "our-a-b-tests" || s.Category != Statistics || c.Duration != "30 days" || s.Source != "known.csv" {
		t.Errorf("ab_home: %+v %+v", s, c)
	}
	if s, c := local.Lookup("shop_cart", ""); s == nil || s.Category != Necessary || c.Duration != "Session" {
		t.Errorf("shop_cart: %+v %+v", s, c)
	}
	for _, bad := range []struct{ csv, want string }{
		{"", "empty"},
		{"Name,Category\n", `no column "Platform"`},
		{"Platform,Category,Cookie / Data Key name\nX,Tasty,c\n", `line 2: category "Tasty"`},
		{"Platform,Category,Cookie / Data Key name,Wildcard match\nX,Analytics,c,yes\n", `line 2: Wildcard match "yes"`},
		{"Platform,Category,Cookie / Data Key name\nX,Analytics,\n", "line 2: no cookie or key name"},
	} {
		if _, err := ParseTable(strings.NewReader(bad.csv), "known.csv"); err == nil || !strings.Contains(err.Error(), bad.want) || !strings.HasPrefix(err.Error(), "known.csv") {
			t.Errorf("%q: error %v, want %q", bad.csv, err, bad.want)
		}
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
			if storage == "" || storage == anyStorage {
				storage = policy.StorageCookie
			}
			name := k.Name
			if name == "" {
				name = "x"
			}
			items = append(items, &Item{Storage: storage, Name: name, Domain: "www.example.org", known: s, knownEntry: k, Category: s.Category})
		}
	}
	rep := &Report{Host: "www.example.org", Items: items}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	p, _ := policy.Parse(draft)
	// All but the consent cookie's, which is the policy's consentCookie.
	if len(p.Services) != len(Known)-1 || p.Service(ConsentServiceID) != nil {
		t.Errorf("draft has %d services, want %d without %q", len(p.Services), len(Known)-1, ConsentServiceID)
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
		// Beyond the short list the scanner had: the Public Suffix List.
		"shop.example.com.de":       "example.com.de",
		"www.city.kawasaki.jp":      "city.kawasaki.jp",
		"a.b.example.pvt.k12.ma.us": "example.pvt.k12.ma.us",
		"app.s3.amazonaws.com":      "app.s3.amazonaws.com",
		"github.io":                 "github.io",
		"co.uk":                     "co.uk",
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
	// Asked for 2 years, cut by Chromium to 400 days.
	ga := Cookie{Name: "_ga", Domain: ".example.org", Path: "/", Expires: now.Add(400*24*time.Hour + time.Minute)}
	return &Result{
		Start: "https://www.example.org/", Site: "example.org", Host: "www.example.org", Started: now,
		Visits: []Visit{
			{Mode: NoChoice, Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{evil}},
			{Mode: RejectAll, Choice: "banner", Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{consent, fbp}},
			{Mode: AcceptAll, Choice: "banner", Pages: []string{"https://www.example.org/"}, Cookies: []Cookie{consent, fbp, fr, ga},
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
	if fr == nil || !fr.ThirdParty || fr.Service != "facebook" || fr.Expires != "3 months" || fr.SameSite != "None" {
		t.Errorf("fr: %+v", fr)
	}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	p, _ := policy.Parse(draft)
	meta := p.Service("facebook")
	if meta == nil || len(meta.Cookies) != 2 {
		t.Fatalf("facebook: %+v\n%s", meta, draft)
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
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 16 {
				t.Errorf("row has %d separators, want 16: %s", n, line)
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

// Every pattern a draft can take from a table is in the policy's pattern
// dialect, so that the draft validates and the browser matches alike.
func TestTablePatternsPassTheDialect(t *testing.T) {
	n := 0
	for _, s := range Known {
		for i := range s.Cookies {
			if p := s.Cookies[i].Pattern; p != "" {
				n++
				if err := pattern.Check(p); err != nil {
					t.Errorf("%s: pattern %q: %v", s.ID, p, err)
				}
			}
		}
	}
	for _, es := range OpenCookieDatabase().prefix {
		for _, e := range es {
			n++
			if err := pattern.Check(e.cookie.Pattern); err != nil {
				t.Errorf("database prefix %q: pattern %q: %v", e.cookie.Prefix, e.cookie.Pattern, err)
			}
			if !e.cookie.Matches(e.cookie.Prefix+"x", policy.StorageLocal) {
				t.Errorf("pattern %q does not match %q", e.cookie.Pattern, e.cookie.Prefix+"x")
			}
		}
	}
	if n < 250 {
		t.Errorf("only %d patterns checked", n)
	}
}

// Durations are what the browser showed; the table's stand beside them.
func TestDurationsAreObserved(t *testing.T) {
	rep := Analyze(synthetic(), nil, "")
	fbp, ga := item(rep, policy.StorageCookie, "_fbp"), item(rep, policy.StorageCookie, "_ga")
	if fbp.Expires != "3 months" || fbp.Duration != "3 months" || fbp.Documented != "4 months" || fbp.Source != SourceDatabase {
		t.Errorf("_fbp: expires %q duration %q documented %q (%s)", fbp.Expires, fbp.Duration, fbp.Documented, fbp.Source)
	}
	if !ga.Capped || ga.Expires != "13 months (Chromium's 400-day cap)" || ga.Documented != "2 years" {
		t.Errorf("_ga: capped %v expires %q documented %q", ga.Capped, ga.Expires, ga.Documented)
	}
	md := rep.Markdown()
	if !strings.Contains(md, "| 3 months | 4 months; 90 days |") {
		t.Errorf("the report does not show the seen and the documented duration side by side:\n%s", md)
	}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := policy.Parse(draft)
	durations := map[string]string{}
	for _, s := range p.Services {
		for _, c := range s.Cookies {
			durations[c.DisplayName()] = c.Duration.In("en", "en")
		}
	}
	if durations["_fbp"] != "3 months" || durations["_ga"] != "13 months or more" || durations[`<script>alert(1)</script>|x`] != "Session" {
		t.Errorf("draft durations %v", durations)
	}
	if Capped(time.Time{}, time.Now()) || Lifetime(time.Time{}, time.Now()) != "Session" {
		t.Error("a session cookie is capped, or not a session cookie")
	}
}

// The consent manager's cookie is the draft's consentCookie and nothing
// else: a rescan against the draft finds nothing missing or undeclared.
func TestRescanWithTheDraft(t *testing.T) {
	rep := Analyze(synthetic(), nil, "")
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatal(err)
	}
	if p.ConsentCookie.Name != policy.DefaultConsentCookieName {
		t.Errorf("consentCookie %q", p.ConsentCookie.Name)
	}
	for _, s := range p.Services {
		for _, c := range s.Cookies {
			if c.Matches(p.ConsentCookie.Name) {
				t.Errorf("service %s declares the consent cookie again:\n%s", s.ID, draft)
			}
		}
	}
	again := Analyze(synthetic(), p, "draft.json")
	for _, kind := range []string{NeverSeen, Undeclared} {
		if fs := again.FindingsOf(kind); len(fs) != 0 {
			t.Errorf("%s findings on a rescan with the draft: %+v", kind, fs)
		}
	}
	if it := item(again, policy.StorageCookie, policy.DefaultConsentCookieName); it == nil || !it.Declared || it.Category != Necessary {
		t.Errorf("consent cookie on the rescan: %+v", it)
	}
}

// TestSandboxOnlyOffAsRoot: Chromium runs the crawled site's third-party
// code in its sandbox; --no-sandbox only as root (where Chromium needs it),
// and then the scanner says so.
func TestSandboxOnlyOffAsRoot(t *testing.T) {
	defer func(f func() int) { geteuid = f }(geteuid)
	geteuid = func() int { return 1000 }
	if _, on := browserFlags()["no-sandbox"]; on {
		t.Errorf("as an ordinary user Chromium is started with --no-sandbox")
	}
	if n := SandboxNotice(); n != "" {
		t.Errorf("as an ordinary user the scanner says %q about the sandbox, want nothing", n)
	}
	geteuid = func() int { return 0 }
	if on, _ := browserFlags()["no-sandbox"].(bool); !on {
		t.Errorf("as root Chromium is started without --no-sandbox, which it refuses")
	}
	if n := SandboxNotice(); !strings.Contains(n, "--no-sandbox") || !strings.Contains(n, "root") {
		t.Errorf("as root the notice is %q, want it to name root and --no-sandbox", n)
	}
}

// TestReportQuotesThePolicyInEnglish: the report's headings are English,
// so the texts it quotes from a German-first policy are its English ones
// (and the default language's where a text has no English).
func TestReportQuotesThePolicyInEnglish(t *testing.T) {
	p, err := policy.Parse([]byte(`{
	  "languages": ["de", "en"],
	  "categories": [
	    {"id": "necessary", "required": true, "label": {"de": "Notwendig", "en": "Necessary"}},
	    {"id": "statistics", "label": {"de": "Statistik", "en": "Statistics"}}
	  ],
	  "services": [
	    {"id": "ga", "category": "statistics", "provider": "Google",
	     "function": {"de": "Besucherstatistik", "en": "Visitor statistics"},
	     "cookies": [{"name": "_ga", "purpose": {"de": "Unterscheidet Besucher"}, "duration": {"de": "13 Monate", "en": "13 months"}}]}
	  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	rep := Analyze(synthetic(), p, "policy.json")
	it := item(rep, policy.StorageCookie, "_ga")
	if it == nil || it.Function != "Visitor statistics" || it.Duration != "13 months" || it.Purpose != "Unterscheidet Besucher" {
		t.Errorf("_ga: %+v", it)
	}
	md := rep.Markdown()
	if !strings.Contains(md, "### Statistics") || strings.Contains(md, "Statistik") {
		t.Errorf("the report's category heading is not the English label:\n%s", md)
	}
}
