package jsontext

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// plain turns a Node into the Go values encoding/json would decode.
func plain(n *Node) any {
	switch n.Kind {
	case KindNull:
		return nil
	case KindBool:
		return n.Bool
	case KindNumber:
		return n.Num
	case KindString:
		return n.Str
	case KindArray:
		out := []any{}
		for _, it := range n.Items {
			out = append(out, plain(it))
		}
		return out
	case KindObject:
		out := map[string]any{}
		for _, k := range n.Keys {
			out[k] = plain(n.Fields[k])
		}
		return out
	}
	panic("bad kind")
}

func TestParseJSONValues(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{`null`, nil},
		{` true `, true},
		{"\tfalse\r\n", false},
		{`0`, 0.0},
		{`-0`, math.Copysign(0, -1)},
		{`-12.5e+2`, -1250.0},
		{`1E-2`, 0.01},
		{`""`, ""},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t"},
		{`"\u00e9\u20AC"`, "é€"},
		{`"\ud83c\udf6a"`, "🍪"},              // surrogate pair
		{`"\ud83c"`, "\uFFFD"},               // lone high surrogate
		{`"\udf6a x"`, "\uFFFD x"},           // lone low surrogate
		{`"\ud83c\u0041"`, "\uFFFDA"},        // high surrogate, then no low one
		{"\"Grüße 🍪\"", "Grüße 🍪"},           // raw UTF-8
		{"\xEF\xBB\xBF{}", map[string]any{}}, // byte order mark ignored
		{`[]`, []any{}},
		{`[1, "a", [null]]`, []any{1.0, "a", []any{nil}}},
		{`{"a": {"b": [true]}, "c": 1}`, map[string]any{"a": map[string]any{"b": []any{true}}, "c": 1.0}},
	}
	for _, tt := range tests {
		n, err := Parse([]byte(tt.in))
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := plain(n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseJSONHugeNumberIsInfinite(t *testing.T) {
	n, err := Parse([]byte(`1e400`))
	if err != nil || !math.IsInf(n.Num, 1) {
		t.Fatalf("Parse(1e400) = %v, %v; want +Inf, nil", n, err)
	}
}

func TestParseJSONSyntaxErrors(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	tests := []struct {
		in        string
		line, col int
		msg       string
	}{
		{``, 1, 1, "empty document"},
		{"  \n ", 2, 2, "empty document"},
		{`{"a": 1,}`, 1, 9, "expected a string as object key"},
		{`[1, 2,]`, 1, 7, "expected a JSON value"},
		{`{"a" 1}`, 1, 6, "expected ':'"},
		{`{"a": 1 "b": 2}`, 1, 9, "expected ',' or '}'"},
		{`[1 2]`, 1, 4, "expected ',' or ']'"},
		{"{\n  \"a\": tru\n}", 2, 11, "in literal \"true\""},
		{`nul`, 1, 4, "end of input"},
		{`01`, 1, 2, "after the end"},
		{`-`, 1, 2, "expected a digit"},
		{`1.`, 1, 3, "expected a digit after '.'"},
		{`1e+`, 1, 4, "exponent"},
		{`.5`, 1, 1, "expected a JSON value"},
		{`+1`, 1, 1, "expected a JSON value"},
		{`"abc`, 1, 5, "end of input in string"},
		{"\"a\tb\"", 1, 3, "control character 0x9"},
		{"\"a\nb\"", 1, 3, "control character 0xa"},
		{`"\x"`, 1, 3, "invalid escape"},
		{`"\u12G4"`, 1, 6, "hex digit"},
		{"\"ab\xff\"", 1, 4, "invalid UTF-8"},
		{"\"é\xc3\"", 1, 3, "invalid UTF-8"},
		{`{} {}`, 1, 4, "after the end of the JSON value"},
		{`{"a":1}x`, 1, 8, "after the end"},
		{"[\"é\", ?]", 1, 7, "character '?'"},
		{`'a'`, 1, 1, "expected a JSON value"},
		{`NaN`, 1, 1, "expected a JSON value"},
		{`[1, // comment` + "\n]", 1, 5, "expected a JSON value"},
		{"\xEF\xBB\xBF\xEF\xBB\xBF{}", 1, 1, "expected a JSON value"},
		{deep, 1, MaxDepth + 1, "nesting deeper than 128 levels"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error = %v, want a *SyntaxError", tt.in, err)
			continue
		}
		if se.Line != tt.line || se.Col != tt.col || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("Parse(%q) error = %q (line %d col %d), want line %d col %d containing %q",
				tt.in, se.Error(), se.Line, se.Col, tt.line, tt.col, tt.msg)
		}
		if json.Valid([]byte(tt.in)) && !strings.Contains(tt.msg, "nesting") && !strings.Contains(tt.msg, "UTF-8") {
			t.Errorf("test case %q is valid JSON for encoding/json", tt.in)
		}
	}
}

func TestParseJSONDepthLimit(t *testing.T) {
	ok := strings.Repeat(`{"a":`, MaxDepth) + "1" + strings.Repeat("}", MaxDepth)
	if _, err := Parse([]byte(ok)); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	// Far deeper than any stack would like: an error, not a crash.
	huge := strings.Repeat("[", 1_000_000)
	if _, err := Parse([]byte(huge)); err == nil || !strings.Contains(err.Error(), "nesting") {
		t.Errorf("a million '[': error = %v, want nesting error", err)
	}
}

func TestParseJSONPositions(t *testing.T) {
	src := "{\n  \"é\": [\n    \"x\", 🍪true\n  ]\n}"
	_, err := Parse([]byte(src))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 3 || se.Col != 10 {
		t.Fatalf("error = %v, want line 3, column 10 (columns count characters)", err)
	}
	src = "{\n  \"é\": [\n    \"x\", true\n  ]\n}"
	n, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	arr := n.Fields["é"]
	if arr.Line != 2 || arr.Col != 8 {
		t.Errorf("array at %d:%d, want 2:8", arr.Line, arr.Col)
	}
	if b := arr.Items[1]; b.Line != 3 || b.Col != 10 {
		t.Errorf("true at %d:%d, want 3:10", b.Line, b.Col)
	}
}

func TestParseJSONDuplicateKeys(t *testing.T) {
	n, err := Parse([]byte(`{"a": 1, "b": 2, "a": 3, "a": 4}`))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(n.Keys, []string{"a", "b"}) || !reflect.DeepEqual(n.Dups, []string{"a", "a"}) {
		t.Errorf("Keys = %q, Dups = %q; want [a b], [a a]", n.Keys, n.Dups)
	}
	if n.Fields["a"].Num != 1 {
		t.Errorf("a = %v, want the first value 1", n.Fields["a"].Num)
	}
}
