// Package proof decides the proof of consent (docs/api.md#proof-of-consent): with proof.url in the policy, every new
// choice is sent to the site owner's consent log as one JSON document, and a
// document the log has not acknowledged waits in the browser's outbox
// (localStorage) until it is. It decides what is sent and when;
// package app carries it out, and the JS only carries the bytes.
//
// The document (Document), version 1:
//
//	{"version": 1,
//	 "record": {"id", "revision", "timestamp", "method", "categories", "services"},
//	 "policy": {"revision": 3, "sha256": "<64 hex digits of the policy text as loaded>"},
//	 "page": {"origin": "https://shop.example", "path": "/checkout"},
//	 "language": "de",
//	 "gpc": false}
//
// record is consent.get()'s record; a reset() is sent as a record with
// method "reset" that refuses every optional category and service (the
// state the page is left in), under the consent id being forgotten. page
// has no query and no fragment. Nothing else about the visitor is sent:
// the log server adds the time it received the document and stores no
// address.
package proof

import (
	"strconv"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/jsontext"
)

// Version is the version of the document Document writes.
const Version = 1

// MethodReset is the method of the proof document sent for consent.reset():
// the visitor withdrew every choice. It is never stored in the cookie.
const MethodReset = "reset"

// Methods are the methods a proof document may carry.
var Methods = []string{policy.MethodAcceptAll, policy.MethodRejectAll, policy.MethodCustom, policy.MethodGPC, policy.MethodAPI, MethodReset}

// Page is what the document says about where the choice was made.
type Page struct {
	// Origin is location.origin ("https://shop.example:8443").
	Origin string
	// Path is location.pathname, without query or fragment.
	Path string
	// Language is the UI language the banner or dialog was shown in.
	Language string
	// GPC is navigator.globalPrivacyControl at the time of the choice.
	GPC bool
}

// Document returns the JSON document sent to proof.url for a new
// record r, made under the policy p whose text, as loaded, has the SHA-256
// policySHA256 (see SHA256Hex). A query or fragment left in page.Path is
// cut off.
func Document(p *policy.Policy, r *policy.Record, policySHA256 string, page Page) string {
	path := page.Path
	for i := 0; i < len(path); i++ {
		if path[i] == '?' || path[i] == '#' {
			path = path[:i]
			break
		}
	}
	if path == "" {
		path = "/"
	}
	var w jsontext.Writer
	w.BeginObject()
	w.KeyInt("version", Version)
	w.Key("record")
	w.Raw(policy.RecordJSON(p, r))
	w.Key("policy")
	w.BeginObject()
	w.KeyInt("revision", int64(p.Revision))
	w.KeyStr("sha256", policySHA256)
	w.EndObject()
	w.Key("page")
	w.BeginObject()
	w.KeyStr("origin", page.Origin)
	w.KeyStr("path", path)
	w.EndObject()
	w.KeyStr("language", page.Language)
	w.KeyBool("gpc", page.GPC)
	w.EndObject()
	return w.String()
}

// ResetRecord is the record a reset() is proven by: every optional category
// and service refused, method MethodReset, under the consent id id that the
// reset forgets.
func ResetRecord(p *policy.Policy, id string, now time.Time) *policy.Record {
	r := policy.NewRecord(p, nil, policy.RejectAllChoice(p), MethodReset, id, now)
	return r
}

// The outbox: documents not yet acknowledged, in localStorage under
// OutboxKey. Its rules:
//
//   - a new choice's document is added at the end; beyond OutboxMax entries
//     the oldest are dropped (the newest choice is the one in force);
//   - documents are sent one at a time, oldest first; the next is sent
//     when the previous one is acknowledged, so the log receives them in
//     the order they were made;
//   - a new choice is sent at once (after the older documents still
//     waiting); on page load, the outbox is sent when its backoff has
//     passed (Backoff: after the first failure, on the next page);
//   - a 2xx answer acknowledges the document (removed); a 400 or 413
//     means the log will never take it (removed, with a console warning);
//     anything else (no answer, 403, 429, 5xx) keeps it, and the failure
//     count sets when the next page tries again.
const (
	// OutboxKey is the localStorage key of the outbox.
	OutboxKey = "consent-proof-outbox"
	// OutboxMax is the most documents the outbox keeps.
	OutboxMax = 50
)

// proofBackoff is the wait before the next page retries, by the number of
// failures in a row (the last one repeats).
var proofBackoff = []time.Duration{0, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour}

// Backoff returns how long after its failures-th failure in a row the
// outbox waits before a page load sends it again: 0 (the next page), 30 s,
// 2 min, 10 min, 1 h, then every 6 h.
func Backoff(failures int) time.Duration {
	if failures <= 0 {
		return 0
	}
	return proofBackoff[min(failures, len(proofBackoff))-1]
}

// Outcome of sending one document, by HTTP status (0: no answer).
const (
	Acked   = "acked"
	Dropped = "dropped"
	Retry   = "retry"
)

// Outcome says what a send's HTTP status means for the document
// (status 0: the request failed, e.g. the log is down or CORS refused it).
func Outcome(status int) string {
	switch {
	case status >= 200 && status < 300:
		return Acked
	case status == 400 || status == 413:
		return Dropped
	}
	return Retry
}

// OutboxEntry is one document waiting for acknowledgement.
type OutboxEntry struct {
	// Key is the record's consent id and timestamp ("id.timestamp"), what
	// the log tells duplicates by.
	Key string
	// Doc is the document (Document).
	Doc string
}

// Outbox is the browser's queue of unacknowledged proof documents.
type Outbox struct {
	// Entries are oldest first.
	Entries []OutboxEntry
	// Failures counts failed sends in a row; Next (ms since the epoch) is
	// when a page load may send again.
	Failures int
	Next     int64
}

// Key returns the outbox key of a record: its consent id and timestamp.
func Key(r *policy.Record) string {
	return r.ID + "." + strconv.FormatInt(r.Timestamp, 10)
}

// Add appends a document, replacing one with the same key, and drops the
// oldest entries beyond OutboxMax.
func (o *Outbox) Add(key, doc string) {
	o.remove(key)
	o.Entries = append(o.Entries, OutboxEntry{Key: key, Doc: doc})
	if n := len(o.Entries) - OutboxMax; n > 0 {
		o.Entries = append([]OutboxEntry(nil), o.Entries[n:]...)
	}
}

func (o *Outbox) remove(key string) {
	kept := o.Entries[:0]
	for _, e := range o.Entries {
		if e.Key != key {
			kept = append(kept, e)
		}
	}
	o.Entries = kept
}

// Due returns the entry to send now (the oldest), or false when there is
// none or, unless force (a new choice was just made), its backoff has not
// passed.
func (o *Outbox) Due(now time.Time, force bool) (OutboxEntry, bool) {
	if len(o.Entries) == 0 || !force && now.UnixMilli() < o.Next {
		return OutboxEntry{}, false
	}
	return o.Entries[0], true
}

// Result records the answer to sending the entry with key: it returns the
// outcome (Outcome) and whether to send the next due entry now.
func (o *Outbox) Result(key string, status int, now time.Time) (outcome string, more bool) {
	outcome = Outcome(status)
	switch outcome {
	case Acked, Dropped:
		o.remove(key)
		o.Failures, o.Next = 0, 0
		return outcome, len(o.Entries) > 0
	}
	o.Failures++
	o.Next = now.Add(Backoff(o.Failures)).UnixMilli()
	return outcome, false
}

// Encode returns the outbox as stored in localStorage; "" when it is empty.
func (o *Outbox) Encode() string {
	if len(o.Entries) == 0 {
		return ""
	}
	var w jsontext.Writer
	w.BeginObject()
	w.KeyInt("v", 1)
	w.KeyInt("failures", int64(o.Failures))
	w.KeyInt("next", o.Next)
	w.Key("entries")
	w.BeginArray()
	for _, e := range o.Entries {
		w.BeginObject()
		w.KeyStr("key", e.Key)
		w.KeyStr("doc", e.Doc)
		w.EndObject()
	}
	w.EndArray()
	w.EndObject()
	return w.String()
}

// DecodeOutbox reads a stored outbox. Whatever does not decode (another
// script wrote the key, a truncated write) is no entry: the outbox starts
// empty rather than failing the page.
func DecodeOutbox(s string) Outbox {
	var o Outbox
	if s == "" {
		return o
	}
	n, err := jsontext.Parse([]byte(s))
	if err != nil || n.Kind != jsontext.KindObject {
		return o
	}
	if v := n.Field("v"); v == nil || v.Kind != jsontext.KindNumber || v.Num != 1 {
		return o
	}
	if f := n.Field("failures"); f != nil && f.Kind == jsontext.KindNumber && f.Num >= 0 && f.Num < 1e6 {
		o.Failures = int(f.Num)
	}
	if f := n.Field("next"); f != nil && f.Kind == jsontext.KindNumber && f.Num >= 0 && f.Num < 1e15 {
		o.Next = int64(f.Num)
	}
	list := n.Field("entries")
	if list == nil || list.Kind != jsontext.KindArray {
		return o
	}
	for _, it := range list.Items {
		k, d := it.Field("key"), it.Field("doc")
		if k == nil || d == nil || k.Kind != jsontext.KindString || d.Kind != jsontext.KindString || k.Str == "" {
			continue
		}
		o.Add(k.Str, d.Str)
	}
	return o
}
