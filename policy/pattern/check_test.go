package pattern

import (
	"regexp"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/pattern/patterntest"
)

func TestCheckAllowsTheDialect(t *testing.T) {
	for _, p := range patterntest.Allowed {
		if err := Check(p); err != nil {
			t.Errorf("Check(%q) = %v, want nil", p, err)
			continue
		}
		if _, err := regexp.Compile(`(?s)^(?:` + p + `)$`); err != nil {
			t.Errorf("%q passes Check but Go refuses it: %v", p, err)
		}
	}
}

func TestCheckRefusesTheRest(t *testing.T) {
	for _, tt := range patterntest.Refused {
		err := Check(tt.Pattern)
		if err == nil {
			t.Errorf("Check(%q) = nil, want an error about %s", tt.Pattern, tt.Msg)
			continue
		}
		if !strings.Contains(err.Error(), tt.Msg) {
			t.Errorf("Check(%q) = %q, want it to mention %q", tt.Pattern, err, tt.Msg)
		}
	}
}

// The error names the place: a character position counted in characters.
func TestCheckSaysWhere(t *testing.T) {
	err := Check(`éé(?i)x`)
	if err == nil || !strings.HasPrefix(err.Error(), "at character 3: ") {
		t.Fatalf("got %v, want it to start with \"at character 3: \"", err)
	}
}

// A pattern too large to match quickly is refused at its largest counted
// repetition, with a way to write it smaller; before, x{0,1000} and
// a{1000}b{1000} validated.
func TestCheckRefusesTooLargeAtTheRepetition(t *testing.T) {
	for _, tt := range []struct {
		pattern, at string
	}{
		{`x{0,1000}`, "at character 1: "},
		{`ab(?:[a-z]{10}x{10}y){100}`, "at character 3: "},
		{`éa{1000}b{1000}`, "at character 2: "},
	} {
		err := Check(tt.pattern)
		if err == nil || !strings.HasPrefix(err.Error(), tt.at) || !strings.Contains(err.Error(), "too large") || !strings.Contains(err.Error(), "write it smaller") {
			t.Errorf("Check(%q) = %v, want %q… too large … write it smaller", tt.pattern, err, tt.at)
		}
	}
}

// The message about a repeated repetition suggests one repetition, not a
// nested one such as (?:a+)+ that backtracking engines take exponential
// time on.
func TestCheckDoesNotSuggestNestedRepeats(t *testing.T) {
	for _, p := range []string{`a**`, `a{2}{3}`, `a+*`} {
		err := Check(p)
		if err == nil || strings.Contains(err.Error(), "(?:") {
			t.Errorf("Check(%q) = %v, want an error that suggests no group", p, err)
		}
	}
}

// FuzzCheckPattern: whatever Check accepts, Go compiles, and both match
// the same names.
func FuzzCheckPattern(f *testing.F) {
	for _, p := range patterntest.Allowed {
		f.Add(p)
	}
	for _, tt := range patterntest.Refused {
		f.Add(tt.Pattern)
	}
	f.Fuzz(func(t *testing.T, p string) {
		m, err := Compile(p)
		if err != nil {
			return
		}
		re, err := regexp.Compile(`(?s)^(?:` + p + `)$`)
		if err != nil {
			t.Fatalf("%q passes Check but Go refuses it: %v", p, err)
		}
		for _, name := range namesFor(p, 20, nil) {
			if g, w := m.Match(name), re.MatchString(name); g != w {
				t.Fatalf("%q against %q: Match %v, Go's regexp %v", p, name, g, w)
			}
		}
	})
}
