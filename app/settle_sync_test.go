package app

import (
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// startLife starts a page view as consent.js does, without the Settle
// that loader.js runs in a later task.
func startLife(t *testing.T, b *fakeBrowser) (*page, *lifeBrowser) {
	t.Helper()
	text := mannheim(t)
	lb := &lifeBrowser{fakeBrowser: b}
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	pg := &page{t: t, b: b, a: New(lb, func() time.Time { return clock }), p: p, text: text}
	pg.ready = pg.call("start", text)
	return pg, lb
}

// A returning visitor's page renews its stored record in Settle; a newer
// choice stored by another tab since start must not be overwritten by the
// older record.
func TestSettleDoesNotRenewAnOlderRecordOverANewerOne(t *testing.T) {
	b := mannheimPage()
	text := mannheim(t)
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	old := policy.NewRecord(p, nil, policy.RejectAllChoice(p), policy.MethodRejectAll, "visitor-id", clock.Add(-24*time.Hour))
	b.put(t, p.ConsentCookie.Name+"="+policy.EncodeRecord(p, old)+"; Path=/; Max-Age=3600")
	pg, _ := startLife(t, b)
	if got := pg.call("accepted", "statistics"); got != "false" {
		t.Fatalf("accepted(statistics) = %s for the stored refusal", got)
	}
	other := elsewhere(t, pg, policy.AcceptAllChoice(pg.p), policy.MethodAcceptAll, clock)
	pg.call("settle")
	if got := pg.b.stored(pg.p.ConsentCookie.Name); len(got) != 1 || got[0] != policy.EncodeRecord(pg.p, other) {
		t.Errorf("the stored choice is %q, want the other tab's newer one %q", got, policy.EncodeRecord(pg.p, other))
	}
	if got := pg.call("accepted", "statistics"); got != "true" {
		t.Errorf("accepted(statistics) = %s, want the newer acceptance", got)
	}
}
