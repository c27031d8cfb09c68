package policy

import (
	"errors"
	"strings"
	"testing"
)

const positionsDoc = `{
  "categories": [
    {"id": "necessary", "required": true, "label": "N"},
    {"id": "statistics", "label": "S", "colour": "red"}
  ],
  "services": [
    {"id": "matomo", "category": "statistcs", "provider": "Matomo"},
    {"id": "x", "provider": "X", "cookies": [{"name": "a b"}]}
  ]
}`

// TestProblemsCarryLineAndColumn: every problem of a parsed file, not only
// a syntax error, names the line and column of its value (for a missing
// field, of the object that lacks it).
func TestProblemsCarryLineAndColumn(t *testing.T) {
	_, err := Parse([]byte(positionsDoc))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Parse: %v", err)
	}
	want := map[string][2]int{
		"/categories/1/colour":       {4, 40}, // the unknown key, not its value
		"/services/0/category":       {7, 34},
		"/services/1":                {8, 5},
		"/services/1/cookies/0/name": {8, 55},
	}
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(probs), len(want), probs)
	}
	for _, p := range probs {
		w, ok := want[p.Pointer]
		if !ok || p.Line != w[0] || p.Column != w[1] || p.Syntax {
			t.Errorf("%s at %d:%d (syntax %v), want %d:%d", p, p.Line, p.Column, p.Syntax, w[0], w[1])
		}
	}
	if got := probs[1].FileString("p.json"); got != `p.json:7:34: /services/0/category: unknown category "statistcs" (did you mean "statistics"?)` {
		t.Errorf("FileString = %q", got)
	}
}

// TestDuplicateKeyNamesTheRepeat: a repeated key is located where it is
// repeated, which is where the editor must go.
func TestDuplicateKeyNamesTheRepeat(t *testing.T) {
	_, err := Parse([]byte("{\n  \"revision\": 1,\n  \"categories\": [{\"id\": \"n\", \"required\": true, \"label\": \"N\"}],\n  \"revision\": 2\n}"))
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 {
		t.Fatalf("Parse: %v", err)
	}
	if p := probs[0]; p.Pointer != "/revision" || p.Line != 4 || p.Column != 3 {
		t.Errorf("%s at %d:%d, want /revision at 4:3", p, p.Line, p.Column)
	}
}

func TestSyntaxProblemFileString(t *testing.T) {
	_, err := Parse([]byte("{\n  \"categories\": [,]\n}"))
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 || !probs[0].Syntax {
		t.Fatalf("Parse: %#v", err)
	}
	if got := probs[0].FileString("p.json"); !strings.HasPrefix(got, "p.json:2:18: unexpected character ','") {
		t.Errorf("FileString = %q", got)
	}
	if got := probs[0].String(); !strings.HasPrefix(got, "2:18: ") {
		t.Errorf("String = %q: a syntax error keeps its line:column form", got)
	}
	if got := (Problem{Message: "m"}).FileString("p.json"); got != "p.json: /: m" {
		t.Errorf("a problem without a place: %q", got)
	}
}

// TestPositionsOfLocatesWarnings: a warning made from the parsed policy
// (no nodes) gets its place from the file's text.
func TestPositionsOfLocatesWarnings(t *testing.T) {
	ps, err := PositionsOf([]byte(positionsDoc))
	if err != nil {
		t.Fatal(err)
	}
	got := ps.Locate(Problems{{Pointer: "/services/0/provider", Message: "w"}, {Pointer: "/services/9", Message: "gone"}})
	if got[0].Line != 7 || got[0].Column != 59 || got[1].Line != 6 || got[1].Column != 15 {
		t.Errorf("Locate = %d:%d, %d:%d", got[0].Line, got[0].Column, got[1].Line, got[1].Column)
	}
	if _, err := PositionsOf([]byte("{")); err == nil {
		t.Error("PositionsOf accepted broken JSON")
	}
}

func TestDidYouMeanInTheAPI(t *testing.T) {
	p, err := Parse([]byte(`{"categories": [{"id": "necessary", "required": true, "label": "N"}, {"id": "statistics", "label": "S"}],
	  "services": [{"id": "matomo", "category": "statistics", "provider": "M"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	err = p.CheckChoice(Choice{Categories: map[string]bool{"statistic": true}, Services: map[string]bool{"matomoo": true}})
	if err == nil || err.Error() != `unknown category "statistic" (did you mean "statistics"?), unknown service "matomoo" (did you mean "matomo"?)` {
		t.Errorf("CheckChoice: %v", err)
	}
	if err := p.CheckAccepted("statistcs", ""); err == nil || !strings.Contains(err.Error(), `(did you mean "statistics"?)`) {
		t.Errorf("CheckAccepted: %v", err)
	}
	if err := p.CheckAccepted("statistics", "matomoo"); err == nil || !strings.Contains(err.Error(), `(did you mean "matomo"?)`) {
		t.Errorf("CheckAccepted: %v", err)
	}
	if err := p.CheckAccepted("ads", ""); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("CheckAccepted(ads) guessed: %v", err)
	}
}
