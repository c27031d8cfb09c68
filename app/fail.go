package app

import "github.com/consentwasm/consent/policy/jsontext"

// Causes of consent:error that the controller reports (the storage ones
// are policy.StoreProblem's).
const (
	// causeRender: the page could not draw the banner or the dialog.
	causeRender = "render"
	// causeConsentMode: window.dataLayer refused Consent Mode's entries.
	causeConsentMode = "consent-mode"
	// causeDeclaration: a cookie declaration could not be filled in.
	causeDeclaration = "declaration"
	// causeDelete: a refused cookie or storage key could not be deleted.
	causeDelete = "delete"
	// causeGate: a gated element could not be shut.
	causeGate = "gate"
)

// fail reports a failure on the console and as consent:error with its
// cause, so that the site hears of it (docs/api.md, events).
func (a *App) fail(cause, message string) {
	a.b.Log(message)
	var w jsontext.Writer
	w.BeginObject()
	w.KeyStr("message", message)
	w.KeyStr("cause", cause)
	w.EndObject()
	_ = a.b.Dispatch("consent:error", w.String())
}

// report reports err (when not nil) as fail does, once per cause and page
// view: a sweep that fails every second says so once.
func (a *App) report(cause string, err error) {
	if err == nil {
		return
	}
	if a.reported == nil {
		a.reported = map[string]bool{}
	}
	if a.reported[cause] {
		a.b.Log(err.Error())
		return
	}
	a.reported[cause] = true
	a.fail(cause, err.Error())
}

// logErr puts err (when not nil) on the console: a failure to dispatch an
// event cannot be reported by another event.
func (a *App) logErr(err error) {
	if err != nil {
		a.b.Log(err.Error())
	}
}
