package jsontext

import "testing"

func TestAt(t *testing.T) {
	doc := "{\n  \"a\": [1, {\"b/c\": \"x\", \"~\": true}],\n  \"s\": \"str\"\n}"
	root, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ptr       string
		line, col int
		found     bool
		kind      NodeKind
	}{
		{"", 1, 1, true, KindObject},
		{"/a", 2, 8, true, KindArray},
		{"/a/0", 2, 9, true, KindNumber},
		{"/a/1/b~1c", 2, 20, true, KindString},
		{"/a/1/~0", 2, 30, true, KindBool},
		{"/s", 3, 8, true, KindString},
		// Not there: the deepest value on the way.
		{"/a/1/missing", 2, 12, false, KindObject},
		{"/a/7", 2, 8, false, KindArray},
		{"/a/01", 2, 8, false, KindArray},
		{"/s/x", 3, 8, false, KindString},
		{"/nope/deeper", 1, 1, false, KindObject},
	}
	for _, tt := range tests {
		n, ok := root.At(tt.ptr)
		if ok != tt.found || n.Line != tt.line || n.Col != tt.col || n.Kind != tt.kind {
			t.Errorf("At(%q) = %s at %d:%d, %v; want %s at %d:%d, %v", tt.ptr, n.Kind, n.Line, n.Col, ok, tt.kind, tt.line, tt.col, tt.found)
		}
	}
}
