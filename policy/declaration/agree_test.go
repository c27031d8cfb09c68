package declaration

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// TestCLIAndBrowserAgree: the CLI prints the view the browser draws. For
// the demo's policy in each of its languages, every cell of the JSON the
// page gets (policy.DeclarationJSON, read here as plain JSON, not through
// Build) is in the CLI's Markdown and HTML, and none is empty.
func TestCLIAndBrowserAgree(t *testing.T) {
	data, err := os.ReadFile("../../examples/mannheim.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range p.Languages {
		var page map[string]any
		if err := json.Unmarshal([]byte(policy.DeclarationJSON(p, lang, nil)), &page); err != nil {
			t.Fatal(err)
		}
		cli := build(t, p, lang, nil, false)
		md, html := Markdown(cli), HTML(cli)
		for _, col := range page["columns"].([]any) {
			if !strings.Contains(md, "| "+EscapeMarkdown(col.(string))+" |") || !strings.Contains(html, ">"+escapeHTML(col.(string))+"<") {
				t.Errorf("%s: the CLI lacks the column %q", lang, col)
			}
		}
		rows := 0
		for _, c := range page["categories"].([]any) {
			c := c.(map[string]any)
			if !strings.Contains(md, "### "+EscapeMarkdown(c["label"].(string))+"\n") {
				t.Errorf("%s: the Markdown lacks the heading %q", lang, c["label"])
			}
			for _, r := range c["rows"].([]any) {
				r := r.(map[string]any)
				rows++
				cells := []string{r["label"].(string), r["function"].(string), r["purpose"].(string)}
				if len(r["cookies"].([]any)) == 0 {
					cells = append(cells, r["noCookies"].(string), r["durationNote"].(string))
				}
				for _, k := range r["cookies"].([]any) {
					name := k.(map[string]any)["name"].(string)
					if !strings.Contains(md, markdownCode(name)) || !strings.Contains(html, "<code>"+escapeHTML(name)+"</code>") {
						t.Errorf("%s: the CLI lacks the cookie %q of row %s", lang, name, r["id"])
					}
				}
				if durations := r["durations"].([]any); len(durations) > 0 {
					for _, n := range durations {
						cells = append(cells, n.(map[string]any)["text"].(string))
					}
				} else {
					cells = append(cells, r["duration"].(string))
				}
				for _, cell := range cells {
					if cell == "" {
						t.Errorf("%s: row %s has an empty cell: %v", lang, r["id"], r)
						continue
					}
					if !strings.Contains(md, EscapeMarkdown(cell)) || !strings.Contains(html, escapeHTML(cell)) {
						t.Errorf("%s: the CLI lacks %q of row %s", lang, cell, r["id"])
					}
				}
			}
		}
		if rows < 5 {
			t.Errorf("%s: %d rows", lang, rows)
		}
	}
}
