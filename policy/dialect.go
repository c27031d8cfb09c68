package policy

import (
	"strconv"
	"unicode/utf8"
)

// CheckPattern reports whether s is a cookie-name pattern in the dialect of
// docs/policy.md#the-pattern-dialect: the part of regular expressions on which RE2 (Go) and
// JavaScript's RegExp (with the flags "su") agree. It allows literals, ".",
// classes such as [a-z0-9_] and [^…], \d \w \D \W, escaped
// metacharacters, groups ( ) and (?: ), alternation, the quantifiers
// * + ? {n} {n,} {n,m} (also lazy), and ^ $. The error says what is not
// allowed and where (a 1-based character position).
//
// Every consumer checks with it: Parse (so `consent validate` and the
// browser refuse the same patterns), the scanner's drafts and the importer.
// A pattern it accepts compiles in both engines and matches the same names
// when both match AnchoredPattern as JSPatternFlags says.
func CheckPattern(s string) error {
	if s == "" {
		return patternError("must not be empty")
	}
	if len(s) > MaxPatternLength {
		return patternError("is longer than " + strconv.Itoa(MaxPatternLength) + " bytes")
	}
	if !utf8.ValidString(s) {
		return patternError("is not valid UTF-8")
	}
	d := &dialect{src: s}
	d.alternation(0)
	if d.err == nil && d.pos < len(s) {
		// alternation stops only at ")" or the end.
		d.fail(d.pos, "unmatched \")\"")
	}
	return d.err
}

// MaxPatternLength is the longest pattern a policy may have, in bytes.
const MaxPatternLength = 1000

// maxRepeat is the largest count of {n,m} and of nested counts multiplied,
// RE2's limit.
const maxRepeat = 1000

// maxGroupDepth bounds how deeply groups nest.
const maxGroupDepth = 100

// JSPatternFlags are the flags the browser compiles a checked pattern with:
// "s" so that "." matches every character as in the Go engine's (?s), "u"
// so that both match code points, not UTF-16 code units.
const JSPatternFlags = "su"

// AnchoredPattern is the expression a checked pattern is compiled as in
// both engines: matched against the whole name. Go compiles it with the
// (?s) flag (see JSPatternFlags).
func AnchoredPattern(s string) string { return "^(?:" + s + ")$" }

// dialect is the state of CheckPattern's recursive-descent parser.
type dialect struct {
	src string
	pos int
	err error
}

func (d *dialect) fail(at int, msg string) {
	if d.err == nil {
		d.err = patternError("at character " + strconv.Itoa(utf8.RuneCountInString(d.src[:at])+1) + ": " + msg)
	}
}

func (d *dialect) more() bool { return d.err == nil && d.pos < len(d.src) }

func (d *dialect) peek() byte { return d.src[d.pos] }

// alternation parses branches separated by "|" up to ")" or the end and
// returns the largest repeat factor inside it.
func (d *dialect) alternation(depth int) int {
	most := 1
	for {
		if f := d.concat(depth); f > most {
			most = f
		}
		if !d.more() || d.peek() != '|' {
			return most
		}
		d.pos++
	}
}

// concat parses atoms, each with an optional quantifier.
func (d *dialect) concat(depth int) int {
	most := 1
	for d.more() {
		c := d.peek()
		if c == '|' || c == ')' {
			break
		}
		start := d.pos
		inner, repeatable := d.atom(depth)
		if d.err != nil {
			return most
		}
		factor := inner
		if d.more() && isQuantifierStart(d.peek()) {
			if !repeatable {
				d.fail(d.pos, "nothing to repeat before "+strconv.Quote(string(d.peek()))+" (write \\"+string(d.peek())+" for the character itself)")
				return most
			}
			n := d.quantifier()
			if d.err != nil {
				return most
			}
			factor *= n
			if factor > maxRepeat {
				d.fail(start, "repetition counts multiply to more than "+strconv.Itoa(maxRepeat))
				return most
			}
		}
		if factor > most {
			most = factor
		}
	}
	return most
}

func isQuantifierStart(c byte) bool { return c == '*' || c == '+' || c == '?' || c == '{' }

// quantifier parses * + ? {n} {n,} {n,m}, each optionally followed by "?"
// (lazy), and returns its largest count that bounds repetition (1 for the
// unbounded ones: they do not grow the expression).
func (d *dialect) quantifier() int {
	n := 1
	switch d.peek() {
	case '*', '+', '?':
		d.pos++
	case '{':
		start := d.pos
		d.pos++
		lo, ok := d.number()
		if !ok {
			d.fail(start, "\"{\" must start a repetition {n}, {n,} or {n,m} (write \\{ for the character itself)")
			return 1
		}
		hi := lo
		if d.more() && d.peek() == ',' {
			d.pos++
			hi = -1
			if d.more() && d.peek() != '}' {
				if hi, ok = d.number(); !ok {
					d.fail(start, "invalid repetition: expected {n}, {n,} or {n,m}")
					return 1
				}
			}
		}
		if !d.more() || d.peek() != '}' {
			d.fail(start, "invalid repetition: expected {n}, {n,} or {n,m}")
			return 1
		}
		d.pos++
		switch {
		case lo > maxRepeat || hi > maxRepeat:
			d.fail(start, "repetition count above "+strconv.Itoa(maxRepeat))
			return 1
		case hi >= 0 && hi < lo:
			d.fail(start, "invalid repetition "+d.src[start:d.pos]+": the maximum is below the minimum")
			return 1
		}
		n = max(lo, hi, 1)
	}
	if d.more() && d.peek() == '?' {
		d.pos++ // lazy
	}
	if d.more() && isQuantifierStart(d.peek()) {
		d.fail(d.pos, "a repetition cannot be repeated: put the repeated part in a group (?:…)")
	}
	return n
}

// number parses decimal digits (at most 4, more are above maxRepeat).
func (d *dialect) number() (int, bool) {
	start := d.pos
	for d.pos < len(d.src) && d.src[d.pos] >= '0' && d.src[d.pos] <= '9' {
		d.pos++
	}
	if d.pos == start {
		return 0, false
	}
	if d.pos-start > 4 {
		return maxRepeat + 1, true
	}
	n, _ := strconv.Atoi(d.src[start:d.pos])
	return n, true
}

// atom parses one atom and returns the repeat factor inside it and whether
// a quantifier may follow it.
func (d *dialect) atom(depth int) (int, bool) {
	start := d.pos
	c := d.peek()
	switch c {
	case '(':
		return d.group(depth), true
	case '[':
		d.class()
		return 1, true
	case '\\':
		d.escape(false)
		return 1, true
	case '^', '$':
		d.pos++
		return 1, false
	case '*', '+', '?':
		d.fail(start, "nothing to repeat before "+strconv.Quote(string(c))+" (write \\"+string(c)+" for the character itself)")
	case '{', '}', ']':
		d.fail(start, "write \\"+string(c)+" for the character "+strconv.Quote(string(c)))
	default:
		_, size := utf8.DecodeRuneInString(d.src[d.pos:])
		d.pos += size
	}
	return 1, true
}

// group parses ( … ) or (?: … ) and refuses every other (?…) form.
func (d *dialect) group(depth int) int {
	start := d.pos
	if depth >= maxGroupDepth {
		d.fail(start, "groups nested more than "+strconv.Itoa(maxGroupDepth)+" deep")
		return 1
	}
	d.pos++
	if d.more() && d.peek() == '?' {
		rest := d.src[d.pos+1:]
		switch {
		case len(rest) > 0 && rest[0] == ':':
			d.pos += 2
		case hasPrefix(rest, "=") || hasPrefix(rest, "!"):
			d.fail(start, "look-ahead (?= (?! is not allowed")
			return 1
		case hasPrefix(rest, "<=") || hasPrefix(rest, "<!"):
			d.fail(start, "look-behind (?<= (?<! is not allowed")
			return 1
		case hasPrefix(rest, "P<") || hasPrefix(rest, "<") || hasPrefix(rest, "'") || hasPrefix(rest, "P="):
			d.fail(start, "named groups are not allowed: use ( ) or (?: )")
			return 1
		case hasPrefix(rest, "#"):
			d.fail(start, "comments (?# ) are not allowed")
			return 1
		default:
			d.fail(start, "flags such as (?i) are not allowed: the dialect has no flags (write [Aa] for either case)")
			return 1
		}
	}
	f := d.alternation(depth + 1)
	if d.err != nil {
		return 1
	}
	if !d.more() || d.peek() != ')' {
		d.fail(start, "missing \")\" for this \"(\"")
		return 1
	}
	d.pos++
	return f
}

// classEscapes are the escapes that stand for a set of characters.
const classEscapes = "dDwW"

// metaEscapes are the characters that may (and, outside a class, must) be
// escaped with a backslash to stand for themselves; "-" only in a class.
const metaEscapes = `\.+*?()|[]{}^$/`

// escape parses a backslash sequence and reports whether it is a single
// character (a class escape such as \d is not).
func (d *dialect) escape(inClass bool) bool {
	start := d.pos
	d.pos++
	if d.pos >= len(d.src) {
		d.fail(start, "trailing backslash: write \\\\ for a backslash")
		return false
	}
	r, size := utf8.DecodeRuneInString(d.src[d.pos:])
	d.pos += size
	seq := `\` + string(r)
	switch {
	case r < utf8.RuneSelf && indexByte(classEscapes, byte(r)) >= 0:
		return false
	case r < utf8.RuneSelf && indexByte(metaEscapes, byte(r)) >= 0:
		return true
	case r == '-' && inClass:
		return true
	case r == '-':
		d.fail(start, `\- is only needed in a class [ ]: write - alone`)
	case r == 's' || r == 'S':
		d.fail(start, seq+" is not allowed (cookie names have no white space)")
	case r == 'A' || r == 'z' || r == 'Z':
		d.fail(start, seq+" is not allowed: use ^ and $ (the pattern is matched against the whole name anyway)")
	case r == 'b' || r == 'B':
		d.fail(start, seq+" (word boundary) is not allowed")
	case r == 'p' || r == 'P':
		d.fail(start, "Unicode classes such as "+seq+"L are not allowed: use a class such as [a-z]")
	case r == 'Q' || r == 'E':
		d.fail(start, `\Q…\E is not allowed: escape each metacharacter with \`)
	case r >= '0' && r <= '9':
		d.fail(start, "back-references and octal escapes such as "+seq+" are not allowed")
	case r == 'k':
		d.fail(start, `named back-references \k<…> are not allowed`)
	case r == 'x' || r == 'u' || r == 'c' || r == 'C' || r == 'o':
		d.fail(start, "character codes such as "+seq+" are not allowed: write the character itself")
	case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
		d.fail(start, "the escape "+seq+" is not allowed (allowed: \\d \\D \\w \\W and escaped metacharacters)")
	default:
		d.fail(start, seq+": "+strconv.QuoteRune(r)+" needs no backslash")
	}
	return false
}

// class parses [ … ] or [^ … ]: characters, ranges a-z, \d \w \D \W and
// escaped characters. "]" and "[" inside must be escaped; "-" stands for
// itself only first or last.
func (d *dialect) class() {
	start := d.pos
	d.pos++
	if d.more() && d.peek() == '^' {
		d.pos++
	}
	if d.more() && d.peek() == ']' {
		d.fail(start, "empty class: write \\] for the character \"]\"")
		return
	}
	first := d.pos
	// prev is the last single character, -1 after a class escape or a range.
	prev := rune(-1)
	for {
		if !d.more() {
			if d.err == nil {
				d.fail(start, "missing \"]\" for this \"[\"")
			}
			return
		}
		at := d.pos
		c := d.peek()
		switch {
		case c == ']':
			d.pos++
			return
		case c == '[':
			if hasPrefix(d.src[at:], "[:") {
				d.fail(at, "POSIX classes such as [:alpha:] are not allowed: use a class such as [a-zA-Z]")
			} else {
				d.fail(at, "write \\[ for the character \"[\" in a class")
			}
			return
		case c == '-' && (at == first || d.pos+1 < len(d.src) && d.src[d.pos+1] == ']'):
			d.pos++
			prev = '-'
		case c == '-':
			if prev < 0 {
				d.fail(at, "a range must go from one character to another: write \\- for the character \"-\"")
				return
			}
			d.pos++
			if !d.more() {
				d.fail(start, "missing \"]\" for this \"[\"")
				return
			}
			hi, ok := d.classChar()
			if d.err != nil {
				return
			}
			if !ok {
				d.fail(at, "a range must go from one character to another: write \\- for the character \"-\"")
				return
			}
			if hi < prev {
				d.fail(at-utf8.RuneLen(prev), "invalid range "+strconv.Quote(string(prev)+"-"+string(hi))+": the end is before the start")
				return
			}
			prev = -1
		default:
			r, ok := d.classChar()
			if d.err != nil {
				return
			}
			prev = -1
			if ok {
				prev = r
			}
		}
	}
}

// classChar parses one character or escape in a class and returns the
// character, or false for a class escape such as \d.
func (d *dialect) classChar() (rune, bool) {
	if d.peek() == '\\' {
		at := d.pos
		if !d.escape(true) {
			return 0, false
		}
		r, _ := utf8.DecodeRuneInString(d.src[at+1:])
		return r, true
	}
	switch c := d.peek(); c {
	case '[', ']':
		d.fail(d.pos, "write \\"+string(c)+" for the character "+strconv.Quote(string(c))+" in a class")
		return 0, false
	}
	r, size := utf8.DecodeRuneInString(d.src[d.pos:])
	d.pos += size
	return r, true
}

func hasPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
