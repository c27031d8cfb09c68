package scan

import (
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/consentwasm/consent/policy/declaration"
)

// Row is one row of a cookie policy's declaration table: a service with what was found of it.
type Row struct {
	Category string   `json:"category"`
	Service  string   `json:"service,omitempty"`
	Provider string   `json:"provider"`
	Function string   `json:"function"`
	Names    []string `json:"names"`
	Purposes string   `json:"purposes"`
	// Duration is the observed lifetimes (or the policy's); Documented
	// the tables' documented retention.
	Duration   string `json:"duration"`
	Documented string `json:"documented,omitempty"`
}

// Table groups the items per category and service, one row a service,
// in CategoryOrder (then any other category of the site's policy).
func (r *Report) Table() []Row {
	var rows []Row
	var locs [][]string
	index := map[string]int{}
	for _, it := range r.Items {
		key := it.Category + "\x00" + it.Service
		if it.Service == "" {
			key += hostOf(it.Domain)
		}
		i, ok := index[key]
		if !ok {
			fn := it.Function
			if fn == "" {
				fn = "Unknown"
			}
			i = len(rows)
			index[key] = i
			rows = append(rows, Row{Category: it.Category, Service: it.Service, Provider: it.Provider, Function: fn})
			locs = append(locs, nil)
		}
		row := &rows[i]
		row.Names = appendOnce(row.Names, it.Label())
		locs[i] = appendOnce(locs[i], hostOf(it.Domain))
		row.Purposes = joinOnce(row.Purposes, it.Purpose)
		dur := it.Duration
		if dur == "" {
			dur = it.Expires
		}
		row.Duration = joinOnce(row.Duration, dur)
		row.Documented = joinOnce(row.Documented, it.Documented)
	}
	for i := range rows {
		rows[i].Function += " (on " + strings.Join(locs[i], ", ") + ")"
	}
	return rows
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func joinOnce(list, s string) string {
	if s == "" {
		return list
	}
	for _, x := range strings.Split(list, "; ") {
		if x == s {
			return list
		}
	}
	if list == "" {
		return s
	}
	return list + "; " + s
}

// ReportLanguage is the language of the scan report: its headings and
// columns are English, and so are the policy's texts it quotes (labels,
// functions, purposes, durations) where the policy has them in English;
// else they are in the policy's default language.
const ReportLanguage = "en"

// categoryLabel is a category's label: the site policy's, else the draft's.
func (r *Report) categoryLabel(id string) string {
	if r.pol != nil {
		if c := r.pol.Category(id); c != nil {
			return c.Label.In(ReportLanguage, r.pol.DefaultLanguage())
		}
	}
	if t, ok := categoryDrafts[id]; ok {
		return t.label
	}
	return id
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "–"
}

func (r *Report) summary() string {
	var parts []string
	for _, v := range r.Visits {
		parts = append(parts, fmt.Sprintf("%s: %d page(s)", v.Mode.Title(), len(v.Pages)))
	}
	return strings.Join(parts, "; ")
}

func choiceText(v Visit) string {
	switch {
	case v.Mode == NoChoice:
		return "none"
	case v.Choice == "banner":
		return "clicked the consent banner"
	case v.Choice == "api":
		return "called window.consent"
	case v.Choice == "":
		return "no way to choose found"
	}
	return "clicked " + v.Choice + "'s button"
}

// JSON returns the report as indented JSON.
func (r *Report) JSON() ([]byte, error) {
	out := struct {
		*Report
		Table []Row `json:"table"`
	}{r, r.Table()}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// md escapes text for one line of Markdown (a table cell or a list item).
func md(s string) string {
	return declaration.EscapeMarkdown(strings.Join(strings.Fields(s), " "))
}

// code is a Markdown code span safe in a table cell.
func code(s string) string {
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

func mdRow(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + c + " |")
	}
	b.WriteString("\n")
}

func mdHeader(b *strings.Builder, cols ...string) {
	mdRow(b, cols...)
	seps := make([]string, len(cols))
	for i := range seps {
		seps[i] = "---"
	}
	mdRow(b, seps...)
}

func namesMD(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		if j := strings.LastIndex(n, " ("); j > 0 && strings.HasSuffix(n, "Storage)") {
			out[i] = code(n[:j]) + " " + md(n[j+1:])
		} else {
			out[i] = code(n)
		}
	}
	return strings.Join(out, ", ")
}

// Markdown returns the report as Markdown: findings, the declaration table per
// category, everything found, third-party hosts and the pages visited.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Cookie scan of %s\n\n", md(r.Start))
	fmt.Fprintf(&b, "Scanned %s with headless Chromium, three times in fresh browser profiles (%s).", r.Started.UTC().Format("2006-01-02 15:04 MST"), md(r.summary()))
	if r.Policy != "" {
		fmt.Fprintf(&b, " Checked against the policy %s.", code(r.Policy))
	}
	b.WriteString("\n\n## Findings\n\n")
	if len(r.Findings) == 0 {
		b.WriteString("Nothing to report.\n\n")
	}
	for _, kind := range FindingOrder {
		fs := r.FindingsOf(kind)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s (%d)\n\n", md(FindingTitles[kind]), len(fs))
		for _, f := range fs {
			fmt.Fprintf(&b, "- %s: %s\n", code(f.Name), md(f.Message))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Cookies and storage by category\n")
	rows := r.Table()
	if len(rows) == 0 {
		b.WriteString("\nNo cookies or storage keys were found.\n")
	}
	cat := ""
	for _, row := range rows {
		if row.Category != cat {
			cat = row.Category
			fmt.Fprintf(&b, "\n### %s\n\n", md(r.categoryLabel(cat)))
			mdHeader(&b, "Provider", "Function and location", "Cookie names", "Purposes", "Duration (seen)", "Documented retention")
		}
		mdRow(&b, md(row.Provider), md(row.Function), namesMD(row.Names), md(row.Purposes), md(row.Duration), md(row.Documented))
	}
	if len(r.Items) > 0 {
		b.WriteString("\n## Everything found\n\n")
		mdHeader(&b, "Name", "Kind", "Domain or origin", "Path", "Party", "Expires", "Secure", "HttpOnly", "SameSite", "Category", "Classified by", "Declared", "No choice", "Rejected", "Accepted")
		for _, it := range r.Items {
			party := "first"
			if it.ThirdParty {
				party = "third"
			}
			declared := "–"
			if r.pol != nil {
				declared = yes(it.Declared)
			}
			mdRow(&b, code(it.Name), md(it.Storage), md(it.Domain), md(it.Path), party, md(it.Expires),
				yes(it.Secure), yes(it.HTTPOnly), md(it.SameSite), md(it.Category), md(r.classifiedBy(it)), declared,
				yes(it.Seen(NoChoice)), yes(it.Seen(RejectAll)), yes(it.Seen(AcceptAll)))
		}
	}
	if hosts := r.hosts(); len(hosts) > 0 {
		b.WriteString("\n## Third-party hosts contacted\n\n")
		mdHeader(&b, "Host", "No choice", "Rejected", "Accepted")
		for _, h := range hosts {
			mdRow(&b, md(h.host), yes(h.seen[NoChoice]), yes(h.seen[RejectAll]), yes(h.seen[AcceptAll]))
		}
	}
	b.WriteString("\n## Visits\n\n")
	mdHeader(&b, "Visit", "Choice", "Pages", "Skipped (robots.txt)", "Errors")
	for _, v := range r.Visits {
		mdRow(&b, md(v.Mode.Title()), md(choiceText(v)), fmt.Sprint(len(v.Pages)), fmt.Sprint(len(v.Skipped)), fmt.Sprint(len(v.Errors)))
	}
	if pages := r.pages(); len(pages) > 0 {
		b.WriteString("\nPages visited:\n\n")
		for _, p := range pages {
			fmt.Fprintf(&b, "- %s\n", md(p))
		}
	}
	if errs := r.errorList(); len(errs) > 0 {
		b.WriteString("\nErrors:\n\n")
		for _, x := range errs {
			fmt.Fprintf(&b, "- error (%s): %s\n", md(string(x.mode)), md(x.text))
		}
	}
	return b.String()
}

type visitError struct {
	mode Mode
	text string
}

// errorList is every visit's errors, in the order of the visits.
func (r *Report) errorList() []visitError {
	var out []visitError
	for _, v := range r.Visits {
		for _, e := range v.Errors {
			out = append(out, visitError{v.Mode, e})
		}
	}
	return out
}

// classifiedBy says where an item's category comes from.
func (r *Report) classifiedBy(it *Item) string {
	switch {
	case it.Declared:
		return "the policy"
	case it.Source == "":
		return "–"
	}
	return it.Source
}

type hostSeen struct {
	host string
	seen map[Mode]bool
}

func (r *Report) hosts() []hostSeen {
	m := map[string]map[Mode]bool{}
	for _, v := range r.Visits {
		for _, h := range v.ThirdPartyHosts {
			if m[h] == nil {
				m[h] = map[Mode]bool{}
			}
			m[h][v.Mode] = true
		}
	}
	out := make([]hostSeen, 0, len(m))
	for h, s := range m {
		out = append(out, hostSeen{h, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].host < out[j].host })
	return out
}

func (r *Report) pages() []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range r.Visits {
		for _, p := range v.Pages {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// HTML returns the report as a standalone HTML page; every string from
// the site or its policy is escaped.
func (r *Report) HTML() string {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>Cookie scan of %s</title>\n", e(r.Start))
	b.WriteString("<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}code{font-size:.9em}.finding{margin:.25rem 0}</style>\n</head><body>\n")
	fmt.Fprintf(&b, "<h1>Cookie scan of %s</h1>\n", e(r.Start))
	fmt.Fprintf(&b, "<p>Scanned %s with headless Chromium, three times in fresh browser profiles (%s).", e(r.Started.UTC().Format("2006-01-02 15:04 MST")), e(r.summary()))
	if r.Policy != "" {
		fmt.Fprintf(&b, " Checked against the policy <code>%s</code>.", e(r.Policy))
	}
	b.WriteString("</p>\n<h2>Findings</h2>\n")
	if len(r.Findings) == 0 {
		b.WriteString("<p>Nothing to report.</p>\n")
	}
	for _, kind := range FindingOrder {
		fs := r.FindingsOf(kind)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "<h3>%s (%d)</h3>\n<ul>\n", e(FindingTitles[kind]), len(fs))
		for _, f := range fs {
			fmt.Fprintf(&b, "<li class=\"finding\" data-kind=\"%s\"><code>%s</code>: %s</li>\n", e(f.Kind), e(f.Name), e(f.Message))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<h2>Cookies and storage by category</h2>\n")
	rows := r.Table()
	if len(rows) == 0 {
		b.WriteString("<p>No cookies or storage keys were found.</p>\n")
	}
	cat := ""
	for i, row := range rows {
		if row.Category != cat {
			if cat != "" {
				b.WriteString("</tbody></table>\n")
			}
			cat = row.Category
			fmt.Fprintf(&b, "<h3>%s</h3>\n<table><thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Function and location</th><th scope=\"col\">Cookie names</th><th scope=\"col\">Purposes</th><th scope=\"col\">Duration (seen)</th><th scope=\"col\">Documented retention</th></tr></thead><tbody>\n", e(r.categoryLabel(cat)))
		}
		names := make([]string, len(row.Names))
		for j, n := range row.Names {
			names[j] = "<code>" + e(n) + "</code>"
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(row.Provider), e(row.Function), strings.Join(names, ", "), e(row.Purposes), e(row.Duration), e(row.Documented))
		if i == len(rows)-1 {
			b.WriteString("</tbody></table>\n")
		}
	}
	if len(r.Items) > 0 {
		b.WriteString("<h2>Everything found</h2>\n<table><thead><tr>")
		for _, c := range []string{"Name", "Kind", "Domain or origin", "Path", "Party", "Expires", "Secure", "HttpOnly", "SameSite", "Category", "Classified by", "Declared", "No choice", "Rejected", "Accepted"} {
			fmt.Fprintf(&b, "<th scope=\"col\">%s</th>", c)
		}
		b.WriteString("</tr></thead><tbody>\n")
		for _, it := range r.Items {
			party := "first"
			if it.ThirdParty {
				party = "third"
			}
			declared := "–"
			if r.pol != nil {
				declared = yes(it.Declared)
			}
			cells := []string{e(it.Storage), e(it.Domain), e(it.Path), party, e(it.Expires), yes(it.Secure), yes(it.HTTPOnly), e(it.SameSite), e(it.Category), e(r.classifiedBy(it)), declared, yes(it.Seen(NoChoice)), yes(it.Seen(RejectAll)), yes(it.Seen(AcceptAll))}
			fmt.Fprintf(&b, "<tr><td><code>%s</code></td><td>%s</td></tr>\n", e(it.Name), strings.Join(cells, "</td><td>"))
		}
		b.WriteString("</tbody></table>\n")
	}
	if hosts := r.hosts(); len(hosts) > 0 {
		b.WriteString("<h2>Third-party hosts contacted</h2>\n<table><thead><tr><th scope=\"col\">Host</th><th scope=\"col\">No choice</th><th scope=\"col\">Rejected</th><th scope=\"col\">Accepted</th></tr></thead><tbody>\n")
		for _, h := range hosts {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(h.host), yes(h.seen[NoChoice]), yes(h.seen[RejectAll]), yes(h.seen[AcceptAll]))
		}
		b.WriteString("</tbody></table>\n")
	}
	b.WriteString("<h2>Visits</h2>\n<table><thead><tr><th scope=\"col\">Visit</th><th scope=\"col\">Choice</th><th scope=\"col\">Pages</th><th scope=\"col\">Skipped (robots.txt)</th><th scope=\"col\">Errors</th></tr></thead><tbody>\n")
	for _, v := range r.Visits {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%d</td></tr>\n", e(v.Mode.Title()), e(choiceText(v)), len(v.Pages), len(v.Skipped), len(v.Errors))
	}
	b.WriteString("</tbody></table>\n")
	if pages := r.pages(); len(pages) > 0 {
		b.WriteString("<p>Pages visited:</p>\n<ul>\n")
		for _, p := range pages {
			fmt.Fprintf(&b, "<li>%s</li>\n", e(p))
		}
		b.WriteString("</ul>\n")
	}
	if errs := r.errorList(); len(errs) > 0 {
		b.WriteString("<p>Errors:</p>\n<ul>\n")
		for _, x := range errs {
			fmt.Fprintf(&b, "<li class=\"error\">error (%s): %s</li>\n", e(string(x.mode)), e(x.text))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</body></html>\n")
	return b.String()
}
