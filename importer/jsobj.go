package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The configurations are JavaScript object literals (JSON is one of them).
// They are read by the small parser below, never run: a site's own code
// (callbacks, variables, calls) is recognised, skipped and reported.

// Object is a JavaScript object literal: its keys in order and values.
type Object struct {
	Keys   []string
	Values map[string]any
}

// Get returns the value of key, or nil.
func (o *Object) Get(key string) any {
	if o == nil {
		return nil
	}
	return o.Values[key]
}

// RegExp is a regular expression literal /Source/Flags.
type RegExp struct{ Source, Flags string }

// Code is an expression that is not a literal (a function, a variable, a
// call): the configuration's own code, which is not run.
type Code struct{ Text string }

// A value is one of: *Object, []any, string, float64, bool, nil (null or
// undefined), RegExp, Code.

// jsParser reads an object literal out of JavaScript source.
type jsParser struct {
	src string
	pos int
}

// parseLiteralAt parses the literal value that starts at offset pos of src.
func parseLiteralAt(src string, pos int) (any, error) {
	p := &jsParser{src: src, pos: pos}
	p.space()
	if p.eof() {
		return nil, p.errorf("unexpected end of the file")
	}
	return p.literal(0) // what follows (";", ")") is the site's code
}

func (p *jsParser) errorf(format string, args ...any) error {
	line := 1 + strings.Count(p.src[:p.pos], "\n")
	col := 1 + utf8.RuneCountInString(p.src[strings.LastIndexByte(p.src[:p.pos], '\n')+1:p.pos])
	return fmt.Errorf("%d:%d: %s", line, col, fmt.Sprintf(format, args...))
}

func (p *jsParser) eof() bool { return p.pos >= len(p.src) }

// space skips white space and comments.
func (p *jsParser) space() {
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			p.pos++
		case strings.HasPrefix(p.src[p.pos:], "//"):
			if i := strings.IndexByte(p.src[p.pos:], '\n'); i >= 0 {
				p.pos += i + 1
			} else {
				p.pos = len(p.src)
			}
		case strings.HasPrefix(p.src[p.pos:], "/*"):
			if i := strings.Index(p.src[p.pos+2:], "*/"); i >= 0 {
				p.pos += i + 4
			} else {
				p.pos = len(p.src)
			}
		case strings.HasPrefix(p.src[p.pos:], "\u00a0") || strings.HasPrefix(p.src[p.pos:], "\ufeff"):
			_, n := utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += n
		default:
			return
		}
	}
}

const maxDepth = 100

// value parses one value; an expression that is not a literal becomes
// Code.
func (p *jsParser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.errorf("nested too deeply")
	}
	if p.eof() {
		return nil, p.errorf("unexpected end of the file")
	}
	start := p.pos
	v, err := p.literal(depth)
	if err != nil {
		return nil, err
	}
	p.space()
	if v != nil || p.pos > start {
		p.typeAssertion()
		if p.eof() || strings.IndexByte(",}])", p.src[p.pos]) >= 0 {
			return v, nil
		}
	}
	// Not a lone literal ('a' + b, f(x), x => y): skip the expression.
	p.pos = start
	if err := p.skipExpression(); err != nil {
		return nil, err
	}
	return Code{Text: strings.TrimSpace(p.src[start:p.pos])}, nil
}

// typeAssertion skips what TypeScript writes after a value and JavaScript
// does not run: "as const", "as Type", "satisfies Type", a non-null "!".
func (p *jsParser) typeAssertion() {
	for !p.eof() {
		switch w := p.word(); {
		case w == "as" || w == "satisfies":
			p.pos += len(w)
			depth := 0
			for !p.eof() {
				c := p.src[p.pos]
				if depth == 0 && strings.IndexByte(",}])", c) >= 0 {
					break
				}
				switch c {
				case '<', '(', '[', '{':
					depth++
				case '>', ')', ']', '}':
					depth--
				}
				p.pos++
			}
		case p.src[p.pos] == '!' && (p.pos+1 >= len(p.src) || p.src[p.pos+1] != '='):
			p.pos++
		default:
			return
		}
		p.space()
	}
}

// literal parses a literal, or returns (nil, nil) with pos unchanged when
// the value is not one.
func (p *jsParser) literal(depth int) (any, error) {
	c := p.src[p.pos]
	switch {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"' || c == '\'':
		return p.str(c)
	case c == '`':
		end := p.pos + 1
		for end < len(p.src) && p.src[end] != '`' {
			if p.src[end] == '\\' {
				end++
			} else if p.src[end] == '$' && end+1 < len(p.src) && p.src[end+1] == '{' {
				return nil, nil // a template with substitutions is code
			}
			end++
		}
		return p.str('`')
	case c == '/':
		return p.regexp()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	}
	word := p.word()
	switch word {
	case "true", "false":
		p.pos += len(word)
		return word == "true", nil
	case "null", "undefined":
		p.pos += len(word)
		return nil, nil
	}
	return nil, nil
}

// word returns the identifier at pos, without consuming it.
func (p *jsParser) word() string {
	end := p.pos
	for end < len(p.src) && isIdentByte(p.src[end]) {
		end++
	}
	return p.src[p.pos:end]
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (p *jsParser) object(depth int) (any, error) {
	p.pos++ // {
	o := &Object{Values: map[string]any{}}
	for {
		p.space()
		if p.eof() {
			return nil, p.errorf("missing \"}\"")
		}
		if p.src[p.pos] == '}' {
			p.pos++
			return o, nil
		}
		var key string
		switch c := p.src[p.pos]; {
		case c == '"' || c == '\'':
			s, err := p.str(c)
			if err != nil {
				return nil, err
			}
			key = s.(string)
		case c == '.' && strings.HasPrefix(p.src[p.pos:], "..."):
			return nil, p.errorf("a spread (...) cannot be read without running the code")
		case c == '[':
			return nil, p.errorf("a computed key cannot be read without running the code")
		default:
			key = p.word()
			if key == "" {
				return nil, p.errorf("unexpected %q in an object", string(c))
			}
			p.pos += len(key)
		}
		p.space()
		if p.eof() {
			return nil, p.errorf("missing \"}\"")
		}
		var v any
		switch p.src[p.pos] {
		case ':':
			p.pos++
			p.space()
			var err error
			if v, err = p.value(depth + 1); err != nil {
				return nil, err
			}
		case '(': // method key() {…}
			start := p.pos
			if err := p.skipExpression(); err != nil {
				return nil, err
			}
			v = Code{Text: key + p.src[start:p.pos]}
		default: // shorthand {key}
			v = Code{Text: key}
		}
		if _, dup := o.Values[key]; !dup {
			o.Keys = append(o.Keys, key)
		}
		o.Values[key] = v
		p.space()
		if p.eof() {
			return nil, p.errorf("missing \"}\"")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
		default:
			return nil, p.errorf("expected \",\" or \"}\" in an object, not %q", string(p.src[p.pos]))
		}
	}
}

func (p *jsParser) array(depth int) (any, error) {
	p.pos++ // [
	var out []any
	for {
		p.space()
		if p.eof() {
			return nil, p.errorf("missing \"]\"")
		}
		switch p.src[p.pos] {
		case ']':
			p.pos++
			return out, nil
		case ',': // a hole
			p.pos++
			continue
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.eof() {
			return nil, p.errorf("missing \"]\"")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
		default:
			return nil, p.errorf("expected \",\" or \"]\" in an array, not %q", string(p.src[p.pos]))
		}
	}
}

// str parses a string quoted with q.
func (p *jsParser) str(q byte) (any, error) {
	p.pos++
	var b strings.Builder
	for {
		if p.eof() {
			return nil, p.errorf("unterminated string")
		}
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c == '\n' && q != '`':
			return nil, p.errorf("unterminated string")
		case c != '\\':
			b.WriteByte(c)
			p.pos++
			continue
		}
		p.pos++
		if p.eof() {
			return nil, p.errorf("unterminated string")
		}
		e := p.src[p.pos]
		p.pos++
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case '\n':
		case '\r':
			if !p.eof() && p.src[p.pos] == '\n' {
				p.pos++
			}
		case 'x', 'u':
			n := 2
			if e == 'u' {
				n = 4
				if !p.eof() && p.src[p.pos] == '{' {
					end := strings.IndexByte(p.src[p.pos:], '}')
					if end < 0 {
						return nil, p.errorf("invalid \\u{…} escape")
					}
					r, err := strconv.ParseUint(p.src[p.pos+1:p.pos+end], 16, 32)
					if err != nil {
						return nil, p.errorf("invalid \\u{…} escape")
					}
					b.WriteRune(rune(r))
					p.pos += end + 1
					continue
				}
			}
			if p.pos+n > len(p.src) {
				return nil, p.errorf("invalid \\%c escape", e)
			}
			r, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
			if err != nil {
				return nil, p.errorf("invalid \\%c escape", e)
			}
			p.pos += n
			b.WriteRune(rune(r))
		default:
			b.WriteByte(e)
		}
	}
}

func (p *jsParser) number() (any, error) {
	start := p.pos
	if c := p.src[p.pos]; c == '-' || c == '+' {
		p.pos++
		p.space()
	}
	numStart := p.pos
	for !p.eof() && (isIdentByte(p.src[p.pos]) || p.src[p.pos] == '.' ||
		(p.src[p.pos] == '-' || p.src[p.pos] == '+') && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E')) {
		p.pos++
	}
	text := strings.ReplaceAll(p.src[numStart:p.pos], "_", "")
	var f float64
	if strings.HasPrefix(text, "0x") || strings.HasPrefix(text, "0X") {
		n, err := strconv.ParseUint(text[2:], 16, 64)
		if err != nil {
			p.pos = start
			return nil, nil
		}
		f = float64(n)
	} else {
		var err error
		if f, err = strconv.ParseFloat(text, 64); err != nil {
			p.pos = start
			return nil, nil
		}
	}
	if p.src[start] == '-' {
		f = -f
	}
	return f, nil
}

// regexp parses /source/flags.
func (p *jsParser) regexp() (any, error) {
	p.pos++
	start := p.pos
	inClass := false
	for {
		if p.eof() || p.src[p.pos] == '\n' {
			return nil, p.errorf("unterminated regular expression")
		}
		c := p.src[p.pos]
		switch {
		case c == '\\':
			p.pos++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			src := p.src[start:p.pos]
			p.pos++
			fstart := p.pos
			for !p.eof() && isIdentByte(p.src[p.pos]) {
				p.pos++
			}
			return RegExp{Source: src, Flags: p.src[fstart:p.pos]}, nil
		}
		p.pos++
	}
}

// skipExpression skips an expression up to a "," "}" "]" or ")" outside
// brackets, over strings, templates, regular expressions and comments.
func (p *jsParser) skipExpression() error {
	depth := 0
	prev := byte('(') // the last significant character: "/" after it starts a regexp
	for {
		p.space()
		if p.eof() {
			if depth == 0 {
				return nil
			}
			return p.errorf("unexpected end of the file in code")
		}
		c := p.src[p.pos]
		switch {
		case c == '(' || c == '{' || c == '[':
			depth++
			p.pos++
		case c == ')' || c == '}' || c == ']':
			if depth == 0 {
				return nil
			}
			depth--
			p.pos++
		case c == ',' && depth == 0:
			return nil
		case c == '"' || c == '\'':
			if _, err := p.str(c); err != nil {
				return err
			}
		case c == '`':
			if err := p.skipTemplate(); err != nil {
				return err
			}
		case c == '/' && strings.IndexByte("(,=:[!&|?{};+-*%<>~^", prev) >= 0:
			if _, err := p.regexp(); err != nil {
				return err
			}
		default:
			p.pos++
		}
		prev = c
	}
}

// skipTemplate skips a template literal, substitutions included.
func (p *jsParser) skipTemplate() error {
	p.pos++
	for !p.eof() {
		switch c := p.src[p.pos]; {
		case c == '\\':
			p.pos += 2
		case c == '`':
			p.pos++
			return nil
		case c == '$' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '{':
			p.pos += 2
			if err := p.skipExpression(); err != nil {
				return err
			}
			if !p.eof() && p.src[p.pos] == '}' {
				p.pos++
			}
		default:
			p.pos++
		}
	}
	return p.errorf("unterminated template")
}
