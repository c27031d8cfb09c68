package policy

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaOnlyGo lists the broken files whose mistake the JSON Schema cannot
// express, and why; Parse must reject them, the schema accepts them.
var schemaOnlyGo = map[string]string{
	"duplicate-id":             "uniqueness of a field across array items is beyond JSON Schema",
	"duplicate-key":            "JSON decoders keep one of the values; the schema never sees the repeat",
	"unknown-category":         "a reference to another part of the document",
	"bad-pattern":              "a schema's pattern cannot check that parentheses are balanced (see patternOnlyGo)",
	"missing-default-language": "the required key depends on the value of /languages/0",
	"text-unknown-language":    "the allowed keys depend on the value of /languages",
	"texts-unknown-language":   "the allowed keys depend on the value of /languages",
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("policy.schema.json")
	if err != nil {
		t.Fatalf("compiling policy.schema.json: %v", err)
	}
	return sch
}

// schemaCheck validates src against the schema; a document that is not
// JSON fails too.
func schemaCheck(sch *jsonschema.Schema, src []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func TestSchemaAgreesWithParse(t *testing.T) {
	sch := compileSchema(t)
	var files []string
	for _, g := range []string{"../examples/*.json", "testdata/*.json", "testdata/broken/*.json"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		src := mustRead(t, f)
		goErr := func() error { _, err := Parse(src); return err }()
		schemaErr := schemaCheck(sch, src)
		broken := strings.Contains(filepath.ToSlash(f), "/broken/")
		if broken && goErr == nil {
			t.Errorf("%s: Parse accepts a broken file", f)
		}
		if !broken && goErr != nil {
			t.Errorf("%s: Parse: %v", f, goErr)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if why, ok := schemaOnlyGo[name]; ok && broken {
			if schemaErr != nil {
				t.Errorf("%s: the schema now rejects it (%v); remove it from schemaOnlyGo (%s)", f, schemaErr, why)
			}
			continue
		}
		if (goErr == nil) != (schemaErr == nil) {
			t.Errorf("%s: Parse and the schema disagree:\nParse: %v\nschema: %v", f, goErr, schemaErr)
		}
	}
}

// The same agreement on small policies, each differing from a valid one by
// one value.
func TestSchemaAgreesOnValues(t *testing.T) {
	sch := compileSchema(t)
	const head = `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [{"id": "s", "category": "n", "provider": "P", "label": "S", "cookies": [`
	const tail = `]}]}`
	tests := []struct {
		json string
		ok   bool
	}{
		{`{"name": "a"}`, true},
		{`{"name": "a b"}`, false},
		{`{"name": "a=b"}`, false},
		{`{"name": "é"}`, false},
		{`{"name": ""}`, false},
		{`{"name": 1}`, false},
		{`{"name": "k y", "storage": "localStorage"}`, true},
		{`{"name": "", "storage": "sessionStorage"}`, false},
		{`{"name": "k", "storage": "sessionStorage", "path": "/"}`, false},
		{`{"name": "k", "storage": "cookie", "path": "/"}`, true},
		{`{"name": "k y", "storage": "cookie"}`, false},
		{`{"pattern": "a.*", "storage": "localStorage"}`, true},
		{`{"pattern": ""}`, false},
		{`{"name": "a", "domain": "example.org"}`, true},
		{`{"name": "a", "domain": ".example.org"}`, true},
		{`{"name": "a", "domain": "example.org."}`, false},
		{`{"name": "a", "domain": "EXAMPLE.org"}`, false},
		{`{"name": "a", "domain": "a--b.org"}`, true},
		{`{"name": "a", "domain": "-ab.org"}`, false},
		{`{"name": "a", "domain": "` + strings.Repeat("a.", 126) + `a"}`, true},
		{`{"name": "a", "domain": "` + strings.Repeat("a.", 127) + `"}`, false},
		{`{"name": "a", "domain": ".` + strings.Repeat("a.", 126) + `a"}`, true},
		{`{"name": "a", "domain": "` + strings.Repeat("a", 64) + `"}`, false},
		{`{"name": "a", "path": "/x y"}`, true},
		{`{"name": "a", "path": "/x;y"}`, false},
		{`{"name": "a", "path": "/x\u0001"}`, false},
		{`{"name": "a", "path": "x"}`, false},
		{`{"name": "a", "duration": ""}`, false},
		{`{"name": "a", "duration": {}}`, false},
		{`{"name": "a", "duration": {"en": "1 day"}}`, true},
		{`{"name": "a", "duration": {"en": 1}}`, false},
		{`{"name": "a", "duration": {"EN": "x"}}`, false},
		{`{"name": "a", "duration": null}`, false},
		{`{"name": "a", "extra": 1}`, false},
		{`"a"`, false},
	}
	for _, tt := range tests {
		agree(t, sch, "cookie "+tt.json, []byte(head+tt.json+tail), tt.ok)
	}
	const top = `"categories": [{"id": "n", "required": true, "label": "N"}], "services": []`
	tops := []struct {
		json string
		ok   bool
	}{
		{`"revision": 0`, true}, {`"revision": 1.0`, true}, {`"revision": 1.5`, false},
		{`"revision": -1`, false}, {`"revision": 2147483647`, true}, {`"revision": 2147483648`, false},
		{`"languages": ["pt-BR", "de"]`, true}, {`"languages": ["en-"]`, false},
		{`"languages": []`, false}, {`"languages": ["de", "de"]`, false},
		{`"languageCookie": "django_language"`, true}, {`"languageCookie": "a b"`, false},
		{`"consentCookie": {}`, true}, {`"consentCookie": {"sameSite": "LAX"}`, true},
		{`"consentCookie": {"sameSite": "lax "}`, false}, {`"consentCookie": {"maxAgeDays": 0}`, false},
		{`"consentCookie": {"maxAgeDays": 395}`, true}, {`"consentCookie": {"maxAgeDays": 396}`, false},
		{`"consentCookie": {"path": "/a"}`, true}, {`"consentCookie": {"path": ""}`, false},
		{`"consentCookie": {"domain": "a.b"}`, true}, {`"consentCookie": {"secure": true}`, false},
		{`"gpc": "ignore"`, true}, {`"gpc": "Reject"`, false},
		{`"policyUrl": "/c.html"`, true}, {`"policyUrl": "https://a.b/c"`, true},
		{`"policyUrl": "//a.b/c"`, true}, {`"policyUrl": "HTTPS://a"`, true},
		{`"policyUrl": "a/b:c"`, true}, {`"policyUrl": ""`, false},
		{`"policyUrl": "javascript:x"`, false}, {`"policyUrl": "data:x"`, false},
		{`"policyUrl": "https:/a"`, false}, {`"policyUrl": "https://"`, false},
		{`"policyUrl": "/a\tb"`, false}, {`"policyUrl": "a:b/c"`, false},
		{`"texts": {"en": {"acceptAll": "OK"}}`, true}, {`"texts": {"en": {"accept_all": "OK"}}`, false},
		{`"texts": {"en": []}`, false}, {`"texts": {"e": {}}`, false},
		{`"reloadOnWithdraw": false`, true}, {`"reloadOnWithdraw": 0`, false},
		{`"layout": "box"`, true}, {`"layout": "Box"`, false},
		{`"theme": "light"`, true}, {`"theme": null`, false},
		{`"$schema": "https://consentwasm.github.io/consent/policy.schema.json"`, true}, {`"$schema": 1`, false},
	}
	for _, tt := range tops {
		agree(t, sch, tt.json, []byte("{"+tt.json+", "+top+"}"), tt.ok)
	}
	cats := []struct {
		json string
		ok   bool
	}{
		{`[{"id": "n", "required": true, "label": "N"}, {"id": "a", "label": "A"}]`, true},
		{`[{"id": "n", "required": false, "label": "N"}]`, false},
		{`[{"id": "n", "label": "N"}]`, false},
		{`[{"id": "n", "required": true, "label": "N", "googleConsentMode": []}]`, true},
		{`[{"id": "n", "required": true, "label": "N", "googleConsentMode": ["ad_storage", "ad_storage"]}]`, false},
		{`[{"id": "n", "required": true, "label": "N", "googleConsentMode": ["ads"]}]`, false},
		{`[{"id": "n", "required": true, "label": "N", "description": 1}]`, false},
		{`[{"id": "N", "required": true, "label": "N"}]`, false},
		{`[{"required": true, "label": "N"}]`, false},
		{`[]`, false},
	}
	for _, tt := range cats {
		agree(t, sch, "categories "+tt.json, []byte(`{"categories": `+tt.json+`, "services": []}`), tt.ok)
	}
}

// agree checks that Parse and the schema both accept src when ok, both
// reject it otherwise.
func agree(t *testing.T, sch *jsonschema.Schema, what string, src []byte, ok bool) {
	t.Helper()
	_, goErr := Parse(src)
	schemaErr := schemaCheck(sch, src)
	if (goErr == nil) != ok || (schemaErr == nil) != ok {
		t.Errorf("%s: want ok=%v\nParse: %v\nschema: %v", what, ok, goErr, schemaErr)
	}
}
