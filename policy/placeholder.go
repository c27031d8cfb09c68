package policy

import (
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/texts"
)

// PlaceholderJSON returns what a shut element's placeholder shows, or ""
// when it gets none: an element of a placeholder tag whose data-service
// names a service of the policy (the button accepts that service) or,
// without one, whose data-category names a category (the button accepts
// the category). A "!" element (live only while something is refused)
// gets none. The object is {provider, service (the label), serviceId
// (the service's id, or "category:" and the category's id, as the
// acceptService call takes it), lang, dir, theme, texts}.
func PlaceholderJSON(p *Policy, lang, tag, category, service string) string {
	if p == nil || !placeholderTag(tag) || len(category) > 0 && category[0] == '!' {
		return ""
	}
	def := p.DefaultLanguage()
	var provider, label, id string
	if s := p.Service(service); s != nil {
		provider, label, id = s.Provider, s.Label.In(lang, def), s.ID
	} else if c := p.Category(category); c != nil {
		label, id = c.Label.In(lang, def), "category:"+c.ID
		provider = label
	} else {
		return ""
	}
	var w jsontext.Writer
	w.BeginObject()
	w.KeyStr("provider", provider)
	w.KeyStr("service", label)
	w.KeyStr("serviceId", id)
	w.KeyStr("lang", lang)
	w.KeyStr("dir", texts.Dir(lang))
	w.KeyStr("theme", p.Theme)
	w.Key("texts")
	w.StrMap(texts.Keys, UITexts(p, lang))
	w.EndObject()
	return w.String()
}

// InPlaceChoice is the choice a placeholder's button makes: it accepts the
// service id, or for "category:" and an id (see PlaceholderJSON) that
// category.
func InPlaceChoice(id string) Choice {
	ch := Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	if len(id) > len("category:") && id[:len("category:")] == "category:" {
		ch.Categories[id[len("category:"):]] = true
	} else {
		ch.Services[id] = true
	}
	return ch
}
