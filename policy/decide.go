package policy

import (
	"errors"
	"strings"
	"time"
)

// Env is what the page tells the policy on load: where it is, the clock,
// the browser's Global Privacy Control signal, and the cookies and Web
// Storage keys it can see.
type Env struct {
	// Host is location.hostname, Path location.pathname.
	Host, Path string
	// Secure is true on https.
	Secure bool
	Now    time.Time
	// GPC is navigator.globalPrivacyControl.
	GPC bool
	// Cookies is document.cookie, parsed (see ParseCookieString).
	Cookies []CookiePair
	// LocalKeys and SessionKeys are the keys of localStorage and
	// sessionStorage.
	LocalKeys, SessionKeys []string
}

// Plan is what the page must do on load, all of it: the controller
// (package app) carries it out once and computes none of it again. Before
// the banner's first paint it stores Record when Store is set, draws the
// banner when Ask is set, opens the gates Record allows (GateStep), pushes
// DataLayer and fires consent:ready (and consent:change for a new GPC
// record, with Categories and Services). After the first paint it deletes
// what Cleanup lists, and the refused Web Storage keys, which the first
// paint does not wait to read (CleanupFor with those keys).
type Plan struct {
	// Ask is true when the banner must be shown.
	Ask bool
	// Record is the effective choice; nil means none, and nothing optional
	// runs.
	Record *Record
	// Reason says why a stored consent cookie is no valid choice; "" when
	// it is valid or when there is none.
	Reason string
	// Store is true when Record is new (made for Global Privacy Control)
	// and must be written to the consent cookie. It is a new choice: the
	// page fires consent:change for it.
	Store bool
	// Categories and Services are, for a new record (Store), the ids its
	// consent:change reports (see Changed).
	Categories, Services []string
	// Cleanup is what to delete, after the banner's first paint.
	Cleanup
	// ConsentMode maps every Google Consent Mode v2 type to "granted" or
	// "denied" (see ConsentModeState).
	ConsentMode map[string]string
	// DataLayer is the dataLayer entries to push when the wasm starts
	// (see ConsentModeStartJSON).
	DataLayer string
}

// Cleanup is what a page deletes for a choice: cookies and Web Storage
// keys of refused services that it can see.
type Cleanup struct {
	// DeleteCookies deletes every visible cookie of a refused service (with
	// no choice: of every optional service), on every domain and path it
	// can live on. It never deletes the consent cookie nor a cookie also
	// declared by a required or accepted service.
	DeleteCookies []Deletion
	// DeleteLocal and DeleteSession are the present localStorage and
	// sessionStorage keys declared by refused services.
	DeleteLocal, DeleteSession []string
}

// CleanupFor returns what a page in env deletes under the choice r (nil:
// none). Analytics scripts re-create their cookies, so the page asks
// again after each choice and a while after the load.
func CleanupFor(p *Policy, r *Record, env Env) Cleanup {
	var c Cleanup
	if p == nil {
		return c
	}
	names := make([]string, 0, len(env.Cookies))
	for _, ck := range env.Cookies {
		names = append(names, ck.Name)
	}
	for _, name := range RefusedCookies(p, r, names) {
		c.DeleteCookies = append(c.DeleteCookies, DeletionsOn(name, env.Host, env.Path, env.Secure)...)
	}
	c.DeleteLocal = p.RefusedStorage(r, env.LocalKeys, StorageLocal)
	c.DeleteSession = p.RefusedStorage(r, env.SessionKeys, StorageSession)
	return c
}

// Decide takes the load-time decisions. The choice is the newest valid
// consent cookie (FindConsent). Without one, a browser sending Global
// Privacy Control under the policy's gpc "reject" (the default) gets a new
// reject-all record with method gpc, to be stored, and no banner; otherwise
// the banner is shown and nothing optional runs. The new record keeps the
// consent id of a stale consent cookie (KeptConsentID), else newID makes it.
func Decide(p *Policy, env Env, newID func() string) Plan {
	var plan Plan
	if p == nil {
		plan.Ask = true
		plan.Reason = "no policy"
		plan.ConsentMode = ConsentModeState(nil, nil)
		plan.DataLayer = "[]"
		return plan
	}
	r, err := FindConsent(p, env.Cookies, env.Now)
	switch {
	case err == nil:
		plan.Record = r
	case env.GPC && p.GPC != GPCIgnore:
		if !errors.Is(err, ErrNoCookie) {
			plan.Reason = err.Error()
		}
		id := KeptConsentID(p, nil, env.Cookies)
		if id == "" && newID != nil {
			id = newID()
		}
		plan.Record = NewRecord(p, nil, RejectAllChoice(p), MethodGPC, id, env.Now)
		plan.Store = true
	default:
		if !errors.Is(err, ErrNoCookie) {
			plan.Reason = err.Error()
		}
		plan.Ask = true
	}

	if plan.Store {
		plan.Categories, plan.Services = Changed(nil, plan.Record)
	}
	plan.Cleanup = CleanupFor(p, plan.Record, env)
	plan.ConsentMode = ConsentModeState(p, plan.Record)
	plan.DataLayer = consentModeStartJSON(p, plan.Record, plan.ConsentMode)
	return plan
}

// RefusedCookies returns, once each and in the order given, the visible
// cookie names that belong (by name or pattern) to a refused service, or
// with r nil to any optional service. A name also declared by a required or
// accepted service is kept, and so is the consent cookie.
func RefusedCookies(p *Policy, r *Record, names []string) []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, n := range p.refusedNames(r, names, StorageCookie) {
		if n != p.ConsentCookieName() {
			out = append(out, n)
		}
	}
	return out
}

// refusedNames returns, once each, the names of the given storage kind that
// a refused service declares and no accepted (or required) service does.
func (p *Policy) refusedNames(r *Record, names []string, storage string) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		refused, kept := false, false
		for i := range p.Services {
			s := &p.Services[i]
			if !s.declaresName(name, storage) {
				continue
			}
			if r.Accepted(p, s.Category, s.ID) {
				kept = true
				break
			}
			refused = true
		}
		if refused && !kept {
			out = append(out, name)
		}
	}
	return out
}

// declaresName reports whether the service declares name in the storage kind.
func (s *Service) declaresName(name, storage string) bool {
	for i := range s.Cookies {
		c := &s.Cookies[i]
		st := c.Storage
		if st == "" {
			st = StorageCookie
		}
		if st == storage && c.Matches(name) {
			return true
		}
	}
	return false
}

// GateOpen reports whether gated content marked data-category=category
// (and data-service=service, when not "") may become live. A "!" before the
// category inverts the gate: it opens when the category (or the service)
// is refused. With no choice (r nil) only required categories and their
// services are open, and "!" gates stay shut too: when in doubt nothing
// optional runs, and only an explicit refusal (a record, GPC's included)
// opens them. Unknown categories or services, and a service not of that
// category, are shut.
func GateOpen(p *Policy, r *Record, category, service string) bool {
	if p == nil {
		return false
	}
	cat, negated := strings.CutPrefix(category, "!")
	c := p.Category(cat)
	if c == nil {
		return false
	}
	if service != "" {
		if s := p.Service(service); s == nil || s.Category != cat {
			return false
		}
	}
	accepted := r.Accepted(p, cat, service)
	if !negated {
		return accepted
	}
	return r != nil && !accepted
}

// ConsentModeState returns the Google Consent Mode v2 update for r: every
// type of ConsentModeTypes is "granted" when an accepted category lists it
// in googleConsentMode, else "denied". Required categories count as
// accepted, with or without a record.
func ConsentModeState(p *Policy, r *Record) map[string]string {
	out := make(map[string]string, len(ConsentModeTypes))
	for _, t := range ConsentModeTypes {
		out[t] = "denied"
	}
	if p == nil {
		return out
	}
	for _, c := range p.Categories {
		if !r.Accepted(p, c.ID, "") {
			continue
		}
		for _, t := range c.GoogleConsentMode {
			if _, known := out[t]; known {
				out[t] = "granted"
			}
		}
	}
	return out
}
