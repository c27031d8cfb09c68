package policy

import (
	"errors"
	"strconv"
	"strings"
)

// Gated elements (docs/api.md#gated-content) are reported by the page with their tag,
// data-category, data-service and state; GateStep says what becomes of
// each under a choice.

// Gate states as the page reports them.
const (
	// GateLive is an element made live (a script that ran, a frame loaded).
	GateLive = "live"
	// GateBlocked is an element kept shut (with its placeholder, if any).
	GateBlocked = "blocked"
)

// GateAction is what to do with one gated element.
type GateAction int

const (
	// GateKeep leaves the element as it is.
	GateKeep GateAction = iota
	// GateMakeLive makes it live: a script runs, a frame loads.
	GateMakeLive
	// GateShut shuts it: a loaded frame is emptied and gets a placeholder.
	GateShut
)

// GateStep returns what becomes of a gated element (tag, data-category,
// data-service, its state) under the choice r (nil: none). It opens when
// GateOpen says so and it is not live yet. Otherwise it is shut, except a
// script that already ran (it cannot be un-run: see ChoicePlan.Reload)
// and an element already shut.
func GateStep(p *Policy, r *Record, tag, category, service, state string) GateAction {
	if GateOpen(p, r, category, service) {
		if state == GateLive {
			return GateKeep
		}
		return GateMakeLive
	}
	if state == GateBlocked || tag == "script" && state == GateLive {
		return GateKeep
	}
	return GateShut
}

// RanKey is how a gated element made live is remembered among the scripts
// that ran in a page view ("category" or "category/service"), or "" when
// it does not count: only scripts run, and a "!" script runs because of a
// refusal, which a later choice cannot withdraw.
func RanKey(tag, category, service string) string {
	if tag != "script" || strings.HasPrefix(category, "!") {
		return ""
	}
	if service != "" {
		return category + "/" + service
	}
	return category
}

// CheckAccepted reports what is wrong with the arguments of
// consent.accepted(category, service): an unknown category or service, or
// a service not of that category.
func (p *Policy) CheckAccepted(category, service string) error {
	if p.Category(category) == nil {
		return errors.New(didYouMean("accepted: unknown category "+strconv.Quote(category), category, p.categoryIDs()))
	}
	if service == "" {
		return nil
	}
	s := p.Service(service)
	if s == nil {
		return errors.New(didYouMean("accepted: unknown service "+strconv.Quote(service), service, p.serviceIDs()))
	}
	if s.Category != category {
		return errors.New("accepted: service " + strconv.Quote(service) + " is not in category " + strconv.Quote(category))
	}
	return nil
}
