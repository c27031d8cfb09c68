package app

import (
	"strconv"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

// ProofBrowser is what proof of consent (docs/api.md#proof-of-consent) needs from the
// page beyond Browser. A Browser that lacks it sends nothing.
type ProofBrowser interface {
	// Origin returns location.origin.
	Origin() string
	// LoadItem returns localStorage's value of key, "" when absent or blocked.
	LoadItem(key string) string
	// StoreItem sets localStorage's key to value ("" removes it).
	StoreItem(key, value string) error
	// SendProof POSTs body as application/json to url (fetch keepalive)
	// and calls done later with the HTTP status, 0 when no answer came.
	SendProof(url, body string, done func(status int)) error
}

// proofState is the page view's part of the proof of consent: the policy
// text it hashes, whether a send is in flight, and the outbox kept in
// memory when localStorage is refused.
type proofState struct {
	text    []byte
	sha     string
	sending bool
	memory  *proof.Outbox
}

// proofStart keeps the policy text for its fingerprint and proves a record
// made on load (a GPC refusal, stored is true).
func (a *App) proofStart(policyText []byte, stored bool) {
	a.proof.text = policyText
	if stored && a.rec != nil {
		a.prove(a.rec)
	}
}

// proofBrowser returns the browser's proof part, or nil when the policy has
// no proof.url or the browser cannot send.
func (a *App) proofBrowser() ProofBrowser {
	if a.p == nil || a.p.Proof.URL == "" {
		return nil
	}
	pb, _ := a.b.(ProofBrowser)
	return pb
}

// prove puts the document of a new record into the outbox and sends what
// waits there, oldest first.
func (a *App) prove(rec *policy.Record) {
	pb := a.proofBrowser()
	if pb == nil || rec == nil {
		return
	}
	if a.proof.sha == "" {
		a.proof.sha = proof.SHA256Hex(a.proof.text)
	}
	_, path, _, _ := a.b.Location()
	doc := proof.Document(a.p, rec, a.proof.sha, proof.Page{
		Origin: pb.Origin(), Path: path, Language: a.lang, GPC: a.b.GPC(),
	})
	base := a.loadOutbox(pb)
	box := base.Clone()
	box.Add(proof.Key(rec), doc)
	a.saveOutbox(pb, base, box)
	a.proofFlush(true)
}

// proveReset proves a reset() of the record old: a withdrawal of every
// choice under the id being forgotten.
func (a *App) proveReset(old *policy.Record) {
	if old != nil {
		r := proof.ResetRecord(a.p, old.ID, a.now())
		r.Source = policy.SourceAPI // consent.reset() is the site's code
		a.prove(r)
	}
}

// proofFlush sends the oldest waiting document when the outbox says it is
// due (force: a new choice was just made); its answer sends the next.
func (a *App) proofFlush(force bool) {
	pb := a.proofBrowser()
	if pb == nil || a.proof.sending {
		return
	}
	box := a.loadOutbox(pb)
	e, ok := box.Due(a.now(), force)
	if !ok {
		return
	}
	a.proof.sending = true
	err := pb.SendProof(a.p.Proof.URL, e.Doc, func(status int) { a.proofAnswer(pb, e.Key, status) })
	if err != nil {
		a.b.Log("proof of consent: " + err.Error())
		a.proofAnswer(pb, e.Key, 0)
	}
}

// proofAnswer records the log's answer to one document.
func (a *App) proofAnswer(pb ProofBrowser, key string, status int) {
	if !a.proof.sending {
		return
	}
	a.proof.sending = false
	base := a.loadOutbox(pb)
	box := base.Clone()
	outcome, more := box.Result(key, status, a.now())
	a.saveOutbox(pb, base, box)
	if outcome == proof.Dropped {
		a.b.Log("proof of consent: " + a.p.Proof.URL + " refused a record for good (HTTP " + strconv.Itoa(status) + "); it is not sent again")
	}
	if more {
		a.proofFlush(true)
	}
}

func (a *App) loadOutbox(pb ProofBrowser) proof.Outbox {
	if a.proof.memory != nil {
		return *a.proof.memory
	}
	return proof.DecodeOutbox(pb.LoadItem(proof.OutboxKey))
}

// saveOutbox stores box, this page's change of base, in localStorage,
// merged with what the site's other tabs stored there since base was read
// (proof.Merge): two tabs writing the shared outbox keep each other's
// documents. When the browser refuses, it lives on in memory for this
// page view.
func (a *App) saveOutbox(pb ProofBrowser, base, box proof.Outbox) {
	if a.proof.memory == nil {
		box = proof.Merge(base, box, proof.DecodeOutbox(pb.LoadItem(proof.OutboxKey)))
		if err := pb.StoreItem(proof.OutboxKey, box.Encode()); err == nil {
			return
		}
		a.b.Log("proof of consent: localStorage is refused: unsent records are kept for this page view only")
	}
	a.proof.memory = &box
}
