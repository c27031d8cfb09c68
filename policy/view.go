package policy

import (
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/texts"
)

// Views shown by the JS bridge.
const (
	ViewNone        = ""
	ViewBanner      = "banner"
	ViewPreferences = "preferences"
)

// ViewJSON returns the view the JS bridge draws (web/src/ui.js): which
// dialog to show, the UI texts in lang, and every category and service with
// its switch state from r (nil: nothing ticked but the required ones), as
// a dialog opened now would show them (NewDraft); with show ViewNone the
// list of categories is empty. notice, when not empty, is an extra status
// line.
func ViewJSON(p *Policy, show, lang string, r *Record, notice string) string {
	return DraftViewJSON(p, show, lang, NewDraft(p, r), r, notice)
}

// DraftViewJSON is ViewJSON for a dialog whose draft is d: every switch
// is drawn from the draft (see Draft.CategorySwitch and ServiceSwitch), as
// "checked", "partly" (indeterminate), "disabled" (always on) and
// "stateText" (the state in words). r is the stored choice, for the
// reopen button (ReopenShown).
func DraftViewJSON(p *Policy, show, lang string, d *Draft, r *Record, notice string) string {
	var w jsontext.Writer
	w.BeginObject()
	w.KeyStr("show", show)
	w.KeyStr("lang", lang)
	w.KeyStr("dir", texts.Dir(lang))
	w.KeyStr("layout", p.Layout)
	w.KeyStr("theme", p.Theme)
	ui := UITexts(p, lang)
	w.Key("texts")
	w.StrMap(texts.Keys, ui)
	w.KeyStr("policyUrl", p.PolicyURL)
	w.KeyStr("notice", notice)
	w.KeyBool("reopen", ReopenShown(p, show, r))
	w.Key("categories")
	if show == ViewNone {
		// Nothing shown draws no switch (at most the reopen button): a
		// returning visitor's page load does not build them.
		w.BeginArray()
		w.EndArray()
		w.EndObject()
		return w.String()
	}
	writeCategories(&w, p, lang, func(w *jsontext.Writer, c *Category, s *Service) {
		sw := d.CategorySwitch(p, c)
		if s != nil {
			sw = d.ServiceSwitch(c, s)
		}
		w.KeyBool("checked", sw.Checked)
		w.KeyBool("partly", sw.Partly)
		w.KeyBool("disabled", sw.Disabled)
		w.KeyStr("stateText", ui[sw.Text])
	})
	w.EndObject()
	return w.String()
}

// writeCategories writes every category with its services and cookies in
// lang; state writes the fields of a category's (s nil) or a service's
// state.
func writeCategories(w *jsontext.Writer, p *Policy, lang string, state func(w *jsontext.Writer, c *Category, s *Service)) {
	def := p.DefaultLanguage()
	w.BeginArray()
	for i := range p.Categories {
		c := &p.Categories[i]
		w.BeginObject()
		w.KeyStr("id", c.ID)
		w.KeyStr("label", c.Label.In(lang, def))
		w.KeyStr("description", c.Description.In(lang, def))
		w.KeyBool("required", c.Required)
		state(w, c, nil)
		w.Key("services")
		w.BeginArray()
		for _, s := range p.ServicesOf(c.ID) {
			w.BeginObject()
			w.KeyStr("id", s.ID)
			w.KeyStr("label", s.Label.In(lang, def))
			w.KeyStr("provider", s.Provider)
			w.KeyStr("function", s.Function.In(lang, def))
			w.KeyStr("purpose", s.Purpose.In(lang, def))
			state(w, c, s)
			w.Key("cookies")
			w.BeginArray()
			for j := range s.Cookies {
				ck := &s.Cookies[j]
				w.BeginObject()
				w.KeyStr("name", ck.DisplayName())
				storage := ck.Storage
				if storage == StorageCookie {
					storage = "" // a cookie: only Web Storage keys say where they are
				}
				w.KeyStr("storage", storage)
				w.KeyStr("purpose", ck.Purpose.In(lang, def))
				w.KeyStr("duration", ck.Duration.In(lang, def))
				w.EndObject()
			}
			w.EndArray()
			w.EndObject()
		}
		w.EndArray()
		w.EndObject()
	}
	w.EndArray()
}

// RecordJSON returns r as consent.get() returns it (docs/api.md#windowconsent), with a
// key for every category and service of p, or "null" for no record.
func RecordJSON(p *Policy, r *Record) string {
	if r == nil {
		return "null"
	}
	var w jsontext.Writer
	writeRecord(&w, p, r)
	return w.String()
}

func writeRecord(w *jsontext.Writer, p *Policy, r *Record) {
	if r == nil {
		w.Null()
		return
	}
	w.BeginObject()
	w.KeyStr("id", r.ID)
	w.KeyInt("revision", int64(r.Revision))
	w.KeyInt("timestamp", r.Timestamp)
	w.KeyStr("method", r.Method)
	w.KeyStr("source", recordSource(r))
	w.Key("categories")
	w.BeginObject()
	for i := range p.Categories {
		w.KeyBool(p.Categories[i].ID, r.Categories[p.Categories[i].ID])
	}
	w.EndObject()
	w.Key("services")
	w.BeginObject()
	for i := range p.Services {
		w.KeyBool(p.Services[i].ID, r.Services[p.Services[i].ID])
	}
	w.EndObject()
	w.EndObject()
}

// ChangeJSON returns the detail of a consent:change event; r nil (after
// reset) is written as a null record.
func ChangeJSON(p *Policy, r *Record, categories, services []string) string {
	var w jsontext.Writer
	w.BeginObject()
	w.Key("record")
	if r == nil {
		w.Null()
	} else {
		writeRecord(&w, p, r)
	}
	w.Key("changed")
	w.BeginObject()
	w.Key("categories")
	w.StrList(nonNil(categories))
	w.Key("services")
	w.StrList(nonNil(services))
	w.EndObject()
	w.EndObject()
	return w.String()
}

// ConsentModeJSON returns the Consent Mode v2 update object, types in a
// fixed order.
func ConsentModeJSON(state map[string]string) string {
	var w jsontext.Writer
	w.StrMap(ConsentModeTypes, state)
	return w.String()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
