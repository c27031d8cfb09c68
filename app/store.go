package app

import "github.com/consentwasm/consent/policy"

// storeValue writes value to the consent cookie and reads it back. When it
// is not there, the probe and policy.StoreProblem tell why, and
// consent:error says it: the choice then holds for this page view only.
func (a *App) storeValue(value string) bool {
	host, _, secure, _ := a.b.Location()
	a.life.wrote = true
	werr := a.b.SetCookie(policy.SetConsentCookie(a.p, value, secure))
	raw, rerr := a.b.Cookie()
	check := policy.StoreCheck{
		Host: host, Secure: secure, Value: value,
		Cookies:     policy.ParseCookieString(raw),
		WriteFailed: werr != nil || rerr != nil,
	}
	if check.Stored(a.p) {
		a.life.kept = false
		return true
	}
	a.life.kept = true
	if l := a.lifecycle(); l != nil {
		check.CookiesDisabled = !l.CookiesEnabled()
	}
	if !check.WriteFailed && !check.CookiesDisabled {
		set, del := policy.ProbeCookie(a.p, secure)
		if a.b.SetCookie(set) == nil {
			raw, _ := a.b.Cookie()
			for _, c := range policy.ParseCookieString(raw) {
				if c.Name == policy.ProbeName(a.p) && c.Value == "1" {
					check.ProbeStored = true
				}
			}
			a.logErr(a.b.SetCookie(del))
		}
	}
	cause, msg := policy.StoreProblem(a.p, check)
	a.b.Log("the choice could not be stored and applies to this page view only: " + msg)
	a.logErr(a.b.Dispatch("consent:error", policy.StoreErrorJSON(cause, msg)))
	return false
}
