package jsontext

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, g := range []string{"../../examples/*.json", "../testdata/*.json", "../testdata/broken/*.json"} {
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

func FuzzParseJSON(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse(data)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Line < 1 || se.Col < 1 || n != nil {
				t.Fatalf("error %T %v, node %v", err, err, n)
			}
		}
		// Compare with encoding/json where both follow the same rules:
		// valid UTF-8, no byte order mark, nesting within MaxDepth.
		if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) ||
			(err != nil && strings.Contains(err.Error(), "nesting deeper")) {
			return
		}
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("Parse error %v, but json.Valid = %v", err, valid)
		}
		if err != nil || hasDups(n) {
			return
		}
		var want any
		if json.Unmarshal(data, &want) != nil {
			return // a number beyond float64
		}
		if got := plain(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse = %#v, encoding/json = %#v", got, want)
		}
	})
}

func hasDups(n *Node) bool {
	if len(n.Dups) > 0 {
		return true
	}
	for _, it := range n.Items {
		if hasDups(it) {
			return true
		}
	}
	for _, v := range n.Fields {
		if hasDups(v) {
			return true
		}
	}
	return false
}
