package scan

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// The Open Cookie Database (cookiedb/README.md): 2,264 cookies and storage
// keys of hundreds of platforms, Apache-2.0 (cookiedb/LICENSE).
//
//go:embed cookiedb/open-cookie-database.csv
var openCookieDatabaseCSV []byte

// OpenCookieDatabaseCommit is the Open Cookie Database's commit the
// embedded copy comes from.
const OpenCookieDatabaseCommit = "0ee5a17fe1cb002943f89370d24fc26a4226061c"

// Where a classification comes from (Item.Source).
const (
	SourceDatabase = "Open Cookie Database"
	SourceScanner  = "scanner's table"
)

// Table is a table of known cookies and storage keys in the Open Cookie
// Database's CSV columns: the database itself, or a site owner's own
// (consent scan --known FILE).
type Table struct {
	// Source names the table in reports.
	Source string
	exact  map[string][]*tableEntry
	prefix map[string][]*tableEntry
	// longest is the length of the longest prefix.
	longest int
}

type tableEntry struct {
	service *KnownService
	cookie  *KnownCookie
	// domain is the host the table says the cookie lives on, or "".
	domain string
	// onlyOnDomain: a short prefix from a named domain (Marfeel's "_s" on
	// events.newsroom.bi) would claim half the cookies of any site; it
	// matches only cookies of its own domain.
	onlyOnDomain bool
}

// tableCategories maps the database's categories to the draft policy's.
// "Functional" is the database's word for what a platform needs to work
// (PHPSESSID, Cookiebot's CookieConsent, a shop's cart): necessary, as
// Security is. See platformCategory for the trackers it misfiles so.
var tableCategories = map[string]string{
	"functional":      Necessary,
	"necessary":       Necessary,
	"security":        Necessary,
	"personalization": Preferences,
	"personalisation": Preferences,
	"preferences":     Preferences,
	"analytics":       Statistics,
	"statistics":      Statistics,
	"marketing":       Marketing,
	"advertising":     Marketing,
	"media":           Media,
}

// TableConsentModes are the Google Consent Mode types each category of
// the database stands for.
var TableConsentModes = map[string][]string{
	"functional":      {"functionality_storage"},
	"necessary":       {"functionality_storage"},
	"security":        {"security_storage"},
	"personalization": {"personalization_storage"},
	"personalisation": {"personalization_storage"},
	"preferences":     {"personalization_storage"},
	"analytics":       {"analytics_storage"},
	"statistics":      {"analytics_storage"},
	"marketing":       {"ad_storage", "ad_user_data", "ad_personalization"},
	"advertising":     {"ad_storage", "ad_user_data", "ad_personalization"},
}

// platformCategory corrects the category of whole platforms the database
// files partly under Functional although nothing of the site needs them:
// the session and sampling cookies of session-recording tools
// (_hjSession_, _hjSessionUser_, …) are functional for the recordings
// only, and need consent as the rest of the tool does.
var platformCategory = map[string]string{
	"Hotjar":       Statistics,
	"Crazy Egg":    Statistics,
	"Lucky Orange": Statistics,
}

// categoryFunctions is a service's function in a draft, by category.
var categoryFunctions = map[string]string{
	Necessary:   "Needed for the site to work",
	Preferences: "Personalisation",
	Statistics:  "Analytics",
	Marketing:   "Advertising and marketing",
	Media:       "Embedded content",
}

// categoryPurposes is a service's purpose in a draft, by category: the
// database describes cookies, not services.
var categoryPurposes = map[string]string{
	Necessary:   "Makes the site or the platform it runs on work",
	Preferences: "Remembers the visitor's preferences",
	Statistics:  "Measures how visitors use the site",
	Marketing:   "Measures ads and shows ads to visitors",
	Media:       "Shows content from another site",
}

var (
	databaseOnce sync.Once
	database     *Table
)

// OpenCookieDatabase returns the embedded Open Cookie Database, parsed
// on first use.
func OpenCookieDatabase() *Table {
	databaseOnce.Do(func() {
		t, err := ParseTable(bytes.NewReader(openCookieDatabaseCSV), SourceDatabase)
		if err != nil {
			panic("scan: the embedded Open Cookie Database: " + err.Error())
		}
		database = t
	})
	return database
}

// tableColumns are the CSV columns a table needs; the others
// (ID, Domain, Description, Retention period, Data Controller,
// User Privacy & GDPR Rights Portals, Wildcard match) are optional.
var tableColumns = []string{"Platform", "Category", "Cookie / Data Key name"}

type tableRow struct {
	line                                          int
	platform, category, name, domain, description string
	retention, controller                         string
	wildcard                                      bool
}

// ParseTable reads a table in the Open Cookie Database's CSV columns
// (a header line naming them, in any order). source names it in errors
// and reports.
func ParseTable(r io.Reader, source string) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty, want a header line with the columns %s", source, strings.Join(tableColumns, ", "))
		}
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range tableColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s line 1: no column %q (the Open Cookie Database's columns: %s, …)", source, c, strings.Join(tableColumns, ", "))
		}
	}
	var rows []tableRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := tableRow{line: line, platform: get("Platform"), category: get("Category"), name: get("Cookie / Data Key name"),
			domain: get("Domain"), description: get("Description"), retention: get("Retention period"),
			controller: get("Data Controller")}
		switch w := get("Wildcard match"); w {
		case "", "0":
		case "1":
			row.wildcard = true
		default:
			return nil, fmt.Errorf("%s line %d: Wildcard match %q, want 0 or 1", source, line, w)
		}
		if row.name == "" {
			return nil, fmt.Errorf("%s line %d: no cookie or key name", source, line)
		}
		if _, ok := tableCategories[strings.ToLower(row.category)]; !ok {
			return nil, fmt.Errorf("%s line %d: category %q, want one of Functional, Security, Personalization, Analytics, Marketing (or necessary, preferences, statistics, marketing, media)", source, line, row.category)
		}
		rows = append(rows, row)
	}
	return buildTable(rows, source), nil
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func rowCategory(r tableRow) string {
	if c, ok := platformCategory[r.platform]; ok {
		return c
	}
	return tableCategories[strings.ToLower(r.category)]
}

// buildTable makes one service a platform and category: the platform's
// main service takes its name as id, the others add the category
// ("google-analytics-marketing", "hubspot-necessary").
func buildTable(rows []tableRow, source string) *Table {
	t := &Table{Source: source, exact: map[string][]*tableEntry{}, prefix: map[string][]*tableEntry{}}
	counts := map[string]map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.platform == "" {
			r.platform = r.controller
		}
		if r.platform == "" {
			r.platform = "Unnamed platform"
		}
		if counts[r.platform] == nil {
			counts[r.platform] = map[string]int{}
		}
		counts[r.platform][rowCategory(*r)]++
	}
	// The platform's name goes to what it is known for: the category
	// needing consent with the most entries, else necessary.
	main := func(platform string) string {
		best, n := Necessary, 0
		for _, c := range CategoryOrder[1:] {
			if counts[platform][c] > n {
				best, n = c, counts[platform][c]
			}
		}
		return best
	}
	services := map[string]*KnownService{}
	for _, r := range rows {
		cat := rowCategory(r)
		key := r.platform + "\x00" + cat
		s := services[key]
		if s == nil {
			id := slug(r.platform)
			if id == "" {
				id = "platform"
			}
			if cat != main(r.platform) {
				id += "-" + cat
			}
			provider := r.controller
			if provider == "" {
				provider = r.platform
			}
			s = &KnownService{ID: id, Provider: provider, Label: r.platform, Category: cat,
				Function: categoryFunctions[cat], Purpose: categoryPurposes[cat],
				Source: source, ConsentMode: TableConsentModes[strings.ToLower(r.category)]}
			services[key] = s
		}
		k := &KnownCookie{Storage: anyStorage, Purpose: r.description, Duration: retention(r.retention)}
		if r.wildcard {
			k.Prefix = r.name
			k.Pattern = regexp.QuoteMeta(r.name) + ".*"
		} else {
			k.Name = r.name
		}
		e := &tableEntry{service: s, cookie: k, domain: tableDomain(r.domain)}
		if r.wildcard {
			e.onlyOnDomain = e.domain != "" && len(r.name) < 4
			t.prefix[r.name] = append(t.prefix[r.name], e)
			t.longest = max(t.longest, len(r.name))
		} else {
			t.exact[r.name] = append(t.exact[r.name], e)
		}
	}
	return t
}

// tableDomain returns the host of the database's Domain column
// ("facebook.com (3rd party)", ".bing.com (3rd party) or …",
// "ads-[account].adhese.com"), or "".
func tableDomain(d string) string {
	d, _, _ = strings.Cut(strings.TrimSpace(d), " ")
	if i := strings.LastIndex(d, "]"); i >= 0 {
		d = d[i+1:]
	}
	return strings.ToLower(strings.Trim(d, "."))
}

// retention writes a retention period as the reports do.
func retention(r string) string {
	switch strings.ToLower(r) {
	case "session", "sessions", "end of session (browser)", "browser session":
		return "Session"
	}
	return r
}

// Lookup returns the table's service and entry for a cookie or storage
// key seen on domain (a cookie's domain or a key's origin), or nils. An
// exact name wins over a prefix, a longer prefix over a shorter one
// ("_gat_gtag_" over "_gat"); among entries of the same name, the one of
// the item's domain, then one of no particular domain.
func (t *Table) Lookup(name, domain string) (*KnownService, *KnownCookie) {
	if t == nil {
		return nil, nil
	}
	host := hostOf(domain)
	usable := func(es []*tableEntry) []*tableEntry {
		var out []*tableEntry
		for _, e := range es {
			if !e.onlyOnDomain || onDomain(host, e.domain) {
				out = append(out, e)
			}
		}
		return out
	}
	cands := usable(t.exact[name])
	for n := min(len(name), t.longest); len(cands) == 0 && n > 0; n-- {
		cands = usable(t.prefix[name[:n]])
	}
	if len(cands) == 0 {
		return nil, nil
	}
	best := cands[0]
	for _, e := range cands {
		if e.domain != "" && onDomain(host, e.domain) {
			best = e
			break
		}
		if e.domain == "" && best.domain != "" {
			best = e
		}
	}
	return best.service, best.cookie
}

// onDomain reports whether host is domain or under it.
func onDomain(host, domain string) bool {
	return domain != "" && (host == domain || strings.HasSuffix(host, "."+domain))
}

// Len is the number of entries.
func (t *Table) Len() int {
	n := 0
	for _, es := range t.exact {
		n += len(es)
	}
	for _, es := range t.prefix {
		n += len(es)
	}
	return n
}
