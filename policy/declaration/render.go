// Package declaration prints a policy's cookie declaration
// (Declaration, the view the browser draws too) as HTML or Markdown
// for the site's cookie policy page. It is the CLI's: the wasm draws the
// same view in the page and never imports this package.
package declaration

import "strings"

// HTML returns d as one <section> in d.Lang and d.Dir: per category an
// <h3> heading, its description, the visitor's choice when d carries one,
// and a <table> with a <caption> and column headers, every policy string
// escaped. A category without services has no table.
func HTML(d Declaration) string {
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
		if d.Choice {
			b.WriteString("<p>")
			b.WriteString(escapeHTML(labelled(d.ChoiceLabel, c.ChoiceText)))
			b.WriteString("</p>\n")
		}
		if len(c.Rows) == 0 {
			continue
		}
		b.WriteString("<table>\n<caption>")
		b.WriteString(escapeHTML(c.Label))
		b.WriteString("</caption>\n<thead>\n<tr>")
		for _, col := range d.Columns {
			b.WriteString(`<th scope="col">`)
			b.WriteString(escapeHTML(col))
			b.WriteString("</th>")
		}
		b.WriteString("</tr>\n</thead>\n<tbody>\n")
		for _, r := range c.Rows {
			b.WriteString(`<tr><th scope="row">`)
			b.WriteString(escapeHTML(serviceCell(r)))
			b.WriteString("</th><td>")
			b.WriteString(escapeHTML(r.Function))
			b.WriteString("</td><td>")
			for i, ck := range r.Cookies {
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
			b.WriteString(escapeHTML(r.NoCookies))
			b.WriteString("</td><td>")
			b.WriteString(escapeHTML(withNotes(r.Purpose, r.Purposes)))
			b.WriteString("</td><td>")
			if r.DurationNote != "" {
				b.WriteString(`<abbr title="`)
				b.WriteString(escapeHTML(r.DurationNote))
				b.WriteString(`">`)
				b.WriteString(escapeHTML(r.Duration))
				b.WriteString("</abbr>")
			} else {
				b.WriteString(escapeHTML(withNotes(r.Duration, r.Durations)))
			}
			b.WriteString("</td></tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	b.WriteString("</section>\n")
	return b.String()
}

// Markdown returns d as GitHub-flavoured Markdown: per category a
// "### Label" heading, its description, the visitor's choice when d
// carries one, and a pipe table of the services. Policy strings are
// escaped so that none can break the table or inject markup; cookie names
// are code spans.
func Markdown(d Declaration) string {
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
		if d.Choice {
			b.WriteString("\n")
			b.WriteString(escapeMarkdownLine(labelled(d.ChoiceLabel, c.ChoiceText)))
			b.WriteString("\n")
		}
		if len(c.Rows) == 0 {
			continue
		}
		b.WriteString("\n|")
		for _, col := range d.Columns {
			b.WriteString(" ")
			b.WriteString(EscapeMarkdown(col))
			b.WriteString(" |")
		}
		b.WriteString("\n|")
		for range d.Columns {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		for _, r := range c.Rows {
			names := make([]string, len(r.Cookies))
			for i, ck := range r.Cookies {
				names[i] = markdownCode(ck.Name)
				if ck.Storage != "" {
					names[i] += " (" + EscapeMarkdown(ck.Storage) + ")"
				}
			}
			cookies := strings.Join(names, ", ")
			if len(names) == 0 {
				cookies = EscapeMarkdown(r.NoCookies)
			}
			cells := []string{EscapeMarkdown(serviceCell(r)), EscapeMarkdown(r.Function), cookies,
				EscapeMarkdown(withNotes(r.Purpose, r.Purposes)), EscapeMarkdown(durationCell(r))}
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

// serviceCell is a row's first cell: the service, its provider in
// parentheses when it has another name, and its own choice when it
// differs from its category's.
func serviceCell(r Row) string {
	s := r.Label
	if r.Provider != "" {
		s += " (" + r.Provider + ")"
	}
	if r.ChoiceText != "" {
		s += ": " + r.ChoiceText
	}
	return s
}

// labelled returns "label: text", or text alone without a label.
func labelled(label, text string) string {
	if label == "" {
		return text
	}
	return label + ": " + text
}

// withNotes returns base, then the per-cookie notes as "name: text"
// joined by "; ", in parentheses after a base.
func withNotes(base string, notes []Note) string {
	var b strings.Builder
	for _, n := range notes {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(n.Name)
		b.WriteString(": ")
		b.WriteString(n.Text)
	}
	switch {
	case b.Len() == 0:
		return base
	case base == "":
		return b.String()
	}
	return base + " (" + b.String() + ")"
}

// durationCell is a row's duration in Markdown, where a dash alone would
// say nothing: the dash with its meaning in parentheses.
func durationCell(r Row) string {
	if r.DurationNote != "" {
		return r.Duration + " (" + r.DurationNote + ")"
	}
	return withNotes(r.Duration, r.Durations)
}
