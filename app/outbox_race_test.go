package app

import (
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

// racingProofFake is a tab whose first read of the outbox is followed, at
// once, by another tab's write of it: the interleaving two tabs (two
// renderer processes) writing the shared localStorage at once can give.
type racingProofFake struct {
	*proofFake
	between func()
}

func (f *racingProofFake) LoadItem(key string) string {
	v := f.proofFake.LoadItem(key)
	if fn := f.between; fn != nil && key == proof.OutboxKey {
		f.between = nil
		fn()
	}
	return v
}

// TestProofOutboxSurvivesTwoTabsWritingAtOnce: tab A and tab B share the
// outbox in localStorage; both make a choice while the log is down, B's
// write landing between A's read and A's write. Both documents wait in
// the outbox, and both are sent once the log answers.
func TestProofOutboxSurvivesTwoTabsWritingAtOnce(t *testing.T) {
	text := withProof(smallPolicy)
	now := clock
	a := newProofFake()
	b := newProofFake()
	b.local = a.local // one origin, one localStorage
	b.rnd = 99        // another visitor id: another tab that has not seen A's choice
	pa := proofPage(t, a, text, &now)
	ra := &racingProofFake{proofFake: a}
	pa.a.b = ra
	pb := proofPage(t, b, text, &now)

	// The log is down: both tabs' sends fail and their documents wait.
	now = now.Add(time.Second)
	ra.between = func() {
		pb.call("rejectAll")
		b.answer(t, 0)
	}
	pa.call("acceptAll")
	a.answer(t, 0)

	box := proof.DecodeOutbox(a.local[proof.OutboxKey])
	methods := map[string]bool{}
	for _, e := range box.Entries {
		methods[decodeProof(t, e.Doc).Record.Method] = true
	}
	if !methods[policy.MethodAcceptAll] || !methods[policy.MethodRejectAll] {
		t.Fatalf("the outbox holds %d documents (methods %v), want tab A's accept-all and tab B's reject-all", len(box.Entries), methods)
	}
}
