package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a policy file, located by a JSON pointer
// (RFC 6901; "" is the whole document).
type Problem struct {
	Pointer string
	Message string
	// Line and Column (1-based, in characters) locate a JSON syntax error,
	// which has no pointer; 0 otherwise.
	Line, Column int
}

// String returns "pointer: message" ("/: message" for the whole
// document), or "line:column: message" for a syntax error.
func (p Problem) String() string {
	switch {
	case p.Line > 0:
		return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": " + p.Message
	case p.Pointer == "":
		return "/: " + p.Message
	}
	return p.Pointer + ": " + p.Message
}

// Problems lists everything wrong with a policy file. It is the error
// Parse returns.
type Problems []Problem

// Error returns one "pointer: message" line per problem.
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// PointerToken escapes one reference token of a JSON pointer: "~" becomes
// "~0" and "/" becomes "~1" (RFC 6901 §3).
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}

// ptrKey appends an object key to a pointer.
func ptrKey(base, key string) string {
	return base + "/" + PointerToken(key)
}

// ptrItem appends an array index to a pointer.
func ptrItem(base string, i int) string {
	return base + "/" + strconv.Itoa(i)
}

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 40

// quoteVal quotes a value for a message, shortened when long.
func quoteVal(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
