package policy

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/pattern/patterntest"
	"github.com/consentwasm/consent/policy/texts"
)

// patternOnlyGo are the refused patterns the JSON Schema accepts, and why:
// a schema's "pattern" is a regular expression, which can list the
// dialect's pieces but cannot count or compare them.
var patternOnlyGo = map[string]string{
	`(a`: "balanced parentheses", `a)`: "balanced parentheses", `a)|(b`: "balanced parentheses",
	`*a`: "where a quantifier may stand", `a|+`: "where a quantifier may stand", `^*`: "where a quantifier may stand",
	`a$?`: "where a quantifier may stand", `a**`: "where a quantifier may stand", `a{2}{3}`: "where a quantifier may stand",
	`a*??`:   "where a quantifier may stand",
	`a{3,2}`: "comparing numbers", `a{1001}`: "comparing numbers", `(?:a{100}){11}`: "comparing numbers",
	`[z-a]`: "comparing characters", `[\d-z]`: "range ends", `[a-\d]`: "range ends", `[a-b-c]`: "range ends",
	strings.Repeat("(", 101) + strings.Repeat(")", 101): "counting depth",
	`x{0,1000}`: "counting size", `(?:abcdefghij){201}`: "counting size", `a{1000}b{1000}`: "counting size",
}

// The schema and Parse agree on the dialect corpus, but for patternOnlyGo.
func TestSchemaAgreesOnPatterns(t *testing.T) {
	sch := compileSchema(t)
	doc := func(p string) []byte {
		b, _ := json.Marshal(p)
		return []byte(`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "cookies": [{"pattern": ` + string(b) + `}]}]}`)
	}
	for _, p := range patterntest.Allowed {
		agree(t, sch, "pattern "+p, doc(p), true)
	}
	for _, tt := range patterntest.Refused {
		if tt.Pattern == "" || tt.Pattern == "\xff" {
			continue // not a pattern the schema sees (minLength; JSON is UTF-8)
		}
		if why, ok := patternOnlyGo[tt.Pattern]; ok {
			if _, err := Parse(doc(tt.Pattern)); err == nil {
				t.Errorf("Parse accepts %q", tt.Pattern)
			}
			if err := schemaCheck(sch, doc(tt.Pattern)); err != nil {
				t.Errorf("the schema now refuses %q: remove it from patternOnlyGo (%s)", tt.Pattern, why)
			}
			continue
		}
		agree(t, sch, "pattern "+tt.Pattern, doc(tt.Pattern), false)
	}
}

// The schema's text keys are texts.Keys.
func TestSchemaTextKeys(t *testing.T) {
	var s struct {
		Properties struct {
			Texts struct {
				AdditionalProperties struct {
					PropertyNames struct {
						Enum []string `json:"enum"`
					} `json:"propertyNames"`
				} `json:"additionalProperties"`
			} `json:"texts"`
		} `json:"properties"`
	}
	b, err := os.ReadFile("policy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Properties.Texts.AdditionalProperties.PropertyNames.Enum; !reflect.DeepEqual(got, texts.Keys) {
		t.Errorf("policy.schema.json texts keys = %v\nwant texts.Keys = %v", got, texts.Keys)
	}
}

// What docs/policy.md makes optional the schema does not require.
func TestSchemaOnlyRequiredFields(t *testing.T) {
	sch := compileSchema(t)
	agree(t, sch, "no services", []byte(`{"categories": [{"id": "n", "required": true, "label": "N"}]}`), true)
	agree(t, sch, "service without label", []byte(`{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P"}]}`), true)
	agree(t, sch, "unknown text key", []byte(`{"categories": [{"id": "n", "required": true, "label": "N"}], "texts": {"en": {"bannerTitel": "x"}}}`), false)
}
