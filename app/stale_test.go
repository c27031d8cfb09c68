package app

import (
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// stalePage is a page view whose clock the test moves, on a browser that
// follows no other tab by itself (no Lifecycle): it is as stale as a tab
// can be when its own visitor or code makes the next choice.
func stalePage(t *testing.T, now *time.Time) *page {
	t.Helper()
	text := mannheim(t)
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b := mannheimPage()
	pg := &page{t: t, b: b, a: New(b, func() time.Time { return *now }), p: p, text: text}
	pg.ready = pg.call("init", text)
	return pg
}

// storedRecord decodes the consent cookie as the next page load would.
func storedRecord(t *testing.T, pg *page, now time.Time) *policy.Record {
	t.Helper()
	raw, _ := pg.b.Cookie()
	r, _ := policy.FindConsent(pg.p, policy.ParseCookieString(raw), now)
	return r
}

// TestStaleTabSetDoesNotResurrectAWithdrawal: this tab accepted all;
// another tab then rejected all. A consent.set({statistics: true}) made in
// this tab before it followed starts from the stored refusal: media stays
// refused, in the record and in the cookie.
func TestStaleTabSetDoesNotResurrectAWithdrawal(t *testing.T) {
	now := clock
	pg := stalePage(t, &now)
	pg.call("acceptAll")
	now = now.Add(time.Minute)
	elsewhere(t, pg, policy.RejectAllChoice(pg.p), policy.MethodRejectAll, now)
	now = now.Add(time.Minute)
	pg.call("set", `{"categories":{"statistics":true}}`)
	if got := pg.call("accepted", "media"); got != "false" {
		t.Errorf("accepted(media) = %s: a stale tab's set() brought back what another tab withdrew", got)
	}
	if got := pg.call("accepted", "statistics"); got != "true" {
		t.Errorf("accepted(statistics) = %s, want the set() to hold", got)
	}
	r := storedRecord(t, pg, now)
	if r == nil || r.Accepted(pg.p, "media", "") || !r.Accepted(pg.p, "statistics", "") {
		t.Errorf("stored record %+v, want statistics on and media off", r)
	}
	if g := pg.b.gate("video"); g.state == "live" {
		t.Errorf("the media iframe is live after the stale tab's set()")
	}
}

// TestStaleTabSetAfterAResetElsewhere: another tab reset the choice (the
// cookie is gone): a set() naming statistics here accepts statistics only,
// under a new consent id.
func TestStaleTabSetAfterAResetElsewhere(t *testing.T) {
	now := clock
	pg := stalePage(t, &now)
	pg.call("acceptAll")
	before := pg.a.rec.ID
	pg.b.put(t, pg.p.ConsentCookie.Name+"=; Path=/; Max-Age=0")
	now = now.Add(time.Minute)
	pg.call("set", `{"categories":{"statistics":true}}`)
	if got := pg.call("accepted", "media"); got != "false" {
		t.Errorf("accepted(media) = %s: a stale tab's set() brought back what another tab reset", got)
	}
	if pg.a.rec.ID == before {
		t.Errorf("the consent id %q survived a reset elsewhere", before)
	}
}

// TestRenewalKeepsANewerRecordWrittenElsewhere: the page read an old
// record at load; before its renewal ran, another tab stored a newer
// choice. The renewal does not write the old record over it.
func TestRenewalKeepsANewerRecordWrittenElsewhere(t *testing.T) {
	now := clock
	text := mannheim(t)
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b := mannheimPage()
	old := policy.NewRecord(p, nil, policy.AcceptAllChoice(p), policy.MethodAcceptAll, "visitor-id", now.Add(-30*24*time.Hour))
	b.put(t, p.ConsentCookie.Name+"="+policy.EncodeRecord(p, old)+"; Path=/; Max-Age=3600")
	pg := &page{t: t, b: b, a: New(b, func() time.Time { return now }), p: p, text: text}
	pg.call("start", text)
	newer := elsewhere(t, pg, policy.RejectAllChoice(p), policy.MethodRejectAll, now)
	b.clearLog()
	pg.call("settle")
	r := storedRecord(t, pg, now)
	if policy.EncodeRecord(p, r) != policy.EncodeRecord(p, newer) {
		t.Errorf("after the renewal the cookie holds %+v, want the newer record written elsewhere %+v (writes %q)", r, newer, b.writes)
	}
}
