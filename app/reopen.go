package app

import "github.com/consentwasm/consent/policy"

// drawReopen draws the view while nothing else is on screen and the
// reopen button shows (policy.ReopenShown), so that it appears after a
// choice made without the banner (an API call, GPC, a returning visit) and
// follows a language change. A banner's or dialog's render carries the
// button's state already.
func (a *App) drawReopen() {
	if a.shown == policy.ViewNone && policy.ReopenShown(a.p, a.shown, a.rec) {
		a.render()
	}
}
