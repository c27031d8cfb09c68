package app

import (
	"testing"
	"time"
)

// loader.js loads a page in three calls: start (up to the banner's first
// paint), settle (declarations, deletions) in a later task, and warm when
// the browser is idle. Together they must do what init does, and warm must
// change nothing a visitor or the site could notice.
func TestStartSettleWarm(t *testing.T) {
	b := mannheimPage()
	b.put(t, "_pk_id.1.abcd=1; Path=/")
	b.put(t, "sessionid=s; Path=/")
	a := New(b, func() time.Time { return clock })

	if _, err := a.Handle("start", []string{mannheim(t)}); err != nil {
		t.Fatal(err)
	}
	if len(b.renders) != 1 {
		t.Fatalf("start drew %d views, want the banner once", len(b.renders))
	}
	if b.stored("_pk_id.1.abcd") == nil {
		t.Errorf("start already deleted cookies: that waits for settle, after the first paint")
	}
	if len(b.decls) != 0 {
		t.Errorf("start already filled declarations")
	}

	// Settle carries out the cookie deletions of the load's plan: it reads
	// document.cookie no second time to compute them again (Web Storage,
	// which the first paint does not wait for, it reads then).
	reads := b.reads
	if _, err := a.Handle("settle", nil); err != nil {
		t.Fatal(err)
	}
	if b.reads != reads {
		t.Errorf("settle read document.cookie %d more times: the load's plan already holds its deletions", b.reads-reads)
	}
	if b.stored("_pk_id.1.abcd") != nil {
		t.Errorf("settle left the refused statistics cookie")
	}
	if b.stored("sessionid") == nil {
		t.Errorf("settle deleted a necessary cookie")
	}
	if len(b.decls) != 1 {
		t.Errorf("settle filled %d declarations, want 1", len(b.decls))
	}

	writes, renders, events := len(b.writes), len(b.renders), len(b.events)
	if _, err := a.Handle("warm", nil); err != nil {
		t.Fatal(err)
	}
	if len(b.writes) != writes || len(b.renders) != renders || len(b.events) != events {
		t.Errorf("warm had side effects: %d cookie writes, %d renders, %d events",
			len(b.writes)-writes, len(b.renders)-renders, len(b.events)-events)
	}
	if got, _ := a.Handle("get", nil); got != "null" {
		t.Errorf("warm made a choice: %s", got)
	}
	if _, err := a.Handle("start", []string{mannheim(t)}); err == nil {
		t.Errorf("a second start was accepted")
	}
}
