package policy

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Methods by which a consent record was made (docs/api.md#windowconsent).
const (
	// MethodAcceptAll is the banner's "accept all" button or consent.acceptAll().
	MethodAcceptAll = "accept-all"
	// MethodRejectAll is the banner's "reject all" button or consent.rejectAll().
	MethodRejectAll = "reject-all"
	// MethodCustom is the preferences dialog's Save or a placeholder's
	// in-place accept.
	MethodCustom = "custom"
	// MethodGPC is the refusal recorded for a browser sending Global
	// Privacy Control.
	MethodGPC = "gpc"
	// MethodAPI is a choice made through consent.set().
	MethodAPI = "api"
)

// RecordVersion is the version tag that starts every encoded record.
const RecordVersion = "1"

// Record is a visitor's stored choice. It holds a choice for every category
// and every service of the policy it was made or decoded for.
type Record struct {
	// ID is the random consent id (see NewConsentID).
	ID string
	// Revision is the policy revision the choice was made for.
	Revision int
	// Timestamp is the time of the choice in milliseconds since the epoch.
	Timestamp int64
	// Method is one of the Method* constants.
	Method string
	// Source says who made the choice: SourceBanner (the visitor, in the
	// banner, the dialog or a placeholder) or SourceAPI (the site's code
	// through window.consent).
	Source string
	// Categories maps every category id to whether it is accepted.
	Categories map[string]bool
	// Services maps every service id to whether it is accepted.
	Services map[string]bool
}

// Choice is a partial choice as consent.set() takes it: ids left out keep
// their current value.
type Choice struct {
	Categories map[string]bool
	Services   map[string]bool
}

// AcceptAllChoice returns the choice accepting every category and service.
func AcceptAllChoice(p *Policy) Choice {
	ch := Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	if p == nil {
		return ch
	}
	for _, c := range p.Categories {
		ch.Categories[c.ID] = true
	}
	for _, s := range p.Services {
		ch.Services[s.ID] = true
	}
	return ch
}

// RejectAllChoice returns the choice refusing every optional category and
// its services; required categories and their services stay accepted.
func RejectAllChoice(p *Policy) Choice {
	ch := Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	if p == nil {
		return ch
	}
	for _, c := range p.Categories {
		ch.Categories[c.ID] = c.Required
	}
	for _, s := range p.Services {
		ch.Services[s.ID] = p.requiredService(&s)
	}
	return ch
}

// requiredService reports whether s belongs to a required category.
func (p *Policy) requiredService(s *Service) bool {
	c := p.Category(s.Category)
	return c != nil && c.Required
}

// CheckChoice reports what is wrong with a choice as consent.set() received
// it: every unknown category and service id, and every refusal of a required
// category or of a service of one. The error names all of them, e.g.
// `unknown category "x", unknown service "y"`.
func (p *Policy) CheckChoice(ch Choice) error {
	if p == nil {
		return errors.New("no policy")
	}
	var problems []string
	for _, id := range sortedKeys(ch.Categories) {
		c := p.Category(id)
		switch {
		case c == nil:
			problems = append(problems, didYouMean("unknown category "+strconv.Quote(id), id, p.categoryIDs()))
		case c.Required && !ch.Categories[id]:
			problems = append(problems, "category "+strconv.Quote(id)+" is required and cannot be refused")
		}
	}
	for _, id := range sortedKeys(ch.Services) {
		s := p.Service(id)
		switch {
		case s == nil:
			problems = append(problems, didYouMean("unknown service "+strconv.Quote(id), id, p.serviceIDs()))
		case p.requiredService(s) && !ch.Services[id]:
			problems = append(problems, "service "+strconv.Quote(id)+" belongs to required category "+
				strconv.Quote(s.Category)+" and cannot be refused")
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, ", "))
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// NewRecord returns the record that results from applying ch to prev (nil
// when there is no valid stored choice), following consent.set()
// (docs/api.md#windowconsent):
//
//   - ids left out of ch keep prev's choice, or are refused without prev;
//   - a category's value applies to all its services, except the services
//     named in ch.Services, which take their own value;
//   - a service accepted while its category is refused stays accepted (the
//     category shows as refused, the service's own gates open);
//   - required categories and their services are always accepted;
//   - unknown ids in ch are ignored (see CheckChoice).
//
// The record gets p's revision, the time now and the method given. It
// keeps prev's consent id (one id per visitor, docs/api.md#windowconsent); id is used
// only without prev (see KeptConsentID for a choice made after a raised
// revision).
func NewRecord(p *Policy, prev *Record, ch Choice, method, id string, now time.Time) *Record {
	r := &Record{
		ID:         id,
		Method:     method,
		Source:     InferSource(method),
		Timestamp:  now.UnixMilli(),
		Categories: map[string]bool{},
		Services:   map[string]bool{},
	}
	if prev != nil && prev.ID != "" {
		r.ID = prev.ID
	}
	if p == nil {
		return r
	}
	r.Revision = p.Revision
	for _, c := range p.Categories {
		r.Categories[c.ID] = prev != nil && prev.Categories[c.ID]
	}
	for _, s := range p.Services {
		r.Services[s.ID] = prev != nil && prev.Services[s.ID]
	}
	for _, s := range p.Services {
		if _, named := ch.Services[s.ID]; named {
			r.Services[s.ID] = ch.Services[s.ID]
		} else if v, ok := ch.Categories[s.Category]; ok {
			r.Services[s.ID] = v
		}
	}
	for _, c := range p.Categories {
		if v, ok := ch.Categories[c.ID]; ok {
			r.Categories[c.ID] = v
		}
	}
	p.forceRequired(r)
	return r
}

// forceRequired sets every required category and its services accepted.
func (p *Policy) forceRequired(r *Record) {
	for _, c := range p.Categories {
		if c.Required {
			r.Categories[c.ID] = true
		}
	}
	for i := range p.Services {
		if p.requiredService(&p.Services[i]) {
			r.Services[p.Services[i].ID] = true
		}
	}
}

// Accepted reports whether the record accepts a category (service "") or a
// service of that category. A service that does not belong to the category
// is not accepted; unknown ids are not accepted. Required categories and
// their services are accepted even with a nil record.
func (r *Record) Accepted(p *Policy, category, service string) bool {
	if p == nil {
		return false
	}
	c := p.Category(category)
	if c == nil {
		return false
	}
	if service != "" {
		s := p.Service(service)
		if s == nil || s.Category != category {
			return false
		}
		if c.Required {
			return true
		}
		return r != nil && r.Services[service]
	}
	if c.Required {
		return true
	}
	return r != nil && r.Categories[category]
}

// Changed returns the category and service ids whose accepted state differs
// between old and new, each sorted alphabetically. An id missing from a
// record counts as refused, so with old nil the result is every id new
// accepts, and with new nil every id old accepted.
func Changed(old, new *Record) (categories, services []string) {
	get := func(r *Record, services bool) map[string]bool {
		if r == nil {
			return nil
		}
		if services {
			return r.Services
		}
		return r.Categories
	}
	diff := func(a, b map[string]bool) []string {
		out := []string{}
		for k, v := range a {
			if b[k] != v {
				out = append(out, k)
			}
		}
		for k, v := range b {
			if _, seen := a[k]; !seen && v {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	return diff(get(old, false), get(new, false)), diff(get(old, true), get(new, true))
}

// The encoded record is, joined by '.':
//
//	1 . revision . timestamp . id . method . categories . services
//
// revision and timestamp (ms since the epoch) are base36; id is the consent
// id ([A-Za-z0-9_-], at most maxIDLen); method is one character; the last
// two fields list the ACCEPTED categories and services, each as the
// tagLen-character tag of its id (see Tag). Anything not listed is
// refused, so a service added to the policy after the choice is refused
// until the visitor says otherwise, and inserting or reordering services
// shifts no one's choice. Every character is in [A-Za-z0-9._-], a valid
// cookie value without quoting.
const (
	tagLen   = 6
	maxIDLen = 64
	tagBits  = 6 * tagLen
	b64      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	maxSkew  = 24 * time.Hour
)

var methodChars = []struct {
	c      byte
	method string
}{
	{'a', MethodAcceptAll},
	{'r', MethodRejectAll},
	{'c', MethodCustom},
	{'g', MethodGPC},
	{'p', MethodAPI},
}

// Tag returns the fixed-width tag an id is stored as in the consent cookie:
// 36 bits of its FNV-1a 64-bit hash as 6 base64url characters.
func Tag(id string) string {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	h = (h ^ h>>tagBits) & (1<<tagBits - 1)
	var b [tagLen]byte
	for i := tagLen - 1; i >= 0; i-- {
		b[i] = b64[h&63]
		h >>= 6
	}
	return string(b[:])
}

// CheckTags reports two categories, or two services, whose ids have the same
// tag (see Tag): the consent cookie could not tell their choices apart. It
// practically never happens; a policy for which it does must rename one.
func (p *Policy) CheckTags() error {
	if p == nil {
		return nil
	}
	var problems []string
	check := func(kind string, ids []string) {
		seen := map[string]string{}
		for _, id := range ids {
			t := Tag(id)
			if other, dup := seen[t]; dup && other != id {
				problems = append(problems, kind+" ids "+strconv.Quote(other)+" and "+strconv.Quote(id)+
					" have the same consent cookie tag "+strconv.Quote(t)+"; rename one")
				continue
			}
			seen[t] = id
		}
	}
	cats := make([]string, len(p.Categories))
	for i, c := range p.Categories {
		cats[i] = c.ID
	}
	svcs := make([]string, len(p.Services))
	for i, s := range p.Services {
		svcs[i] = s.ID
	}
	check("category", cats)
	check("service", svcs)
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "; "))
}

// NewConsentID turns random bytes (16 from crypto.getRandomValues) into a
// URL-safe consent id: unpadded base64url, at most 64 characters.
func NewConsentID(random []byte) string {
	var sb strings.Builder
	var acc uint32
	var bits uint
	for _, b := range random {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 6 {
			bits -= 6
			sb.WriteByte(b64[acc>>bits&63])
		}
	}
	if bits > 0 {
		sb.WriteByte(b64[acc<<(6-bits)&63])
	}
	s := sb.String()
	if len(s) > maxIDLen {
		s = s[:maxIDLen]
	}
	return s
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// cleanID keeps an id's base64url characters, at most maxIDLen of
// them, and stands in "0" for an id left empty.
func cleanID(id string) string {
	var sb strings.Builder
	for i := 0; i < len(id) && sb.Len() < maxIDLen; i++ {
		if isB64(id[i]) {
			sb.WriteByte(id[i])
		}
	}
	if sb.Len() == 0 {
		return "0"
	}
	return sb.String()
}

// EncodeRecord returns the consent cookie value of r. Only the accepted
// categories and services of p are written. Characters of r.ID outside
// [A-Za-z0-9_-] are dropped (ids from NewConsentID have none), a negative
// revision or timestamp is written as 0, and an unknown method as "custom".
func EncodeRecord(p *Policy, r *Record) string {
	if r == nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(RecordVersion)
	sb.WriteByte('.')
	sb.WriteString(strconv.FormatInt(max(int64(r.Revision), 0), 36))
	sb.WriteByte('.')
	sb.WriteString(strconv.FormatInt(max(r.Timestamp, 0), 36))
	sb.WriteByte('.')
	sb.WriteString(cleanID(r.ID))
	sb.WriteByte('.')
	m := byte('c')
	for _, mc := range methodChars {
		if mc.method == r.Method {
			m = mc.c
		}
	}
	sb.WriteByte(m)
	if recordSource(r) == SourceAPI {
		sb.WriteByte('s')
	} else {
		sb.WriteByte('b')
	}
	sb.WriteByte('.')
	if p != nil {
		for _, c := range p.Categories {
			if r.Categories[c.ID] || c.Required {
				sb.WriteString(Tag(c.ID))
			}
		}
		sb.WriteByte('.')
		for i := range p.Services {
			s := &p.Services[i]
			if r.Services[s.ID] || p.requiredService(s) {
				sb.WriteString(Tag(s.ID))
			}
		}
	} else {
		sb.WriteByte('.')
	}
	return sb.String()
}

// DecodeRecord decodes a consent cookie value for p at the time now. The
// error says why the value is no choice at all: it is empty or garbled, of
// another version, truncated, made for another revision of the policy,
// expired (older than consentCookie.maxAgeDays) or dated more than a day
// ahead, has an unknown method, names ids the policy does not have, or
// leaves a required category out. Services of required categories are
// accepted whether listed or not.
func DecodeRecord(p *Policy, value string, now time.Time) (*Record, error) {
	if p == nil {
		return nil, errors.New("no policy")
	}
	if value == "" {
		return nil, errors.New("empty value")
	}
	if !strings.HasPrefix(value, RecordVersion+".") {
		if v, _, ok := strings.Cut(value, "."); ok && v != "" && len(v) <= 4 && strings.Trim(v, "0123456789") == "" {
			return nil, errors.New("unsupported version " + strconv.Quote(v) + " (want " + RecordVersion + ")")
		}
		return nil, errors.New("not a consent record of version " + RecordVersion + " (garbage or an older format)")
	}
	for i := 0; i < len(value); i++ {
		if !isB64(value[i]) && value[i] != '.' {
			return nil, errors.New("not a consent record: unexpected character " + strconv.Quote(value[i:i+1]) +
				" at offset " + strconv.Itoa(i))
		}
	}
	f := strings.Split(value, ".")
	if len(f) < 7 {
		return nil, errors.New("truncated: " + strconv.Itoa(len(f)) + " of 7 fields")
	}
	if len(f) > 7 {
		return nil, errors.New("not a consent record: " + strconv.Itoa(len(f)) + " fields instead of 7")
	}
	rev, err := parseBase36(f[1], "revision", 13)
	if err != nil {
		return nil, err
	}
	ts, err := parseBase36(f[2], "timestamp", 13)
	if err != nil {
		return nil, err
	}
	if rev != int64(p.Revision) {
		return nil, errors.New("revision " + strconv.FormatInt(rev, 10) + " is not the policy's " + strconv.Itoa(p.Revision))
	}
	when := time.UnixMilli(ts)
	maxAge := p.ConsentCookie.MaxAgeDays
	if now.Sub(when) > time.Duration(maxAge)*24*time.Hour {
		return nil, errors.New("expired: made " + when.UTC().Format(time.RFC3339) + ", more than " +
			strconv.Itoa(maxAge) + " days ago")
	}
	if when.Sub(now) > maxSkew {
		return nil, errors.New("timestamp " + when.UTC().Format(time.RFC3339) + " is more than a day in the future")
	}
	id := f[3]
	if id == "" || len(id) > maxIDLen {
		return nil, errors.New("bad consent id: want 1 to " + strconv.Itoa(maxIDLen) + " characters")
	}
	r := &Record{ID: id, Revision: int(rev), Timestamp: ts, Categories: map[string]bool{}, Services: map[string]bool{}}
	if n := len(f[4]); n == 1 || n == 2 {
		for _, mc := range methodChars {
			if mc.c == f[4][0] {
				r.Method = mc.method
			}
		}
		switch {
		case n == 1:
			// Written before the source was stored: inferred.
			r.Source = InferSource(r.Method)
		case f[4][1] == 'b':
			r.Source = SourceBanner
		case f[4][1] == 's':
			r.Source = SourceAPI
		default:
			r.Method = ""
		}
	}
	if r.Method == "" {
		return nil, errors.New("unknown method " + strconv.Quote(f[4]))
	}
	catTags := map[string]string{}
	for _, c := range p.Categories {
		catTags[Tag(c.ID)] = c.ID
		r.Categories[c.ID] = false
	}
	svcTags := map[string]string{}
	for _, s := range p.Services {
		svcTags[Tag(s.ID)] = s.ID
		r.Services[s.ID] = false
	}
	if err := readTags(f[5], "category", catTags, r.Categories); err != nil {
		return nil, err
	}
	if err := readTags(f[6], "service", svcTags, r.Services); err != nil {
		return nil, err
	}
	for _, c := range p.Categories {
		if c.Required && !r.Categories[c.ID] {
			return nil, errors.New("required category " + strconv.Quote(c.ID) + " is missing")
		}
	}
	p.forceRequired(r)
	return r, nil
}

// parseBase36 parses a lowercase base36 number of at most maxLen digits.
func parseBase36(s, what string, maxLen int) (int64, error) {
	if s == "" {
		return 0, errors.New("missing " + what)
	}
	if len(s) > maxLen {
		return 0, errors.New(what + " " + strconv.Quote(s) + " is too long")
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'z') {
			return 0, errors.New("bad base36 " + what + " " + strconv.Quote(s))
		}
	}
	n, err := strconv.ParseInt(s, 36, 64)
	if err != nil {
		return 0, errors.New("bad base36 " + what + " " + strconv.Quote(s))
	}
	return n, nil
}

// readTags marks accepted the ids whose tags s lists.
func readTags(s, kind string, tags map[string]string, into map[string]bool) error {
	if len(s)%tagLen != 0 {
		return errors.New("truncated " + kind + " list: " + strconv.Itoa(len(s)) + " characters is not a multiple of " +
			strconv.Itoa(tagLen))
	}
	for i := 0; i < len(s); i += tagLen {
		t := s[i : i+tagLen]
		id, ok := tags[t]
		if !ok {
			return errors.New("unknown " + kind + " id (tag " + strconv.Quote(t) + ")")
		}
		if into[id] {
			return errors.New(kind + " " + strconv.Quote(id) + " is listed twice")
		}
		into[id] = true
	}
	return nil
}

// KeptConsentID returns the consent id a new choice keeps (docs/api.md#windowconsent:
// one id per visitor, from the first choice until reset()): prev's id, or
// else the id in a consent cookie that is no longer a valid choice (made
// for an older revision of the policy, or expired), or "" when the visitor
// has none and a new one must be made.
func KeptConsentID(p *Policy, prev *Record, cookies []CookiePair) string {
	if prev != nil && prev.ID != "" {
		return prev.ID
	}
	if p == nil {
		return ""
	}
	name := p.ConsentCookieName()
	for _, c := range cookies {
		if c.Name != name {
			continue
		}
		f := strings.Split(c.Value, ".")
		if len(f) == 7 && f[0] == RecordVersion && f[3] != "" && len(f[3]) <= maxIDLen && cleanID(f[3]) == f[3] {
			return f[3]
		}
	}
	return ""
}
