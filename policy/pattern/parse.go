package pattern

import (
	"strconv"
	"unicode/utf8"
)

// A node is one piece of a parsed pattern.
type node struct {
	kind kind
	// set is a character node's sorted, disjoint ranges lo, hi, lo, hi….
	set []rune
	// subs are a concatenation's or an alternation's parts, a repeat's one.
	subs []*node
	// min and max are a repeat's counts; max < 0 is unbounded.
	min, max int
	// at is where the node starts in the pattern, in bytes.
	at int
}

type kind uint8

const (
	kindChar   kind = iota // one character of set
	kindConcat             // subs one after another (none: the empty string)
	kindAlt                // one of subs
	kindRepeat             // subs[0], min to max times
	kindBegin              // ^
	kindEnd                // $
)

// anyChar is the set of ".": every character, as with the (?s) flag.
var anyChar = []rune{0, utf8.MaxRune}

// digit and word are \d and \w: ASCII, as in RE2 and in JavaScript;
// notDigit and notWord are \D and \W, negate(digit) and negate(word)
// written out, so that they are static data rather than work done before
// main on every page load.
var (
	digit    = []rune{'0', '9'}
	word     = []rune{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}
	notDigit = []rune{0, '0' - 1, '9' + 1, utf8.MaxRune}
	notWord  = []rune{0, '0' - 1, '9' + 1, 'A' - 1, 'Z' + 1, '_' - 1, '_' + 1, 'a' - 1, 'z' + 1, utf8.MaxRune}
)

// single is the set of one character. Not inlined, to keep the wasm small.
//
//go:noinline
func single(r rune) []rune { return []rune{r, r} }

// parser is the state of the recursive-descent parser.
type parser struct {
	src string
	pos int
	err error
}

// parse parses a whole pattern.
func parse(s string) (*node, error) {
	if s == "" {
		return nil, Error("must not be empty")
	}
	if len(s) > MaxLength {
		return nil, Error("is longer than " + itoa(MaxLength) + " bytes")
	}
	if !utf8.ValidString(s) {
		return nil, Error("is not valid UTF-8")
	}
	d := &parser{src: s}
	n, _ := d.alternation(0)
	if d.err == nil && d.pos < len(s) {
		// alternation stops only at ")" or the end.
		d.fail(d.pos, "unmatched \")\"")
	}
	return n, d.err
}

// place is the message's prefix for a byte offset: a 1-based character
// position.
func place(src string, at int) string {
	return "at character " + itoa(utf8.RuneCountInString(src[:at])+1) + ": "
}

// fail records the first error. Not inlined: it is called from many
// places, and each inlined copy would grow the wasm.
//
//go:noinline
func (d *parser) fail(at int, msg string) {
	if d.err == nil {
		d.err = Error(place(d.src, at) + msg)
	}
}

func (d *parser) more() bool { return d.err == nil && d.pos < len(d.src) }

func (d *parser) peek() byte { return d.src[d.pos] }

// alternation parses branches separated by "|" up to ")" or the end and
// returns them with the largest repeat factor inside.
func (d *parser) alternation(depth int) (*node, int) {
	alt := &node{kind: kindAlt, at: d.pos}
	most := 1
	for {
		n, f := d.concat(depth)
		alt.subs = append(alt.subs, n)
		most = max(most, f)
		if !d.more() || d.peek() != '|' {
			break
		}
		d.pos++
	}
	if len(alt.subs) == 1 {
		return alt.subs[0], most
	}
	return alt, most
}

// concat parses atoms, each with an optional quantifier.
func (d *parser) concat(depth int) (*node, int) {
	cat := &node{kind: kindConcat, at: d.pos}
	most := 1
	for d.more() {
		c := d.peek()
		if c == '|' || c == ')' {
			break
		}
		start := d.pos
		atom, inner, repeatable := d.atom(depth)
		if d.err != nil {
			break
		}
		factor := inner
		if d.more() && isQuantifierStart(d.peek()) {
			if !repeatable {
				d.fail(d.pos, "nothing to repeat before "+strconv.Quote(string(d.peek()))+" (write \\"+string(d.peek())+" for the character itself)")
				break
			}
			lo, hi := d.quantifier()
			if d.err != nil {
				break
			}
			atom = &node{kind: kindRepeat, subs: []*node{atom}, min: lo, max: hi, at: start}
			factor *= max(lo, hi, 1)
			if factor > maxRepeat {
				d.fail(start, "repetition counts multiply to more than "+itoa(maxRepeat))
				break
			}
		}
		most = max(most, factor)
		cat.subs = append(cat.subs, atom)
	}
	if len(cat.subs) == 1 {
		return cat.subs[0], most
	}
	return cat, most
}

func isQuantifierStart(c byte) bool { return c == '*' || c == '+' || c == '?' || c == '{' }

// quantifier parses * + ? {n} {n,} {n,m}, each optionally followed by "?"
// (lazy, which matching a whole name need not tell apart), and returns its
// counts (max < 0: unbounded).
func (d *parser) quantifier() (lo, hi int) {
	switch d.peek() {
	case '*':
		d.pos++
		lo, hi = 0, -1
	case '+':
		d.pos++
		lo, hi = 1, -1
	case '?':
		d.pos++
		lo, hi = 0, 1
	case '{':
		start := d.pos
		d.pos++
		var ok bool
		lo, ok = d.number()
		if !ok {
			d.fail(start, "\"{\" must start a repetition {n}, {n,} or {n,m} (write \\{ for the character itself)")
			return 0, 0
		}
		hi = lo
		if d.more() && d.peek() == ',' {
			d.pos++
			hi = -1
			if d.more() && d.peek() != '}' {
				if hi, ok = d.number(); !ok {
					d.fail(start, "invalid repetition: expected {n}, {n,} or {n,m}")
					return 0, 0
				}
			}
		}
		if !d.more() || d.peek() != '}' {
			d.fail(start, "invalid repetition: expected {n}, {n,} or {n,m}")
			return 0, 0
		}
		d.pos++
		switch {
		case lo > maxRepeat || hi > maxRepeat:
			d.fail(start, "repetition count above "+itoa(maxRepeat))
			return 0, 0
		case hi >= 0 && hi < lo:
			d.fail(start, "invalid repetition "+d.src[start:d.pos]+": the maximum is below the minimum")
			return 0, 0
		}
	}
	if d.more() && d.peek() == '?' {
		d.pos++ // lazy
	}
	if d.more() && isQuantifierStart(d.peek()) {
		d.fail(d.pos, "a repetition cannot be repeated: write one (x{6} for x{2}{3}, x* for x**)")
	}
	return lo, hi
}

// number parses decimal digits (at most 4, more are above maxRepeat), with
// no leading zero.
func (d *parser) number() (int, bool) {
	start := d.pos
	for d.pos < len(d.src) && d.src[d.pos] >= '0' && d.src[d.pos] <= '9' {
		d.pos++
	}
	if d.pos == start {
		return 0, false
	}
	if d.src[start] == '0' && d.pos-start > 1 {
		// RE2 reads {02} as the characters "{02}", JavaScript as {2}.
		d.fail(start, "a count must not start with 0: write "+d.src[start:d.pos][1:]+" for "+d.src[start:d.pos])
		return 0, true
	}
	if d.pos-start > 4 {
		return maxRepeat + 1, true
	}
	n, _ := strconv.Atoi(d.src[start:d.pos])
	return n, true
}

// atom parses one atom and returns it, the repeat factor inside it and
// whether a quantifier may follow it.
func (d *parser) atom(depth int) (*node, int, bool) {
	start := d.pos
	c := d.peek()
	switch c {
	case '(':
		n, f := d.group(depth)
		return n, f, true
	case '[':
		return d.class(), 1, true
	case '\\':
		set, _ := d.escape(false)
		return &node{kind: kindChar, set: set, at: start}, 1, true
	case '^':
		d.pos++
		return &node{kind: kindBegin, at: start}, 1, false
	case '$':
		d.pos++
		return &node{kind: kindEnd, at: start}, 1, false
	case '.':
		d.pos++
		return &node{kind: kindChar, set: anyChar, at: start}, 1, true
	case '*', '+', '?':
		d.fail(start, "nothing to repeat before "+strconv.Quote(string(c))+" (write \\"+string(c)+" for the character itself)")
	case '{', '}', ']':
		d.fail(start, "write \\"+string(c)+" for the character "+strconv.Quote(string(c)))
	default:
		r, size := utf8.DecodeRuneInString(d.src[d.pos:])
		d.pos += size
		return &node{kind: kindChar, set: single(r), at: start}, 1, true
	}
	return nil, 1, true
}

// group parses ( … ) or (?: … ) and refuses every other (?…) form.
func (d *parser) group(depth int) (*node, int) {
	start := d.pos
	if depth >= maxGroupDepth {
		d.fail(start, "groups nested more than "+itoa(maxGroupDepth)+" deep")
		return nil, 1
	}
	d.pos++
	if d.more() && d.peek() == '?' {
		rest := d.src[d.pos+1:]
		switch {
		case len(rest) > 0 && rest[0] == ':':
			d.pos += 2
		case hasPrefix(rest, "=") || hasPrefix(rest, "!"):
			d.fail(start, "look-ahead (?= (?! is not allowed")
			return nil, 1
		case hasPrefix(rest, "<=") || hasPrefix(rest, "<!"):
			d.fail(start, "look-behind (?<= (?<! is not allowed")
			return nil, 1
		case hasPrefix(rest, "P<") || hasPrefix(rest, "<") || hasPrefix(rest, "'") || hasPrefix(rest, "P="):
			d.fail(start, "named groups are not allowed: use ( ) or (?: )")
			return nil, 1
		case hasPrefix(rest, "#"):
			d.fail(start, "comments (?# ) are not allowed")
			return nil, 1
		default:
			d.fail(start, "flags such as (?i) are not allowed: the dialect has no flags (write [Aa] for either case)")
			return nil, 1
		}
	}
	n, f := d.alternation(depth + 1)
	if d.err != nil {
		return nil, 1
	}
	if !d.more() || d.peek() != ')' {
		d.fail(start, "missing \")\" for this \"(\"")
		return nil, 1
	}
	d.pos++
	return n, f
}

// classEscapes are the escapes that stand for a set of characters.
const classEscapes = "dDwW"

// metaEscapes are the characters that may (and, outside a class, must) be
// escaped with a backslash to stand for themselves; "-" only in a class.
const metaEscapes = `\.+*?()|[]{}^$/`

// escape parses a backslash sequence and returns its set of characters and
// whether it is a single character (a class escape such as \d is not).
func (d *parser) escape(inClass bool) ([]rune, bool) {
	start := d.pos
	d.pos++
	if d.pos >= len(d.src) {
		d.fail(start, "trailing backslash: write \\\\ for a backslash")
		return nil, false
	}
	r, size := utf8.DecodeRuneInString(d.src[d.pos:])
	d.pos += size
	seq := `\` + string(r)
	switch {
	case r == 'd':
		return digit, false
	case r == 'D':
		return notDigit, false
	case r == 'w':
		return word, false
	case r == 'W':
		return notWord, false
	case r < utf8.RuneSelf && indexByte(metaEscapes, byte(r)) >= 0:
		return single(r), true
	case r == '-' && inClass:
		return single(r), true
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
	return nil, false
}

// class parses [ … ] or [^ … ]: characters, ranges a-z, \d \w \D \W and
// escaped characters. "]" and "[" inside must be escaped; "-" stands for
// itself only first or last.
func (d *parser) class() *node {
	start := d.pos
	d.pos++
	negated := false
	if d.more() && d.peek() == '^' {
		d.pos++
		negated = true
	}
	if d.more() && d.peek() == ']' {
		d.fail(start, "empty class: write \\] for the character \"]\"")
		return nil
	}
	first := d.pos
	var set []rune
	// prev is the last single character, -1 after a class escape or a range.
	prev := rune(-1)
	for {
		if !d.more() {
			if d.err == nil {
				d.fail(start, "missing \"]\" for this \"[\"")
			}
			return nil
		}
		at := d.pos
		c := d.peek()
		switch {
		case c == ']':
			d.pos++
			set = normalize(set)
			if negated {
				set = negate(set)
			}
			return &node{kind: kindChar, set: set, at: start}
		case c == '[':
			if hasPrefix(d.src[at:], "[:") {
				d.fail(at, "POSIX classes such as [:alpha:] are not allowed: use a class such as [a-zA-Z]")
			} else {
				d.fail(at, "write \\[ for the character \"[\" in a class")
			}
			return nil
		case c == '-' && (at == first || d.pos+1 < len(d.src) && d.src[d.pos+1] == ']'):
			d.pos++
			set = append(set, '-', '-')
			prev = '-'
		case c == '-':
			if prev < 0 {
				d.fail(at, "a range must go from one character to another: write \\- for the character \"-\"")
				return nil
			}
			d.pos++
			if !d.more() {
				d.fail(start, "missing \"]\" for this \"[\"")
				return nil
			}
			hi, _, ok := d.classChar()
			if d.err != nil {
				return nil
			}
			if !ok {
				d.fail(at, "a range must go from one character to another: write \\- for the character \"-\"")
				return nil
			}
			if hi < prev {
				d.fail(at-utf8.RuneLen(prev), "invalid range "+strconv.Quote(string(prev)+"-"+string(hi))+": the end is before the start")
				return nil
			}
			set = append(set, prev, hi)
			prev = -1
		default:
			r, s, ok := d.classChar()
			if d.err != nil {
				return nil
			}
			set = append(set, s...)
			prev = -1
			if ok {
				prev = r
			}
		}
	}
}

// classChar parses one character or escape in a class and returns the
// character, its set, and false for a class escape such as \d.
func (d *parser) classChar() (rune, []rune, bool) {
	if d.peek() == '\\' {
		at := d.pos
		s, ok := d.escape(true)
		if !ok {
			return 0, s, false
		}
		r, _ := utf8.DecodeRuneInString(d.src[at+1:])
		return r, s, true
	}
	switch c := d.peek(); c {
	case '[', ']':
		d.fail(d.pos, "write \\"+string(c)+" for the character "+strconv.Quote(string(c))+" in a class")
		return 0, nil, false
	}
	r, size := utf8.DecodeRuneInString(d.src[d.pos:])
	d.pos += size
	return r, single(r), true
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
