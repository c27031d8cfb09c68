package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// brokenDraw is a page whose banner and dialog cannot be drawn.
type brokenDraw struct{ *fakeBrowser }

func (brokenDraw) Render(string) error { return errors.New("ccRender: boom") }

// TestFailedDrawReportsAnErrorAndNoShow: when the banner cannot be drawn,
// consent:error says so with its cause, and consent:show does not fire
// for a banner nobody sees; likewise for the dialog.
func TestFailedDrawReportsAnErrorAndNoShow(t *testing.T) {
	b := mannheimPage()
	a := New(brokenDraw{b}, func() time.Time { return clock })
	if _, err := a.Handle("init", []string{mannheim(t)}); err != nil {
		t.Fatal(err)
	}
	for _, ev := range b.eventNames() {
		if ev == "consent:show" {
			t.Errorf("consent:show fired for a banner that was not drawn (events %v)", b.eventNames())
		}
	}
	errEv := ""
	for _, e := range b.events {
		if e.name == "consent:error" {
			errEv = e.detail
		}
	}
	if !strings.Contains(errEv, `"cause":"render"`) || !strings.Contains(errEv, "boom") {
		t.Errorf("consent:error = %q, want the draw's failure with cause render", errEv)
	}
	b.clearLog()
	if _, err := a.Handle("showPreferences", nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(b.eventNames(), ","); strings.Contains(got, "consent:show") || !strings.Contains(got, "consent:error") {
		t.Errorf("showPreferences with a broken draw fired %s, want consent:error and no consent:show", got)
	}
}

// brokenDataLayer is a page whose window.dataLayer refuses every push.
type brokenDataLayer struct{ *fakeBrowser }

func (brokenDataLayer) DataLayer(string) error { return errors.New("dataLayer.push is not a function") }

// TestFailuresReachConsentError: a failure the page used to swallow (here
// Consent Mode's push) reaches consent:error with its cause, once per
// cause and page view however often it recurs.
func TestFailuresReachConsentError(t *testing.T) {
	b := mannheimPage()
	a := New(brokenDataLayer{b}, func() time.Time { return clock })
	if _, err := a.Handle("init", []string{mannheim(t)}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"acceptAll", "rejectAll"} {
		if _, err := a.Handle(m, nil); err != nil {
			t.Fatal(err)
		}
	}
	var errs []string
	for _, e := range b.events {
		if e.name == "consent:error" {
			errs = append(errs, e.detail)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], `"cause":"consent-mode"`) || !strings.Contains(errs[0], "dataLayer.push") {
		t.Errorf("consent:error events %q, want one with cause consent-mode naming the failure", errs)
	}
}
