package policy

import (
	"strings"

	"github.com/consentwasm/consent/policy/texts"
)

// Declaration is a policy's cookie declaration in one language: per
// category, one row per service with its provider, function and location,
// cookie names, purposes and durations, as in a cookie policy's tables. It is the
// data of the [data-consent-declaration] element (see DeclarationJSON) and
// prints as HTML or Markdown for the site's cookie policy page.
type Declaration struct {
	// Lang is the policy language the strings are in; Dir its direction.
	Lang, Dir string
	// Texts holds every UI string of texts.Keys in Lang.
	Texts map[string]string
	// Choice reports whether the Accepted flags are the visitor's choice;
	// when false, only required categories and services are accepted and
	// HTML and Markdown leave out the choice column.
	Choice     bool
	Categories []DeclarationCategory
}

// DeclarationCategory is one category of a Declaration.
type DeclarationCategory struct {
	ID, Label, Description string
	Required, Accepted     bool
	Services               []DeclarationService
}

// DeclarationService is one service of a declared category: a row of the
// table.
type DeclarationService struct {
	ID, Label, Provider string
	// Function is the "function and location" column.
	Function, Purpose string
	Accepted          bool
	Cookies           []DeclarationCookie
}

// DeclarationCookie is one cookie (or Web Storage key) of a service; Name
// is the exact name or the pattern, Storage is "" for a cookie or
// StorageLocal or StorageSession.
type DeclarationCookie struct {
	Name, Storage, Purpose, Duration string
}

// BuildDeclaration returns the declaration of p in lang, which is matched
// against the policy's languages as ChooseLanguage does (the default
// language when none matches). accepted reports the visitor's choice for a
// category (service "") or a service; it may be nil when there is no
// choice, and required categories count as accepted either way.
func BuildDeclaration(p *Policy, lang string, accepted func(category, service string) bool) Declaration {
	lang = ChooseLanguage(p, LanguageSignals{Explicit: lang})
	d := Declaration{Lang: lang, Dir: texts.Dir(lang), Texts: UITexts(p, lang), Choice: accepted != nil}
	if p == nil {
		return d
	}
	on := func(c *Category, service string) bool {
		return c.Required || accepted != nil && accepted(c.ID, service)
	}
	for i := range p.Categories {
		c := &p.Categories[i]
		dc := DeclarationCategory{
			ID:          c.ID,
			Label:       declText(p, c.Label, lang),
			Description: declText(p, c.Description, lang),
			Required:    c.Required,
			Accepted:    on(c, ""),
		}
		for _, s := range p.ServicesOf(c.ID) {
			ds := DeclarationService{
				ID:       s.ID,
				Label:    declText(p, s.Label, lang),
				Provider: s.Provider,
				Function: declText(p, s.Function, lang),
				Purpose:  declText(p, s.Purpose, lang),
				Accepted: on(c, s.ID),
			}
			for j := range s.Cookies {
				ck := &s.Cookies[j]
				storage := ck.Storage
				if storage == StorageCookie {
					storage = ""
				}
				ds.Cookies = append(ds.Cookies, DeclarationCookie{
					Name:     ck.DisplayName(),
					Storage:  storage,
					Purpose:  declText(p, ck.Purpose, lang),
					Duration: declText(p, ck.Duration, lang),
				})
			}
			dc.Services = append(dc.Services, ds)
		}
		d.Categories = append(d.Categories, dc)
	}
	return d
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

// declRow is one service's row, its cells in table order, unescaped.
type declRow struct {
	provider, function string
	cookies            []DeclarationCookie
	purposes, duration string
	choice             string
}

// rows returns the rows of a category's table.
func (d Declaration) rows(c DeclarationCategory) []declRow {
	out := make([]declRow, 0, len(c.Services))
	for _, s := range c.Services {
		r := declRow{provider: s.Provider, function: s.Function}
		if r.function == "" {
			r.function = s.Label
		}
		purposes := make([]string, len(s.Cookies))
		durations := make([]string, len(s.Cookies))
		for i, ck := range s.Cookies {
			r.cookies = append(r.cookies, ck)
			purposes[i] = ck.Purpose
			if purposes[i] == "" {
				purposes[i] = s.Purpose
			}
			durations[i] = ck.Duration
		}
		r.purposes = joinPerCookie(s.Cookies, purposes, s.Purpose)
		r.duration = joinPerCookie(s.Cookies, durations, "")
		switch {
		case c.Required:
			r.choice = d.Texts["alwaysOn"]
		case s.Accepted:
			r.choice = d.Texts["accepted"]
		default:
			r.choice = d.Texts["refused"]
		}
		out = append(out, r)
	}
	return out
}

// joinPerCookie returns the common value when every cookie has the same
// one. Otherwise it lists "name: value" for each cookie whose value is
// neither empty nor base (the service's value, may be empty), joined by
// "; ", after base in parentheses when base is not empty.
func joinPerCookie(cookies []DeclarationCookie, values []string, base string) string {
	if len(values) == 0 {
		return base
	}
	same := true
	for _, v := range values[1:] {
		if v != values[0] {
			same = false
			break
		}
	}
	if same {
		return values[0]
	}
	var b strings.Builder
	for i, v := range values {
		if v == "" || v == base {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(cookies[i].Name)
		b.WriteString(": ")
		b.WriteString(v)
	}
	switch {
	case base == "":
		return b.String()
	case b.Len() == 0:
		return base
	}
	return base + " (" + b.String() + ")"
}

// columns returns the table's header cells, unescaped.
func (d Declaration) columns() []string {
	cols := []string{d.Texts["colProvider"], d.Texts["colFunction"], d.Texts["colCookies"],
		d.Texts["colPurpose"], d.Texts["colDuration"]}
	if d.Choice {
		cols = append(cols, d.Texts["colChoice"])
	}
	return cols
}

// HTML returns the declaration as one <section> in d.Lang and d.Dir: per
// category an <h3> heading, its description and a <table> with a <caption>
// and column headers, every policy string escaped. A category without
// services has no table.
func (d Declaration) HTML() string {
	var b strings.Builder
	b.WriteString(`<section class="consent-declaration" lang="`)
	b.WriteString(escapeHTML(d.Lang))
	b.WriteString(`" dir="`)
	b.WriteString(escapeHTML(d.Dir))
	b.WriteString("\">\n")
	for _, c := range d.Categories {
		b.WriteString("<h3>")
		b.WriteString(escapeHTML(c.Label))
		b.WriteString("</h3>\n")
		if c.Description != "" {
			b.WriteString("<p>")
			b.WriteString(escapeHTML(c.Description))
			b.WriteString("</p>\n")
		}
		if len(c.Services) == 0 {
			continue
		}
		b.WriteString("<table>\n<caption>")
		b.WriteString(escapeHTML(c.Label))
		b.WriteString("</caption>\n<thead>\n<tr>")
		for _, col := range d.columns() {
			b.WriteString(`<th scope="col">`)
			b.WriteString(escapeHTML(col))
			b.WriteString("</th>")
		}
		b.WriteString("</tr>\n</thead>\n<tbody>\n")
		for _, r := range d.rows(c) {
			b.WriteString("<tr><td>")
			b.WriteString(escapeHTML(r.provider))
			b.WriteString("</td><td>")
			b.WriteString(escapeHTML(r.function))
			b.WriteString("</td><td>")
			for i, ck := range r.cookies {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString("<code>")
				b.WriteString(escapeHTML(ck.Name))
				b.WriteString("</code>")
				if ck.Storage != "" {
					b.WriteString(" (")
					b.WriteString(escapeHTML(ck.Storage))
					b.WriteString(")")
				}
			}
			b.WriteString("</td><td>")
			b.WriteString(escapeHTML(r.purposes))
			b.WriteString("</td><td>")
			b.WriteString(escapeHTML(r.duration))
			if d.Choice {
				b.WriteString("</td><td>")
				b.WriteString(escapeHTML(r.choice))
			}
			b.WriteString("</td></tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	b.WriteString("</section>\n")
	return b.String()
}

// Markdown returns the declaration as GitHub-flavoured Markdown: per
// category a "### Label" heading, its description and a pipe table of the
// services. Policy strings are escaped so that none can break the table or
// inject markup; cookie names are code spans.
func (d Declaration) Markdown() string {
	var b strings.Builder
	for i, c := range d.Categories {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("### ")
		b.WriteString(EscapeMarkdown(c.Label))
		b.WriteString("\n")
		if c.Description != "" {
			b.WriteString("\n")
			b.WriteString(escapeMarkdownLine(c.Description))
			b.WriteString("\n")
		}
		if len(c.Services) == 0 {
			continue
		}
		b.WriteString("\n|")
		cols := d.columns()
		for _, col := range cols {
			b.WriteString(" ")
			b.WriteString(EscapeMarkdown(col))
			b.WriteString(" |")
		}
		b.WriteString("\n|")
		for range cols {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		for _, r := range d.rows(c) {
			names := make([]string, len(r.cookies))
			for i, ck := range r.cookies {
				names[i] = markdownCode(ck.Name)
				if ck.Storage != "" {
					names[i] += " (" + EscapeMarkdown(ck.Storage) + ")"
				}
			}
			cells := []string{EscapeMarkdown(r.provider), EscapeMarkdown(r.function),
				strings.Join(names, ", "), EscapeMarkdown(r.purposes), EscapeMarkdown(r.duration)}
			if d.Choice {
				cells = append(cells, EscapeMarkdown(r.choice))
			}
			b.WriteString("|")
			for _, cell := range cells {
				b.WriteString(" ")
				b.WriteString(cell)
				b.WriteString(" |")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// escapeHTML escapes the five characters with a meaning in HTML text and
// attribute values.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// oneLine replaces line breaks by spaces: a Markdown table row, heading or
// paragraph must stay on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}

// EscapeMarkdown makes s literal text on one line of a Markdown table cell
// or heading: line breaks become spaces, and the characters with a
// meaning in Markdown inline text or tables get a backslash.
func EscapeMarkdown(s string) string {
	s = oneLine(s)
	if !strings.ContainsAny(s, "\\`*_[]<>&|#~") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '#', '~':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapeMarkdownLine is EscapeMarkdown for a paragraph of its own: a
// leading "-", "+", "=" or "1." would otherwise start a list or a rule.
func escapeMarkdownLine(s string) string {
	s = EscapeMarkdown(strings.TrimLeft(oneLine(s), " "))
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// markdownCode returns s as a Markdown code span inside a table cell: a
// backtick fence longer than any run of backticks in s, pipes escaped as
// GitHub-flavoured tables require, on one line.
func markdownCode(s string) string {
	s = strings.ReplaceAll(oneLine(s), "|", `\|`)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if s == "" || s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' && s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	return fence + s + fence
}
