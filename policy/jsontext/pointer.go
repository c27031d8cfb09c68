package jsontext

import "strings"

// At returns the value a JSON pointer (RFC 6901; "" is the whole document)
// names below n, and true; or, when the pointer names no value (a missing
// key, an index out of range, a step into a string), the deepest value on
// its way, and false. It is how a message with a pointer finds its line and
// column.
func (n *Node) At(pointer string) (*Node, bool) {
	if n == nil {
		return nil, false
	}
	if pointer == "" {
		return n, true
	}
	if pointer[0] != '/' {
		return n, false
	}
	cur := n
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = unescapeToken(tok)
		var next *Node
		switch cur.Kind {
		case KindObject:
			next = cur.Fields[tok]
		case KindArray:
			if i, ok := arrayIndex(tok); ok && i < len(cur.Items) {
				next = cur.Items[i]
			}
		}
		if next == nil {
			return cur, false
		}
		cur = next
	}
	return cur, true
}

// unescapeToken undoes PointerToken's escapes: "~1" is "/", "~0" is "~".
func unescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// arrayIndex reads an array index token: digits, no leading zero.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	i := 0
	for _, c := range []byte(tok) {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, true
}
