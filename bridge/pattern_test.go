//go:build js && wasm

package bridge

import (
	_ "embed"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// patternCorpus is every pattern of the examples and of the scanner's
// table (policy's TestPatternCorpusIsComplete keeps it so) and more forms
// of the dialect, one a line.
//
//go:embed testdata/patterns.txt
var patternCorpus string

// nameCorpus returns the names the differential test matches: for each
// pattern, its literal characters with changes at the ends; and random
// strings over an alphabet with the characters where the engines could
// differ (newline and carriage return for ".", non-ASCII and an astral
// character for code units against code points, upper case).
func nameCorpus(patterns []string) []string {
	seen := map[string]bool{}
	var names []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	strip := strings.NewReplacer(`\`, "", "^", "", "$", "", "(", "", ")", "", "?:", "", "|", "", "*", "", "+", "", "?", "", ".", "", "[", "", "]", "", "{", "", "}", "")
	for _, p := range patterns {
		base := strip.Replace(p)
		for _, s := range []string{"", "x", "1", ".", "\n", "\r", "é", "😀", "\u2028", "x.y", "_A9"} {
			add(base + s)
			add(s + base)
			add(strings.ToUpper(base) + s)
		}
		if r := []rune(base); len(r) > 0 {
			add(string(r[:len(r)-1])) // names come from JavaScript: valid UTF-8
		}
	}
	const alphabet = "_ga-.1xAzé\n\r😀\u2028 /\\[]"
	letters := []rune(alphabet)
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		n := rnd.Intn(7)
		var b strings.Builder
		for j := 0; j < n; j++ {
			b.WriteRune(letters[rnd.Intn(len(letters))])
		}
		add(b.String())
	}
	return names
}

// A pattern that validates matches the same names in Go's regexp and in
// the browser's RegExp, as the policy compiles them.
func TestPatternsMatchAlikeInGoAndTheBrowser(t *testing.T) {
	b, _ := attach(t, nil)
	patterns := strings.Split(strings.TrimSuffix(patternCorpus, "\n"), "\n")
	names := nameCorpus(patterns)
	compared := 0
	for _, p := range patterns {
		if err := policy.CheckPattern(p); err != nil {
			t.Errorf("%q from the corpus is refused: %v", p, err)
			continue
		}
		re, err := regexp.Compile(`(?s)` + policy.AnchoredPattern(p))
		if err != nil {
			t.Errorf("%q: Go refuses it: %v", p, err)
			continue
		}
		match, err := b.CompilePattern(p)
		if err != nil {
			t.Errorf("%q: the browser refuses it: %v", p, err)
			continue
		}
		bad := 0
		for _, name := range names {
			if g, j := re.MatchString(name), match(name); g != j {
				if bad++; bad <= 3 {
					t.Errorf("%q against %q: Go %v, browser %v", p, name, g, j)
				}
			}
			compared++
		}
	}
	if len(patterns) < 50 || len(names) < 3000 {
		t.Errorf("only %d patterns and %d names", len(patterns), len(names))
	}
	t.Logf("%d patterns × %d names: %d comparisons", len(patterns), len(names), compared)
}

// The refused corpus is refused in the browser with the pattern's pointer,
// as `consent validate` refuses it: before, "(?i)…" validated natively
// and then broke the whole policy in Chromium ("Invalid group").
func TestPatternsOutsideTheDialectAreRefusedInTheBrowser(t *testing.T) {
	b, _ := attach(t, nil)
	policy.SetPatternEngine(b.CompilePattern)
	t.Cleanup(func() { policy.SetPatternEngine(nil) })
	for _, p := range []string{`(?i)_ga`, `\A_ga`, `_ga\z`, `[[:alpha:]]+`, `\pL+`, `\Q.\E`, `(?P<x>_ga)`, `(?<x>_ga)`, `(?=_ga)`, `(?!_ga)`, `(?<=x)_ga`, `(?<!x)_ga`, `\s`, `\bx`, `(a)\1`} {
		src := `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "` + strings.ReplaceAll(p, `\`, `\\`) + `"}]}]}`
		_, err := policy.Parse([]byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), "/services/0/cookies/0/pattern: ") || !strings.Contains(err.Error(), "not allowed") {
			t.Errorf("%q: Parse in the browser = %v, want a problem at /services/0/cookies/0/pattern saying what is not allowed", p, err)
		}
		if _, err := b.CompilePattern(p); err == nil {
			t.Errorf("%q: the browser engine compiles it", p)
		}
	}
	// And what validates works in the browser.
	p, err := policy.Parse([]byte(`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "[Mm]apbox.*"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c := &p.Services[0].Cookies[0]; !c.Matches("mapbox.eventData") || !c.Matches("Mapbox") || c.Matches("MAPBOX") {
		t.Errorf("[Mm]apbox.* matches wrongly in the browser")
	}
}
