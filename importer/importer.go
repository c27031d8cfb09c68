// Package importer turns a vanilla-cookieconsent v3 or a Klaro
// configuration into a consent policy (docs/policy.md). The configuration
// is read, never run: a JSON file, or the JavaScript or TypeScript file
// where it is the object handed to the peer (CookieConsent.run(…),
// klaroConfig = …, klaro.setup(…), a module's default export, a variable
// of the site's own name), parsed by a small object-literal parser. What
// has no equivalent in the policy (callbacks, options of the other UI,
// regular expressions outside the pattern dialect, values that exist only
// when the page runs) is reported as a Note.
package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
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

// A kind is one peer's configuration format: where a file hands its
// configuration to the peer, and how to tell an object of that kind from
// any other object literal.
type kind struct {
	name  string           // "vanilla-cookieconsent v3", for messages
	cmd   string           // its name on the command line: "vcc"
	where string           // how a file usually holds it, for messages
	hooks []*regexp.Regexp // expressions right before the object or its variable
	fits  func(*Object) bool
}

// Where a configuration object or its variable often stands, whatever the
// peer: an ES module's default export, a CommonJS export.
var moduleHooks = []*regexp.Regexp{
	regexp.MustCompile(`(?:^|[^\w$.])export\s+default\s+`),
	regexp.MustCompile(`(?:^|[^\w$.])module\s*\.\s*exports\s*=\s*`),
}

// assignment finds an object literal assigned to a name, with or without
// a TypeScript type annotation: "var c = {", "const c: Config = {",
// "window.c = {".
var assignment = regexp.MustCompile(`(?:^|[^\w$.])(?:(?:window|globalThis|self)\s*\.\s*)?([A-Za-z_$][\w$]*)(?:\s*:\s*[^=;{}()]+?)?\s*=\s*\{`)

// findConfig returns the configuration of kind k in src: the whole file
// when it is JSON (or a bare object literal), else the object one of k's
// hooks or an ES/CommonJS export hands over (directly or through a
// variable), else the first object literal assigned to any name that fits
// k. A file that holds nothing of kind k is an error that says so, and
// names the other kind when the file is one.
func findConfig(src string, k, other kind) (*Object, error) {
	trimmed := strings.TrimLeft(strings.TrimPrefix(src, "\ufeff"), " \t\r\n")
	if strings.HasPrefix(trimmed, "{") {
		o, err := objectAt(src, len(src)-len(trimmed))
		if err != nil {
			return nil, err
		}
		if !k.fits(o) {
			return nil, notKind(k, other, o)
		}
		return o, nil
	}
	var firstErr error
	var seen *Object // an object literal handed over that is not of kind k
	for _, re := range append(append([]*regexp.Regexp{}, k.hooks...), moduleHooks...) {
		for _, loc := range re.FindAllStringIndex(src, -1) {
			o, err := configAt(src, loc[1])
			switch {
			case err == nil && k.fits(o):
				return o, nil
			case err == nil:
				if seen == nil {
					seen = o
				}
			case firstErr == nil:
				firstErr = err
			}
		}
	}
	for _, m := range assignment.FindAllStringSubmatchIndex(src, -1) {
		o, err := objectAt(src, m[1]-1)
		if err == nil && k.fits(o) {
			return o, nil
		}
		if err == nil && seen == nil {
			seen = o
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if seen != nil {
		return nil, notKind(k, other, seen)
	}
	return nil, errors.New("found no " + k.name + " configuration: expected a JSON file or a JavaScript or TypeScript file with " + k.where)
}

// notKind is the error for an object that is not of kind k.
func notKind(k, other kind, o *Object) error {
	msg := "this is no " + k.name + " configuration (expected " + k.where + ")"
	if other.fits != nil && other.fits(o) {
		msg += ": it looks like a " + other.name + " configuration: consent import " + other.cmd + " FILE"
	}
	return errors.New(msg)
}

// configAt returns the object at pos of src, or the object assigned to
// the variable named there (run(config), export default config).
func configAt(src string, pos int) (*Object, error) {
	p := &jsParser{src: src, pos: pos}
	p.space()
	if !p.eof() && p.src[p.pos] == '{' {
		return objectAt(src, p.pos)
	}
	name := p.word()
	if name == "" || name == "function" || name == "class" {
		return nil, errors.New("the configuration is not an object literal")
	}
	for _, m := range assignment.FindAllStringSubmatchIndex(src, -1) {
		if src[m[2]:m[3]] == name {
			return objectAt(src, m[1]-1)
		}
	}
	return nil, fmt.Errorf("the configuration is the variable %s, and no %s = {…} is in the file: import the file that defines it", name, name)
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

// The policy as written: fields in the order of docs/policy.md.
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

// code notes each value in v that is code (a variable, a call, an
// expression such as location.hostname) where no other note names that
// place: it is never run, so its value is not in the policy.
func (ns *notes) code(v any, where string) {
	switch x := v.(type) {
	case *Object:
		for _, k := range x.Keys {
			ns.code(x.Values[k], join(where, k))
		}
	case []any:
		for i, e := range x {
			ns.code(e, join(where, strconv.Itoa(i)))
		}
	case Code:
		for _, n := range *ns {
			if n.Where == where {
				return
			}
		}
		text := strings.Join(strings.Fields(x.Text), " ")
		if r := []rune(text); len(r) > 60 {
			text = string(r[:57]) + "…"
		}
		ns.add(where, "is code (%s), which is read, never run: its value is not imported; write it into the policy by hand", text)
	}
}
