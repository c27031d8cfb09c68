package scan

import (
	"fmt"
	"net"
	"sort"
	"strings"
	"time"

	"github.com/consentwasm/consent/policy"
)

// Item is one cookie or storage key the scan found, classified.
type Item struct {
	// Storage is policy.StorageCookie, StorageLocal or StorageSession.
	Storage string `json:"storage"`
	Name    string `json:"name"`
	// Domain is a cookie's domain, or a storage key's origin.
	Domain     string `json:"domain"`
	Path       string `json:"path,omitempty"`
	ThirdParty bool   `json:"thirdParty"`
	Secure     bool   `json:"secure,omitempty"`
	HTTPOnly   bool   `json:"httpOnly,omitempty"`
	SameSite   string `json:"sameSite,omitempty"`
	// Expires is the observed lifetime ("Session", "2 years"); Capped
	// says Chromium cut it to its 400-day limit, so the site may ask for
	// longer in other browsers.
	Expires string `json:"expires,omitempty"`
	Capped  bool   `json:"capped,omitempty"`
	// SeenIn lists the visits that found it.
	SeenIn []Mode `json:"seenIn"`

	// Category, Service, Provider and Purpose come from the site's
	// policy when it declares the item, else from a table of known
	// cookies (Source says which); Category is Unclassified when none
	// knows it.
	Category string `json:"category"`
	Service  string `json:"service,omitempty"`
	Provider string `json:"provider,omitempty"`
	Function string `json:"function,omitempty"`
	Purpose  string `json:"purpose,omitempty"`
	// Duration is what the site's policy declares, else the observed
	// lifetime (Expires); Documented the table's documented retention.
	Duration   string `json:"duration,omitempty"`
	Documented string `json:"documented,omitempty"`
	// Source is the table that classified it: SourceDatabase,
	// SourceScanner or the --known file; "" when the policy declares it
	// or nothing knows it.
	Source string `json:"source,omitempty"`
	// ConsentMode lists the Google Consent Mode types of its category in
	// the table.
	ConsentMode []string `json:"consentMode,omitempty"`
	// Declared is true when the site's policy lists it (the consent
	// cookie: as its consentCookie).
	Declared bool `json:"declared"`

	known      *KnownService
	knownEntry *KnownCookie
}

// Seen reports whether the visit in mode found the item.
func (it *Item) Seen(m Mode) bool {
	for _, s := range it.SeenIn {
		if s == m {
			return true
		}
	}
	return false
}

// Label is the item's name as reports show it.
func (it *Item) Label() string {
	if it.Storage == policy.StorageCookie {
		return it.Name
	}
	return it.Name + " (" + it.Storage + ")"
}

// Kinds of Finding.
const (
	// BeforeChoice: a cookie or key that is not necessary, set before the
	// visitor made any choice.
	BeforeChoice = "before-choice"
	// ContactedBeforeChoice: a third-party host the page contacted before
	// any choice.
	ContactedBeforeChoice = "contacted-before-choice"
	// AfterRefusal: a cookie or key that is not necessary, present after
	// "Reject all".
	AfterRefusal = "after-refusal"
	// NoRefusal: the scanner found no way to refuse.
	NoRefusal = "no-refusal"
	// Undeclared: found, but the site's policy does not declare it.
	Undeclared = "undeclared"
	// NeverSeen: declared in the site's policy, never found.
	NeverSeen = "never-seen"
)

// FindingTitles names each kind of finding in reports.
var FindingTitles = map[string]string{
	BeforeChoice:          "Set before any choice, and not necessary",
	ContactedBeforeChoice: "Third-party hosts contacted before any choice",
	AfterRefusal:          "Still present after “Reject all”",
	NoRefusal:             "No way to refuse found",
	Undeclared:            "Found but not declared in the policy",
	NeverSeen:             "Declared in the policy but never seen",
}

// FindingOrder is the order reports list the kinds in.
var FindingOrder = []string{NoRefusal, BeforeChoice, ContactedBeforeChoice, AfterRefusal, Undeclared, NeverSeen}

// Finding is something the site owner should look at.
type Finding struct {
	Kind string `json:"kind"`
	// Name is the cookie or key (Storage says which), the host, or the
	// declared name or pattern.
	Name     string `json:"name"`
	Storage  string `json:"storage,omitempty"`
	Domain   string `json:"domain,omitempty"`
	Category string `json:"category,omitempty"`
	Service  string `json:"service,omitempty"`
	Message  string `json:"message"`
}

// Report is a scan's classified result.
type Report struct {
	Start   string    `json:"start"`
	Site    string    `json:"site"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	// Policy is the file of the site's policy the scan was checked
	// against, or "".
	Policy   string    `json:"policy,omitempty"`
	Visits   []Visit   `json:"visits"`
	Items    []*Item   `json:"items"`
	Findings []Finding `json:"findings"`

	pol   *policy.Policy
	local *Table
}

// Analyze classifies a scan's result; pol is the site's policy (may be
// nil) and policyName its file name for the report.
func Analyze(res *Result, pol *policy.Policy, policyName string) *Report {
	return AnalyzeWith(res, pol, policyName, nil)
}

// AnalyzeWith is Analyze with the site owner's own table of known
// cookies (may be nil), consulted before the others.
func AnalyzeWith(res *Result, pol *policy.Policy, policyName string, local *Table) *Report {
	rep := &Report{Start: res.Start, Site: res.Site, Host: res.Host, Started: res.Started,
		Visits: res.Visits, Policy: policyName, pol: pol, local: local}
	if pol == nil {
		rep.Policy = ""
	}
	items := map[string]*Item{}
	get := func(storage, name, domain string, m Mode) (*Item, bool) {
		k := storage + "\x00" + name + "\x00" + domain
		it, ok := items[k]
		if !ok {
			it = &Item{Storage: storage, Name: name, Domain: domain}
			items[k] = it
		}
		if !it.Seen(m) {
			it.SeenIn = append(it.SeenIn, m)
		}
		return it, ok
	}
	for _, v := range res.Visits {
		for _, c := range v.Cookies {
			it, _ := get(policy.StorageCookie, c.Name, c.Domain, v.Mode)
			it.Path, it.ThirdParty, it.Secure, it.HTTPOnly, it.SameSite = c.Path, c.ThirdParty, c.Secure, c.HTTPOnly, c.SameSite
			it.Expires = Lifetime(c.Expires, res.Started)
			if it.Capped = Capped(c.Expires, res.Started); it.Capped {
				it.Expires += " (Chromium's 400-day cap)"
			}
		}
		for _, k := range v.Storage {
			it, _ := get(k.Storage, k.Key, k.Origin, v.Mode)
			it.ThirdParty = !sameSiteOrigin(k.Origin, res.Site)
			it.Expires = "Persistent"
			if k.Storage == policy.StorageSession {
				it.Expires = "Session"
			}
		}
	}
	for _, it := range items {
		rep.classify(it)
		rep.Items = append(rep.Items, it)
	}
	sort.Slice(rep.Items, func(i, j int) bool {
		a, b := rep.Items[i], rep.Items[j]
		if ca, cb := categoryRank(a.Category), categoryRank(b.Category); ca != cb {
			return ca < cb
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Storage != b.Storage {
			return a.Storage < b.Storage
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Domain < b.Domain
	})
	rep.findings()
	return rep
}

func sameSiteOrigin(origin, site string) bool {
	_, host, _ := strings.Cut(origin, "://")
	return RegistrableDomain(host) == site
}

func categoryRank(c string) int {
	for i, id := range CategoryOrder {
		if id == c {
			return i
		}
	}
	return len(CategoryOrder)
}

// consentCookieName is the site's consent cookie name.
func (r *Report) consentCookieName() string {
	if r.pol != nil {
		return r.pol.ConsentCookie.Name
	}
	return policy.DefaultConsentCookieName
}

// lookup finds the item in the site owner's table, else in the others.
func (r *Report) lookup(it *Item) (*KnownService, *KnownCookie) {
	if s, c := r.local.Lookup(it.Name, it.Domain); s != nil && c.Matches(it.Name, it.Storage) {
		return s, c
	}
	return Lookup(it.Name, it.Storage, it.Domain, r.consentCookieName())
}

// classify fills in what the policy or a table says of it.
func (r *Report) classify(it *Item) {
	it.known, it.knownEntry = r.lookup(it)
	if k := it.known; k != nil {
		it.Documented, it.Source, it.ConsentMode = it.knownEntry.Duration, k.Source, k.ConsentMode
	}
	if r.pol != nil {
		lang, def := ReportLanguage, r.pol.DefaultLanguage()
		for i := range r.pol.Services {
			s := &r.pol.Services[i]
			for j := range s.Cookies {
				c := &s.Cookies[j]
				if c.Storage == it.Storage && c.Matches(it.Name) {
					it.Declared = true
					it.Category, it.Service, it.Provider = s.Category, s.ID, s.Provider
					it.Function = s.Function.In(lang, def)
					it.Purpose = c.Purpose.In(lang, def)
					if it.Purpose == "" {
						it.Purpose = s.Purpose.In(lang, def)
					}
					it.Duration = c.Duration.In(lang, def)
					it.Source = ""
					return
				}
			}
		}
		if it.Storage == policy.StorageCookie && it.Name == r.pol.ConsentCookie.Name {
			// Declared as the policy's consentCookie, not in a service.
			it.Declared = true
			it.Category = Necessary
			for _, c := range r.pol.Categories {
				if c.Required {
					it.Category = c.ID
					break
				}
			}
			k := it.known
			it.Service, it.Function, it.Purpose = ConsentServiceID, k.Function, it.knownEntry.Purpose
			it.Provider, it.Duration = r.Host, it.Expires
			return
		}
	}
	if k := it.known; k != nil {
		it.Category, it.Service, it.Provider, it.Function = k.Category, k.ID, k.Provider, k.Function
		if k.FirstParty {
			it.Provider = r.Host
		}
		it.Purpose = it.knownEntry.Purpose
		if it.Purpose == "" {
			it.Purpose = k.Purpose
		}
		it.Duration = it.Expires
		return
	}
	it.Category = Unclassified
	it.Provider = hostOf(it.Domain)
	it.Duration = it.Expires
}

// hostOf returns a cookie domain without its leading dot, or an origin's
// host.
func hostOf(domain string) string {
	if _, h, ok := strings.Cut(domain, "://"); ok {
		if host, _, err := net.SplitHostPort(h); err == nil {
			return host
		}
		return h
	}
	return strings.TrimPrefix(domain, ".")
}

func (r *Report) necessary(it *Item) bool {
	if r.pol != nil && it.Declared {
		if c := r.pol.Category(it.Category); c != nil {
			return c.Required
		}
	}
	return it.Category == Necessary
}

func (r *Report) findings() {
	none, reject := r.visit(NoChoice), r.visit(RejectAll)
	if reject != nil && reject.Choice == "" {
		r.Findings = append(r.Findings, Finding{Kind: NoRefusal, Name: r.Start,
			Message: "No consent banner with a “Reject all” button (nor window.consent) was found on the start page, so nothing can be refused; the “after refusal” visit shows the site without a choice."})
	}
	for _, it := range r.Items {
		f := Finding{Name: it.Name, Storage: it.Storage, Domain: it.Domain, Category: it.Category, Service: it.Service}
		what := describe(it)
		if none != nil && it.Seen(NoChoice) && !r.necessary(it) {
			f.Kind, f.Message = BeforeChoice, what+" is set before the visitor made any choice."
			r.Findings = append(r.Findings, f)
		}
		if reject != nil && reject.Choice != "" && it.Seen(RejectAll) && !r.necessary(it) {
			f.Kind, f.Message = AfterRefusal, what+" is present after the visitor refused all optional cookies."
			r.Findings = append(r.Findings, f)
		}
		if r.pol != nil && !it.Declared {
			f.Kind, f.Message = Undeclared, what+" is not declared in the policy."
			r.Findings = append(r.Findings, f)
		}
	}
	if none != nil {
		for _, h := range none.ThirdPartyHosts {
			r.Findings = append(r.Findings, Finding{Kind: ContactedBeforeChoice, Name: h,
				Message: "The pages contacted " + h + " before the visitor made any choice: check that this needs no consent."})
		}
	}
	if r.pol != nil {
		for i := range r.pol.Services {
			s := &r.pol.Services[i]
			for j := range s.Cookies {
				c := &s.Cookies[j]
				if c.Storage == policy.StorageCookie && c.Name != "" && c.Name == r.pol.ConsentCookie.Name {
					// The consent manager's own cookie, declared in a
					// service by older drafts: the site has it once it
					// uses the consent manager.
					continue
				}
				found := false
				for _, it := range r.Items {
					if it.Storage == c.Storage && c.Matches(it.Name) {
						found = true
						break
					}
				}
				if !found {
					storage := c.Storage
					r.Findings = append(r.Findings, Finding{Kind: NeverSeen, Name: c.DisplayName(), Storage: storage,
						Category: s.Category, Service: s.ID,
						Message: fmt.Sprintf("%s of service %q is declared but was never seen: remove it, or check that the visits reached the pages that set it.", declaredWhat(c), s.ID)})
				}
			}
		}
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		return findingRank(r.Findings[i].Kind) < findingRank(r.Findings[j].Kind)
	})
}

func findingRank(k string) int {
	for i, id := range FindingOrder {
		if id == k {
			return i
		}
	}
	return len(FindingOrder)
}

func declaredWhat(c *policy.Cookie) string {
	kind := "Cookie"
	if c.Storage != policy.StorageCookie {
		kind = c.Storage + " key"
	}
	if c.Pattern != "" {
		return kind + " pattern " + c.Pattern
	}
	return kind + " " + c.Name
}

func describe(it *Item) string {
	kind := "Cookie"
	if it.Storage != policy.StorageCookie {
		kind = it.Storage + " key"
	}
	s := kind + " " + it.Name + " (" + hostOf(it.Domain)
	if it.Category == Unclassified {
		s += ", unknown"
	} else {
		s += ", " + it.Category
		if it.Service != "" {
			s += ": " + it.Service
		}
	}
	return s + ")"
}

func (r *Report) visit(m Mode) *Visit {
	for i := range r.Visits {
		if r.Visits[i].Mode == m {
			return &r.Visits[i]
		}
	}
	return nil
}

// FindingsOf returns the findings of one kind.
func (r *Report) FindingsOf(kind string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// ChromiumCookieCap is the longest lifetime Chromium gives a cookie: a
// longer Expires or Max-Age is cut to it.
const ChromiumCookieCap = 400 * 24 * time.Hour

// Capped reports whether a cookie expiring at exp, seen at now, has
// Chromium's 400-day cap rather than the lifetime the site asked for.
func Capped(exp, now time.Time) bool {
	return !exp.IsZero() && exp.Sub(now) >= ChromiumCookieCap-12*time.Hour
}

// Lifetime describes how long a cookie expiring at exp lives, seen at now:
// "Session" for a zero time, else a rounded duration ("13 months").
func Lifetime(exp, now time.Time) string {
	if exp.IsZero() {
		return "Session"
	}
	d := exp.Sub(now)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d < 0:
		return "Expired"
	case d < 90*time.Minute:
		return plural(max(1, int((d+30*time.Second)/time.Minute)), "minute")
	case d < 48*time.Hour:
		return plural(int((d+30*time.Minute)/time.Hour), "hour")
	case d < 60*24*time.Hour:
		return plural(int((d+12*time.Hour)/(24*time.Hour)), "day")
	case d < 730*24*time.Hour:
		return plural(int((d+15*24*time.Hour)/(30*24*time.Hour)), "month")
	}
	return plural(int((d+182*24*time.Hour)/(365*24*time.Hour)), "year")
}
