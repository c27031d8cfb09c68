// Package jsontext reads and writes JSON without encoding/json or
// reflect: a strict parser that keeps each value's line and column, for
// error messages that name their place, and an appending writer for the
// views that cross the JS boundary.
package jsontext

import (
	"strconv"
	"unicode/utf8"
)

// A small, strict JSON parser (RFC 8259). The policy is parsed with it
// instead of encoding/json, which would add about 100 KB to the wasm every
// visitor downloads. It builds a tree of Nodes that FromNode validates; in
// the browser the same tree can be built from JSON.parse's result.

// NodeKind is the JSON type of a Node.
type NodeKind uint8

// The kinds of JSON values.
const (
	KindNull NodeKind = iota
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

// String returns the kind's name as used in messages ("a string", ...).
func (k NodeKind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "a boolean"
	case KindNumber:
		return "a number"
	case KindString:
		return "a string"
	case KindArray:
		return "an array"
	case KindObject:
		return "an object"
	}
	return "an unknown value"
}

// MaxDepth is how deeply arrays and objects may nest in a document given to
// Parse.
const MaxDepth = 128

// Node is one JSON value.
type Node struct {
	Kind NodeKind
	// Str is a string's value.
	Str string
	// Num is a number's value (±Inf when it overflows float64).
	Num float64
	// Bool is a boolean's value.
	Bool bool
	// Keys lists an object's keys in document order, each once.
	Keys []string
	// Fields maps each of an object's keys to its (first) value.
	Fields map[string]*Node
	// Dups lists the keys an object repeats, in document order.
	Dups []string
	// DupValues are the repeated keys' values, one for each of Dups, so
	// that a message can name the repeat's place rather than the first's.
	DupValues []*Node
	// Items are an array's elements.
	Items []*Node
	// Line and Col locate the value in its document (1-based, Col counts
	// characters); zero when the node was not parsed from text.
	Line, Col int
	// KeyLine and KeyCol locate the key that names this value in its
	// object (zero for an array item or the document), for messages about
	// the member rather than its value (an unknown field).
	KeyLine, KeyCol int
}

// Field returns an object's value for key, or nil.
func (n *Node) Field(key string) *Node {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	return n.Fields[key]
}

// SyntaxError is a JSON syntax error at a 1-based line and column.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

// Error returns "line L, column C: msg".
func (e *SyntaxError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Parse parses one JSON document. It rejects invalid UTF-8, raw control
// characters in strings, nesting deeper than MaxDepth and anything after
// the value but white space; a leading byte order mark is ignored. A
// repeated object key is not an error here: it is listed in the object's
// Dups for the validator to report. The error is a *SyntaxError.
func Parse(data []byte) (*Node, error) {
	p := &jsonParser{data: data, line: 1}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3
		p.lineStart = 3
	}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.errAt(p.pos, "empty document: expected a JSON value")
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+" after the end of the JSON value")
	}
	return n, nil
}

type jsonParser struct {
	data      []byte
	pos       int
	line      int
	lineStart int // offset of the first byte of the current line
	// column cache: colRunes characters lie between lineStart and colPos.
	colPos, colRunes int
}

// loc returns the 1-based line and character column of offset pos, which
// must lie on the current line.
func (p *jsonParser) loc(pos int) (int, int) {
	if pos > len(p.data) {
		pos = len(p.data)
	}
	if p.colPos < p.lineStart || p.colPos > pos {
		p.colPos, p.colRunes = p.lineStart, 0
	}
	p.colRunes += utf8.RuneCount(p.data[p.colPos:pos])
	p.colPos = pos
	return p.line, p.colRunes + 1
}

func (p *jsonParser) errAt(pos int, msg string) *SyntaxError {
	l, c := p.loc(pos)
	return &SyntaxError{Line: l, Col: c, Msg: msg}
}

// describe names the input at pos for an error message.
func (p *jsonParser) describe(pos int) string {
	if pos >= len(p.data) {
		return "end of input"
	}
	r, size := utf8.DecodeRune(p.data[pos:])
	if r == utf8.RuneError && size <= 1 {
		return "invalid UTF-8 byte 0x" + strconv.FormatUint(uint64(p.data[pos]), 16)
	}
	return "character " + strconv.QuoteRune(r)
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r':
			p.pos++
		case '\n':
			p.pos++
			p.line++
			p.lineStart = p.pos
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*Node, error) {
	line, col := p.loc(p.pos)
	c := p.data[p.pos]
	switch {
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			return nil, p.errAt(p.pos, "nesting deeper than "+strconv.Itoa(MaxDepth)+" levels")
		}
		if c == '{' {
			return p.object(depth, line, col)
		}
		return p.array(depth, line, col)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: KindString, Str: s, Line: line, Col: col}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(line, col)
	case c == 't':
		return p.literal("true", &Node{Kind: KindBool, Bool: true, Line: line, Col: col})
	case c == 'f':
		return p.literal("false", &Node{Kind: KindBool, Line: line, Col: col})
	case c == 'n':
		return p.literal("null", &Node{Kind: KindNull, Line: line, Col: col})
	}
	return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a JSON value")
}

func (p *jsonParser) literal(word string, n *Node) (*Node, error) {
	for i := 0; i < len(word); i++ {
		if p.pos+i >= len(p.data) || p.data[p.pos+i] != word[i] {
			return nil, p.errAt(p.pos+i, "unexpected "+p.describe(p.pos+i)+" in literal "+strconv.Quote(word))
		}
	}
	p.pos += len(word)
	return n, nil
}

func (p *jsonParser) object(depth, line, col int) (*Node, error) {
	n := &Node{Kind: KindObject, Fields: map[string]*Node{}, Line: line, Col: col}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a string as object key")
		}
		keyLine, keyCol := p.loc(p.pos)
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected ':' after object key")
		}
		p.pos++
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errAt(p.pos, "unexpected end of input: expected a JSON value")
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.KeyLine, v.KeyCol = keyLine, keyCol
		if _, dup := n.Fields[key]; dup {
			n.Dups = append(n.Dups, key)
			n.DupValues = append(n.DupValues, v)
		} else {
			n.Keys = append(n.Keys, key)
			n.Fields[key] = v
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errAt(p.pos, "unexpected end of input: expected ',' or '}'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case '}':
			p.pos++
			return n, nil
		default:
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected ',' or '}'")
		}
	}
}

func (p *jsonParser) array(depth, line, col int) (*Node, error) {
	n := &Node{Kind: KindArray, Line: line, Col: col}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		n.Items = []*Node{}
		return n, nil
	}
	for {
		if p.pos >= len(p.data) {
			return nil, p.errAt(p.pos, "unexpected end of input: expected a JSON value")
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errAt(p.pos, "unexpected end of input: expected ',' or ']'")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case ']':
			p.pos++
			return n, nil
		default:
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected ',' or ']'")
		}
	}
}

// number scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number(line, col int) (*Node, error) {
	start := p.pos
	d := p.data
	digits := func() bool {
		s := p.pos
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
		return p.pos > s
	}
	if d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case p.pos < len(d) && d[p.pos] >= '1' && d[p.pos] <= '9':
		digits()
	default:
		return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a digit")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if !digits() {
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a digit after '.'")
		}
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if !digits() {
			return nil, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a digit in the exponent")
		}
	}
	// The syntax is checked above; ParseFloat only fails on overflow, and
	// then returns ±Inf, which the validator rejects where it matters.
	f, _ := strconv.ParseFloat(string(d[start:p.pos]), 64)
	return &Node{Kind: KindNumber, Num: f, Line: line, Col: col}, nil
}

// str scans a string starting at the opening quote.
func (p *jsonParser) str() (string, error) {
	d := p.data
	p.pos++ // "
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(d) {
		c := d[p.pos]
		if c == '"' {
			s := string(d[start:p.pos])
			p.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c < utf8.RuneSelf {
			p.pos++
			continue
		}
		r, size := utf8.DecodeRune(d[p.pos:])
		if r == utf8.RuneError && size <= 1 {
			return "", p.errAt(p.pos, "invalid UTF-8 in string")
		}
		p.pos += size
	}
	buf := make([]byte, 0, p.pos-start+16)
	buf = append(buf, d[start:p.pos]...)
	for p.pos < len(d) {
		c := d[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return "", p.errAt(p.pos, "control character 0x"+strconv.FormatUint(uint64(c), 16)+" in string: escape it")
		case c == '\\':
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			buf = utf8.AppendRune(buf, r)
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(d[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.errAt(p.pos, "invalid UTF-8 in string")
			}
			buf = append(buf, d[p.pos:p.pos+size]...)
			p.pos += size
		}
	}
	return "", p.errAt(p.pos, "unexpected end of input in string")
}

// escape decodes the escape sequence at p.pos (a backslash). A lone
// surrogate becomes U+FFFD, as in encoding/json and JSON.parse's UTF-8
// conversion.
func (p *jsonParser) escape() (rune, error) {
	d := p.data
	if p.pos+1 >= len(d) {
		return 0, p.errAt(p.pos+1, "unexpected end of input in escape sequence")
	}
	c := d[p.pos+1]
	p.pos += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, err := p.hex4()
		if err != nil {
			return 0, err
		}
		if r >= 0xD800 && r < 0xDC00 {
			// A high surrogate: combine with a following low one.
			if p.pos+1 < len(d) && d[p.pos] == '\\' && d[p.pos+1] == 'u' {
				save := p.pos
				p.pos += 2
				r2, err := p.hex4()
				if err != nil {
					return 0, err
				}
				if r2 >= 0xDC00 && r2 < 0xE000 {
					return (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000, nil
				}
				p.pos = save
			}
			return utf8.RuneError, nil
		}
		if r >= 0xDC00 && r < 0xE000 {
			return utf8.RuneError, nil
		}
		return r, nil
	}
	return 0, p.errAt(p.pos-1, "invalid escape sequence: backslash followed by "+p.describe(p.pos-1))
}

func (p *jsonParser) hex4() (rune, error) {
	var r rune
	for i := 0; i < 4; i++ {
		if p.pos >= len(p.data) {
			return 0, p.errAt(p.pos, "unexpected end of input in \\u escape")
		}
		c := p.data[p.pos]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, p.errAt(p.pos, "unexpected "+p.describe(p.pos)+": expected a hex digit in \\u escape")
		}
		r = r<<4 | rune(v)
		p.pos++
	}
	return r, nil
}
