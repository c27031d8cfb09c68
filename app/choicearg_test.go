package app

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestParseChoiceShapes: the shape of consent.set()'s argument is checked
// here only (loader.js passes it on as transcribe writes it), every wrong
// shape a TypeError naming the problem and the type it got.
func TestParseChoiceShapes(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`"undefined"`, "consent.set: expected an object {categories: {id: true|false}, services: {id: true|false}}, got undefined"},
		{`"symbol"`, "got symbol"},
		{`"an array"`, "got an array"},
		{`"string"`, "got string"},
		{`{"categories": "an array"}`, "consent.set: categories must be an object of booleans, got an array"},
		{`{"categories": {"statistics": "number"}}`, "consent.set: categories.statistics must be true or false, got number"},
		{`{"categories": {"statistics": 1}}`, "categories.statistics must be true or false, got number"},
		{`{"categories": {"statistics": "object"}}`, "got object"},
		{`{"categories": {"toJSON": "function"}}`, "categories.toJSON must be true or false, got function"},
		{`{"services": {}, "extra": "number"}`, `consent.set: unknown key "extra" (expected categories and services)`},
		{`{"services": {"a": tru`, "consent.set: expected an object"},
	} {
		_, err := parseChoice(c.text)
		var ae *ArgError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseChoice(%s) = %v, want a TypeError with %q", c.text, err, c.want)
		}
	}
	var b strings.Builder
	for i := 0; i <= maxChoiceIDs; i++ {
		b.WriteString(`"id` + strconv.Itoa(i) + `": true, `)
	}
	many := `{"categories": {` + b.String() + `"last": true}}`
	if _, err := parseChoice(many); err == nil || !strings.Contains(err.Error(), "too many ids") {
		t.Errorf("10001 ids: %v", err)
	}
	ch, err := parseChoice(`{"categories": {"statistics": true}, "services": "undefined"}`)
	if err != nil || !ch.Categories["statistics"] || len(ch.Services) != 0 {
		t.Errorf("a left-out group: %v %v", ch, err)
	}
}

// TestScriptNoLongerPlainIsNoGate: whether a script is a gate is Go's rule
// (policy.IsGate): one whose type is no longer text/plain is left alone,
// however the choice goes.
func TestScriptNoLongerPlainIsNoGate(t *testing.T) {
	b := mannheimPage()
	js := b.addGate("js", "script", "statistics", "")
	js.typ = "text/javascript"
	pg := load(t, b, mannheim(t))
	pg.call("acceptAll")
	if js.opens != 0 || js.state != "" || len(js.placeholders) != 0 {
		t.Errorf("a text/javascript script was handled as a gate: state %q, %d opens", js.state, js.opens)
	}
	if g := b.gate("stats"); g != nil && g.state != "live" {
		t.Errorf("the text/plain script did not open: %q", g.state)
	}
}
