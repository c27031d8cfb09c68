package declaration

import (
	"encoding/json"

	"github.com/consentwasm/consent/policy"
)

// Declaration is the view policy.DeclarationJSON builds, decoded: what the
// page draws, cell for cell.
type Declaration struct {
	// Lang is the policy language the strings are in; Dir its direction.
	Lang string `json:"lang"`
	Dir  string `json:"dir"`
	// Columns are the table's headings, in the order of a row's cells.
	Columns []string `json:"columns"`
	// Choice reports whether the visitor's choice is part of the
	// declaration (the page's, not the CLI's); ChoiceLabel heads it.
	Choice      bool       `json:"choice"`
	ChoiceLabel string     `json:"choiceLabel"`
	Categories  []Category `json:"categories"`
}

// Category is one category: a heading, its description, the visitor's
// choice and a table of its services.
type Category struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Required    bool   `json:"required"`
	Accepted    bool   `json:"accepted"`
	// ChoiceText is the choice in words, "" without a choice.
	ChoiceText string `json:"choiceText"`
	Rows       []Row  `json:"rows"`
}

// Row is one service: a row of the table, every cell saying something.
type Row struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Provider is "" when it is the label.
	Provider string `json:"provider"`
	// Function is the function and location, else the label.
	Function string   `json:"function"`
	Cookies  []Cookie `json:"cookies"`
	// NoCookies is what the cookie cell says when there are none.
	NoCookies string `json:"noCookies"`
	// Purpose is the service's (or its cookies' one) purpose; Purposes
	// the cookies' own where they differ.
	Purpose  string `json:"purpose"`
	Purposes []Note `json:"purposes"`
	// Duration is the cookies' one duration, Durations theirs when they
	// differ; DurationNote says what a policy.NoDurationMark means.
	Duration     string `json:"duration"`
	Durations    []Note `json:"durations"`
	DurationNote string `json:"durationNote"`
	Accepted     bool   `json:"accepted"`
	// ChoiceText is the service's choice in words where it differs from
	// its category's.
	ChoiceText string `json:"choiceText"`
}

// Cookie is a cookie name (or pattern) and its storage ("" for a cookie).
type Cookie struct {
	Name    string `json:"name"`
	Storage string `json:"storage"`
}

// Note is a cookie's own value in a cell.
type Note struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Build returns the declaration of p in lang as the page gets it: with
// choice, the visitor's choice r (policy.DeclarationJSON); without, the
// cookie policy page's (policy.StaticDeclarationJSON).
func Build(p *policy.Policy, lang string, r *policy.Record, choice bool) (Declaration, error) {
	text := policy.StaticDeclarationJSON(p, lang)
	if choice {
		text = policy.DeclarationJSON(p, lang, r)
	}
	var d Declaration
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return d, err
	}
	return d, nil
}
