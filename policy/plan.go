package policy

// ChoicePlan is everything a new choice (or a reset) makes a running page
// do; the controller carries it out in this order and computes none of it
// again: store Record in the consent cookie (or, for a reset, delete it
// with ForgetConsent), show View, open and shut the gates Record allows
// (GateStep), push DataLayer, redraw the declarations, delete Cleanup,
// fire consent:change with Categories and Services, and reload when
// Reload is set.
type ChoicePlan struct {
	// Record is the new choice; nil for a reset.
	Record *Record
	// Categories and Services are the ids whose accepted state changed
	// (see Changed), as consent:change reports them.
	Categories, Services []string
	// View is the view to show afterwards: none after a choice, the
	// banner after a reset (the visitor must be asked again).
	View string
	// ForgetConsent deletes the consent cookie wherever it can live: set
	// for a reset only.
	ForgetConsent []Deletion
	// DataLayer is the Consent Mode update to push (ConsentModeUpdateJSON).
	DataLayer string
	// Cleanup is what the new choice refuses and the page can see.
	Cleanup
	// Reload is true when the policy has reloadOnWithdraw and the new
	// choice refuses a gated script that already ran in this page view
	// (ran lists them as "category" or "category/service", see RanKey): a
	// script that ran cannot be un-run.
	Reload bool
}

// PlanChoice returns the plan of going from the choice old (nil: none) to
// rec (nil: a reset, which forgets the choice) in a page whose cookies and
// storage keys env shows, where the gated scripts ran have run.
func PlanChoice(p *Policy, old, rec *Record, env Env, ran []string) ChoicePlan {
	plan := ChoicePlan{Record: rec}
	if p == nil {
		return plan
	}
	plan.Categories, plan.Services = Changed(old, rec)
	plan.View = ViewNone
	if rec == nil {
		plan.View = ViewBanner
		plan.ForgetConsent = DeletionsOn(p.ConsentCookie.Name, env.Host, env.Path, env.Secure)
	}
	plan.DataLayer = ConsentModeUpdateJSON(p, rec)
	plan.Cleanup = CleanupFor(p, rec, env)
	plan.Reload = old != nil && p.ReloadOnWithdraw && WithdrawnRan(p, rec, ran)
	return plan
}

// ViewAfterClose is the view shown when the visitor closes the dialog
// without saving (Escape, ×): the banner again while there is no choice,
// since the visitor must still be asked; nothing once there is one.
func ViewAfterClose(r *Record) string {
	if r == nil {
		return ViewBanner
	}
	return ViewNone
}
