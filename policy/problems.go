package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a policy file, located by a JSON pointer
// (RFC 6901; "" is the whole document) and by line and column.
type Problem struct {
	Pointer string
	Message string
	// Line and Column (1-based; Column counts characters) locate the
	// problem in the file: the value its pointer names (for a missing
	// field, the object that lacks it), or where a JSON syntax error was
	// found. 0 when the policy was not parsed from text.
	Line, Column int
	// Syntax marks a JSON syntax error, which has no pointer.
	Syntax bool
}

// String returns "pointer: message" ("/: message" for the whole
// document), or "line:column: message" for a syntax error. FileString
// puts the file and the place first.
func (p Problem) String() string {
	switch {
	case p.Syntax:
		return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": " + p.Message
	case p.Pointer == "":
		return "/: " + p.Message
	}
	return p.Pointer + ": " + p.Message
}

// FileString returns "file:line:column: pointer: message", the form
// editors and terminals jump from ("file:line:column: message" for a
// syntax error; without line and column when they are unknown).
func (p Problem) FileString(file string) string {
	where := file
	if p.Line > 0 {
		where += ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	}
	if p.Syntax {
		return where + ": " + p.Message
	}
	ptr := p.Pointer
	if ptr == "" {
		ptr = "/"
	}
	return where + ": " + ptr + ": " + p.Message
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

// QuoteValue quotes a value for a problem's message, shortened to
// maxQuoted characters when long; the CLI's warnings quote alike.
func QuoteValue(s string) string { return quoteVal(s) }

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
