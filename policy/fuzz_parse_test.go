package policy

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fuzzSeeds adds the examples and test policies, and some odd bytes.
func fuzzSeeds(f *testing.F) {
	for _, g := range []string{"../examples/*.json", "testdata/*.json", "testdata/broken/*.json"} {
		files, _ := filepath.Glob(g)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, s := range []string{
		``, ` `, `{`, `}`, `[`, `"`, `"\`, `"\u`, `"\ud800`, `"\ud800\u`, `-`, `0.`, `1e`,
		`{"categories": [], "services": []}`,
		`{"categories": [{"id": "n", "required": true, "label": {}}], "services": []}`,
		`{"languages": ["en", 1], "categories": [{"id": "n", "required": true, "label": {"en": "x", "de": "y"}}], "services": [{"cookies": [{"pattern": "(a"}]}]}`,
		"\xEF\xBB\xBF{}", "\xff", "\"\xc3\"", "[\"\x00\"]", "{\"a\":1,\"a\":2}",
		strings.Repeat("[", 200), strings.Repeat(`{"a":`, 130),
		`1e999`, `-0.0e-0`, `[true,false,null]`,
	} {
		f.Add([]byte(s))
	}
}

// withoutRegexps returns a copy of p without the compiled patterns, which
// reflect.DeepEqual should not look into.
func withoutRegexps(p *Policy) *Policy {
	if p == nil {
		return nil
	}
	q := *p
	q.Services = make([]Service, len(p.Services))
	for i, s := range p.Services {
		s.Cookies = append([]Cookie(nil), s.Cookies...)
		for j := range s.Cookies {
			s.Cookies[j].match = nil
		}
		q.Services[i] = s
	}
	q.categoryIndex, q.serviceIndex = nil, nil
	return &q
}

func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p1, err1 := Parse(data)
		p2, err2 := Parse(data)
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("Parse is not deterministic: %v / %v", err1, err2)
		}
		if !reflect.DeepEqual(withoutRegexps(p1), withoutRegexps(p2)) {
			t.Fatalf("Parse is not deterministic:\n%+v\n%+v", p1, p2)
		}
		if err1 != nil {
			if p1 != nil {
				t.Fatal("a policy returned with an error")
			}
			probs, ok := err1.(Problems)
			if !ok || len(probs) == 0 {
				t.Fatalf("error %T %v is not a non-empty Problems", err1, err1)
			}
			for _, pr := range probs {
				if pr.Pointer != "" && !strings.HasPrefix(pr.Pointer, "/") || pr.Message == "" ||
					strings.Contains(pr.Message, "\n") {
					t.Fatalf("bad problem %#v", pr)
				}
			}
			return
		}
		// A valid policy keeps the promises the rest of the package relies on.
		if len(p1.Languages) == 0 || p1.ConsentCookie.Name == "" || p1.ConsentCookie.MaxAgeDays < 1 {
			t.Fatalf("defaults missing: %+v", p1)
		}
		required := false
		for _, c := range p1.Categories {
			required = required || c.Required
			if !ValidID(c.ID) || !c.Label.Has(p1.DefaultLanguage()) {
				t.Fatalf("bad category %+v", c)
			}
		}
		if !required {
			t.Fatal("no required category")
		}
		for _, s := range p1.Services {
			if p1.Category(s.Category) == nil || !ValidID(s.ID) || s.Provider == "" {
				t.Fatalf("bad service %+v", s)
			}
			for _, c := range s.Cookies {
				if (c.Name == "") == (c.Pattern == "") || (c.Pattern != "" && c.match == nil) {
					t.Fatalf("bad cookie %+v", c)
				}
				c.Matches("x")
			}
		}
	})
}
