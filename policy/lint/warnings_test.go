package lint

import (
	"os"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

func TestWarnings(t *testing.T) {
	src := `{
  "categories": [
    {"id": "necessary", "required": true, "label": "N"},
    {"id": "unclassified", "label": "U"}
  ],
  "services": [
    {"id": "hotjar", "category": "necessary", "provider": "Hotjar", "label": "H", "cookies": [
      {"pattern": "_hj*"},
      {"pattern": "_hj.*"},
      {"name": "a"},
      {"name": "a", "storage": "localStorage"},
      {"name": "a", "purpose": "again"},
      {"pattern": "_ga_[0-9]*"}
    ]},
    {"id": "other", "category": "unclassified", "provider": "O", "label": "O", "cookies": [
      {"name": "a"}, {"pattern": "_ga_*"}
    ]}
  ]
}`
	p, err := policy.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := Warnings(p)
	want := []string{
		`/services/0/cookies/0/pattern: pattern "_hj*" looks like a glob`,
		`/services/1/cookies/1/pattern: pattern "_ga_*" looks like a glob`,
		`/services/0/cookies/4: cookie "a" is declared twice in this service (first at /services/0/cookies/2)`,
		`/categories/1: the draft's "unclassified" category is still here`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d warnings, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].String(), w) {
			t.Errorf("warning %d = %q, want it to start %q", i, got[i], w)
		}
	}
	if !strings.Contains(got[0].Message, `write "_hj.*"`) {
		t.Errorf("the glob warning does not say what to write: %q", got[0].Message)
	}
}

func TestGlobAsPattern(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"_hj*", "_hj.*"}, {"_ga_*", "_ga_.*"}, {"a*b*", "a.*b.*"},
		{"_hj.*", ""}, {"[a-z]*", ""}, {"_hj", ""}, {`_pk_id\..*`, ""},
	} {
		got, ok := GlobAsPattern(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("GlobAsPattern(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestExamplesHaveNoWarnings(t *testing.T) {
	for _, f := range []string{"../../examples/lille.json", "../../examples/mannheim.json"} {
		p, err := policy.Parse(mustRead(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if ws := Warnings(p); len(ws) > 0 {
			t.Errorf("%s: %v", f, ws)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
