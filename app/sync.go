package app

import (
	"sort"

	"github.com/consentwasm/consent/policy"
)

// Lifecycle is what the controller needs from a browser to follow a
// choice made elsewhere. The bridge implements it; a Browser without it
// follows other tabs only on the next load.
type Lifecycle interface {
	// Follow makes the page call the "sync" method whenever the stored
	// choice may have changed elsewhere: a page restored from the
	// back/forward cache, a page shown again, an announcement on the
	// BroadcastChannel named channel, a change of the cookie named
	// cookieName (Cookie Store API). It also makes the page call "sweep"
	// whenever another cookie may have been set (the Cookie Store's change
	// event, else visibility and a timer). It uses no unload handler.
	Follow(channel, cookieName string) error
	// Announce tells the site's other tabs that the choice changed.
	Announce() error
	// CookiesEnabled is navigator.cookieEnabled.
	CookiesEnabled() bool
}

// lifeState is what the controller remembers about the consent cookie
// over a page's life.
type lifeState struct {
	// kept is true when the current record is not stored (the browser
	// refused the cookie): it holds for this page view only.
	kept bool
	// wrote is true once the consent cookie was written in this page view.
	wrote bool
	// following is true once Follow's listeners are installed.
	following bool
}

// channelPrefix names the BroadcastChannel of a consent cookie.
const channelPrefix = "consentwasm:"

func (a *App) lifecycle() Lifecycle {
	l, _ := a.b.(Lifecycle)
	return l
}

// settleLifecycle runs after the banner's first paint: it starts following
// the other tabs and renews the stored choice.
func (a *App) settleLifecycle() {
	// Renew last: a choice stored elsewhere since the load read the cookie
	// is newer than a.rec, and sync takes it first.
	defer a.renew()
	l := a.lifecycle()
	if l == nil || a.life.following {
		return
	}
	a.life.following = true
	if err := l.Follow(channelPrefix+a.p.ConsentCookie.Name, a.p.ConsentCookie.Name); err != nil {
		a.b.Log(err.Error())
	}
	// A choice made elsewhere between the load's read of the cookie and
	// now was announced to no listener.
	a.sync()
}

// renew writes the stored record again with its remaining lifetime
// (policy.Renewal), unless it was written in this page view or the cookie
// holds another record by now.
func (a *App) renew() {
	if a.rec == nil || a.life.wrote || a.life.kept {
		return
	}
	// Read before writing: a record stored elsewhere since this page read
	// the cookie is newer, and is never overwritten with this one.
	raw, err := a.b.Cookie()
	if err != nil {
		a.b.Log(err.Error())
		return
	}
	if stored, _ := policy.FindConsent(a.p, policy.ParseCookieString(raw), a.now()); policy.EncodeRecord(a.p, stored) != policy.EncodeRecord(a.p, a.rec) {
		return
	}
	_, _, secure, _ := a.b.Location()
	if s := policy.Renewal(a.p, a.rec, a.now(), secure); s != "" {
		if err := a.b.SetCookie(s); err != nil {
			a.b.Log(err.Error())
		}
	}
}

// announce tells the other tabs that this one stored a new choice.
func (a *App) announce() {
	if l := a.lifecycle(); l != nil {
		if err := l.Announce(); err != nil {
			a.b.Log(err.Error())
		}
	}
}

// sync reads the consent cookie again and applies what changed elsewhere
// (policy.Follow): the record, the view, gates, Consent Mode, cookie and
// storage deletions, consent:change, and a reload when a script that ran
// was withdrawn under reloadOnWithdraw.
func (a *App) sync() {
	if a.p == nil {
		return
	}
	raw, err := a.b.Cookie()
	if err != nil {
		a.b.Log(err.Error())
		return
	}
	f := policy.Follow(a.p, a.rec, a.life.kept, policy.ParseCookieString(raw), a.now(), a.shown, a.ranKeys())
	if !f.Changed {
		return
	}
	if f.Reason != "" {
		a.b.Log("stored choice ignored: " + f.Reason)
	}
	a.rec = f.Record
	if a.draft != nil {
		// An open dialog draws the choice made elsewhere.
		a.draft = policy.NewDraft(a.p, a.rec)
	}
	a.life.kept = false
	hadNotice := a.notice != ""
	a.notice = ""
	if f.View != a.shown {
		_ = a.show(f.View)
	} else if f.View != policy.ViewNone || hadNotice {
		a.render()
	}
	a.applyGates()
	a.consentModeUpdate()
	a.renderDeclarations()
	a.sweep()
	a.logErr(a.b.Dispatch("consent:change", policy.ChangeJSON(a.p, a.rec, f.Categories, f.Services)))
	if f.Reload {
		a.b.Reload()
	}
}

// ranKeys lists, sorted, the gated scripts that ran in this page view.
func (a *App) ranKeys() []string {
	keys := make([]string, 0, len(a.ran))
	for k := range a.ran {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
