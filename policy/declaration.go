package policy

import (
	"github.com/consentwasm/consent/policy/jsontext"
	"github.com/consentwasm/consent/policy/texts"
)

// Declaration is a policy's cookie declaration in one language, as plain
// data: per category its heading, description and choice, and one row per
// service with every cell already in words. It is built once (Build-
// Declaration): the browser draws it from its JSON (DeclarationJSON, in
// [data-consent-declaration] elements) and the CLI prints it as HTML or
// Markdown (package policy/declaration), so both say the same.
type Declaration struct {
	// Lang is the policy language the strings are in; Dir its direction.
	Lang, Dir string
	// Columns are the table's headings, in the order of a row's cells:
	// service and provider, function and location, cookie names,
	// purposes, duration.
	Columns []string
	// Choice reports whether the visitor's choice is part of the
	// declaration (the page's, not the CLI's); ChoiceLabel heads it.
	Choice      bool
	ChoiceLabel string
	Categories  []DeclarationCategory
}

// DeclarationCategory is one category of a Declaration: a heading, its
// description, the visitor's choice and a table of its services.
type DeclarationCategory struct {
	ID, Label, Description string
	Required, Accepted     bool
	// ChoiceText is the choice in words (DeclarationChoice), "" when the
	// declaration carries no choice.
	ChoiceText string
	Rows       []DeclarationRow
}

// DeclarationRow is one service of a category: a row of the table, each
// cell saying something.
type DeclarationRow struct {
	ID, Label string
	// Provider is the service's provider, "" when it is its label.
	Provider string
	// Function is the "function and location" cell: the service's
	// function, else its label.
	Function string
	// Cookies are the cookie names (or patterns) with their storage;
	// NoCookies is what the cell says when there are none.
	Cookies   []DeclarationCookie
	NoCookies string
	// Purpose is the service's purpose, or the one purpose all of its
	// cookies share; Purposes lists "name: purpose" for cookies whose
	// purpose differs.
	Purpose  string
	Purposes []DeclarationNote
	// Duration is the one duration of all cookies; Durations lists the
	// stated ones per cookie when they differ. When neither says
	// anything, Duration is "—" and DurationNote says what the dash
	// means (no cookies, or no duration stated).
	Duration     string
	Durations    []DeclarationNote
	DurationNote string
	// Accepted is the visitor's choice for the service (Record.Accepted);
	// ChoiceText says it in words when it differs from its category's.
	Accepted   bool
	ChoiceText string
}

// DeclarationCookie is one cookie (or Web Storage key) of a row; Name is
// the exact name or the pattern, Storage is "" for a cookie or
// StorageLocal or StorageSession.
type DeclarationCookie struct {
	Name, Storage string
}

// DeclarationNote is a cookie's own value in a cell: its name and the text.
type DeclarationNote struct {
	Name, Text string
}

// NoDurationMark is what a duration cell shows when no duration is known;
// DeclarationRow.DurationNote says why in words.
const NoDurationMark = "—"

// BuildDeclaration returns the declaration of p in lang, which is matched
// against the policy's languages as ChooseLanguage does (the default
// language when none matches). With choice, it carries the visitor's
// choice r (nil: none yet, required categories count as accepted);
// without, it is the declaration of the site's cookie policy page.
func BuildDeclaration(p *Policy, lang string, r *Record, choice bool) Declaration {
	lang = ChooseLanguage(p, LanguageSignals{Explicit: lang})
	t := UITexts(p, lang)
	service := t["colService"]
	if t["colProvider"] != "" {
		if service != "" {
			service += " / "
		}
		service += t["colProvider"]
	}
	d := Declaration{
		Lang: lang, Dir: texts.Dir(lang),
		Columns: []string{service, t["colFunction"], t["colCookies"], t["colPurpose"], t["colDuration"]},
		Choice:  choice,
	}
	if choice {
		d.ChoiceLabel = t["colChoice"]
	}
	if p == nil {
		return d
	}
	for i := range p.Categories {
		c := &p.Categories[i]
		dc := DeclarationCategory{
			ID:          c.ID,
			Label:       declText(p, c.Label, lang),
			Description: declText(p, c.Description, lang),
			Required:    c.Required,
			Accepted:    r.Accepted(p, c.ID, ""),
		}
		if choice {
			dc.ChoiceText = DeclarationChoice(t, c, nil, r)
		}
		for _, s := range p.ServicesOf(c.ID) {
			row := declRow(p, s, lang, t)
			row.Accepted = r.Accepted(p, c.ID, s.ID)
			if choice {
				row.ChoiceText = DeclarationChoice(t, c, s, r)
			}
			dc.Rows = append(dc.Rows, row)
		}
		d.Categories = append(d.Categories, dc)
	}
	return d
}

// declRow returns the cells of service s in lang.
func declRow(p *Policy, s *Service, lang string, t map[string]string) DeclarationRow {
	row := DeclarationRow{
		ID:       s.ID,
		Label:    declText(p, s.Label, lang),
		Function: declText(p, s.Function, lang),
		Purpose:  declText(p, s.Purpose, lang),
	}
	if s.Provider != row.Label {
		row.Provider = s.Provider
	}
	if row.Function == "" {
		row.Function = row.Label
	}
	purposes := make([]DeclarationNote, len(s.Cookies))
	durations := make([]DeclarationNote, len(s.Cookies))
	for i := range s.Cookies {
		ck := &s.Cookies[i]
		storage := ck.Storage
		if storage == StorageCookie {
			storage = ""
		}
		name := ck.DisplayName()
		row.Cookies = append(row.Cookies, DeclarationCookie{Name: name, Storage: storage})
		purposes[i] = DeclarationNote{name, declText(p, ck.Purpose, lang)}
		if purposes[i].Text == "" {
			purposes[i].Text = row.Purpose
		}
		durations[i] = DeclarationNote{name, declText(p, ck.Duration, lang)}
	}
	if len(row.Cookies) == 0 {
		row.NoCookies = t["noCookies"]
	}
	if common, ok := sameText(purposes); ok && common != "" {
		row.Purpose = common
	} else {
		row.Purposes = notesApart(purposes, row.Purpose)
	}
	if common, ok := sameText(durations); ok {
		row.Duration = common
	} else {
		row.Durations = notesApart(durations, "")
	}
	if row.Duration == "" && len(row.Durations) == 0 {
		row.Duration = NoDurationMark
		row.DurationNote = t["noDuration"]
		if len(row.Cookies) == 0 {
			row.DurationNote = t["noCookies"]
		}
	}
	return row
}

// sameText returns the text every note has, and whether there is one (at
// least one note, all alike).
func sameText(notes []DeclarationNote) (string, bool) {
	if len(notes) == 0 {
		return "", false
	}
	for _, n := range notes[1:] {
		if n.Text != notes[0].Text {
			return "", false
		}
	}
	return notes[0].Text, true
}

// notesApart returns the notes whose text is neither empty nor base.
func notesApart(notes []DeclarationNote, base string) []DeclarationNote {
	var out []DeclarationNote
	for _, n := range notes {
		if n.Text != "" && n.Text != base {
			out = append(out, n)
		}
	}
	return out
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

// DeclarationJSON returns the cookie declaration the JS bridge draws into
// [data-consent-declaration] elements: BuildDeclaration with the
// visitor's current choice r, as JSON.
func DeclarationJSON(p *Policy, lang string, r *Record) string {
	return BuildDeclaration(p, lang, r, true).JSON()
}

// JSON returns d as the browser reads it: the fields of Declaration and
// its parts in lower camel case (docs/api.md describes it).
func (d Declaration) JSON() string {
	var w jsontext.Writer
	w.BeginObject()
	w.KeyStr("lang", d.Lang)
	w.KeyStr("dir", d.Dir)
	w.Key("columns")
	w.StrList(d.Columns)
	w.KeyBool("choice", d.Choice)
	w.KeyStr("choiceLabel", d.ChoiceLabel)
	w.Key("categories")
	w.BeginArray()
	for _, c := range d.Categories {
		w.BeginObject()
		w.KeyStr("id", c.ID)
		w.KeyStr("label", c.Label)
		w.KeyStr("description", c.Description)
		w.KeyBool("required", c.Required)
		w.KeyBool("accepted", c.Accepted)
		w.KeyStr("choiceText", c.ChoiceText)
		w.Key("rows")
		w.BeginArray()
		for _, r := range c.Rows {
			r.writeJSON(&w)
		}
		w.EndArray()
		w.EndObject()
	}
	w.EndArray()
	w.EndObject()
	return w.String()
}

func (r DeclarationRow) writeJSON(w *jsontext.Writer) {
	w.BeginObject()
	w.KeyStr("id", r.ID)
	w.KeyStr("label", r.Label)
	w.KeyStr("provider", r.Provider)
	w.KeyStr("function", r.Function)
	w.Key("cookies")
	w.BeginArray()
	for _, ck := range r.Cookies {
		w.BeginObject()
		w.KeyStr("name", ck.Name)
		w.KeyStr("storage", ck.Storage)
		w.EndObject()
	}
	w.EndArray()
	w.KeyStr("noCookies", r.NoCookies)
	w.KeyStr("purpose", r.Purpose)
	w.Key("purposes")
	writeNotes(w, r.Purposes)
	w.KeyStr("duration", r.Duration)
	w.Key("durations")
	writeNotes(w, r.Durations)
	w.KeyStr("durationNote", r.DurationNote)
	w.KeyBool("accepted", r.Accepted)
	w.KeyStr("choiceText", r.ChoiceText)
	w.EndObject()
}

func writeNotes(w *jsontext.Writer, notes []DeclarationNote) {
	w.BeginArray()
	for _, n := range notes {
		w.BeginObject()
		w.KeyStr("name", n.Name)
		w.KeyStr("text", n.Text)
		w.EndObject()
	}
	w.EndArray()
}
