package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/pattern"
)

// categoryDrafts are the texts and Consent Mode types of the categories a
// draft adds.
var categoryDrafts = map[string]struct {
	label, description string
	modes              []string
}{
	Necessary: {"Necessary", "Needed for the site to work; they cannot be switched off.",
		[]string{"functionality_storage", "security_storage"}},
	Preferences: {"Preferences", "Remember choices such as the language or the region.",
		[]string{"personalization_storage"}},
	Statistics: {"Statistics", "Help us understand how visitors use the site so that we can improve it.",
		[]string{"analytics_storage"}},
	Marketing: {"Marketing", "Used by advertising partners to measure ads and show ads on other sites.",
		[]string{"ad_storage", "ad_user_data", "ad_personalization"}},
	Media: {"External media", "Content from other sites, such as videos or maps; when it loads, its provider may set cookies and learn about your visit.",
		nil},
	Unclassified: {"Unclassified (to review)", "Found by the scanner but not known to it: move each service to the right category and describe it.",
		nil},
}

// Draft writes a consent policy (docs/policy.md) declaring what the scan
// found. With owner (the site's policy file, may be nil) it merges: the
// owner's file is kept as it is, texts, categories and services included,
// and only what it does not declare is added, to the service of the
// same id when there is one. The result passes policy.Parse.
func Draft(rep *Report, owner []byte) ([]byte, error) {
	var root *jsontext.Node
	if owner != nil {
		n, err := jsontext.Parse(owner)
		if err != nil {
			return nil, fmt.Errorf("the policy: %w", err)
		}
		if _, probs := policy.FromNode(n); len(probs) > 0 {
			return nil, fmt.Errorf("the policy is invalid:\n%v", probs)
		}
		root = n
	} else {
		root = object(
			"revision", number(1),
			"languages", array(str("en")),
			"consentCookie", object("name", str(policy.DefaultConsentCookieName), "sameSite", str(policy.DefaultSameSite), "maxAgeDays", number(policy.DefaultMaxAgeDays)),
			"categories", array(),
			"services", array(),
		)
	}
	d := &drafter{rep: rep, root: root}
	d.ensureCategory(Necessary, true)
	// The consent manager's own cookie is declared once, as the policy's
	// consentCookie (which every draft has), not again in a service.
	consentName := policy.DefaultConsentCookieName
	if cc := root.Field("consentCookie"); cc != nil {
		if n := cc.Field("name"); n != nil && n.Kind == jsontext.KindString {
			consentName = n.Str
		}
	}
	for _, it := range rep.Items {
		if it.Declared || it.Storage == policy.StorageCookie && it.Name == consentName {
			continue
		}
		d.add(it)
	}
	out := writeNode(root)
	if _, err := policy.Parse(out); err != nil {
		return out, fmt.Errorf("the draft policy is not valid (a bug in the scanner): %w", err)
	}
	return out, nil
}

type drafter struct {
	rep  *Report
	root *jsontext.Node
}

func (d *drafter) list(key string) *jsontext.Node {
	n := d.root.Field(key)
	if n == nil {
		n = array()
		setField(d.root, key, n)
	}
	return n
}

func findByID(list *jsontext.Node, id string) *jsontext.Node {
	for _, it := range list.Items {
		if f := it.Field("id"); f != nil && f.Kind == jsontext.KindString && f.Str == id {
			return it
		}
	}
	return nil
}

// ensureCategory adds the category unless the policy has it (or, for
// Necessary, unless the policy already has a required category).
func (d *drafter) ensureCategory(id string, onlyIfNoRequired bool) {
	cats := d.list("categories")
	if findByID(cats, id) != nil {
		return
	}
	if onlyIfNoRequired {
		for _, c := range cats.Items {
			if r := c.Field("required"); r != nil && r.Kind == jsontext.KindBool && r.Bool {
				return
			}
		}
	}
	t := categoryDrafts[id]
	c := object("id", str(id))
	if id == Necessary {
		setField(c, "required", boolean(true))
	}
	setField(c, "label", str(t.label))
	setField(c, "description", str(t.description))
	if len(t.modes) > 0 {
		modes := array()
		for _, m := range t.modes {
			modes.Items = append(modes.Items, str(m))
		}
		setField(c, "googleConsentMode", modes)
	}
	// Keep the built-in order among the categories a draft adds.
	cats.Items = append(cats.Items, c)
}

// categoryFor returns the category id an item goes into: the required
// category of the owner's policy for necessary items when it has no
// "necessary" one.
func (d *drafter) categoryFor(cat string) string {
	cats := d.list("categories")
	if cat == Necessary && findByID(cats, Necessary) == nil {
		for _, c := range cats.Items {
			if r := c.Field("required"); r != nil && r.Kind == jsontext.KindBool && r.Bool {
				if id := c.Field("id"); id != nil && id.Kind == jsontext.KindString {
					return id.Str
				}
			}
		}
	}
	d.ensureCategory(cat, false)
	return cat
}

func (d *drafter) add(it *Item) {
	services := d.list("services")
	var id string
	var svc *jsontext.Node
	if k := it.known; k != nil {
		id = k.ID
		svc = findByID(services, id)
		if svc == nil {
			provider := k.Provider
			if k.FirstParty {
				provider = d.rep.Host
			}
			svc = object("id", str(id), "category", str(d.categoryFor(k.Category)),
				"provider", str(provider), "label", str(k.Label),
				"function", str(k.Function), "purpose", str(k.Purpose), "cookies", array())
			services.Items = append(services.Items, svc)
		}
	} else {
		host := hostOf(it.Domain)
		id = "unclassified-" + slug(host)
		svc = findByID(services, id)
		if svc == nil {
			svc = object("id", str(id), "category", str(d.categoryFor(Unclassified)),
				"provider", str(host), "label", str("Unknown ("+host+")"),
				"function", str("To describe (found on "+host+")"), "cookies", array())
			services.Items = append(services.Items, svc)
		}
	}
	cookies := svc.Field("cookies")
	if cookies == nil || cookies.Kind != jsontext.KindArray {
		cookies = array()
		setField(svc, "cookies", cookies)
	}
	entry := d.cookieEntry(it)
	// One entry per name or pattern: several _ga_<id> make one pattern.
	for _, c := range cookies.Items {
		if sameEntry(c, entry) {
			return
		}
	}
	cookies.Items = append(cookies.Items, entry)
}

func sameEntry(a, b *jsontext.Node) bool {
	s := func(n *jsontext.Node, k string) string {
		if f := n.Field(k); f != nil && f.Kind == jsontext.KindString {
			return f.Str
		}
		return ""
	}
	st := func(n *jsontext.Node) string {
		if v := s(n, "storage"); v != "" {
			return v
		}
		return policy.StorageCookie
	}
	return s(a, "name") == s(b, "name") && s(a, "pattern") == s(b, "pattern") && st(a) == st(b)
}

func (d *drafter) cookieEntry(it *Item) *jsontext.Node {
	c := object()
	switch {
	case it.knownEntry != nil && it.knownEntry.Pattern != "" && pattern.Check(it.knownEntry.Pattern) == nil:
		// A table's pattern, in the policy's pattern dialect (else the
		// name as seen).
		setField(c, "pattern", str(it.knownEntry.Pattern))
	case it.Storage == policy.StorageCookie && !policy.ValidCookieName(it.Name):
		setField(c, "pattern", str(regexp.QuoteMeta(it.Name)))
	default:
		setField(c, "name", str(it.Name))
	}
	if it.Storage != policy.StorageCookie {
		setField(c, "storage", str(it.Storage))
	}
	if it.Storage == policy.StorageCookie && it.ThirdParty {
		if dom := strings.ToLower(it.Domain); policy.ValidDomain(dom) {
			setField(c, "domain", str(dom))
		}
	}
	// What the browser showed, not what a table says.
	dur := it.Expires
	if it.Capped {
		dur = strings.TrimSuffix(dur, " (Chromium's 400-day cap)") + " or more"
	}
	if dur != "" {
		setField(c, "duration", str(dur))
	}
	if it.knownEntry != nil && it.knownEntry.Purpose != "" {
		setField(c, "purpose", str(it.knownEntry.Purpose))
	}
	return c
}

// Node building.

func str(s string) *jsontext.Node     { return &jsontext.Node{Kind: jsontext.KindString, Str: s} }
func number(f float64) *jsontext.Node { return &jsontext.Node{Kind: jsontext.KindNumber, Num: f} }
func boolean(b bool) *jsontext.Node   { return &jsontext.Node{Kind: jsontext.KindBool, Bool: b} }
func array(items ...*jsontext.Node) *jsontext.Node {
	return &jsontext.Node{Kind: jsontext.KindArray, Items: append([]*jsontext.Node{}, items...)}
}

// object builds an object from key, value pairs.
func object(kv ...any) *jsontext.Node {
	n := &jsontext.Node{Kind: jsontext.KindObject, Fields: map[string]*jsontext.Node{}}
	for i := 0; i+1 < len(kv); i += 2 {
		setField(n, kv[i].(string), kv[i+1].(*jsontext.Node))
	}
	return n
}

func setField(n *jsontext.Node, k string, v *jsontext.Node) {
	if n.Fields == nil {
		n.Fields = map[string]*jsontext.Node{}
	}
	if _, ok := n.Fields[k]; !ok {
		n.Keys = append(n.Keys, k)
	}
	n.Fields[k] = v
}

// writeNode writes a JSON document, indented by two spaces, with the keys
// in their order; small objects of plain values and arrays of plain values
// stay on one line, as in the example policies.
func writeNode(n *jsontext.Node) []byte {
	var b bytes.Buffer
	writeValue(&b, n, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func scalar(n *jsontext.Node) bool {
	return n.Kind != jsontext.KindArray && n.Kind != jsontext.KindObject
}

func inline(n *jsontext.Node) (string, bool) {
	switch n.Kind {
	case jsontext.KindArray:
		parts := make([]string, 0, len(n.Items))
		for _, it := range n.Items {
			if !scalar(it) {
				return "", false
			}
			parts = append(parts, scalarJSON(it))
		}
		return "[" + strings.Join(parts, ", ") + "]", true
	case jsontext.KindObject:
		parts := make([]string, 0, len(n.Keys))
		for _, k := range n.Keys {
			v := n.Fields[k]
			if !scalar(v) {
				return "", false
			}
			parts = append(parts, quote(k)+": "+scalarJSON(v))
		}
		s := "{" + strings.Join(parts, ", ") + "}"
		return s, len(s) <= 140
	}
	return scalarJSON(n), true
}

func writeValue(b *bytes.Buffer, n *jsontext.Node, indent string) {
	if s, ok := inline(n); ok {
		b.WriteString(s)
		return
	}
	inner := indent + "  "
	switch n.Kind {
	case jsontext.KindArray:
		b.WriteString("[\n")
		for i, it := range n.Items {
			b.WriteString(inner)
			writeValue(b, it, inner)
			if i < len(n.Items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case jsontext.KindObject:
		b.WriteString("{\n")
		for i, k := range n.Keys {
			b.WriteString(inner + quote(k) + ": ")
			writeValue(b, n.Fields[k], inner)
			if i < len(n.Keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	}
}

func scalarJSON(n *jsontext.Node) string {
	switch n.Kind {
	case jsontext.KindNull:
		return "null"
	case jsontext.KindBool:
		return strconv.FormatBool(n.Bool)
	case jsontext.KindNumber:
		return strconv.FormatFloat(n.Num, 'g', -1, 64)
	case jsontext.KindString:
		return quote(n.Str)
	}
	return "null"
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(errors.New("scan: cannot encode a string"))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
