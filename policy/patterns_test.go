package policy

import (
	"encoding/json"
	"strings"
	"testing"
)

// The refused corpus of issue 11 is refused by Parse with the pointer of
// the pattern: `consent validate` and the browser run Parse.
func TestParseRefusesPatternsOutsideTheDialect(t *testing.T) {
	for _, p := range []string{`(?i)_ga`, `\A_ga`, `_ga\z`, `[[:alpha:]]+`, `\pL+`, `\Q.\E`, `(?P<x>_ga)`, `(?<x>_ga)`, `(?=_ga)`, `(?<!x)_ga`} {
		src := `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "label": "S", "cookies": [{"name": "a"}, {"pattern": ` + jsonQuote(p) + `}]}]}`
		_, err := Parse([]byte(src))
		ps, ok := err.(Problems)
		if !ok || len(ps) != 1 || ps[0].Pointer != "/services/0/cookies/1/pattern" || !strings.Contains(ps[0].Message, "not allowed") {
			t.Errorf("%q: got %v, want one problem at /services/0/cookies/1/pattern saying what is not allowed", p, err)
		}
	}
}

// A pattern too large to match quickly is a problem at its pointer, which
// says where in the pattern and how to write it smaller.
func TestParseRefusesTooLargePatterns(t *testing.T) {
	src := `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "_ga_x{0,1000}"}]}]}`
	_, err := Parse([]byte(src))
	ps, ok := err.(Problems)
	if !ok || len(ps) != 1 || ps[0].Pointer != "/services/0/cookies/0/pattern" || !strings.Contains(ps[0].Message, "at character 5: the pattern is too large") {
		t.Errorf("got %v, want one problem at /services/0/cookies/0/pattern: … at character 5: the pattern is too large", err)
	}
}

// Patterns match whole names, "." every character.
func TestCookiePatternsMatchWholeNames(t *testing.T) {
	src := `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "[Mm]apbox.*"}]}]}`
	p, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := &p.Services[0].Cookies[0]
	for name, want := range map[string]bool{"mapbox.eventData": true, "Mapbox": true, "mapbox\n": true, "MAPBOX": false, "xmapbox": false} {
		if got := c.Matches(name); got != want {
			t.Errorf("[Mm]apbox.* matches %q = %v, want %v", name, got, want)
		}
	}
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
