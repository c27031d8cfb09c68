// Package policy is the consent manager's pure logic: the site's policy
// (categories, services, cookies), its parsing and validation, the visitor's
// consent record and its cookie encoding, and the decisions taken from them
// (whether to ask, which gates open, which cookies to delete). It knows no
// browser: everything it needs from the page arrives as plain values.
package policy

import (
	"strings"

	"github.com/consentwasm/consent/policy/pattern"
	"github.com/consentwasm/consent/policy/texts"
)

// Default values of the policy's optional fields (docs/policy.md).
const (
	DefaultConsentCookieName = "cookies_preferences"
	DefaultConsentCookiePath = "/"
	DefaultSameSite          = "Lax"
	DefaultMaxAgeDays        = 182
	MaxMaxAgeDays            = 395

	GPCReject = "reject"
	GPCIgnore = "ignore"
)

// Storage kinds a declared cookie entry can live in.
const (
	StorageCookie  = "cookie"
	StorageLocal   = "localStorage"
	StorageSession = "sessionStorage"
)

// Google Consent Mode v2 types a category may grant.
var ConsentModeTypes = []string{
	"ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
	"functionality_storage", "personalization_storage", "security_storage",
}

// Text is a UI or policy string, either one string for every language
// (stored under the key AnyLanguage) or one per language code.
type Text map[string]string

// AnyLanguage is the Text key of a string given without a language.
const AnyLanguage = texts.AnyLanguage

// In returns the text in lang, else in def, else the language-neutral one,
// else "".
func (t Text) In(lang, def string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if s, ok := t[def]; ok {
		return s
	}
	return t[AnyLanguage]
}

// Has reports whether the text can be shown in lang without falling back.
func (t Text) Has(lang string) bool {
	if _, ok := t[lang]; ok {
		return true
	}
	_, ok := t[AnyLanguage]
	return ok
}

// Policy is a site's cookie policy: what it asks consent for and how.
type Policy struct {
	// Schema is the optional "$schema" reference editors use.
	Schema string
	// Revision is raised by the site owner to ask every visitor again.
	Revision int
	// Languages the policy is written in; the first is the default.
	Languages []string
	// LanguageCookie names a cookie whose value is the UI language.
	LanguageCookie string
	// ConsentCookie says how the visitor's choice is stored.
	ConsentCookie ConsentCookie
	// GPC is GPCReject or GPCIgnore.
	GPC string
	// PolicyURL links the site's cookie policy page from the banner.
	PolicyURL string
	// Texts overrides built-in UI strings: language -> key -> string.
	Texts map[string]map[string]string
	// ReloadOnWithdraw reloads the page when the visitor withdraws a
	// consent given earlier in the same page view, since a script that ran
	// cannot be un-run.
	ReloadOnWithdraw bool
	// Layout of the banner: "bar" (default), "box" or "center".
	Layout string
	// Theme is "auto" (default, follows prefers-color-scheme), "light" or "dark".
	Theme string
	// Reopen is ReopenButton (default: a small fixed button opens the
	// preferences after a choice) or ReopenNone.
	Reopen string
	// Proof says where each new choice is sent as proof of consent; an
	// empty URL sends nothing.
	Proof Proof
	// ConsentModeOptions are Google Consent Mode settings pushed with the
	// default state.
	ConsentModeOptions ConsentModeOptions

	Categories []Category
	Services   []Service

	categoryIndex map[string]int
	serviceIndex  map[string]int
}

// Proof is the policy's proof field: the consent log's URL.
type Proof struct {
	URL string
}

// ConsentModeOptions are the policy's consentMode field: Google's
// ads_data_redaction and url_passthrough settings.
type ConsentModeOptions struct {
	AdsDataRedaction bool
	URLPassthrough   bool
}

// DefaultLanguage returns the policy's first language, or "en".
func (p *Policy) DefaultLanguage() string {
	if len(p.Languages) == 0 {
		return "en"
	}
	return p.Languages[0]
}

// Category returns the category with the given id, or nil.
func (p *Policy) Category(id string) *Category {
	p.index()
	if i, ok := p.categoryIndex[id]; ok {
		return &p.Categories[i]
	}
	return nil
}

// Service returns the service with the given id, or nil.
func (p *Policy) Service(id string) *Service {
	p.index()
	if i, ok := p.serviceIndex[id]; ok {
		return &p.Services[i]
	}
	return nil
}

// ServicesOf returns the services of a category, in policy order.
func (p *Policy) ServicesOf(category string) []*Service {
	var out []*Service
	for i := range p.Services {
		if p.Services[i].Category == category {
			out = append(out, &p.Services[i])
		}
	}
	return out
}

func (p *Policy) index() {
	if p.categoryIndex != nil && len(p.categoryIndex) == len(p.Categories) &&
		len(p.serviceIndex) == len(p.Services) {
		return
	}
	p.categoryIndex = make(map[string]int, len(p.Categories))
	for i, c := range p.Categories {
		if _, dup := p.categoryIndex[c.ID]; !dup {
			p.categoryIndex[c.ID] = i
		}
	}
	p.serviceIndex = make(map[string]int, len(p.Services))
	for i, s := range p.Services {
		if _, dup := p.serviceIndex[s.ID]; !dup {
			p.serviceIndex[s.ID] = i
		}
	}
}

// ConsentCookie describes the first-party cookie that stores the choice.
type ConsentCookie struct {
	Name       string
	Domain     string // empty: host-only
	Path       string
	SameSite   string // "Strict", "Lax" or "None"
	MaxAgeDays int
}

// Category groups services that are accepted or refused together.
type Category struct {
	ID          string
	Required    bool
	Label       Text
	Description Text
	// GoogleConsentMode lists the Consent Mode v2 types it grants.
	GoogleConsentMode []string
}

// Service is one provider's use of cookies for one function: a row of a
// cookie policy's declaration table.
type Service struct {
	ID       string
	Category string
	Provider string
	Label    Text
	// Function is the "function and location" column of such a table.
	Function Text
	Purpose  Text
	Cookies  []Cookie
}

// Cookie is a cookie (or storage key) a service sets, named exactly or by
// an RE2 pattern matched against the whole name.
type Cookie struct {
	Name     string
	Pattern  string
	Domain   string
	Path     string
	Duration Text
	Purpose  Text
	// Storage is StorageCookie (default), StorageLocal or StorageSession.
	Storage string

	// match is the compiled pattern.
	match *pattern.Matcher
}

// Matches reports whether a cookie or storage key name is this entry's.
func (c *Cookie) Matches(name string) bool {
	if c.Pattern == "" {
		return c.Name == name
	}
	if c.match == nil {
		m, err := pattern.Compile(c.Pattern)
		if err != nil {
			return false
		}
		c.match = m
	}
	return c.match.Match(name)
}

// DisplayName is the name shown to visitors and in declarations: the
// exact name, or the pattern written as a glob when it is one ("_pk_id.*"
// for `_pk_id\..*`), else the pattern itself.
func (c *Cookie) DisplayName() string {
	if c.Name != "" {
		return c.Name
	}
	if g, ok := patternGlob(c.Pattern); ok {
		return g
	}
	return c.Pattern
}

// patternGlob rewrites a pattern made of literal characters (escaped or
// not) and ".*" or ".+" wildcards, optionally anchored with ^ and $, as a
// glob with "*"; ok is false for any other regular expression syntax.
func patternGlob(p string) (string, bool) {
	// A pattern matches the whole name: a leading ^ and a trailing $ (not
	// an escaped \$) say nothing more.
	p = strings.TrimPrefix(p, "^")
	if strings.HasSuffix(p, "$") && (len(p)-len(strings.TrimRight(p[:len(p)-1], `\`))-1)%2 == 0 {
		p = p[:len(p)-1]
	}
	var b []byte
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return "", false
			}
			n := p[i+1]
			if ('a' <= n && n <= 'z') || ('A' <= n && n <= 'Z') || ('0' <= n && n <= '9') {
				return "", false // \d, \w, \b, ...: a class, not a literal
			}
			b = append(b, n)
			i++
		case c == '.' && i+1 < len(p) && (p[i+1] == '*' || p[i+1] == '+'):
			b = append(b, '*')
			i++
		case c == '*':
			return "", false
		case strings.IndexByte(".+?()[]{}|^$", c) >= 0:
			return "", false
		default:
			b = append(b, c)
		}
	}
	return string(b), len(b) > 0
}
