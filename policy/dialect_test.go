package policy

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// Patterns in the dialect: each must pass CheckPattern and compile in Go.
var dialectAllowed = []string{
	`a`, `_ga`, `^_ga_.*$`, `_pk_id\..*`, `_pk_(cvar|hsr)\..+`, `_ga_[A-Za-z0-9]+`,
	`[a-z0-9_]+`, `[^_]x`, `[-a]`, `[a-]`, `[a-z-]`, `[\-x]`, `[\]\[\\]`, `[.*+?(){}|$/^]`,
	`\d\D\w\W`, `[\d\w]`, `[^\W]`, `\.\*\+\?\(\)\[\]\{\}\|\^\$\\\/`,
	`(a)`, `(?:a|b)`, `a|`, `()`, `(?:)*`, `a*?`, `a+?`, `a??`, `a{2}`, `a{2,}`, `a{2,5}`, `a{2,5}?`,
	`a{0}`, `a{1000}`, `(?:a{10}){100}`, `^$`, `(^a|b$)`, `é+`, `ytidb::.+`, `yt-remote-.+`,
	`mtm_.+`, `_hj.*`, `x{0,1000}`,
}

// Patterns outside the dialect, with a word of the message that says why.
var dialectRefused = []struct{ pattern, msg string }{
	{`(?i)_ga`, "flags"}, {`(?i:a)`, "flags"}, {`(?s).`, "flags"}, {`(?m)^a`, "flags"},
	{`(?P<n>a)`, "named groups"}, {`(?<n>a)`, "named groups"}, {`(?'n'a)`, "named groups"},
	{`(?=a)`, "look-ahead"}, {`(?!a)`, "look-ahead"}, {`(?<=a)b`, "look-behind"}, {`(?<!a)b`, "look-behind"},
	{`\sa`, `\s`}, {`\S`, `\S`}, {`\Aa`, `\A`}, {`a\z`, `\z`}, {`a\Z`, `\Z`}, {`\ba`, "word boundary"},
	{`[[:alpha:]]`, "POSIX"}, {`[a[:digit:]]`, "POSIX"}, {`\pL`, "Unicode"}, {`\p{Greek}`, "Unicode"}, {`\PL`, "Unicode"},
	{`\Q.\E`, `\Q`}, {`(a)\1`, "back-references"}, {`\k<n>`, "back-references"},
	{`\x41`, "character codes"}, {`\u0041`, "character codes"}, {`\n`, "escape"}, {`\t`, "escape"},
	{`\_`, "needs no backslash"}, {`a\-b`, `\-`}, {`a\`, "trailing backslash"},
	{`*a`, "nothing to repeat"}, {`a|+`, "nothing to repeat"}, {`^*`, "nothing to repeat"}, {`a$?`, "nothing to repeat"},
	{`a**`, "cannot be repeated"}, {`a{2}{3}`, "cannot be repeated"}, {`a*??`, "cannot be repeated"},
	{`a{`, "repetition"}, {`a{,3}`, "repetition"}, {`a{2`, "repetition"}, {`a{x}`, "repetition"}, {`a}`, `\}`},
	{`a{3,2}`, "below the minimum"}, {`a{1001}`, "above 1000"}, {`(?:a{100}){11}`, "multiply"},
	{`(a`, `missing ")"`}, {`a)`, `unmatched ")"`}, {`a)|(b`, `unmatched ")"`}, {`[a`, `missing "]"`},
	{`[]a]`, "empty class"}, {`[^]`, "empty class"}, {`a]`, `\]`}, {`[a[]`, `\[`},
	{`[z-a]`, "before the start"}, {`[\d-z]`, "range"}, {`[a-\d]`, "range"}, {`[a-b-c]`, "range"},
	{``, "empty"}, {strings.Repeat("a", 1001), "longer"}, {"\xff", "UTF-8"},
	{strings.Repeat("(", 101) + strings.Repeat(")", 101), "nested"},
}

func TestCheckPatternAllowsTheDialect(t *testing.T) {
	for _, p := range dialectAllowed {
		if err := CheckPattern(p); err != nil {
			t.Errorf("CheckPattern(%q) = %v, want nil", p, err)
			continue
		}
		if _, err := regexp.Compile(`(?s)` + AnchoredPattern(p)); err != nil {
			t.Errorf("%q passes CheckPattern but Go refuses it: %v", p, err)
		}
	}
}

func TestCheckPatternRefusesTheRest(t *testing.T) {
	for _, tt := range dialectRefused {
		err := CheckPattern(tt.pattern)
		if err == nil {
			t.Errorf("CheckPattern(%q) = nil, want an error about %s", tt.pattern, tt.msg)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("CheckPattern(%q) = %q, want it to mention %q", tt.pattern, err, tt.msg)
		}
	}
}

// The error names the place: a character position counted in characters.
func TestCheckPatternSaysWhere(t *testing.T) {
	err := CheckPattern(`éé(?i)x`)
	if err == nil || !strings.HasPrefix(err.Error(), "at character 3: ") {
		t.Fatalf("got %v, want it to start with \"at character 3: \"", err)
	}
}

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

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// FuzzCheckPattern: whatever CheckPattern accepts, Go compiles.
func FuzzCheckPattern(f *testing.F) {
	for _, p := range dialectAllowed {
		f.Add(p)
	}
	for _, tt := range dialectRefused {
		f.Add(tt.pattern)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if CheckPattern(p) != nil {
			return
		}
		if _, err := regexp.Compile(`(?s)` + AnchoredPattern(p)); err != nil {
			t.Fatalf("%q passes CheckPattern but Go refuses it: %v", p, err)
		}
	})
}
