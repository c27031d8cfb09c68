package policy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/texts"
)

// A policy with only the required fields of docs/policy.md parses, with the
// documented defaults.
func TestParseOnlyRequiredFields(t *testing.T) {
	p := mustParse(t, `{"categories": [{"id": "necessary", "required": true, "label": "Necessary"}]}`)
	if p.Revision != 0 || !reflect.DeepEqual(p.Languages, []string{"en"}) || len(p.Services) != 0 {
		t.Errorf("defaults: revision %d, languages %v, services %v", p.Revision, p.Languages, p.Services)
	}
	p = mustParse(t, `{"categories": [{"id": "necessary", "required": true, "label": "Necessary"}],
		"services": [{"id": "matomo", "category": "necessary", "provider": "Matomo", "cookies": [{"name": "a"}]}]}`)
	if got := p.Services[0].Label; !reflect.DeepEqual(got, Text{AnyLanguage: "Matomo"}) {
		t.Errorf("a service's label defaults to its provider: got %v", got)
	}
	if got := p.Services[0].Label.In("en", "en"); got != "Matomo" {
		t.Errorf("label in en = %q", got)
	}
}

// texts keys are checked like every other field.
func TestParseTextsKeys(t *testing.T) {
	probs := problemsOf(t, []byte(`{"categories": [{"id": "n", "required": true, "label": "N"}],
		"texts": {"en": {"bannerTitel": "Cookies", "acceptAll": "OK"}}}`))
	if len(probs) != 1 || probs[0].Pointer != "/texts/en/bannerTitel" ||
		probs[0].Message != `unknown text key "bannerTitel" (did you mean "bannerTitle"?)` {
		t.Errorf("problems = %v", probs)
	}
	mustParse(t, `{"categories": [{"id": "n", "required": true, "label": "N"}], "texts": {"en": {"`+strings.Join(texts.Keys, `": "x", "`)+`": "x"}}}`)
}

// Root-level problems print "/" and syntax errors "line:column".
func TestProblemLocations(t *testing.T) {
	probs := problemsOf(t, []byte("{\n  \"categories\": [\n}"))
	if len(probs) != 1 || probs[0].Line != 3 || probs[0].Column != 1 || !strings.HasPrefix(probs.Error(), "3:1: unexpected character '}'") {
		t.Errorf("syntax error = %#v (%q)", probs, probs.Error())
	}
	probs = problemsOf(t, []byte(`[]`))
	if got := probs.Error(); got != "/: must be an object, not an array" {
		t.Errorf("root problem = %q", got)
	}
	probs = problemsOf(t, []byte(`{}`))
	if got := probs.Error(); got != `/: missing required field "categories"` {
		t.Errorf("root problem = %q", got)
	}
}
