// Package importer turns a vanilla-cookieconsent v3 or a Klaro
// configuration into a consent policy (CONTRACT.md §2). The configuration
// is read, never run: a JSON file, or the JavaScript file where it is the
// object passed to CookieConsent.run(…) or assigned to klaroConfig, parsed
// by a small object-literal parser. What has no equivalent in the policy
// (callbacks, options of the other UI, regular expressions outside the
// pattern dialect) is reported as a Note.
package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/consentwasm/consent/policy"
)

// Note is something of the configuration that was not carried over, or
// carried over by a guess the site owner should check, at its place in
// the configuration (a dotted path such as "categories.analytics").
type Note struct {
	Where, Message string
}

// String returns "where: message".
func (n Note) String() string { return n.Where + ": " + n.Message }

// Result is an imported policy: its JSON, which validates, and the notes.
type Result struct {
	JSON   []byte
	Policy *policy.Policy
	Notes  []Note
}

// findConfig returns the configuration object of src: the whole file when
// it is JSON (or a bare object literal), else the object the first of
// the expressions exprs locates.
func findConfig(src string, exprs []*regexp.Regexp, what string) (*Object, error) {
	trimmed := strings.TrimLeft(strings.TrimPrefix(src, "\ufeff"), " \t\r\n")
	if strings.HasPrefix(trimmed, "{") {
		return objectAt(src, len(src)-len(trimmed))
	}
	var firstErr error
	for _, re := range exprs {
		for _, loc := range re.FindAllStringIndex(src, -1) {
			o, err := configAt(src, loc[1])
			if err == nil {
				return o, nil
			}
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, errors.New("found no " + what + " configuration: expected a JSON file or a JavaScript file with " + what)
}

// configAt returns the object at pos of src, or the object assigned to
// the variable named there (run(config)).
func configAt(src string, pos int) (*Object, error) {
	p := &jsParser{src: src, pos: pos}
	p.space()
	if !p.eof() && p.src[p.pos] == '{' {
		return objectAt(src, p.pos)
	}
	name := p.word()
	if name == "" {
		return nil, errors.New("the configuration is not an object literal")
	}
	decl := regexp.MustCompile(`(?:^|[^\w$.])` + regexp.QuoteMeta(name) + `\s*=\s*\{`)
	if l := decl.FindStringIndex(src); l != nil {
		return objectAt(src, l[1]-1)
	}
	return nil, fmt.Errorf("the configuration is the variable %s, and no %s = {…} is in the file", name, name)
}

func objectAt(src string, pos int) (*Object, error) {
	v, err := parseLiteralAt(src, pos)
	if err != nil {
		return nil, err
	}
	o, ok := v.(*Object)
	if !ok {
		return nil, errors.New("the configuration is not an object literal")
	}
	return o, nil
}

// notes collects Notes.
type notes []Note

func (ns *notes) add(where, format string, args ...any) {
	*ns = append(*ns, Note{Where: where, Message: fmt.Sprintf(format, args...)})
}

// ignored notes every key of o that the importer does not read.
func (ns *notes) ignored(o *Object, where string, read map[string]string) {
	if o == nil {
		return
	}
	for _, k := range o.Keys {
		why, known := read[k]
		if v := o.Values[k]; v == nil || v == false {
			continue // an option left off is nothing to report
		}
		switch {
		case known && why == "":
		case known:
			ns.add(join(where, k), "%s", why)
		default:
			ns.add(join(where, k), "no equivalent in the policy; not imported")
		}
	}
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// Helpers to read values.

func asObject(v any) *Object { o, _ := v.(*Object); return o }
func asString(v any) string  { s, _ := v.(string); return s }
func asList(v any) []any     { l, _ := v.([]any); return l }
func asBool(v any) bool      { b, _ := v.(bool); return b }

// asInt returns a whole number ≥ 0.
func asInt(v any) (int, bool) {
	f, ok := v.(float64)
	if !ok || f < 0 || f != float64(int(f)) || f > policy.MaxRevision {
		return 0, false
	}
	return int(f), true
}

var idRe = regexp.MustCompile(`[^a-z0-9_-]+`)

// toID turns a key of the configuration into a policy id.
func toID(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	id := strings.Trim(idRe.ReplaceAllString(b.String(), "-"), "-")
	if id == "" {
		id = "x"
	}
	return id
}

// uniqueID returns id, or id-2, id-3… when it is taken.
func uniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	taken[out] = true
	return out
}

var (
	tagRe   = regexp.MustCompile(`<[^>]*>`)
	spaceRe = regexp.MustCompile(`\s+`)
)

// plain turns HTML text into plain text: the policy's texts are shown as
// text, never as markup.
func plain(s string) string {
	s = tagRe.ReplaceAllString(s, "")
	for _, e := range [][2]string{{"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#39;", "'"}, {"&amp;", "&"}} {
		s = strings.ReplaceAll(s, e[0], e[1])
	}
	return strings.TrimSpace(spaceRe.ReplaceAllString(s, " "))
}

// title makes a label from an id: "analytics" → "Analytics".
func title(id string) string {
	s := strings.NewReplacer("_", " ", "-", " ").Replace(id)
	if s == "" {
		return id
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// text is a policy text per language; texts are kept plain.
type text map[string]string

func (t text) set(lang, s string) {
	if s = plain(s); s != "" {
		t[lang] = s
	}
}

// value returns the policy's form of t: nil when empty, a plain string
// when it has one language, and otherwise an object that has the default
// language (filled from another language when missing).
func (t text) value(langs []string) any {
	if len(t) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, l := range langs {
		if s, ok := t[l]; ok {
			out[l] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	if _, ok := out[langs[0]]; !ok {
		for _, l := range langs {
			if s, ok := out[l]; ok {
				out[langs[0]] = s
				break
			}
		}
	}
	same := true
	for _, s := range out {
		same = same && s == out[langs[0]]
	}
	if same {
		return out[langs[0]] // one string for every language
	}
	return out
}

// The policy as written: fields in the order of CONTRACT §2.
type (
	outPolicy struct {
		Revision      int                          `json:"revision,omitempty"`
		Languages     []string                     `json:"languages"`
		ConsentCookie *outConsentCookie            `json:"consentCookie,omitempty"`
		PolicyURL     string                       `json:"policyUrl,omitempty"`
		Texts         map[string]map[string]string `json:"texts,omitempty"`
		Categories    []outCategory                `json:"categories"`
		Services      []outService                 `json:"services"`
	}
	outConsentCookie struct {
		Domain     string `json:"domain,omitempty"`
		Path       string `json:"path,omitempty"`
		SameSite   string `json:"sameSite,omitempty"`
		MaxAgeDays int    `json:"maxAgeDays,omitempty"`
	}
	outCategory struct {
		ID                string   `json:"id"`
		Required          bool     `json:"required,omitempty"`
		Label             any      `json:"label"`
		Description       any      `json:"description,omitempty"`
		GoogleConsentMode []string `json:"googleConsentMode,omitempty"`
	}
	outService struct {
		ID       string      `json:"id"`
		Category string      `json:"category"`
		Provider string      `json:"provider"`
		Label    any         `json:"label,omitempty"`
		Purpose  any         `json:"purpose,omitempty"`
		Cookies  []outCookie `json:"cookies,omitempty"`
	}
	outCookie struct {
		Name     string `json:"name,omitempty"`
		Pattern  string `json:"pattern,omitempty"`
		Domain   string `json:"domain,omitempty"`
		Path     string `json:"path,omitempty"`
		Purpose  any    `json:"purpose,omitempty"`
		Duration any    `json:"duration,omitempty"`
	}
)

// finish writes the policy and checks that it validates: a policy that
// does not is the importer's bug.
func finish(out *outPolicy, ns notes) (*Result, error) {
	if out.Services == nil {
		out.Services = []outService{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("write the policy: %w", err)
	}
	p, err := policy.Parse(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the imported policy does not validate (a bug in the importer):\n%w\n%s", err, buf.Bytes())
	}
	return &Result{JSON: buf.Bytes(), Policy: p, Notes: ns}, nil
}

// consentModeFor guesses the Google Consent Mode types a category grants
// from its id.
func consentModeFor(id string, required bool) []string {
	switch {
	case required:
		return []string{"functionality_storage", "security_storage"}
	case strings.Contains(id, "analytic") || strings.Contains(id, "statistic") || strings.Contains(id, "performance") || strings.Contains(id, "measure"):
		return []string{"analytics_storage"}
	case strings.Contains(id, "ad") && !strings.Contains(id, "load") || strings.Contains(id, "marketing") || strings.Contains(id, "target") || strings.Contains(id, "advert"):
		return []string{"ad_storage", "ad_user_data", "ad_personalization"}
	case strings.Contains(id, "function") || strings.Contains(id, "preference") || strings.Contains(id, "personal"):
		return []string{"functionality_storage", "personalization_storage"}
	}
	return nil
}

// validLanguages keeps the language codes the policy accepts.
func validLanguages(codes []string, ns *notes, where string) []string {
	var out []string
	for _, c := range codes {
		switch {
		case policy.ValidLanguage(c):
			out = append(out, c)
		case policy.ValidLanguage(strings.ToLower(c)):
			out = append(out, strings.ToLower(c))
		default:
			ns.add(join(where, c), "not a language code the policy accepts; its texts are not imported")
		}
	}
	return dedupe(out)
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
