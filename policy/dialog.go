package policy

import (
	"errors"
	"strconv"
)

// Draft is the preferences dialog's unsaved choice: a value for every
// category and every service of the policy. The dialog draws it (see
// Switches), the visitor's touches change it (Toggle), and Save records
// exactly it (Choice, with method custom). The JS bridge keeps no state of
// its own.
type Draft struct {
	Categories map[string]bool
	Services   map[string]bool
}

// Switch kinds a toggle names.
const (
	SwitchCategory = "category"
	SwitchService  = "service"
)

// NewDraft returns the draft a dialog opens with: exactly the record r, or
// with no record nothing but the required categories and their services.
// Opening the dialog and saving without a touch therefore records what was
// already chosen, never more.
func NewDraft(p *Policy, r *Record) *Draft {
	d := &Draft{Categories: map[string]bool{}, Services: map[string]bool{}}
	if p == nil {
		return d
	}
	for _, c := range p.Categories {
		d.Categories[c.ID] = c.Required || r != nil && r.Categories[c.ID]
	}
	for i := range p.Services {
		s := &p.Services[i]
		d.Services[s.ID] = p.requiredService(s) || r != nil && r.Services[s.ID]
	}
	return d
}

// Toggle applies a visitor's touch of one switch (kind SwitchCategory or
// SwitchService, and its id) to the draft:
//
//   - a required category's switch, and those of its services, do not move;
//   - a category switch that is fully on (the category and every one of its
//     services) turns the category and all its services off; any other
//     state (off, or partly on) turns them all on;
//   - a service switch flips that service; its category then counts as
//     accepted exactly when all of its services are: accepting some of a
//     category's services never accepts the category itself.
//
// Unknown kinds and ids are an error and change nothing.
func (d *Draft) Toggle(p *Policy, kind, id string) error {
	if p == nil || d == nil {
		return errors.New("no policy")
	}
	switch kind {
	case SwitchCategory:
		c := p.Category(id)
		if c == nil {
			return errors.New("toggle: unknown category " + strconv.Quote(id))
		}
		if c.Required {
			return nil
		}
		on := !d.fullyOn(p, c)
		d.Categories[c.ID] = on
		for _, s := range p.ServicesOf(c.ID) {
			d.Services[s.ID] = on
		}
		return nil
	case SwitchService:
		s := p.Service(id)
		if s == nil {
			return errors.New("toggle: unknown service " + strconv.Quote(id))
		}
		c := p.Category(s.Category)
		if c == nil || c.Required {
			return nil
		}
		d.Services[s.ID] = !d.Services[s.ID]
		all := true
		for _, o := range p.ServicesOf(c.ID) {
			all = all && d.Services[o.ID]
		}
		d.Categories[c.ID] = all
		return nil
	}
	return errors.New("toggle: unknown switch kind " + strconv.Quote(kind) + " (expected category or service)")
}

// fullyOn reports whether the draft accepts the category and every one of
// its services.
func (d *Draft) fullyOn(p *Policy, c *Category) bool {
	if !d.Categories[c.ID] {
		return false
	}
	for _, s := range p.ServicesOf(c.ID) {
		if !d.Services[s.ID] {
			return false
		}
	}
	return true
}

// Choice returns the draft as a choice naming every category and service,
// so that NewRecord records exactly the draft.
func (d *Draft) Choice() Choice {
	ch := Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	if d == nil {
		return ch
	}
	for k, v := range d.Categories {
		ch.Categories[k] = v
	}
	for k, v := range d.Services {
		ch.Services[k] = v
	}
	return ch
}

// Switch is how one switch of the dialog is drawn.
type Switch struct {
	// Checked is the checkbox's checked state: the category (or service)
	// is accepted in the draft.
	Checked bool
	// Partly is the checkbox's indeterminate state: a category that is
	// not accepted itself, some of whose services are, or an accepted one
	// some of whose services are not.
	Partly bool
	// Disabled is true for a required category and its services: always on.
	Disabled bool
	// Text is the key of the UI text that says the state in words
	// (alwaysOn, switchOn, partly or switchOff), so that it never rests
	// on the switch's drawing alone.
	Text string
}

// CategorySwitch returns how the draft's category c is drawn.
func (d *Draft) CategorySwitch(p *Policy, c *Category) Switch {
	if c.Required {
		return Switch{Checked: true, Disabled: true, Text: "alwaysOn"}
	}
	on := d != nil && d.Categories[c.ID]
	some, all := false, true
	for _, s := range p.ServicesOf(c.ID) {
		v := d != nil && d.Services[s.ID]
		some = some || v
		all = all && v
	}
	sw := Switch{Checked: on, Partly: on && !all || !on && some, Text: "switchOff"}
	switch {
	case sw.Partly:
		sw.Text = "partly"
	case on:
		sw.Text = "switchOn"
	}
	return sw
}

// ServiceSwitch returns how the draft's service s of category c is drawn.
func (d *Draft) ServiceSwitch(c *Category, s *Service) Switch {
	if c.Required {
		return Switch{Checked: true, Disabled: true, Text: "alwaysOn"}
	}
	if d != nil && d.Services[s.ID] {
		return Switch{Checked: true, Text: "switchOn"}
	}
	return Switch{Text: "switchOff"}
}
