//go:build js && wasm

package bridge

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// The refused corpus is refused in the browser with the pattern's pointer,
// as `consent validate` refuses it: before, "(?i)…" validated natively
// and then broke the whole policy in Chromium ("Invalid group"). The
// browser runs policy/pattern, the matcher `consent validate` runs.
func TestPatternsOutsideTheDialectAreRefusedInTheBrowser(t *testing.T) {
	for _, p := range []string{`(?i)_ga`, `\A_ga`, `_ga\z`, `[[:alpha:]]+`, `\pL+`, `\Q.\E`, `(?P<x>_ga)`, `(?<x>_ga)`, `(?=_ga)`, `(?!_ga)`, `(?<=x)_ga`, `(?<!x)_ga`, `\s`, `\bx`, `(a)\1`, `x{0,1000}`} {
		src := `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "` + strings.ReplaceAll(p, `\`, `\\`) + `"}]}]}`
		_, err := policy.Parse([]byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), "/services/0/cookies/0/pattern: ") || !(strings.Contains(err.Error(), "not allowed") || strings.Contains(err.Error(), "too large")) {
			t.Errorf("%q: Parse in the browser = %v, want a problem at /services/0/cookies/0/pattern saying what is not allowed", p, err)
		}
	}
	// And what validates works in the browser, also on the patterns a
	// backtracking engine freezes on.
	p, err := policy.Parse([]byte(`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": "[Mm]apbox.*"}, {"pattern": "(?:a+)+b"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if c := &p.Services[0].Cookies[0]; !c.Matches("mapbox.eventData") || !c.Matches("Mapbox") || c.Matches("MAPBOX") {
		t.Errorf("[Mm]apbox.* matches wrongly in the browser")
	}
	if c := &p.Services[0].Cookies[1]; c.Matches(strings.Repeat("a", 4000)) || !c.Matches("aab") {
		t.Errorf("(?:a+)+b matches wrongly in the browser")
	}
}
