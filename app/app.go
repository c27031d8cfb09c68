// Package app wires the policy's decisions to the browser: it is the
// consent manager's controller, behind window.consent. It talks to the
// page only through the Browser interface (implemented by package bridge
// in the wasm build, by a fake in tests), so all of it is tested natively.
package app

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/texts"
)

// Gate is a gated element as the browser reports it; Ref is the browser's
// handle, passed back untouched to Open and Close.
type Gate struct {
	Tag string
	// Type is the element's type attribute: whether it is a gate at all
	// is policy.IsGate's to say.
	Type     string
	Category string
	Service  string
	State    string
	Ref      any
}

// Browser is what the controller needs from the page.
type Browser interface {
	Cookie() (string, error)
	SetCookie(s string) error
	Location() (host, path string, secure bool, err error)
	GPC() bool
	Languages() (page string, browser []string)
	StorageKeys(kind string) []string
	RemoveStorage(kind string, keys []string) error
	RandomBytes(n int) ([]byte, error)
	Render(viewJSON string) error
	Declarations(declJSON string) error
	Dispatch(name, detailJSON string) error
	// DataLayer pushes entries (a JSON array) onto window.dataLayer: an
	// array entry as gtag() pushes it (an arguments object), an object
	// entry as it is (policy.ConsentModeStartJSON says which).
	DataLayer(entriesJSON string) error
	Gates() ([]Gate, error)
	Open(g Gate) error
	Close(g Gate, placeholderJSON string) error
	Reload()
	Log(msg string)
}

// App is the state of one page view.
type App struct {
	b   Browser
	now func() time.Time

	p    *policy.Policy
	rec  *policy.Record
	lang string
	// explicitLang is the language chosen with consent.setLanguage.
	explicitLang string
	shown        string
	notice       string
	// draft is the open preferences dialog's unsaved choice (nil while
	// the dialog is closed): the dialog draws it and Save records it.
	draft *policy.Draft
	// unsettled is true between Start and Settle.
	unsettled bool
	// cleanup is the load plan's deletions, waiting for Settle.
	cleanup *policy.Cleanup
	// ran holds "category" and "category/service" keys of scripts that
	// ran in this page view: withdrawing them may need a reload.
	ran map[string]bool
	// proof sends each new choice to the consent log (proof.go).
	proof proofState
	// life follows the consent cookie over the page's life (sync.go).
	life lifeState
	// reported holds the consent:error causes reported in this page view.
	reported map[string]bool
}

// New returns a controller for a page; now is the clock (time.Now).
func New(b Browser, now func() time.Time) *App {
	return &App{b: b, now: now, ran: map[string]bool{}}
}

// errNotReady answers calls made before init succeeded.
var errNotReady = errors.New("the consent manager has no valid policy")

// Handle answers window.consent's calls (see loader.js): method and its
// JSON arguments; the result is JSON.
func (a *App) Handle(method string, args []string) (string, error) {
	switch method {
	case "init", "start":
		if a.p != nil {
			return "", errors.New(method + ": the policy is already loaded")
		}
		if len(args) < 1 {
			return "", errors.New(method + ": no policy text")
		}
		if method == "start" {
			return a.Start([]byte(args[0]))
		}
		return a.Init([]byte(args[0]))
	}
	if a.p == nil {
		// Until the stored choice is known, the synchronous API answers
		// "no choice" and "not accepted" (docs/api.md#windowconsent): it never throws.
		switch method {
		case "get":
			return "null", nil
		case "accepted":
			return "false", nil
		}
		return "", errNotReady
	}
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch method {
	case "get":
		return policy.RecordJSON(a.p, a.rec), nil
	case "accepted":
		return a.accepted(arg(0), arg(1))
	case "acceptAll":
		return a.choose(policy.AcceptAllChoice(a.p), policy.MethodAcceptAll, policy.SourceAPI)
	case "rejectAll":
		return a.choose(policy.RejectAllChoice(a.p), policy.MethodRejectAll, policy.SourceAPI)
	case "set":
		ch, err := parseChoice(arg(0))
		if err != nil {
			return "", err
		}
		return a.choose(ch, policy.MethodAPI, policy.SourceAPI)
	case "action":
		return a.action(arg(0), arg(1))
	case "acceptService":
		return a.acceptInPlace(arg(0))
	case "show":
		return "null", a.show(policy.ViewBanner)
	case "showPreferences":
		return "null", a.show(policy.ViewPreferences)
	case "hide":
		return "null", a.show(policy.ViewNone)
	case "reset":
		return "null", a.reset()
	case "setLanguage":
		return "null", a.setLanguage(arg(0))
	case "scan":
		a.applyGates()
		a.renderDeclarations()
		return "null", nil
	case "sweep":
		a.sweep()
		return "null", nil
	case "settle":
		a.Settle()
		return "null", nil
	case "sync":
		a.sync()
		return "null", nil
	case "warm":
		a.Warm()
		return "null", nil
	case "language":
		return quote(a.lang), nil
	}
	return "", errors.New("unknown method " + strconv.Quote(method))
}

// Init parses the policy and applies the stored choice: Start, then
// Settle. It returns the record as consent.get() does.
func (a *App) Init(policyText []byte) (string, error) {
	rj, err := a.Start(policyText)
	if err != nil {
		return "", err
	}
	a.Settle()
	return rj, nil
}

// Start is the part of a page load that comes before the banner's first
// paint: parse the policy, decide, store a GPC refusal, draw the banner,
// open the accepted gates, push Consent Mode and fire consent:ready. Every
// Go function run here is compiled by V8 on the main thread first, so the
// rest waits for Settle, which loader.js calls in a later task.
func (a *App) Start(policyText []byte) (string, error) {
	p, err := policy.Parse(policyText)
	if err != nil {
		return "", errors.New("invalid policy:\n" + err.Error())
	}
	a.mark("parsed")
	a.p = p
	// Parse has checked the tags. Web Storage is read by the sweep, after
	// the first paint: the decision does not need it.
	env := a.decisionEnv()
	plan := policy.Decide(p, env, a.newID)
	a.mark("decided")
	a.rec = plan.Record
	a.cleanup = &plan.Cleanup
	if plan.Reason != "" {
		a.b.Log("stored choice ignored: " + plan.Reason)
	}
	if plan.Store && a.rec != nil {
		a.store(a.rec)
	}
	a.lang = a.chooseLanguage(env.Cookies)
	a.proofStart(policyText, plan.Store)
	drawn := false
	if plan.Ask {
		a.shown = policy.ViewBanner
		drawn = a.render()
	}
	a.applyGates()
	a.mark("gates")
	if plan.DataLayer != "[]" {
		a.report(causeConsentMode, a.b.DataLayer(plan.DataLayer))
	}
	rj := policy.RecordJSON(p, a.rec)
	a.logErr(a.b.Dispatch("consent:ready", rj))
	if plan.Store && a.rec != nil {
		// A refusal made for Global Privacy Control is a new choice.
		a.logErr(a.b.Dispatch("consent:change", policy.ChangeJSON(p, a.rec, plan.Categories, plan.Services)))
	}
	if plan.Ask && drawn {
		a.logErr(a.b.Dispatch("consent:show", `{"view":"banner"}`))
	}
	a.unsettled = true
	return rj, nil
}

// Settle does the rest of a page load: it fills the declarations and
// deletes what the load's plan refuses (its Cleanup, computed once by
// policy.Decide). Calling it again does nothing.
func (a *App) Settle() {
	if !a.unsettled {
		return
	}
	a.unsettled = false
	a.renderDeclarations()
	if a.cleanup != nil {
		// The plan's cookie deletions, and those of the Web Storage keys,
		// which the first paint did not wait to read.
		c := *a.cleanup
		a.cleanup = nil
		st := policy.CleanupFor(a.p, a.rec, policy.Env{
			LocalKeys:   a.b.StorageKeys(policy.StorageLocal),
			SessionKeys: a.b.StorageKeys(policy.StorageSession),
		})
		c.DeleteLocal, c.DeleteSession = st.DeleteLocal, st.DeleteSession
		a.carryOut(c)
	}
	a.proofFlush(false)
	a.settleLifecycle()
	a.drawReopen()
}

// Warm runs, without side effects, the Go code a visitor's first click
// needs (a new record, its encoding, the dialog's view), so that V8 has
// compiled it before the click: loader.js calls it when the browser is
// idle.
func (a *App) Warm() {
	r := policy.NewRecord(a.p, a.rec, policy.RejectAllChoice(a.p), policy.MethodRejectAll, "warm", a.now())
	v := policy.EncodeRecord(a.p, r)
	_ = policy.SetConsentCookie(a.p, v, false)
	_, _ = policy.DecodeRecord(a.p, v, a.now())
	_ = a.p.CheckChoice(policy.AcceptAllChoice(a.p))
	_ = policy.ParseCookieString(a.p.ConsentCookie.Name + "=" + v)
	plan := policy.PlanChoice(a.p, a.rec, r, a.env(), a.ranKeys())
	_ = policy.ChangeJSON(a.p, r, plan.Categories, plan.Services)
	_ = policy.ViewJSON(a.p, policy.ViewPreferences, a.lang, a.rec, "")
	_, _ = parseChoice(`{"categories":{},"services":{}}`)
}

func (a *App) env() policy.Env {
	env := a.decisionEnv()
	env.LocalKeys = a.b.StorageKeys(policy.StorageLocal)
	env.SessionKeys = a.b.StorageKeys(policy.StorageSession)
	return env
}

// decisionEnv is the page as the decision needs it: everything but the
// Web Storage keys, which only deletions need.
func (a *App) decisionEnv() policy.Env {
	host, path, secure, _ := a.b.Location()
	raw, _ := a.b.Cookie()
	return policy.Env{
		Host: host, Path: path, Secure: secure, Now: a.now(), GPC: a.b.GPC(),
		Cookies: policy.ParseCookieString(raw),
	}
}

func (a *App) newID() string {
	rnd, err := a.b.RandomBytes(16)
	if err != nil {
		// Without crypto.getRandomValues the id only needs to be unique
		// enough to tell records apart; the clock gives that.
		n := a.now().UnixNano()
		rnd = make([]byte, 16)
		for i := range rnd {
			rnd[i] = byte(n >> (8 * (i % 8)))
		}
	}
	return policy.NewConsentID(rnd)
}

// chooseLanguage picks the UI language from the page's cookies (already
// read for the decision), its lang and the browser's languages.
func (a *App) chooseLanguage(cookies []policy.CookiePair) string {
	page, browser := a.b.Languages()
	sig := policy.LanguageSignals{Explicit: a.explicitLang, Page: page, Browser: browser}
	if a.p.LanguageCookie != "" {
		for _, c := range cookies {
			if c.Name == a.p.LanguageCookie {
				sig.Cookie = c.Value
			}
		}
	}
	return policy.ChooseLanguage(a.p, sig)
}

// render draws the current view; it reports false, after a consent:error
// that says why, when the page could not draw it.
func (a *App) render() bool {
	var err error
	if a.shown == policy.ViewPreferences && a.draft != nil {
		err = a.b.Render(policy.DraftViewJSON(a.p, a.shown, a.lang, a.draft, a.rec, a.notice))
	} else {
		err = a.b.Render(policy.ViewJSON(a.p, a.shown, a.lang, a.rec, a.notice))
	}
	if err != nil {
		a.fail(causeRender, "the "+a.shown+" could not be drawn: "+err.Error())
		return false
	}
	return true
}

func (a *App) renderDeclarations() {
	a.report(causeDeclaration, a.b.Declarations(policy.DeclarationJSON(a.p, a.lang, a.rec)))
}

// show switches the visible view and fires consent:hide / consent:show.
func (a *App) show(view string) error {
	if view == a.shown {
		if view != policy.ViewNone {
			a.render()
		}
		return nil
	}
	old := a.shown
	a.shown = view
	if view == policy.ViewPreferences {
		// The dialog opens with exactly the current choice.
		a.draft = policy.NewDraft(a.p, a.rec)
	} else {
		a.draft = nil
	}
	drawn := a.render()
	if old != policy.ViewNone {
		a.logErr(a.b.Dispatch("consent:hide", `{"view":"`+old+`"}`))
	}
	if view != policy.ViewNone && drawn {
		a.logErr(a.b.Dispatch("consent:show", `{"view":"`+view+`"}`))
	}
	return nil
}

func (a *App) accepted(category, service string) (string, error) {
	if err := a.p.CheckAccepted(category, service); err != nil {
		return "", err
	}
	return strconv.FormatBool(a.rec.Accepted(a.p, category, service)), nil
}

// action answers the JS bridge's report of a click.
func (a *App) action(name, data string) (string, error) {
	switch name {
	case "accept-all":
		return a.choose(policy.AcceptAllChoice(a.p), policy.MethodAcceptAll, policy.SourceBanner)
	case "reject-all":
		return a.choose(policy.RejectAllChoice(a.p), policy.MethodRejectAll, policy.SourceBanner)
	case "toggle":
		// A switch was touched: the draft changes by the policy's rules
		// and the dialog is drawn again from it.
		kind, id, err := parseToggle(data)
		if err != nil {
			return "", err
		}
		if a.shown != policy.ViewPreferences || a.draft == nil {
			return "", errors.New("toggle: the preferences dialog is not open")
		}
		if err := a.draft.Toggle(a.p, kind, id); err != nil {
			return "", err
		}
		a.render()
		return "null", nil
	case "save":
		// Save records exactly the draft the dialog showed.
		d := a.draft
		if d == nil {
			d = policy.NewDraft(a.p, a.rec)
		}
		return a.choose(d.Choice(), policy.MethodCustom, policy.SourceBanner)
	case "customize":
		return "null", a.show(policy.ViewPreferences)
	case "close":
		return "null", a.show(policy.ViewAfterClose(a.rec))
	}
	return "", errors.New("unknown action " + strconv.Quote(name))
}

// acceptInPlace accepts one service (or, for "category:<id>", a category)
// from a placeholder's button.
func (a *App) acceptInPlace(id string) (string, error) {
	return a.choose(policy.InPlaceChoice(id), policy.MethodCustom, policy.SourceBanner)
}

// choose records a new choice made by source (policy.Source*): stores it (verified by reading it back)
// and carries out its plan (policy.PlanChoice).
func (a *App) choose(ch policy.Choice, method, source string) (string, error) {
	if err := a.p.CheckChoice(ch); err != nil {
		return "", err
	}
	// Read, decide, write: the choice starts from the stored record as it
	// is now, so that a tab that has not followed another tab's choice yet
	// (withdrawal, reset) neither widens nor brings back consent.
	a.sync()
	old := a.rec
	rec := policy.NewRecord(a.p, old, ch, method, a.consentID(old), a.now())
	rec.Source = source
	a.rec = rec
	a.notice = ""
	if !a.store(rec) {
		a.notice = policy.UITexts(a.p, a.lang)["storeFailed"]
	}
	a.prove(rec)
	a.announce()
	a.apply(policy.PlanChoice(a.p, old, rec, a.env(), a.ranKeys()))
	return policy.RecordJSON(a.p, rec), nil
}

// apply carries out the plan of a choice or a reset, in the plan's order.
func (a *App) apply(plan policy.ChoicePlan) {
	for _, d := range plan.ForgetConsent {
		a.report(causeDelete, a.b.SetCookie(d.String()))
	}
	if a.shown != plan.View {
		_ = a.show(plan.View)
	} else {
		a.drawReopen()
	}
	if a.notice != "" && plan.View == policy.ViewNone {
		a.report(causeRender, a.b.Render(policy.ViewJSON(a.p, policy.ViewNone, a.lang, a.rec, a.notice)))
	}
	a.applyGates()
	a.report(causeConsentMode, a.b.DataLayer(plan.DataLayer))
	a.renderDeclarations()
	a.carryOut(plan.Cleanup)
	a.logErr(a.b.Dispatch("consent:change", policy.ChangeJSON(a.p, plan.Record, plan.Categories, plan.Services)))
	if plan.Reload {
		a.b.Reload()
	}
}

// store writes the record to the consent cookie and reads it back (see
// storeValue).
func (a *App) store(rec *policy.Record) bool {
	return a.storeValue(policy.EncodeRecord(a.p, rec))
}

// applyGates opens the gates the current choice allows and keeps the rest
// shut (policy.GateStep), remembering the scripts that ran.
func (a *App) applyGates() {
	gates, err := a.gates()
	if err != nil {
		a.b.Log(err.Error())
		return
	}
	for _, g := range gates {
		switch policy.GateStep(a.p, a.rec, g.Tag, g.Category, g.Service, g.State) {
		case policy.GateMakeLive:
			if err := a.b.Open(g); err != nil {
				a.b.Log(err.Error())
				continue
			}
			if k := policy.RanKey(g.Tag, g.Category, g.Service); k != "" {
				a.ran[k] = true
			}
		case policy.GateShut:
			a.report(causeGate, a.b.Close(g, a.placeholderJSON(g)))
		}
	}
}

// gates returns the page's gates: what the browser found, less what
// policy.IsGate says is none (a script no longer of type text/plain).
func (a *App) gates() ([]Gate, error) {
	all, err := a.b.Gates()
	gates := all[:0]
	for _, g := range all {
		if policy.IsGate(g.Tag, g.Type) {
			gates = append(gates, g)
		}
	}
	return gates, err
}

// placeholderJSON is what a shut element's placeholder shows, or "".
func (a *App) placeholderJSON(g Gate) string {
	return policy.PlaceholderJSON(a.p, a.lang, g.Tag, g.Category, g.Service)
}

// sweep deletes what the current choice refuses and the page shows now
// (policy.CleanupFor): loader.js asks again a while after the load, since
// trackers re-create their cookies.
func (a *App) sweep() {
	a.carryOut(policy.CleanupFor(a.p, a.rec, a.env()))
}

// carryOut deletes the cookies and storage keys a plan lists.
func (a *App) carryOut(c policy.Cleanup) {
	for _, d := range c.DeleteCookies {
		a.report(causeDelete, a.b.SetCookie(d.String()))
	}
	if len(c.DeleteLocal) > 0 {
		a.report(causeDelete, a.b.RemoveStorage(policy.StorageLocal, c.DeleteLocal))
	}
	if len(c.DeleteSession) > 0 {
		a.report(causeDelete, a.b.RemoveStorage(policy.StorageSession, c.DeleteSession))
	}
}

// reset forgets the choice: the consent cookie is deleted wherever it can
// live, optional cookies are cleared and the banner shows.
func (a *App) reset() error {
	a.life.kept = false
	a.announce()
	old := a.rec
	a.rec = nil
	a.notice = ""
	a.proveReset(old)
	a.apply(policy.PlanChoice(a.p, old, nil, a.env(), a.ranKeys()))
	return nil
}

// setLanguage shows the policy language lang names, matched as the page's
// language is (texts.Match: "pt" selects "pt-BR", "de-AT" selects "de").
func (a *App) setLanguage(lang string) error {
	l, ok := texts.Match(a.p.Languages, lang)
	if !ok {
		return errors.New("setLanguage: " + strconv.Quote(lang) + " is not one of the policy's languages (" + strings.Join(a.p.Languages, ", ") + ")")
	}
	a.explicitLang = l
	a.lang = l
	if a.notice != "" {
		a.notice = policy.UITexts(a.p, a.lang)["storeFailed"]
	}
	if a.shown != policy.ViewNone {
		a.render()
	}
	a.drawReopen()
	a.renderDeclarations()
	a.applyGatesPlaceholders()
	return nil
}

// applyGatesPlaceholders redraws the placeholders of shut gates, e.g. in a
// new language.
func (a *App) applyGatesPlaceholders() {
	gates, err := a.gates()
	if err != nil {
		return
	}
	for _, g := range gates {
		if g.State == "blocked" {
			a.report(causeGate, a.b.Close(g, a.placeholderJSON(g)))
		}
	}
}

func quote(s string) string {
	var w jsontext.Writer
	w.Str(s)
	return w.String()
}

// parseToggle reads {kind: "category"|"service", id} as ui.js reports a
// touched switch.
func parseToggle(text string) (kind, id string, err error) {
	n, err := jsontext.Parse([]byte(text))
	if err != nil || n.Kind != jsontext.KindObject {
		return "", "", errors.New("toggle: expected {kind, id}, got " + strconv.Quote(text))
	}
	k, i := n.Fields["kind"], n.Fields["id"]
	if k == nil || i == nil || k.Kind != jsontext.KindString || i.Kind != jsontext.KindString {
		return "", "", errors.New("toggle: expected {kind, id}, got " + strconv.Quote(text))
	}
	return k.Str, i.Str, nil
}
