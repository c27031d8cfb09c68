package app

import "github.com/consentwasm/consent/policy/jsontext"

// Causes of consent:error that the controller reports (the storage ones
// are policy.StoreProblem's).
const (
	// causeRender: the page could not draw the banner or the dialog.
	causeRender = "render"
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
