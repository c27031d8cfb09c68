// Package consentlog is the consent log server behind `consent log serve`
// (docs/api.md#proof-of-consent): it receives the proof-of-consent documents browsers
// send (policy/proof writes them), validates them against a schema that
// knows no site's policy, and stores them durably in SQLite or PostgreSQL.
// It runs natively and is never part of the wasm.
package consentlog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/consentwasm/consent/policy/proof"
)

// MaxBody is the largest document the server reads (docs/api.md#proof-of-consent: 413).
const MaxBody = 16 << 10

// Limits of the schema.
const (
	maxIDLen     = 64
	maxChoices   = 256
	maxOriginLen = 256
	maxPathLen   = 2048
	// maxTimestamp is 9999-12-31, in ms since the epoch (the server also
	// refuses a day ahead of its clock).
	maxTimestamp = 253402300799999
	// MinTimestamp is 2025-01-01T00:00:00Z in ms: no document of this
	// format can be older (docs/consent-log.md).
	MinTimestamp = 1735689600000
	maxRevision  = 1<<31 - 1
)

var (
	consentIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	choiceIDRe  = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)
	sha256Re    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	languageRe  = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$`)
)

// Document is one proof of consent as the browser sends it (the JSON of
// proof.Document, version 1).
type Document struct {
	ConsentID      string
	Timestamp      int64 // ms since the epoch, the time of the choice
	Revision       int64
	Method         string
	Categories     map[string]bool
	Services       map[string]bool
	PolicyRevision int64
	PolicySHA256   string
	Origin         string
	Path           string
	Language       string
	GPC            bool
	// Source is record.source, who made the choice: "banner" (the
	// visitor) or "api" (the site's code); "" when the browser did not
	// say (documents from before the field).
	Source string
}

// FieldError is a document that does not follow the schema; Field names
// the place ("record.timestamp").
type FieldError struct {
	Field string
	Msg   string
}

// Error returns "field: message".
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Decode parses and validates a document. The error is a *FieldError that
// names the first field found wrong.
func Decode(body []byte) (*Document, error) {
	if len(body) > MaxBody {
		return nil, fieldErr("", "the document is larger than %d bytes", MaxBody)
	}
	if !utf8.Valid(body) {
		return nil, fieldErr("", "the document is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, fieldErr("", "malformed JSON: %v", err)
	}
	if dec.More() {
		return nil, fieldErr("", "malformed JSON: more than one value")
	}
	if _, err := dec.Token(); err == nil {
		return nil, fieldErr("", "malformed JSON: trailing data")
	}
	o, err := object(top, "", []string{"version", "record", "policy", "page", "language", "gpc"})
	if err != nil {
		return nil, err
	}
	v, err := integer(o["version"], "version", 0, 1<<20)
	if err != nil {
		return nil, err
	}
	if v != proof.Version {
		return nil, fieldErr("version", "unsupported version %d (want %d)", v, proof.Version)
	}
	d := &Document{}
	rec, err := object(o["record"], "record", []string{"id", "revision", "timestamp", "method", "categories", "services"}, "source")
	if err != nil {
		return nil, err
	}
	if v, ok := rec["source"]; ok {
		if d.Source, err = str(v, "record.source"); err != nil {
			return nil, err
		}
		if d.Source != "banner" && d.Source != "api" {
			return nil, fieldErr("record.source", "unknown source %q (want banner or api)", d.Source)
		}
	}
	if d.ConsentID, err = str(rec["id"], "record.id"); err != nil {
		return nil, err
	}
	if !consentIDRe.MatchString(d.ConsentID) {
		return nil, fieldErr("record.id", "must be 1 to %d characters of A-Z a-z 0-9 _ -", maxIDLen)
	}
	if d.Revision, err = integer(rec["revision"], "record.revision", 0, maxRevision); err != nil {
		return nil, err
	}
	if d.Timestamp, err = integer(rec["timestamp"], "record.timestamp", 0, maxTimestamp); err != nil {
		return nil, err
	}
	if d.Timestamp < MinTimestamp {
		return nil, fieldErr("record.timestamp", "%d is before 2025-01-01, older than any document of this format", d.Timestamp)
	}
	if d.Method, err = str(rec["method"], "record.method"); err != nil {
		return nil, err
	}
	known := false
	for _, m := range proof.Methods {
		known = known || m == d.Method
	}
	if !known {
		return nil, fieldErr("record.method", "unknown method %q (want one of %s)", d.Method, strings.Join(proof.Methods, ", "))
	}
	if d.Categories, err = choices(rec["categories"], "record.categories"); err != nil {
		return nil, err
	}
	if len(d.Categories) == 0 {
		return nil, fieldErr("record.categories", "must name at least one category")
	}
	if d.Services, err = choices(rec["services"], "record.services"); err != nil {
		return nil, err
	}
	pol, err := object(o["policy"], "policy", []string{"revision", "sha256"})
	if err != nil {
		return nil, err
	}
	if d.PolicyRevision, err = integer(pol["revision"], "policy.revision", 0, maxRevision); err != nil {
		return nil, err
	}
	if d.PolicyRevision != d.Revision {
		return nil, fieldErr("policy.revision", "is %d, but record.revision is %d", d.PolicyRevision, d.Revision)
	}
	if d.PolicySHA256, err = str(pol["sha256"], "policy.sha256"); err != nil {
		return nil, err
	}
	if !sha256Re.MatchString(d.PolicySHA256) {
		return nil, fieldErr("policy.sha256", "must be 64 lowercase hex digits")
	}
	page, err := object(o["page"], "page", []string{"origin", "path"})
	if err != nil {
		return nil, err
	}
	if d.Origin, err = str(page["origin"], "page.origin"); err != nil {
		return nil, err
	}
	if msg := checkOrigin(d.Origin); msg != "" {
		return nil, fieldErr("page.origin", "%s", msg)
	}
	if d.Path, err = str(page["path"], "page.path"); err != nil {
		return nil, err
	}
	if msg := checkPath(d.Path); msg != "" {
		return nil, fieldErr("page.path", "%s", msg)
	}
	if d.Language, err = str(o["language"], "language"); err != nil {
		return nil, err
	}
	if !languageRe.MatchString(d.Language) {
		return nil, fieldErr("language", "must be a language tag such as en or pt-BR")
	}
	g, ok := o["gpc"].(bool)
	if !ok {
		return nil, fieldErr("gpc", "must be true or false, not %s", kind(o["gpc"]))
	}
	d.GPC = g
	return d, nil
}

// object checks that v is an object with exactly the fields want (every one
// required, no other).
func object(v any, field string, want []string, optional ...string) (map[string]any, error) {
	name := field
	if name == "" {
		name = "the document"
	}
	o, ok := v.(map[string]any)
	if !ok {
		if field == "" {
			return nil, fieldErr("", "the document must be a JSON object, not %s", kind(v))
		}
		return nil, fieldErr(field, "must be an object, not %s", kind(v))
	}
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		found := false
		for _, w := range want {
			found = found || w == k
		}
		for _, w := range optional {
			found = found || w == k
		}
		if !found {
			return nil, fieldErr(join(field, k), "unknown field")
		}
	}
	for _, w := range want {
		if _, ok := o[w]; !ok {
			return nil, fieldErr(join(field, w), "missing (%s needs %s)", name, strings.Join(want, ", "))
		}
	}
	return o, nil
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func str(v any, field string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fieldErr(field, "must be a string, not %s", kind(v))
	}
	return s, nil
}

func integer(v any, field string, lo, hi int64) (int64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fieldErr(field, "must be an integer, not %s", kind(v))
	}
	i, err := n.Int64()
	if err != nil {
		return 0, fieldErr(field, "must be an integer, not %s", n.String())
	}
	if i < lo || i > hi {
		return 0, fieldErr(field, "%d is out of range (%d to %d)", i, lo, hi)
	}
	return i, nil
}

func choices(v any, field string) (map[string]bool, error) {
	o, ok := v.(map[string]any)
	if !ok {
		return nil, fieldErr(field, "must be an object of id: true|false, not %s", kind(v))
	}
	if len(o) > maxChoices {
		return nil, fieldErr(field, "has %d ids, more than %d", len(o), maxChoices)
	}
	out := make(map[string]bool, len(o))
	for k, x := range o {
		if !choiceIDRe.MatchString(k) {
			return nil, fieldErr(field, "id %q is not 1 to 64 characters of a-z 0-9 _ -", k)
		}
		b, ok := x.(bool)
		if !ok {
			return nil, fieldErr(field+"."+k, "must be true or false, not %s", kind(x))
		}
		out[k] = b
	}
	return out, nil
}

// checkOrigin accepts an http(s) origin: scheme, host and optional port.
func checkOrigin(s string) string {
	if len(s) > maxOriginLen {
		return fmt.Sprintf("longer than %d bytes", maxOriginLen)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?#") {
		return "must be an origin such as https://shop.example"
	}
	return ""
}

// checkPath accepts a URL path without query or fragment.
func checkPath(s string) string {
	switch {
	case len(s) > maxPathLen:
		return fmt.Sprintf("longer than %d bytes", maxPathLen)
	case !strings.HasPrefix(s, "/"):
		return "must start with /"
	case strings.ContainsAny(s, "?#"):
		return "must have no query and no fragment"
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "must have no control characters"
		}
	}
	return ""
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "an unknown value"
}

// JSON returns the document in the form proof.Document writes (keys
// of categories and services sorted), with receivedAt (ms) added when it
// is not 0: the line `consent log export --format jsonl` writes.
func (d *Document) JSON(receivedAt int64) []byte {
	type rec struct {
		ID         string          `json:"id"`
		Revision   int64           `json:"revision"`
		Timestamp  int64           `json:"timestamp"`
		Method     string          `json:"method"`
		Categories map[string]bool `json:"categories"`
		Services   map[string]bool `json:"services"`
		Source     string          `json:"source,omitempty"`
	}
	type pol struct {
		Revision int64  `json:"revision"`
		SHA256   string `json:"sha256"`
	}
	type page struct {
		Origin string `json:"origin"`
		Path   string `json:"path"`
	}
	out := struct {
		Version    int    `json:"version"`
		Record     rec    `json:"record"`
		Policy     pol    `json:"policy"`
		Page       page   `json:"page"`
		Language   string `json:"language"`
		GPC        bool   `json:"gpc"`
		ReceivedAt int64  `json:"receivedAt,omitempty"`
	}{proof.Version, rec{d.ConsentID, d.Revision, d.Timestamp, d.Method, d.Categories, d.Services, d.Source},
		pol{d.PolicyRevision, d.PolicySHA256}, page{d.Origin, d.Path}, d.Language, d.GPC, receivedAt}
	b, err := json.Marshal(out)
	if err != nil {
		panic(errors.New("consentlog: marshal a document: " + err.Error()))
	}
	return b
}
