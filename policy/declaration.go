package policy

import (
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/texts"
)

// The cookie declaration is built here once, as JSON: the browser draws it
// into [data-consent-declaration] elements (web/src/ui.js only draws), and
// the CLI decodes the same JSON and prints it as HTML or Markdown (package
// policy/declaration, which the wasm never imports). It is written
// directly, without an intermediate struct: every visitor downloads this
// code. docs/api.md describes its fields; in short:
//
//	{lang, dir, columns: [headings], choice: bool, choiceLabel,
//	 categories: [{id, label, description, required, accepted, choiceText,
//	   rows: [{id, label, provider, function, cookies: [{name, storage}],
//	     noCookies, purpose, purposes: [{name, text}], duration,
//	     durations: [{name, text}], durationNote, accepted, choiceText}]}]}
//
// Every cell says something: the label when the function is empty, the
// provider only when it is another name than the label, noCookies for a
// service that lists none, and the duration NoDurationMark with
// durationNote saying what it means when no duration is stated.

// NoDurationMark is what a duration cell shows when no duration is known;
// the row's durationNote says why in words.
const NoDurationMark = "—"

// DeclarationJSON returns the cookie declaration the JS bridge draws into
// [data-consent-declaration] elements in lang (matched as ChooseLanguage
// does), with the visitor's choice r (nil: none yet; required categories
// count as accepted).
func DeclarationJSON(p *Policy, lang string, r *Record) string {
	return declarationJSON(p, lang, r, true)
}

// StaticDeclarationJSON is DeclarationJSON without a visitor: the
// declaration of the site's cookie policy page, as the CLI prints it. It
// has no choice texts, and "choice" is false.
func StaticDeclarationJSON(p *Policy, lang string) string {
	return declarationJSON(p, lang, nil, false)
}

func declarationJSON(p *Policy, lang string, r *Record, choice bool) string {
	lang = ChooseLanguage(p, LanguageSignals{Explicit: lang})
	ui := UITexts(p, lang)
	service := ui["colService"]
	if ui["colProvider"] != "" {
		if service != "" {
			service += " / "
		}
		service += ui["colProvider"]
	}
	var w jsontext.Writer
	w.BeginObject()
	keyStrs(&w, "lang", lang, "dir", texts.Dir(lang))
	w.Key("columns")
	w.StrList([]string{service, ui["colFunction"], ui["colCookies"], ui["colPurpose"], ui["colDuration"]})
	w.KeyBool("choice", choice)
	label := ""
	if choice {
		label = ui["colChoice"]
	}
	keyStrs(&w, "choiceLabel", label)
	w.Key("categories")
	w.BeginArray()
	for i := range policyCategories(p) {
		c := &p.Categories[i]
		w.BeginObject()
		keyStrs(&w, "id", c.ID, "label", declText(p, c.Label, lang), "description", declText(p, c.Description, lang),
			"choiceText", choiceText(choice, ui, c, nil, r))
		w.KeyBool("required", c.Required)
		w.KeyBool("accepted", r.Accepted(p, c.ID, ""))
		w.Key("rows")
		w.BeginArray()
		for _, s := range p.ServicesOf(c.ID) {
			w.BeginObject()
			writeDeclRow(&w, p, s, lang, ui)
			w.KeyBool("accepted", r.Accepted(p, c.ID, s.ID))
			keyStrs(&w, "choiceText", choiceText(choice, ui, c, s, r))
			w.EndObject()
		}
		w.EndArray()
		w.EndObject()
	}
	w.EndArray()
	w.EndObject()
	return w.String()
}

func policyCategories(p *Policy) []Category {
	if p == nil {
		return nil
	}
	return p.Categories
}

func choiceText(choice bool, ui map[string]string, c *Category, s *Service, r *Record) string {
	if !choice {
		return ""
	}
	return DeclarationChoice(ui, c, s, r)
}

// writeDeclRow writes the cells of service s in lang.
func writeDeclRow(w *jsontext.Writer, p *Policy, s *Service, lang string, ui map[string]string) {
	label := declText(p, s.Label, lang)
	purpose := declText(p, s.Purpose, lang)
	function := declText(p, s.Function, lang)
	if function == "" {
		function = label
	}
	provider := s.Provider
	if provider == label {
		provider = ""
	}
	keyStrs(w, "id", s.ID, "label", label, "provider", provider, "function", function)
	w.Key("cookies")
	w.BeginArray()
	n := len(s.Cookies)
	names := make([]string, n)
	purposes := make([]string, n)
	durations := make([]string, n)
	for i := range s.Cookies {
		ck := &s.Cookies[i]
		storage := ck.Storage
		if storage == StorageCookie {
			storage = ""
		}
		names[i] = ck.DisplayName()
		purposes[i] = declText(p, ck.Purpose, lang)
		if purposes[i] == "" {
			purposes[i] = purpose
		}
		durations[i] = declText(p, ck.Duration, lang)
		w.BeginObject()
		keyStrs(w, "name", names[i], "storage", storage)
		w.EndObject()
	}
	w.EndArray()
	noCookies := ""
	if n == 0 {
		noCookies = ui["noCookies"]
	}
	keyStrs(w, "noCookies", noCookies)
	// One purpose (and one duration) for all cookies is said once;
	// otherwise the cookies whose own differs are listed.
	common, same := sameText(purposes)
	if same && common != "" {
		purpose = common
	}
	keyStrs(w, "purpose", purpose)
	w.Key("purposes")
	writeNotesApart(w, names, purposes, purpose, same)
	common, same = sameText(durations)
	note := ""
	switch {
	case n == 0:
		common, note = NoDurationMark, noCookies
	case !anyText(durations):
		common, note = NoDurationMark, ui["noDuration"]
	case !same:
		common = ""
	}
	keyStrs(w, "duration", common)
	w.Key("durations")
	writeNotesApart(w, names, durations, "", same || note != "")
	keyStrs(w, "durationNote", note)
}

// sameText returns the text every value has, and whether all are alike
// (false for none).
func sameText(values []string) (string, bool) {
	if len(values) == 0 {
		return "", false
	}
	for _, v := range values[1:] {
		if v != values[0] {
			return "", false
		}
	}
	return values[0], true
}

func anyText(values []string) bool {
	for _, v := range values {
		if v != "" {
			return true
		}
	}
	return false
}

// writeNotesApart writes [{name, text}] for the values that are neither
// empty nor base; nothing (an empty list) when skip.
func writeNotesApart(w *jsontext.Writer, names, values []string, base string, skip bool) {
	w.BeginArray()
	for i, v := range values {
		if skip || v == "" || v == base {
			continue
		}
		w.BeginObject()
		keyStrs(w, "name", names[i], "text", v)
		w.EndObject()
	}
	w.EndArray()
}

// declText returns t in lang, else in the default language or the
// language-neutral string, else in the first policy language that has it.
func declText(p *Policy, t Text, lang string) string {
	if s := t.In(lang, p.DefaultLanguage()); s != "" {
		return s
	}
	for _, l := range p.Languages {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}

// keyStrs writes string members, key and value in turn: one call site
// instead of many inlined ones keeps the wasm small.
func keyStrs(w *jsontext.Writer, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.KeyStr(kv[i], kv[i+1])
	}
}
