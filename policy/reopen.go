package policy

// ReopenShown reports whether the small fixed "Cookie settings" button
// that reopens the preferences is drawn: with the policy's reopen "button"
// (the default), once a choice is stored, except while the banner shows
// (show is the view on screen). It stays under the open dialog, which is
// modal, so that focus returns to it when the dialog closes. The JS
// bridge draws it when the view's "reopen" is true.
func ReopenShown(p *Policy, show string, r *Record) bool {
	return p.Reopen != ReopenNone && r != nil && show != ViewBanner
}
