package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

// proofFake is a fake browser that can send proof documents: each send
// waits in pending until the test answers it.
type proofFake struct {
	*fakeBrowser
	local   map[string]string
	refuse  bool // localStorage refuses writes
	pending []*proofSend
	sent    []string // every body sent, in order
}

type proofSend struct {
	url, body string
	done      func(int)
}

func newProofFake() *proofFake {
	return &proofFake{fakeBrowser: newFake(), local: map[string]string{}}
}

func (f *proofFake) Origin() string             { return "https://www.example.org" }
func (f *proofFake) LoadItem(key string) string { return f.local[key] }
func (f *proofFake) StoreItem(key, value string) error {
	if f.refuse {
		return errRefused
	}
	if value == "" {
		delete(f.local, key)
	} else {
		f.local[key] = value
	}
	return nil
}

func (f *proofFake) SendProof(url, body string, done func(int)) error {
	f.pending = append(f.pending, &proofSend{url, body, done})
	f.sent = append(f.sent, body)
	return nil
}

// answer answers the oldest pending send with status.
func (f *proofFake) answer(t *testing.T, status int) proofDoc {
	t.Helper()
	if len(f.pending) == 0 {
		t.Fatalf("no proof document is being sent")
	}
	s := f.pending[0]
	f.pending = f.pending[1:]
	s.done(status)
	return decodeProof(t, s.body)
}

type errString string

func (e errString) Error() string { return string(e) }

const errRefused = errString("refused")

// proofDoc is the document of docs/api.md#proof-of-consent as policy/proof writes it.
type proofDoc struct {
	Version int    `json:"version"`
	Record  record `json:"record"`
	Policy  struct {
		Revision int    `json:"revision"`
		SHA256   string `json:"sha256"`
	} `json:"policy"`
	Page struct {
		Origin string `json:"origin"`
		Path   string `json:"path"`
	} `json:"page"`
	Language string `json:"language"`
	GPC      bool   `json:"gpc"`
}

func decodeProof(t *testing.T, body string) proofDoc {
	t.Helper()
	var d proofDoc
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("proof document %s: %v", body, err)
	}
	return d
}

func withProof(text string) string {
	return strings.Replace(text, "{", `{"proof": {"url": "https://log.example.org/v1/consents"},`, 1)
}

// proofPage loads a page view on f with a clock the test can move.
func proofPage(t *testing.T, f *proofFake, text string, now *time.Time) *page {
	t.Helper()
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatalf("test policy: %v", err)
	}
	pg := &page{t: t, b: f.fakeBrowser, a: New(f, func() time.Time { return *now }), p: p, text: text}
	pg.ready = pg.call("init", text)
	return pg
}

// The proof's SHA-256 is that of the policy text exactly as handed over, a
// byte-order mark and CRLF line endings included: sha256sum of the file.
func TestProofHashesTheBytesAsServed(t *testing.T) {
	f := newProofFake()
	text := "\uFEFF" + strings.ReplaceAll(withProof(smallPolicy), "\n", "\r\n")
	if !strings.Contains(text, "\r\n") {
		t.Fatal("the test policy has no line breaks")
	}
	now := clock
	pg := proofPage(t, f, text, &now)
	pg.call("action", "accept-all", "{}")
	sum := sha256.Sum256([]byte(text))
	equal(t, "sha256", f.answer(t, 201).Policy.SHA256, hex.EncodeToString(sum[:]))
}

// Every kind of new choice is sent, in order, under the visitor's one
// consent id; reset() is sent as a withdrawal and the next choice starts a
// new id.
func TestProofEveryChoiceIsSentUnderOneID(t *testing.T) {
	f := newProofFake()
	f.path = "/shop/"
	f.addGate("video", "iframe", "media", "video")
	text := withProof(smallPolicy)
	now := clock
	pg := proofPage(t, f, text, &now)
	if len(f.sent) != 0 {
		t.Fatalf("sent before any choice: %v", f.sent)
	}
	pg.call("action", "accept-all", "{}")
	first := pg.get()
	d := f.answer(t, 201)
	equal(t, "the first document's record", d.Record, *first)
	equal(t, "policy", d.Policy.Revision, 3)
	equal(t, "sha256", d.Policy.SHA256, proof.SHA256Hex([]byte(text)))
	equal(t, "page", d.Page.Origin+d.Page.Path, "https://www.example.org/shop/")
	equal(t, "language", d.Language, "en")

	steps := []struct {
		method string
		args   []string
		want   string
	}{
		{"action", []string{"reject-all", "{}"}, policy.MethodRejectAll},
		{"action", []string{"save", `{"categories":{"statistics":true}}`}, policy.MethodCustom},
		{"acceptService", []string{"video"}, policy.MethodCustom},
		{"set", []string{`{"categories":{"media":false}}`}, policy.MethodAPI},
		{"acceptAll", nil, policy.MethodAcceptAll},
	}
	for _, s := range steps {
		now = now.Add(time.Second)
		pg.call(s.method, s.args...)
		d := f.answer(t, 201)
		equal(t, s.method+" record", d.Record, *pg.get())
		equal(t, s.method+" method", d.Record.Method, s.want)
		equal(t, s.method+" keeps the consent id", d.Record.ID, first.ID)
	}
	now = now.Add(time.Second)
	pg.call("reset")
	d = f.answer(t, 201)
	equal(t, "reset method", d.Record.Method, proof.MethodReset)
	equal(t, "reset id", d.Record.ID, first.ID)
	equal(t, "reset refuses the optional", d.Record.Categories, map[string]bool{"necessary": true, "statistics": false, "media": false})
	now = now.Add(time.Second)
	pg.call("action", "accept-all", "{}")
	if d := f.answer(t, 201); d.Record.ID == first.ID || d.Record.ID == "" {
		t.Errorf("after reset() the next choice has id %q, want a new one", d.Record.ID)
	}
	if f.local[proof.OutboxKey] != "" {
		t.Errorf("the outbox keeps %s after every document was acknowledged", f.local[proof.OutboxKey])
	}
}

// Without proof.url nothing is sent and nothing is stored.
func TestProofNothingWithoutURL(t *testing.T) {
	f := newProofFake()
	now := clock
	pg := proofPage(t, f, smallPolicy, &now)
	pg.call("acceptAll")
	pg.call("reset")
	if len(f.sent) != 0 || len(f.local) != 0 {
		t.Errorf("sent %v, stored %v without proof.url", f.sent, f.local)
	}
}

// The consent id survives a raised revision (the old cookie is no choice
// any more, but it is the same visitor) and a GPC refusal is proven too.
func TestProofRaisedRevisionKeepsTheIDAndGPCIsSent(t *testing.T) {
	f := newProofFake()
	now := clock
	pg := proofPage(t, f, withProof(smallPolicy), &now)
	pg.call("acceptAll")
	id := f.answer(t, 201).Record.ID

	raised := strings.Replace(withProof(smallPolicy), `"revision": 3`, `"revision": 4`, 1)
	now = now.Add(time.Hour)
	pg = proofPage(t, f, raised, &now)
	if pg.get() != nil {
		t.Fatal("the old revision's choice still counts")
	}
	pg.call("rejectAll")
	d := f.answer(t, 201)
	equal(t, "id after a raised revision", d.Record.ID, id)
	equal(t, "revision", d.Policy.Revision, 4)

	g := newProofFake()
	g.gpc = true
	proofPage(t, g, withProof(smallPolicy), &now)
	d = g.answer(t, 201)
	equal(t, "GPC method", d.Record.Method, policy.MethodGPC)
	equal(t, "GPC flag", d.GPC, true)
}

// A document the log did not acknowledge waits in localStorage and is sent
// again on the next page, oldest first, then with backoff.
func TestProofOutboxIsRetriedOnLaterPages(t *testing.T) {
	f := newProofFake()
	text := withProof(smallPolicy)
	now := clock
	pg := proofPage(t, f, text, &now)
	pg.call("acceptAll")
	f.answer(t, 0) // the log is down
	now = now.Add(time.Second)
	pg.call("rejectAll")
	if len(f.pending) != 1 || !strings.Contains(f.pending[0].body, `"accept-all"`) {
		t.Fatalf("a new choice must send the oldest waiting document first; pending %v", f.pending)
	}
	f.answer(t, 503)
	box := proof.DecodeOutbox(f.local[proof.OutboxKey])
	if len(box.Entries) != 2 {
		t.Fatalf("outbox holds %d documents, want 2", len(box.Entries))
	}

	// Two failures in a row: the next page within 30 s sends nothing.
	now = now.Add(10 * time.Second)
	proofPage(t, f, text, &now)
	if len(f.pending) != 0 {
		t.Fatalf("sent during the backoff")
	}
	// Later: both arrive, oldest first, and the outbox empties.
	now = now.Add(time.Minute)
	proofPage(t, f, text, &now)
	if d := f.answer(t, 201); d.Record.Method != policy.MethodAcceptAll {
		t.Errorf("first sent %s, want the older accept-all", d.Record.Method)
	}
	if d := f.answer(t, 200); d.Record.Method != policy.MethodRejectAll {
		t.Errorf("then %s, want reject-all", d.Record.Method)
	}
	if len(f.pending) != 0 || f.local[proof.OutboxKey] != "" {
		t.Errorf("after both were acknowledged: pending %d, outbox %q", len(f.pending), f.local[proof.OutboxKey])
	}
}

// Blocked localStorage: the choice is still sent from this page view.
func TestProofWithoutLocalStorage(t *testing.T) {
	f := newProofFake()
	f.refuse = true
	now := clock
	pg := proofPage(t, f, withProof(smallPolicy), &now)
	pg.call("acceptAll")
	if d := f.answer(t, 201); d.Record.Method != policy.MethodAcceptAll {
		t.Errorf("sent %s", d.Record.Method)
	}
}

// The consent id is made with the first choice and kept by every later one
// (before, each choice made a new id).
func TestChoicesKeepTheConsentID(t *testing.T) {
	pg := load(t, newFake(), smallPolicy)
	pg.call("acceptAll")
	first := pg.get().ID
	pg.call("rejectAll")
	pg.call("set", `{"categories":{"statistics":true}}`)
	if got := pg.get().ID; got != first {
		t.Errorf("a later choice has id %q, want the first choice's %q", got, first)
	}
	pg = pg.reload()
	pg.call("acceptAll")
	if got := pg.get().ID; got != first {
		t.Errorf("a choice on a later page has id %q, want %q", got, first)
	}
	pg.call("reset")
	pg.call("acceptAll")
	if got := pg.get().ID; got == first {
		t.Errorf("after reset() the id %q is kept, want a new one", got)
	}
}
