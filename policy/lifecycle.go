package policy

import (
	"strings"
	"time"
)

// A page lives longer than one load: it is frozen in the back/forward
// cache and restored, hidden and shown again, and other tabs of the site
// change the choice while it runs. Whenever that may have happened the
// page reads the consent cookie again and asks Follow what it means.

// Following is what a running page must do to follow the stored choice.
type Following struct {
	// Changed is true when the stored choice is not the one the page
	// applies: the page takes Record, opens and shuts gates, deletes the
	// cookies Record refuses, pushes Consent Mode and fires
	// consent:change. Nothing else in Following matters when it is false.
	Changed bool
	// Record is the choice to apply now; nil means none (a reset
	// elsewhere, or an expired or unreadable cookie): nothing optional
	// runs and the banner asks again.
	Record *Record
	// Categories and Services are the ids whose accepted state changed,
	// as consent:change reports them.
	Categories, Services []string
	// View is the view to show: the banner when there is no choice any
	// more, nothing instead of the banner once a choice is made
	// elsewhere, the preferences dialog (redrawn) when it was open.
	View string
	// Reload is true when the policy has reloadOnWithdraw and the new
	// choice refuses a script that already ran in this page view: a
	// script that ran cannot be un-run.
	Reload bool
	// Reason says why a stored consent cookie is no valid choice.
	Reason string
}

// Follow compares the choice a page applies (current, nil for none) with
// the newest valid consent cookie among cookies (see FindConsent). kept
// is true when current is a choice the browser did not store (it holds
// for this page view only): a missing cookie then changes nothing. shown
// is the view on screen (View*). ran lists the gated scripts that ran in
// this page view, as "category" or "category/service".
//
// Two records are the same choice when they encode to the same cookie
// value: same consent id, time, method and choices. A choice made again
// elsewhere with the same switches is a new choice (a new time): it is
// applied and reported, with no ids changed.
func Follow(p *Policy, current *Record, kept bool, cookies []CookiePair, now time.Time, shown string, ran []string) Following {
	if p == nil {
		return Following{View: shown}
	}
	stored, err := FindConsent(p, cookies, now)
	var f Following
	if err != nil && err != ErrNoCookie {
		f.Reason = err.Error()
	}
	if stored == nil && kept {
		return Following{View: shown, Reason: f.Reason}
	}
	if EncodeRecord(p, stored) == EncodeRecord(p, current) {
		return Following{View: shown, Record: current}
	}
	f.Changed = true
	f.Record = stored
	f.Categories, f.Services = Changed(current, stored)
	f.View = FollowView(shown, stored)
	f.Reload = p.ReloadOnWithdraw && WithdrawnRan(p, stored, ran)
	return f
}

// FollowView returns the view a page shows after the choice changed
// elsewhere: without a choice the banner (unless the dialog is open, which
// then draws no choice); with one, the dialog stays open if it was (its
// switches redrawn) and the banner closes.
func FollowView(shown string, r *Record) string {
	switch {
	case shown == ViewPreferences:
		return ViewPreferences
	case r == nil:
		return ViewBanner
	}
	return ViewNone
}

// WithdrawnRan reports whether r (nil: no choice) refuses a gated script
// that ran in this page view; ran holds "category" or "category/service"
// keys. Required categories and their services are never refused.
func WithdrawnRan(p *Policy, r *Record, ran []string) bool {
	for _, k := range ran {
		cat, svc, _ := strings.Cut(k, "/")
		if !r.Accepted(p, cat, svc) {
			return true
		}
	}
	return false
}

// Renewal returns the document.cookie assignment that writes the stored
// record r again, with the same value and its remaining lifetime: the
// policy's maxAgeDays minus the record's age. Browsers that cap cookies
// written by script (Safari: 7 days) then keep a returning visitor's
// choice for as long as the policy says. It returns "" with no record, or
// when the record has no lifetime left (it is then no valid choice).
func Renewal(p *Policy, r *Record, now time.Time, secure bool) string {
	if p == nil || r == nil {
		return ""
	}
	left := RemainingSeconds(p, r, now)
	if left <= 0 {
		return ""
	}
	return consentCookieFor(p, EncodeRecord(p, r), secure, left)
}

// RemainingSeconds is how long, in whole seconds, r stays a valid choice:
// maxAgeDays after its time, at most maxAgeDays from now (a record dated
// ahead of the clock gets no more than a fresh one).
func RemainingSeconds(p *Policy, r *Record, now time.Time) int64 {
	full := int64(consentMaxAgeDays(p)) * 24 * 60 * 60
	age := (now.UnixMilli() - r.Timestamp) / 1000
	if age < 0 {
		age = 0
	}
	return full - age
}

func consentMaxAgeDays(p *Policy) int {
	return p.ConsentCookie.MaxAgeDays
}
