package declaration

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// TestCLIAndBrowserAgree: the CLI's Markdown and HTML and the browser's
// JSON (policy.DeclarationJSON, what ui.js draws) come from one view:
// for the demo's policy in each of its languages, every row the browser
// gets is the row the CLI prints, cell for cell.
func TestCLIAndBrowserAgree(t *testing.T) {
	data, err := os.ReadFile("../../examples/mannheim.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	type note struct{ Name, Text string }
	type row struct {
		ID, Label, Provider, Function, NoCookies, Purpose, Duration, DurationNote string
		Cookies                                                                   []struct{ Name, Storage string }
		Purposes, Durations                                                       []note
	}
	type category struct {
		ID, Label, Description string
		Rows                   []row
	}
	norm := func(r row) string {
		if len(r.Cookies) == 0 {
			r.Cookies = nil
		}
		if len(r.Purposes) == 0 {
			r.Purposes = nil
		}
		if len(r.Durations) == 0 {
			r.Durations = nil
		}
		b, _ := json.Marshal(r)
		return string(b)
	}
	var browser struct {
		Lang       string
		Columns    []string
		Categories []category
	}
	for _, lang := range p.Languages {
		if err := json.Unmarshal([]byte(policy.DeclarationJSON(p, lang, nil)), &browser); err != nil {
			t.Fatal(err)
		}
		cli := policy.BuildDeclaration(p, lang, nil, false)
		md, html := Markdown(cli), HTML(cli)
		if browser.Lang != cli.Lang || strings.Join(browser.Columns, "|") != strings.Join(cli.Columns, "|") {
			t.Errorf("%s: browser %q %q, CLI %q %q", lang, browser.Lang, browser.Columns, cli.Lang, cli.Columns)
		}
		if len(browser.Categories) != len(cli.Categories) {
			t.Fatalf("%s: %d categories in the browser, %d in the CLI", lang, len(browser.Categories), len(cli.Categories))
		}
		for i, bc := range browser.Categories {
			cc := cli.Categories[i]
			if bc.ID != cc.ID || bc.Label != cc.Label || bc.Description != cc.Description || len(bc.Rows) != len(cc.Rows) {
				t.Errorf("%s: category %d: browser %+v, CLI %+v", lang, i, bc, cc)
				continue
			}
			for j, br := range bc.Rows {
				cr := cc.Rows[j]
				// The CLI's struct has the choice fields the browser's
				// decoding leaves out; compare the cells.
				var cb row
				raw, _ := json.Marshal(cr)
				_ = json.Unmarshal(raw, &cb)
				b, c := norm(br), norm(cb)
				if b != c {
					t.Errorf("%s: %s row:\nbrowser %s\n    CLI %s", lang, cr.ID, b, c)
				}
				for _, cell := range []string{serviceCell(cr), cr.Function, withNotes(cr.Purpose, cr.Purposes), durationCell(cr)} {
					if cell == "" {
						t.Errorf("%s: %s row has an empty cell", lang, cr.ID)
					}
					if !strings.Contains(md, EscapeMarkdown(cell)) {
						t.Errorf("%s: the Markdown lacks %q", lang, cell)
					}
				}
				if len(cr.Cookies) == 0 && (cr.NoCookies == "" || !strings.Contains(html, escapeHTML(cr.NoCookies))) {
					t.Errorf("%s: %s row's cookie cell says nothing in the HTML", lang, cr.ID)
				}
			}
		}
	}
}
