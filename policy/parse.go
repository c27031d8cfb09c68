package policy

import (
	"math"
	"strconv"
	"strings"

	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/pattern"
	"github.com/consentwasm/consent/policy/texts"
)

// Parse parses and validates a policy file (docs/policy.md) and fills in
// the defaults of its optional fields. The error is Problems: a JSON
// syntax error is one Problem marked Syntax (printed "line:column:
// message"); otherwise every problem found in the policy, each with its
// JSON pointer and the line and column of the value it names.
func Parse(data []byte) (*Policy, error) {
	n, err := jsontext.Parse(data)
	if err != nil {
		return nil, syntaxProblems(err)
	}
	p, probs := FromNode(n)
	if len(probs) > 0 {
		return nil, probs
	}
	return p, nil
}

// Layouts and themes a policy may choose.
var (
	Layouts = []string{"bar", "box", "center"}
	Themes  = []string{"auto", "light", "dark"}
	// Reopens says how a visitor gets back to the preferences after a
	// choice: a small fixed button (default) or the site's own
	// data-consent-open links only.
	Reopens = []string{ReopenButton, ReopenNone}
)

// Values of the policy's reopen field.
const (
	ReopenButton = "button"
	ReopenNone   = "none"
)

// Fields each object of the policy may have.
var (
	policyFields = []string{"$schema", "revision", "languages", "languageCookie",
		"consentCookie", "gpc", "policyUrl", "texts", "reloadOnWithdraw", "layout",
		"theme", "categories", "services", "proof", "reopen", "consentMode"}
	proofFields         = []string{"url"}
	consentModeFields   = []string{"adsDataRedaction", "urlPassthrough"}
	consentCookieFields = []string{"name", "domain", "path", "sameSite", "maxAgeDays"}
	categoryFields      = []string{"id", "required", "label", "description", "googleConsentMode"}
	serviceFields       = []string{"id", "category", "provider", "label", "function", "purpose", "cookies"}
	cookieFields        = []string{"name", "pattern", "domain", "path", "duration", "purpose", "storage"}
)

// MaxRevision is the largest revision a policy may have.
const MaxRevision = math.MaxInt32

// FromNode validates a parsed policy document and returns the policy with
// its defaults filled in. When it finds problems it returns them all and a
// nil policy.
func FromNode(n *jsontext.Node) (*Policy, Problems) {
	v := &validator{}
	p := v.policy(n)
	if len(v.probs) > 0 {
		return nil, (&Positions{root: n}).Locate(v.probs)
	}
	return p, nil
}

type validator struct {
	probs Problems
	// langs are the policy's languages; langsOK is false when they are
	// broken, and texts are then not checked against them.
	langs   []string
	langsOK bool
}

func (v *validator) add(pointer, msg string) {
	v.probs = append(v.probs, Problem{Pointer: pointer, Message: msg})
}

// placeAtKey locates the last problem at the key that names val, when the
// document text gave one: a message about a member goes to its name.
func (v *validator) placeAtKey(val *jsontext.Node) {
	if val != nil && val.KeyLine > 0 {
		last := &v.probs[len(v.probs)-1]
		last.Line, last.Column = val.KeyLine, val.KeyCol
	}
}

func (v *validator) wrongType(n *jsontext.Node, p, want string) {
	v.add(p, "must be "+want+", not "+n.Kind.String())
}

// object checks that n is an object with only the allowed fields and no
// repeated keys.
func (v *validator) object(n *jsontext.Node, p string, allowed []string) bool {
	if n.Kind != jsontext.KindObject {
		v.wrongType(n, p, "an object")
		return false
	}
	for i, k := range n.Dups {
		v.add(ptrKey(p, k), "duplicate key "+quoteVal(k))
		if i < len(n.DupValues) {
			// The repeated key's place, not the first value's.
			v.placeAtKey(n.DupValues[i])
		}
	}
	if allowed == nil {
		return true
	}
	for _, k := range n.Keys {
		if !hasString(allowed, k) {
			msg := "unknown field " + quoteVal(k)
			if s := suggestField(k, allowed); s != "" {
				msg += " (did you mean " + quoteVal(s) + "?)"
			}
			v.add(ptrKey(p, k), msg)
			v.placeAtKey(n.Fields[k])
		}
	}
	return true
}

// require reports the fields of object n that are missing.
func (v *validator) require(n *jsontext.Node, p string, names ...string) {
	for _, name := range names {
		if n.Fields[name] == nil {
			v.add(p, "missing required field "+quoteVal(name))
		}
	}
}

func (v *validator) str(n *jsontext.Node, p string) (string, bool) {
	if n.Kind != jsontext.KindString {
		v.wrongType(n, p, "a string")
		return "", false
	}
	return n.Str, true
}

// nonEmpty returns a string that must not be empty.
func (v *validator) nonEmpty(n *jsontext.Node, p string) (string, bool) {
	s, ok := v.str(n, p)
	if ok && s == "" {
		v.add(p, "must not be empty")
		return "", false
	}
	return s, ok
}

func (v *validator) boolean(n *jsontext.Node, p string) bool {
	if n.Kind != jsontext.KindBool {
		v.wrongType(n, p, "true or false")
		return false
	}
	return n.Bool
}

// integer returns a whole number in [lo, hi].
func (v *validator) integer(n *jsontext.Node, p string, lo, hi int) (int, bool) {
	want := "an integer from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi)
	if n.Kind != jsontext.KindNumber {
		v.wrongType(n, p, want)
		return 0, false
	}
	f := n.Num
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) { // also NaN, ±Inf
		v.add(p, "must be "+want+", not "+strconv.FormatFloat(f, 'g', -1, 64))
		return 0, false
	}
	return int(f), true
}

// enum returns a string that must be one of values.
func (v *validator) enum(n *jsontext.Node, p string, values []string) (string, bool) {
	s, ok := v.str(n, p)
	if !ok {
		return "", false
	}
	if !hasString(values, s) {
		v.add(p, quoteVal(s)+" must be one of "+quoteVals(values))
		return "", false
	}
	return s, true
}

func (v *validator) array(n *jsontext.Node, p string) bool {
	if n.Kind != jsontext.KindArray {
		v.wrongType(n, p, "an array")
		return false
	}
	return true
}

// id returns a lowercase id ([a-z0-9_-]+).
func (v *validator) id(n *jsontext.Node, p string) (string, bool) {
	s, ok := v.nonEmpty(n, p)
	if !ok {
		return "", false
	}
	if !ValidID(s) {
		v.add(p, "invalid id "+quoteVal(s)+": use lowercase letters, digits, '-' and '_'")
		return "", false
	}
	return s, true
}

func (v *validator) policy(n *jsontext.Node) *Policy {
	pol := &Policy{
		Languages: []string{"en"},
		ConsentCookie: ConsentCookie{
			Name:       DefaultConsentCookieName,
			Path:       DefaultConsentCookiePath,
			SameSite:   DefaultSameSite,
			MaxAgeDays: DefaultMaxAgeDays,
		},
		GPC:    GPCReject,
		Layout: "bar",
		Theme:  "auto",
		Reopen: ReopenButton,
	}
	v.langs, v.langsOK = pol.Languages, true
	if n == nil {
		v.add("", "empty document: expected a policy object")
		return nil
	}
	if !v.object(n, "", policyFields) {
		return nil
	}
	v.require(n, "", "categories")
	f := n.Fields

	// Languages first: texts everywhere are checked against them.
	if ln := f["languages"]; ln != nil {
		if langs, ok := v.languages(ln, "/languages"); ok {
			pol.Languages = langs
			v.langs = langs
		} else {
			v.langsOK = false
		}
	}
	if x := f["$schema"]; x != nil {
		pol.Schema, _ = v.str(x, "/$schema")
	}
	if x := f["revision"]; x != nil {
		pol.Revision, _ = v.integer(x, "/revision", 0, MaxRevision)
	}
	if x := f["languageCookie"]; x != nil {
		if s, ok := v.cookieName(x, "/languageCookie"); ok {
			pol.LanguageCookie = s
		}
	}
	if x := f["consentCookie"]; x != nil {
		v.consentCookie(x, "/consentCookie", &pol.ConsentCookie)
	}
	if x := f["gpc"]; x != nil {
		if s, ok := v.enum(x, "/gpc", []string{GPCReject, GPCIgnore}); ok {
			pol.GPC = s
		}
	}
	if x := f["policyUrl"]; x != nil {
		if s, ok := v.nonEmpty(x, "/policyUrl"); ok {
			if msg := checkPolicyURL(s); msg != "" {
				v.add("/policyUrl", msg)
			} else {
				pol.PolicyURL = s
			}
		}
	}
	if x := f["texts"]; x != nil {
		pol.Texts = v.texts(x, "/texts")
	}
	if x := f["reloadOnWithdraw"]; x != nil {
		pol.ReloadOnWithdraw = v.boolean(x, "/reloadOnWithdraw")
	}
	if x := f["layout"]; x != nil {
		if s, ok := v.enum(x, "/layout", Layouts); ok {
			pol.Layout = s
		}
	}
	if x := f["theme"]; x != nil {
		if s, ok := v.enum(x, "/theme", Themes); ok {
			pol.Theme = s
		}
	}
	if x := f["reopen"]; x != nil {
		if s, ok := v.enum(x, "/reopen", Reopens); ok {
			pol.Reopen = s
		}
	}
	if x := f["proof"]; x != nil {
		v.proof(x, "/proof", &pol.Proof)
	}
	if x := f["consentMode"]; x != nil {
		v.consentModeOptions(x, "/consentMode", &pol.ConsentModeOptions)
	}
	if x := f["categories"]; x != nil {
		pol.Categories = v.categories(x, "/categories")
	}
	if x := f["services"]; x != nil {
		pol.Services = v.services(x, "/services", categoryIDs(f["categories"]))
	}
	if len(v.probs) == 0 {
		// The consent cookie stores ids as short hashes (see Tag).
		if err := pol.CheckTags(); err != nil {
			v.add("", err.Error())
		}
	}
	return pol
}

// proof reads {url}: where each new choice is sent as proof of consent.
func (v *validator) proof(n *jsontext.Node, p string, out *Proof) {
	if !v.object(n, p, proofFields) {
		return
	}
	v.require(n, p, "url")
	if x := n.Fields["url"]; x != nil {
		if s, ok := v.nonEmpty(x, p+"/url"); ok {
			if msg := checkPolicyURL(s); msg != "" {
				v.add(p+"/url", msg)
			} else {
				out.URL = s
			}
		}
	}
}

// consentModeOptions reads the Google Consent Mode settings beside the
// consent states: ads_data_redaction and url_passthrough.
func (v *validator) consentModeOptions(n *jsontext.Node, p string, out *ConsentModeOptions) {
	if !v.object(n, p, consentModeFields) {
		return
	}
	if x := n.Fields["adsDataRedaction"]; x != nil {
		out.AdsDataRedaction = v.boolean(x, p+"/adsDataRedaction")
	}
	if x := n.Fields["urlPassthrough"]; x != nil {
		out.URLPassthrough = v.boolean(x, p+"/urlPassthrough")
	}
}

func (v *validator) languages(n *jsontext.Node, p string) ([]string, bool) {
	if !v.array(n, p) {
		return nil, false
	}
	if len(n.Items) == 0 {
		v.add(p, "must list at least one language")
		return nil, false
	}
	ok := true
	var langs []string
	for i, it := range n.Items {
		ip := ptrItem(p, i)
		s, isStr := v.str(it, ip)
		switch {
		case !isStr:
			ok = false
		case !ValidLanguage(s):
			v.add(ip, "invalid language code "+quoteVal(s)+" (expected e.g. \"en\", \"de\" or \"pt-BR\")")
			ok = false
		case hasString(langs, s):
			v.add(ip, "duplicate language "+quoteVal(s))
			ok = false
		default:
			langs = append(langs, s)
		}
	}
	return langs, ok
}

func (v *validator) consentCookie(n *jsontext.Node, p string, cc *ConsentCookie) {
	if !v.object(n, p, consentCookieFields) {
		return
	}
	f := n.Fields
	if x := f["name"]; x != nil {
		if s, ok := v.cookieName(x, p+"/name"); ok {
			cc.Name = s
		}
	}
	if x := f["domain"]; x != nil {
		if s, ok := v.domain(x, p+"/domain"); ok {
			cc.Domain = s
		}
	}
	if x := f["path"]; x != nil {
		if s, ok := v.path(x, p+"/path"); ok {
			cc.Path = s
		}
	}
	if x := f["sameSite"]; x != nil {
		if s, ok := v.str(x, p+"/sameSite"); ok {
			if norm := normalizeSameSite(s); norm != "" {
				cc.SameSite = norm
			} else {
				v.add(p+"/sameSite", quoteVal(s)+" must be one of \"Strict\", \"Lax\" or \"None\"")
			}
		}
	}
	if x := f["maxAgeDays"]; x != nil {
		if d, ok := v.integer(x, p+"/maxAgeDays", 1, MaxMaxAgeDays); ok {
			cc.MaxAgeDays = d
		}
	}
}

func normalizeSameSite(s string) string {
	for _, w := range []string{"Strict", "Lax", "None"} {
		if strings.EqualFold(s, w) {
			return w
		}
	}
	return ""
}

func (v *validator) cookieName(n *jsontext.Node, p string) (string, bool) {
	return v.checked(n, p, ValidCookieName, "invalid cookie name ", `: no spaces, control characters or any of ()<>@,;:\"/[]?={}`)
}

func (v *validator) domain(n *jsontext.Node, p string) (string, bool) {
	return v.checked(n, p, ValidDomain, "invalid domain ", `: expected a lowercase host name such as "example.org" or ".example.org"`)
}

func (v *validator) path(n *jsontext.Node, p string) (string, bool) {
	return v.checked(n, p, ValidCookiePath, "invalid path ", ": must start with '/' and contain no ';' or control characters")
}

// checked reads a non-empty string and checks it with valid; a value that
// fails is reported as what+value+why.
func (v *validator) checked(n *jsontext.Node, p string, valid func(string) bool, what, why string) (string, bool) {
	s, ok := v.nonEmpty(n, p)
	if !ok {
		return "", false
	}
	if !valid(s) {
		v.add(p, what+quoteVal(s)+why)
		return "", false
	}
	return s, true
}

// text returns a Text: a string for every language or an object of
// strings keyed by language, which must include the default language.
func (v *validator) text(n *jsontext.Node, p string) Text {
	switch n.Kind {
	case jsontext.KindString:
		if n.Str == "" {
			v.add(p, "must not be empty")
			return nil
		}
		return Text{AnyLanguage: n.Str}
	case jsontext.KindObject:
	default:
		v.wrongType(n, p, "a string or an object of strings per language")
		return nil
	}
	v.object(n, p, nil)
	t := make(Text, len(n.Keys))
	for _, k := range n.Keys {
		kp := ptrKey(p, k)
		switch {
		case !ValidLanguage(k):
			v.add(kp, "invalid language code "+quoteVal(k))
			continue
		case v.langsOK && !hasString(v.langs, k):
			v.add(kp, "language "+quoteVal(k)+" is not one of the policy's languages "+quoteVals(v.langs))
			continue
		}
		if s, ok := v.nonEmpty(n.Fields[k], kp); ok {
			t[k] = s
		}
	}
	if v.langsOK && len(v.langs) > 0 && n.Fields[v.langs[0]] == nil {
		v.add(p, "missing the default language "+quoteVal(v.langs[0]))
	}
	return t
}

// texts returns the UI string overrides: language -> key -> string.
func (v *validator) texts(n *jsontext.Node, p string) map[string]map[string]string {
	if !v.object(n, p, nil) {
		return nil
	}
	out := make(map[string]map[string]string, len(n.Keys))
	for _, lang := range n.Keys {
		lp := ptrKey(p, lang)
		switch {
		case !ValidLanguage(lang):
			v.add(lp, "invalid language code "+quoteVal(lang))
			continue
		case v.langsOK && !hasString(v.langs, lang):
			v.add(lp, "language "+quoteVal(lang)+" is not one of the policy's languages "+quoteVals(v.langs))
			continue
		}
		ln := n.Fields[lang]
		if !v.object(ln, lp, nil) {
			continue
		}
		m := make(map[string]string, len(ln.Keys))
		for _, k := range ln.Keys {
			kp := ptrKey(lp, k)
			if !hasString(texts.Keys, k) {
				msg := "unknown text key " + quoteVal(k)
				if s := suggestField(k, texts.Keys); s != "" {
					msg += " (did you mean " + quoteVal(s) + "?)"
				}
				v.add(kp, msg)
				continue
			}
			if s, ok := v.str(ln.Fields[k], kp); ok {
				m[k] = s
			}
		}
		out[lang] = m
	}
	return out
}

func (v *validator) categories(n *jsontext.Node, p string) []Category {
	if !v.array(n, p) {
		return nil
	}
	if len(n.Items) == 0 {
		v.add(p, "must list at least one category")
		return nil
	}
	cats := make([]Category, 0, len(n.Items))
	seen := map[string]string{}
	anyRequired := false
	for i, it := range n.Items {
		ip := ptrItem(p, i)
		if !v.object(it, ip, categoryFields) {
			continue
		}
		v.require(it, ip, "id", "label")
		var c Category
		f := it.Fields
		if x := f["id"]; x != nil {
			if id, ok := v.id(x, ip+"/id"); ok {
				if first, dup := seen[id]; dup {
					v.add(ip+"/id", "duplicate id "+quoteVal(id)+" (first at "+first+")")
				} else {
					seen[id] = ip
				}
				c.ID = id
			}
		}
		if x := f["required"]; x != nil {
			c.Required = v.boolean(x, ip+"/required")
			anyRequired = anyRequired || c.Required
		}
		if x := f["label"]; x != nil {
			c.Label = v.text(x, ip+"/label")
		}
		if x := f["description"]; x != nil {
			c.Description = v.text(x, ip+"/description")
		}
		if x := f["googleConsentMode"]; x != nil {
			c.GoogleConsentMode = v.consentModes(x, ip+"/googleConsentMode")
		}
		cats = append(cats, c)
	}
	if !anyRequired {
		v.add(p, "no category is required: mark the one holding the strictly necessary cookies with \"required\": true")
	}
	return cats
}

func (v *validator) consentModes(n *jsontext.Node, p string) []string {
	if !v.array(n, p) {
		return nil
	}
	out := []string{}
	for i, it := range n.Items {
		ip := ptrItem(p, i)
		s, ok := v.enum(it, ip, ConsentModeTypes)
		if !ok {
			continue
		}
		if hasString(out, s) {
			v.add(ip, "duplicate consent mode type "+quoteVal(s))
			continue
		}
		out = append(out, s)
	}
	return out
}

// categoryIDs returns the ids the categories give, valid or not, or nil
// when there is no list of categories: services are then not checked
// against it, which would only repeat its problem.
func categoryIDs(n *jsontext.Node) map[string]bool {
	if n == nil || n.Kind != jsontext.KindArray {
		return nil
	}
	ids := map[string]bool{}
	for _, it := range n.Items {
		if id := it.Field("id"); id != nil && id.Kind == jsontext.KindString {
			ids[id.Str] = true
		}
	}
	return ids
}

// services returns the services; cats are the category ids they may name
// (nil: do not check).
func (v *validator) services(n *jsontext.Node, p string, cats map[string]bool) []Service {
	if !v.array(n, p) {
		return nil
	}
	svcs := make([]Service, 0, len(n.Items))
	seen := map[string]string{}
	for i, it := range n.Items {
		ip := ptrItem(p, i)
		if !v.object(it, ip, serviceFields) {
			continue
		}
		v.require(it, ip, "id", "category", "provider")
		var s Service
		f := it.Fields
		if x := f["id"]; x != nil {
			if id, ok := v.id(x, ip+"/id"); ok {
				if first, dup := seen[id]; dup {
					v.add(ip+"/id", "duplicate id "+quoteVal(id)+" (first at "+first+")")
				} else {
					seen[id] = ip
				}
				s.ID = id
			}
		}
		if x := f["category"]; x != nil {
			if id, ok := v.nonEmpty(x, ip+"/category"); ok {
				if cats != nil && !cats[id] {
					v.add(ip+"/category", didYouMean("unknown category "+quoteVal(id), id, sortedKeys(cats)))
				}
				s.Category = id
			}
		}
		if x := f["provider"]; x != nil {
			s.Provider, _ = v.nonEmpty(x, ip+"/provider")
		}
		if x := f["label"]; x != nil {
			s.Label = v.text(x, ip+"/label")
		} else if s.Provider != "" {
			s.Label = Text{AnyLanguage: s.Provider} // docs/policy.md: defaults to the provider
		}
		if x := f["function"]; x != nil {
			s.Function = v.text(x, ip+"/function")
		}
		if x := f["purpose"]; x != nil {
			s.Purpose = v.text(x, ip+"/purpose")
		}
		if x := f["cookies"]; x != nil && v.array(x, ip+"/cookies") {
			s.Cookies = make([]Cookie, 0, len(x.Items))
			for j, cn := range x.Items {
				if c, ok := v.cookie(cn, ptrItem(ip+"/cookies", j)); ok {
					s.Cookies = append(s.Cookies, c)
				}
			}
		}
		svcs = append(svcs, s)
	}
	return svcs
}

func (v *validator) cookie(n *jsontext.Node, p string) (Cookie, bool) {
	c := Cookie{Storage: StorageCookie}
	if !v.object(n, p, cookieFields) {
		return c, false
	}
	f := n.Fields
	if x := f["storage"]; x != nil {
		if s, ok := v.enum(x, p+"/storage", []string{StorageCookie, StorageLocal, StorageSession}); ok {
			c.Storage = s
		}
	}
	name, pat := f["name"], f["pattern"]
	switch {
	case name != nil && pat != nil:
		v.add(p, "has both \"name\" and \"pattern\": give one")
	case name == nil && pat == nil:
		v.add(p, "missing required field \"name\" or \"pattern\"")
	case name != nil && c.Storage == StorageCookie:
		c.Name, _ = v.cookieName(name, p+"/name")
	case name != nil:
		c.Name, _ = v.nonEmpty(name, p+"/name")
	default:
		if s, ok := v.nonEmpty(pat, p+"/pattern"); ok {
			if match, err := pattern.Compile(s); err != nil {
				v.add(p+"/pattern", "invalid pattern "+quoteVal(s)+": "+err.Error())
			} else {
				c.Pattern, c.match = s, match
			}
		}
	}
	if x := f["domain"]; x != nil {
		if c.Storage != StorageCookie {
			v.add(p+"/domain", "applies only to cookies, not to "+c.Storage)
		} else {
			c.Domain, _ = v.domain(x, p+"/domain")
		}
	}
	if x := f["path"]; x != nil {
		if c.Storage != StorageCookie {
			v.add(p+"/path", "applies only to cookies, not to "+c.Storage)
		} else {
			c.Path, _ = v.path(x, p+"/path")
		}
	}
	if x := f["duration"]; x != nil {
		c.Duration = v.text(x, p+"/duration")
	}
	if x := f["purpose"]; x != nil {
		c.Purpose = v.text(x, p+"/purpose")
	}
	return c, true
}

// ValidID reports whether s is a category or service id: [a-z0-9_-]+.
func ValidID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// ValidLanguage reports whether s is a language code the policy accepts:
// a lowercase primary subtag of 2 or 3 letters, then subtags of 2 to 8
// letters or digits ("de", "pt-BR", "zh-Hant-TW").
func ValidLanguage(s string) bool {
	parts := strings.Split(s, "-")
	for i, part := range parts {
		if i == 0 {
			if len(part) < 2 || len(part) > 3 {
				return false
			}
			for j := 0; j < len(part); j++ {
				if part[j] < 'a' || part[j] > 'z' {
					return false
				}
			}
			continue
		}
		if len(part) < 2 || len(part) > 8 {
			return false
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// ValidCookieName reports whether s is a cookie-name: an RFC 6265 §4.1.1
// token (RFC 2616 §2.2): visible ASCII except the separators
// ()<>@,;:\"/[]?={} and space.
func ValidCookieName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

// ValidDomain reports whether s is a cookie Domain attribute value the
// policy accepts: a lowercase host name (labels of letters, digits and
// inner hyphens, at most 63 characters each, 253 in all), optionally with
// a leading dot, which RFC 6265 §5.2.3 ignores.
func ValidDomain(s string) bool {
	s = strings.TrimPrefix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// ValidCookiePath reports whether s is a cookie Path attribute value:
// it starts with "/" (RFC 6265 §5.2.4 ignores any other) and holds no ';'
// or control character (§4.1.1 path-value).
func ValidCookiePath(s string) bool {
	if !strings.HasPrefix(s, "/") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == ';' {
			return false
		}
	}
	return true
}

// checkPolicyURL returns why s is not an acceptable cookie policy link, or
// "". It must be an absolute http or https URL with a host, or a relative
// reference (a path, or "//host/…" which keeps the page's scheme); any
// other scheme (javascript:, data:, …) and control characters are refused.
func checkPolicyURL(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return "invalid URL " + quoteVal(s) + ": contains a control character"
		}
	}
	end := strings.IndexAny(s, ":/?#")
	if end < 0 || s[end] != ':' {
		return "" // relative reference
	}
	scheme := strings.ToLower(s[:end])
	if scheme != "http" && scheme != "https" {
		return "invalid URL " + quoteVal(s) + ": only http and https links or relative paths are allowed"
	}
	rest := s[end+1:]
	if !strings.HasPrefix(rest, "//") {
		return "invalid URL " + quoteVal(s) + ": expected " + scheme + "://host/…"
	}
	host := rest[2:]
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if host == "" {
		return "invalid URL " + quoteVal(s) + ": no host"
	}
	return ""
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteVals(list []string) string {
	var b strings.Builder
	for i, s := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	return b.String()
}

// suggestField returns the allowed field a mistyped one most likely meant:
// the same but for letter case, or at most two edits away; or "".
func suggestField(k string, allowed []string) string {
	best, bestDist := "", 3
	for _, a := range allowed {
		if strings.EqualFold(a, k) {
			return a
		}
		if d := editDistance(strings.ToLower(k), strings.ToLower(a), bestDist); d < bestDist {
			best, bestDist = a, d
		}
	}
	if len(k) <= bestDist { // too short to guess from
		return ""
	}
	return best
}

// editDistance returns the optimal string alignment distance between a and
// b (insertions, deletions, substitutions and transpositions of bytes), or
// limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if len(a)-len(b) >= limit || len(b)-len(a) >= limit || len(a) > 64 || len(b) > 64 {
		return limit
	}
	// prev2, prev and cur are rows i-2, i-1 and i of the table.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if d := prev[len(b)]; d < limit {
		return d
	}
	return limit
}
